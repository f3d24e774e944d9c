import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildDashboard } from '../../../src/core/dashboard/dashboard';
import { DEFAULT_QUERY, PAGE_KEYS } from '../../../src/core/dashboard/types';
import { parseHostMessage, parseWebviewMessage } from '../../../src/protocol/dashboardProtocol';
import { scenarioInput } from '../../helpers/dashboardScenario';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

test('every page the engine builds passes the webview-side check unchanged', () => {
  const input = scenarioInput(12);
  for (const page of PAGE_KEYS) {
    const result = json(buildDashboard(input, { ...DEFAULT_QUERY, page }));
    const parsed = parseHostMessage({ type: 'snapshot', seq: 3, result });
    assert.ok(parsed, `${page} accepted`);
    assert.deepEqual(json(parsed), { type: 'snapshot', seq: 3, result });
  }
});

test('host messages: wrong shapes, wrong page, oversized strings, NaN and extra keys are refused or dropped', () => {
  const result = json(buildDashboard(scenarioInput(3), DEFAULT_QUERY));
  assert.equal(parseHostMessage({ type: 'snapshot', seq: 1, result: { ...result, data: { ...result.data, page: 'cost' } } }), undefined);
  assert.equal(parseHostMessage({ type: 'update', seq: -1, result }), undefined);
  assert.equal(parseHostMessage({ type: 'snapshot', seq: 1, result: { ...result, newestTs: 'soon' } }), undefined);
  assert.equal(parseHostMessage({ type: 'error', message: 'x'.repeat(5_000) }), undefined);
  assert.equal(parseHostMessage({ type: 'eval', code: 'alert(1)' }), undefined);
  assert.equal(parseHostMessage('<img src=x onerror=alert(1)>'), undefined);
  const overview = result.data.page === 'overview' ? result.data : undefined;
  assert.ok(overview);
  const badSeries = { ...overview, workflows: [{ key: 'a', label: 'a', xs: [1, 2], ys: [1] }] };
  assert.equal(parseHostMessage({ type: 'update', seq: 0, result: { ...result, data: badSeries } }), undefined, 'xs and ys must pair up');
  const extra = parseHostMessage({ type: 'error', message: 'm', __proto__: { polluted: true }, injected: 1 });
  assert.deepEqual(extra && { ...extra }, { type: 'error', message: 'm' });
  assert.equal(Object.getPrototypeOf(extra), null);
});

test('webview messages: ready, query, openLog checked; forged or oversized ones refused', () => {
  assert.deepEqual(json(parseWebviewMessage({ type: 'ready', query: null })), { type: 'ready', query: null });
  assert.deepEqual(json(parseWebviewMessage({ type: 'openLog', path: '/w/a.jsonl', line: 3 })), { type: 'openLog', path: '/w/a.jsonl', line: 3 });
  assert.ok(parseWebviewMessage({ type: 'query', seq: 2, query: { ...DEFAULT_QUERY, page: 'latency', latency: { metric: 'm', tags: { a: 'b' } } } }));
  for (const forged of [
    { type: 'openLog', path: '/etc/passwd' },
    { type: 'openLog', path: 42, line: 1 },
    { type: 'openLog', path: '/w/a.jsonl', line: 0 },
    { type: 'openLog', path: 'x'.repeat(5_000), line: 1 },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'query', seq: 1, query: { ...DEFAULT_QUERY, page: 'settings' } },
    { type: 'query', seq: 1, query: { ...DEFAULT_QUERY, range: '10y' } },
    { type: 'query', seq: 1, query: { ...DEFAULT_QUERY, tags: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'])) } },
    { type: 'query', seq: 1, query: { ...DEFAULT_QUERY, tags: { k: 7 } } },
    { type: 'ready' },
    null,
  ]) {
    assert.equal(parseWebviewMessage(forged), undefined, JSON.stringify(forged)?.slice(0, 80));
  }
});
