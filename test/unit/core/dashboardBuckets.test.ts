import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bucketOf, chooseBucketMs, rangeAxis } from '../../../src/core/dashboard/axis';
import { bucketStats, cumulativeSeries, toSeries } from '../../../src/core/dashboard/bucketStats';
import type { PointSlice } from '../../../src/core/dashboard/points';
import { percentileInPlace } from '../../../src/core/dashboard/select';
import { percentileSorted } from '../../../src/core/metrics/stats';
import type { TimeAxis } from '../../../src/core/dashboard/types';

const slice = (ts: number[], values: number[], tags: Record<string, string> = {}): PointSlice => ({
  ts: Float64Array.from(ts), values: Float64Array.from(values), tags,
});

const T = Date.parse('2026-11-24T10:00:00Z');

test('bucket size keeps a chart between about 100 and 240 buckets', () => {
  assert.equal(chooseBucketMs(5 * 60_000), 2_000);
  assert.equal(chooseBucketMs(3_600_000), 15_000);
  assert.equal(chooseBucketMs(86_400_000), 600_000);
  assert.equal(chooseBucketMs(0), 1);
  const five = rangeAxis('5m', T, T - 10 * 86_400_000);
  assert.deepEqual(five, { from: T - 300_000, to: T, bucketMs: 2_000, count: 151 });
  // "all" spans the data: 90 s → 500 ms buckets from the oldest point, aligned down.
  const all = rangeAxis('all', T, T - 90_000 + 123);
  assert.deepEqual(all, { from: T - 90_000, to: T, bucketMs: 500, count: 181 });
  assert.deepEqual(rangeAxis('all', -Infinity, Infinity).count, 0);
});

test('bucketOf: from and to inclusive, outside is -1', () => {
  const axis: TimeAxis = { from: 0, to: 29, bucketMs: 10, count: 3 };
  assert.deepEqual([0, 9.99, 10, 29, 30, -1, NaN].map((t) => bucketOf(axis, t)), [0, 0, 1, 2, -1, -1, -1]);
});

test('per-bucket count, mean and exact p50/p95 over several series', () => {
  const axis: TimeAxis = { from: 0, to: 39, bucketMs: 10, count: 4 };
  const a = slice([0, 1, 2, 3, 15], [4, 1, 3, 2, 10]);
  const b = slice([5, 25, 45], [6, 7, 99]);
  const stats = bucketStats(axis, [a, b], true);
  assert.deepEqual([...stats.count], [5, 1, 1, 0]);
  assert.deepEqual(toSeries(stats, 'count', 'n', 'n'), { key: 'n', label: 'n', xs: [0, 10, 20, 30], ys: [5, 1, 1, 0] });
  // Bucket 0 holds 1,2,3,4,6: mean 16/5; p95 rank 3.8 → 4 + 0.8·(6 − 4).
  assert.deepEqual(toSeries(stats, 'mean', 'm', 'm').ys, [3.2, 10, 7]);
  assert.deepEqual(toSeries(stats, 'p50', 'p', 'p'), { key: 'p', label: 'p', xs: [0, 10, 20], ys: [3, 10, 7] });
  assert.deepEqual(toSeries(stats, 'p95', 'p', 'p').ys, [5.6, 10, 7]);
  assert.throws(() => toSeries(bucketStats(axis, [a]), 'p95', 'p', 'p'), /percentiles/);
});

test('failure rate per bucket from *_success points, in percent', () => {
  const axis: TimeAxis = { from: 0, to: 29, bucketMs: 10, count: 3 };
  const stats = bucketStats(axis, [slice([0, 1, 2, 3, 12], [1, 0, 1, 1, 0])]);
  assert.deepEqual(toSeries(stats, 'failureRate', 'f', 'f'), { key: 'f', label: 'f', xs: [0, 10], ys: [25, 100] });
});

test('cumulative series adds each bucket to the running total, empty buckets included', () => {
  const axis: TimeAxis = { from: 0, to: 29, bucketMs: 10, count: 3 };
  const stats = bucketStats(axis, [slice([1, 2, 25], [0.25, 0.25, 0.25])]);
  assert.deepEqual(cumulativeSeries(stats, 'c', 'c'), { key: 'c', label: 'c', xs: [0, 10, 20], ys: [0.5, 0.5, 0.75] });
});

test('a million points bucket with percentiles in well under a second', () => {
  const n = 1_000_000;
  const ts = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ts[i] = T + i * 10;
    values[i] = (i * 7919) % 1000;
  }
  const axis = rangeAxis('all', T + (n - 1) * 10, T);
  const started = performance.now();
  const stats = bucketStats(axis, [{ ts, values, tags: {} }], true);
  const p95 = toSeries(stats, 'p95', 'p95', 'p95');
  const elapsed = performance.now() - started;
  assert.equal(stats.count.reduce((s, c) => s + c, 0), n);
  assert.ok(p95.ys.every((y) => y >= 0 && y < 1000));
  assert.ok(elapsed < 1_500, `took ${elapsed.toFixed(0)} ms`);
});

test('quickselect percentiles equal numpy-style sorted percentiles, duplicates included', () => {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const n of [1, 2, 3, 5, 10, 101, 1000]) {
    for (const spread of [3, 1000]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread) / 4);
      const sorted = values.slice().sort();
      for (const p of [0, 50, 90, 95, 99, 100]) {
        assert.equal(percentileInPlace(values.slice(), p), percentileSorted(sorted, p), `n=${n} spread=${spread} p=${p}`);
      }
    }
  }
  assert.ok(Number.isNaN(percentileInPlace(new Float64Array(0), 50)));
});
