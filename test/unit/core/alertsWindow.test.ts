import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SortedValues } from '../../../src/core/alerts/sortedValues';
import { TimeWindow } from '../../../src/core/alerts/timeWindow';
import { summarize, type Aggregate } from '../../../src/core/metrics/stats';
import { seededRandom as random } from '../../helpers/random';

const REF = { sourceId: 0, line: 1, byteOffset: 0, workflowId: 0 };

test('SortedValues agrees with a sorted array through thousands of inserts and removals', () => {
  const next = random(7);
  const sorted = new SortedValues();
  const model: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    if (model.length > 0 && next() < 0.45) {
      const victim = model[Math.floor(next() * model.length)] as number;
      assert.ok(sorted.remove(victim));
      model.splice(model.indexOf(victim), 1);
    } else {
      const v = Math.floor(next() * 500) / 4; // many duplicates
      sorted.insert(v);
      model.push(v);
    }
    if (i % 997 === 0) {
      const ordered = [...model].sort((a, b) => a - b);
      assert.equal(sorted.size, ordered.length);
      for (let k = 0; k < ordered.length; k += 37) assert.equal(sorted.at(k), ordered[k]);
      assert.equal(sorted.min, ordered[0] ?? NaN);
    }
  }
  assert.equal(sorted.remove(-1), false);
});

test('TimeWindow aggregates equal the report statistics of the same points, while sliding', () => {
  const next = random(11);
  const kinds: Aggregate[] = ['count', 'sum', 'mean', 'min', 'max', 'latest', 'median', 'p50', 'p90', 'p95', 'p99'];
  const windows = new Map(kinds.map((k) => [k, new TimeWindow(k)]));
  const points: Array<[number, number]> = [];
  const duration = 60_000;
  let t = 0;
  for (let i = 0; i < 3000; i++) {
    t += Math.floor(next() * 2000);
    const value = Math.round(next() * 10_000) / 100;
    points.push([t, value]);
    for (const w of windows.values()) {
      w.insert(t, value, REF);
      w.evict(t, duration);
    }
    if (i % 50 !== 0) continue;
    const inWindow = points.filter(([ts]) => ts > t - duration && ts <= t);
    const stats = summarize(Float64Array.from(inWindow.map(([, v]) => v)));
    const expected: Record<Aggregate, number> = {
      count: stats.count, sum: stats.sum, mean: stats.mean, min: stats.min, max: stats.max,
      latest: inWindow[inWindow.length - 1]?.[1] ?? NaN,
      median: stats.median, p50: stats.p50, p90: stats.p90, p95: stats.p95, p99: stats.p99,
    };
    for (const [kind, w] of windows) {
      assert.equal(w.count, inWindow.length);
      const actual = w.aggregate(kind);
      if (kind === 'sum' || kind === 'mean') assert.ok(Math.abs(actual - expected[kind]) < 1e-9 * Math.max(1, Math.abs(expected[kind])), `${kind} ${actual} vs ${expected[kind]}`);
      else assert.equal(actual, expected[kind], kind);
    }
  }
});

test('window edges: (t − duration, t] keeps a point 59 s old and drops one 60 s or 61 s old', () => {
  const w = new TimeWindow('count');
  w.insert(0, 1, REF);
  w.evict(59_000, 60_000);
  assert.equal(w.count, 1);
  w.evict(60_000, 60_000);
  assert.equal(w.count, 0);
  assert.ok(Number.isNaN(w.aggregate('mean')), 'an empty window has no value (callers turn it into null)');
});

test('out-of-order entries are kept in time order; equal timestamps keep arrival order', () => {
  const w = new TimeWindow('latest');
  w.insert(10, 1, { ...REF, line: 1 });
  w.insert(30, 3, { ...REF, line: 3 });
  w.insert(20, 2, { ...REF, line: 2 });
  w.insert(30, 4, { ...REF, line: 4 });
  assert.deepEqual([0, 1, 2, 3].map((i) => w.tsAt(i)), [10, 20, 30, 30]);
  assert.equal(w.aggregate('latest'), 4);
  assert.equal(w.newestRef()?.line, 4);
  w.evict(25 + 5, 10); // drops ts <= 20
  assert.equal(w.count, 2);
  assert.equal(w.aggregate('latest'), 4);
});

test('the ring grows and shrinks without losing order', () => {
  const w = new TimeWindow('max');
  for (let i = 0; i < 5000; i++) w.insert(i, i % 97, REF);
  assert.equal(w.count, 5000);
  assert.equal(w.aggregate('max'), 96);
  w.evict(4990 + 10, 11); // keeps ts > 4989
  assert.equal(w.count, 10);
  assert.deepEqual([0, 9].map((i) => w.tsAt(i)), [4990, 4999]);
  for (let i = 5000; i < 5100; i++) w.insert(i, 1, REF);
  assert.equal(w.oldestTs, 4990);
  assert.equal(w.newestTs, 5099);
});
