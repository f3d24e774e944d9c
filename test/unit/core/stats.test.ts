import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { percentileSorted, summarize } from '../../../src/core/metrics/stats';
import { MetricStore } from '../../../src/core/metrics/store';

test('percentiles interpolate linearly between closest ranks (numpy default)', () => {
  const sorted = [1, 2, 3, 4, 10];
  assert.equal(percentileSorted(sorted, 50), 3);
  // numpy 2.4: np.percentile([1,2,3,4,10], 90) == 7.6000000000000005 (its lerp works from the nearer end).
  assert.equal(percentileSorted(sorted, 90), 7.6000000000000005);
  assert.equal(percentileSorted(sorted, 95), 8.799999999999999);
  assert.equal(percentileSorted(sorted, 99), 9.76);
  // Values from numpy 2.4.6, bit for bit.
  const r = [0.5, 1.25, 3.75, 3.8, 7, 11.1, 20, 21.5];
  assert.deepEqual([50, 90, 95, 99].map((p) => percentileSorted(r, p)), [5.4, 20.45, 20.974999999999998, 21.395]);
  assert.equal(percentileSorted([7], 99), 7);
});

test('summary matches Python statistics: sample stddev, median of an even count', () => {
  const s = summarize(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]));
  assert.equal(s.count, 8);
  assert.equal(s.sum, 40);
  assert.equal(s.mean, 5);
  assert.equal(s.median, 4.5);
  assert.equal(s.min, 2);
  assert.equal(s.max, 9);
  assert.ok(Math.abs(s.stddev - 2.138089935299395) < 1e-12); // statistics.stdev
  assert.equal(summarize(Float64Array.from([3])).stddev, 0);
});

test('mean stays accurate with large offsets (no catastrophic cancellation)', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 2 ? 0.1 : 0.3));
  const s = summarize(values);
  assert.ok(Math.abs(s.mean - (1e9 + 0.2)) < 1e-6);
  assert.ok(Math.abs(s.stddev - 0.1000500375) < 1e-6);
});

test('store: tag subset filter, inclusive time range, no-match message, out-of-order points', () => {
  const store = new MetricStore();
  store.record('m', { a: '1', b: '2' }, 3000, 30);
  store.record('m', { a: '1', b: '2' }, 1000, 10);
  store.record('m', { a: '1', b: '3' }, 2000, 20);
  store.record('m', { a: '9' }, 2000, 99);
  const byA = store.summary('m', {}, { a: '1' });
  assert.equal(byA.count, 3);
  const ranged = store.summary('m', { from: 1000, to: 2000 }, { a: '1' });
  assert.equal(ranged.count, 2);
  assert.ok('oldest_timestamp' in ranged);
  assert.equal(ranged.oldest_timestamp, '1970-01-01T00:00:01.000000Z');
  assert.equal(ranged.latest_timestamp, '1970-01-01T00:00:02.000000Z');
  assert.deepEqual(store.summary('m', {}, { a: 'nope' }), { count: 0, message: 'No metrics found' });
  assert.deepEqual(store.summary('absent'), { count: 0, message: 'No metrics found' });
});

test('retention drops points older than the cutoff only', () => {
  const store = new MetricStore();
  for (let t = 0; t < 10; t++) store.record('m', {}, t * 1000, t);
  store.dropBefore(5000);
  const s = store.summary('m');
  assert.equal(s.count, 5);
  assert.equal('min' in s && s.min, 5);
  assert.equal(store.pointCount, 5);
});
