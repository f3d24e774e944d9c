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

test('store: small series share an arena; growth, promotion, order and retention keep every point', () => {
  const store = new MetricStore();
  // Interleave many series so each arena slot move happens while neighbours also grow;
  // series i gets i+1 points, written newest-first for odd i (out of order).
  const expected = new Map<string, Array<[number, number]>>();
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 20; i++) {
      if (round > i) continue;
      const t = i % 2 === 1 ? (i - round) * 1000 : round * 1000;
      store.recordTagged('m', 'k', `s${i}`, t, i * 100 + round);
      const list = expected.get(`s${i}`) ?? [];
      list.push([t, i * 100 + round]);
      expected.set(`s${i}`, list);
    }
  }
  // A MetricPoint line with the same single tag lands in the same series.
  store.record('m', { k: 's3' }, 99_000, 7);
  expected.get('s3')?.push([99_000, 7]);
  for (const [value, points] of expected) {
    const [series] = store.seriesOf('m', { k: value });
    assert.ok(series);
    assert.equal(store.seriesOf('m', { k: value }).length, 1);
    series.ensureOrdered();
    const sorted = [...points].sort((a, b) => a[0] - b[0]);
    assert.deepEqual([...series.tsView()], sorted.map((p) => p[0]), value);
    assert.deepEqual([...series.valuesView()], sorted.map((p) => p[1]), value);
  }
  assert.equal(store.pointCount, 20 * 21 / 2 + 1);
  // Retention inside arena slots and own columns alike.
  store.dropBefore(5000);
  for (const [value, points] of expected) {
    const [series] = store.seriesOf('m', { k: value });
    const kept = points.filter((p) => p[0] >= 5000).sort((a, b) => a[0] - b[0]);
    assert.deepEqual([...(series?.tsView() ?? [])], kept.map((p) => p[0]), value);
  }
  // Tags are data: a `__proto__` or `constructor` tag key is an own key, nothing inherited.
  store.recordTagged('x', '__proto__', 'p', 1, 1);
  store.recordTagged('x', 'constructor', 'c', 1, 1);
  const tags = store.seriesOf('x').map((s) => s.tags);
  assert.deepEqual(tags.map((t) => Object.keys(t)), [['__proto__'], ['constructor']]);
  assert.equal(Object.getPrototypeOf(tags[0]), null);
  assert.equal(store.seriesOf('x', { constructor: 'c' }).length, 1);
});
