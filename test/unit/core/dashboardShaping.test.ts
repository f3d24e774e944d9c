import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { histogram, niceStep } from '../../../src/core/dashboard/histogram';
import { thinPoints } from '../../../src/core/dashboard/thin';
import { clipText, visibleText } from '../../../src/core/dashboard/text';
import { formatTagFilter, parseTagFilter } from '../../../src/core/dashboard/tagFilter';
import { waterfallData, waterfallRows } from '../../../src/core/dashboard/waterfall';
import { oldestPoint, slicesOf, type PointSlice } from '../../../src/core/dashboard/points';
import { MetricStore } from '../../../src/core/metrics/store';
import type { TraceNode } from '../../../src/core/traces/build';

const slice = (ts: number[], values: number[]): PointSlice => ({ ts: Float64Array.from(ts), values: Float64Array.from(values), tags: {} });
const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

test('nice steps are 1, 2 or 5 × 10^k', () => {
  assert.deepEqual([3.3, 6.567, 0.07, 1000, 0.2, 0].map(niceStep), [5, 10, 0.1, 1000, 0.2, 1]);
});

test('histogram: even spread from the minimum to the maximum', () => {
  const h = histogram(Float64Array.from(range(1, 100)));
  // 99 / 30 bins → width 5 from 0; the maximum (100) opens the 21st bin.
  assert.equal(h.width, 5);
  assert.equal(h.edges.length, 21);
  assert.equal(h.edges[0], 0);
  assert.deepEqual(h.counts, [4, ...Array<number>(19).fill(5), 1]);
  assert.equal(h.overflow, 0);
  assert.equal(h.overflowFrom, null);
});

test('histogram: a long tail beyond p99 goes to one overflow bin', () => {
  const h = histogram(Float64Array.from([...range(1, 99), 10_000]));
  // p99 = 99 + 0.01 · (10000 − 99) = 198.01 → width niceStep(197.01 / 30) = 10, bins 0..190.
  assert.equal(h.width, 10);
  assert.equal(h.counts.length, 20);
  assert.deepEqual(h.counts.slice(0, 10), [9, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
  assert.deepEqual(h.counts.slice(10), Array<number>(10).fill(0));
  assert.equal(h.overflowFrom, 200);
  assert.equal(h.overflow, 1);
  assert.deepEqual(histogram(new Float64Array(0)), { edges: [], width: 0, counts: [], overflow: 0, overflowFrom: null });
  assert.deepEqual(histogram(Float64Array.from([7, 7, 7])).counts, [3]);
});

test('thinning: few points are merged from several series in time order', () => {
  const out = thinPoints([slice([1, 3, 5], [10, 30, 50]), slice([2, 4], [20, 40])], 0, 10, 100);
  assert.deepEqual(out, { xs: [1, 2, 3, 4, 5], ys: [10, 20, 30, 40, 50], total: 5 });
});

test('thinning: beyond the cap each slot keeps first, min, max and last (M4)', () => {
  const ys = range(0, 99);
  ys[50] = 1000;
  ys[70] = -5;
  const out = thinPoints([slice(range(0, 99), ys)], 0, 100, 8);
  assert.deepEqual(out, { xs: [0, 49, 50, 70, 99], ys: [0, 49, 1000, -5, 99], total: 100 });
});

test('thinning output is a valid chart.js decimation input: sorted, finite, bounded, extremes kept', () => {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const slices: PointSlice[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let s = 0; s < 3; s++) {
    const ts: number[] = [];
    const values: number[] = [];
    let t = 0;
    for (let i = 0; i < 40_000; i++) {
      t += random() * 10;
      const v = random() * 1000 - (s === 1 && i === 777 ? 50_000 : 0);
      ts.push(t);
      values.push(v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    slices.push(slice(ts, values));
  }
  const to = Math.max(...slices.map((s) => s.ts[s.ts.length - 1] as number));
  const out = thinPoints(slices, 0, to, 4_000);
  assert.equal(out.total, 120_000);
  assert.ok(out.xs.length <= 4_000 && out.xs.length > 1_000, `${out.xs.length} points`);
  assert.equal(out.xs.length, out.ys.length);
  for (let i = 1; i < out.xs.length; i++) assert.ok((out.xs[i] as number) >= (out.xs[i - 1] as number), `sorted at ${i}`);
  assert.ok(out.xs.every(Number.isFinite) && out.ys.every(Number.isFinite));
  assert.ok(out.ys.includes(min) && out.ys.includes(max), 'extremes kept');
});

const node = (name: string, start: string, durationMs: number, children: TraceNode[] = [], status: 'ok' | 'error' = 'ok'): TraceNode => ({
  id: `id:${name}`, kind: name === 'wf' ? 'workflow' : 'agent', name, start, end: start, duration_ms: durationMs, status, attrs: {},
  source: { path: '/logs/a.jsonl', line: name.length, byteOffset: 0 }, children,
});

test('waterfall rows: pre-order, depth and offset from the workflow start', () => {
  const root = node('wf', '2026-11-24T10:00:00.000000Z', 1000, [
    node('A', '2026-11-24T10:00:00.100000Z', 500, [node('tool', '2026-11-24T10:00:00.200000Z', 100, [], 'error')]),
    node('B', '2026-11-24T10:00:00.700000Z', 300),
  ]);
  const { rows, truncated } = waterfallRows(root);
  assert.deepEqual(rows.map((r) => [r.label, r.depth, r.startMs, r.durationMs, r.status]), [
    ['wf', 0, 0, 1000, 'ok'], ['A', 1, 100, 500, 'ok'], ['tool', 2, 200, 100, 'error'], ['B', 1, 700, 300, 'ok'],
  ]);
  assert.equal(truncated, 0);
  assert.deepEqual(rows[2]?.path, '/logs/a.jsonl');
  assert.equal(rows[2]?.line, 4);
  assert.equal(waterfallRows(root, 2).truncated, 2);
  const data = waterfallData(root, 'completed');
  assert.equal(data.totalMs, 1000);
  assert.equal(data.workflowId, 'wf');
  assert.deepEqual(waterfallData(null, null).rows, []);
});

test('log text: bidi and control characters made visible, length bounded', () => {
  assert.equal(visibleText('a\u202Eevil\u202C.txt'), 'a<U+202E>evil<U+202C>.txt');
  assert.equal(visibleText('line\nnext\u0000'), 'line\u240Anext\u2400');
  assert.equal(visibleText('</script><img src=x onerror=alert(1)>'), '</script><img src=x onerror=alert(1)>');
  assert.equal(clipText('abcdef', 4), 'abc…');
  assert.equal(clipText('ab\u{1F600}cd', 4), 'ab…', 'never splits a surrogate pair');
  assert.equal(clipText('x'.repeat(1_000_000)).length, 2_000);
});

test('tag filter text: key=value pairs, errors named, round trip without the dropdown keys', () => {
  assert.deepEqual(parseTagFilter(' env = prod ,tool_name=web_search '), { ok: true, tags: { env: 'prod', tool_name: 'web_search' } });
  assert.deepEqual(parseTagFilter(''), { ok: true, tags: {} });
  assert.deepEqual(parseTagFilter('env'), { ok: false, error: '"env" is not key=value' });
  assert.deepEqual(parseTagFilter('=x'), { ok: false, error: '"=x" is not key=value' });
  assert.equal(formatTagFilter({ agent_name: 'a', env: 'prod', region: 'eu' }, ['agent_name']), 'env=prod, region=eu');
});

test('slices: points out of time order are range-filtered without sorting the store; small series merge', () => {
  const store = new MetricStore();
  // Overlapping workflows log out of order.
  for (const [ts, v] of [[30, 3], [10, 1], [50, 5], [20, 2], [40, 4]] as const) store.record('d', { agent_name: 'a' }, ts, v);
  for (let w = 0; w < 5; w++) store.record('workflow_success', { workflow_id: `w${w}` }, 10 + w * 10, w % 2);
  const axis = { from: 15, to: 45, bucketMs: 10, count: 4 };
  const [slice] = slicesOf(store, 'd', axis, {});
  assert.deepEqual([...(slice?.ts ?? [])], [30, 20, 40], 'in range, arrival order');
  assert.deepEqual(slicesOf(store, 'd', { ...axis, from: 0, to: 100 }, {})[0]?.ts.length, 5);
  const merged = slicesOf(store, 'workflow_success', axis, {}, {}, false);
  assert.equal(merged.length, 1, 'one merged slice for five one-point series');
  assert.deepEqual([...(merged[0]?.values ?? [])], [1, 0, 1]);
  assert.equal(slicesOf(store, 'workflow_success', axis, {}).length, 3, 'kept apart when tags are needed');
  assert.equal(oldestPoint(store), 10);
  assert.deepEqual(thinPoints(slicesOf(store, 'd', { ...axis, from: 0, to: 100 }, {}), 0, 100, 100).xs, [10, 20, 30, 40, 50], 'thinning sorts its output');
});
