import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DEFAULT_QUERY } from '../../../src/core/dashboard/types';
import { dashboardCsp, newNonce, renderDashboardHtml } from '../../../src/extension/dashboard/dashboardHtml';
import { checkOpenLog } from '../../../src/extension/dashboard/openLogGuard';
import { pageForMetric, queryFromArgument } from '../../../src/extension/dashboard/openArgument';
import { RefreshPacer, type PacerClock, type RefreshKind } from '../../../src/extension/dashboard/refreshPacer';

test('HTML: default-src none, nonce-only scripts, no eval or inline, attributes escaped', () => {
  const nonce = newNonce();
  assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
  assert.notEqual(newNonce(), nonce, 'a fresh nonce per load');
  const html = renderDashboardHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/dist/webview/dashboard.js', styleUri: 'https://x.vscode-cdn.net/dist/webview/dashboard.css', nonce });
  const csp = dashboardCsp('https://x.vscode-cdn.net', nonce);
  assert.ok(csp.startsWith("default-src 'none'"));
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
  assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*|http:/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x.vscode-cdn.net/dist/webview/dashboard.js"></script>`));
  const hostile = renderDashboardHtml({ cspSource: 'a', scriptUri: '"><script>alert(1)</script>', styleUri: 's', nonce: 'n' });
  assert.equal((hostile.match(/<script/g) ?? []).length, 1, 'a hostile URI cannot open a tag');
});

test('openLog: only exact paths of followed files, positive integer lines', () => {
  const followed = ['/w/logs/agents.jsonl', '/elsewhere/added/run.log'];
  assert.deepEqual(checkOpenLog('/w/logs/agents.jsonl', 12, followed), { ok: true, path: '/w/logs/agents.jsonl', line: 12 });
  assert.equal(checkOpenLog('/elsewhere/added/run.log', 1, followed).ok, true, 'a folder the user added outside the workspace');
  for (const [path, line] of [
    ['/etc/passwd', 1], ['/w/logs/../../etc/passwd', 1], ['logs/agents.jsonl', 1], ['/w/logs/agents.jsonl\u0000.png', 1],
    ['/w/logs/agents.jsonl', 0], ['/w/logs/agents.jsonl', 1.5], ['/w/logs/agents.jsonl', -3], ['', 1],
  ] as const) {
    assert.equal(checkOpenLog(path, line, followed).ok, false, `${JSON.stringify(path)}:${line} refused`);
  }
});

test('openDashboard argument: a Metrics row opens the page that shows its metric', () => {
  assert.deepEqual(['agent_execution_duration_ms', 'tool_execution_success', 'llm_cost_usd', 'llm_input_tokens', 'workflow_success', 'workflow_total_duration_ms', 'queue_depth'].map(pageForMetric),
    ['latency', 'errors', 'cost', 'cost', 'overview', 'latency', 'latency']);
  assert.deepEqual(queryFromArgument({ metric: 'tool_execution_duration_ms', tags: { tool_name: 'web_search' } }, DEFAULT_QUERY),
    { ...DEFAULT_QUERY, page: 'latency', latency: { metric: 'tool_execution_duration_ms', tags: { tool_name: 'web_search' } } });
  assert.deepEqual(queryFromArgument({ metric: 'agent_execution_success', tags: { agent_name: 'writer', bad: 7 } }, DEFAULT_QUERY),
    { ...DEFAULT_QUERY, page: 'errors', tags: { agent_name: 'writer' } });
  assert.deepEqual(queryFromArgument({ workflowId: 'wf-1' }, DEFAULT_QUERY), { ...DEFAULT_QUERY, page: 'waterfall', workflowId: 'wf-1' });
  assert.deepEqual(queryFromArgument({ page: 'cost' }, DEFAULT_QUERY), { ...DEFAULT_QUERY, page: 'cost' });
  for (const junk of [undefined, null, 'latency', [], { page: 'admin' }, { metric: 7 }, { metric: 'x'.repeat(600) }]) {
    assert.equal(queryFromArgument(junk, DEFAULT_QUERY), undefined);
  }
});

/** A manual clock: timers fire when the test advances time. */
class FakeClock implements PacerClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function pacerWith(costMs: number): { clock: FakeClock; runs: Array<{ kind: RefreshKind; at: number }>; pacer: RefreshPacer } {
  const clock = new FakeClock();
  const runs: Array<{ kind: RefreshKind; at: number }> = [];
  const pacer = new RefreshPacer(async (kind) => {
    runs.push({ kind, at: clock.t });
    clock.t += costMs;
    await Promise.resolve();
  }, clock);
  return { clock, runs, pacer };
}

test('pacer: nothing before the webview is ready; a snapshot at once; changes coalesce to ≤ 4 updates a second', async () => {
  const { clock, runs, pacer } = pacerWith(10);
  pacer.changed();
  await clock.advance(1_000);
  assert.equal(runs.length, 0, 'paused until the first snapshot');
  pacer.snapshot();
  await flush();
  assert.deepEqual(runs.map((r) => r.kind), ['snapshot']);
  // 100 changes over one second (every 10 ms).
  for (let i = 0; i < 100; i++) {
    pacer.changed();
    await clock.advance(10);
  }
  await clock.advance(500);
  const updates = runs.filter((r) => r.kind === 'update');
  assert.ok(updates.length >= 3 && updates.length <= 5, `${updates.length} updates`);
  for (let i = 1; i < runs.length; i++) assert.ok((runs[i]?.at ?? 0) - (runs[i - 1]?.at ?? 0) >= 250, 'at least 250 ms apart');
});

test('pacer: a slow page spaces updates by twice its cost; hidden panels accumulate nothing', async () => {
  const { clock, runs, pacer } = pacerWith(900);
  pacer.snapshot();
  await flush();
  for (let i = 0; i < 50; i++) {
    pacer.changed();
    await clock.advance(100);
  }
  const updates = runs.filter((r) => r.kind === 'update');
  for (let i = 1; i < updates.length; i++) assert.ok((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0) >= 900 + 1_800, 'gap = 2 × cost after the run');
  pacer.pause();
  const before = runs.length;
  for (let i = 0; i < 100; i++) pacer.changed();
  await clock.advance(60_000);
  assert.equal(runs.length, before, 'no backlog while hidden');
  pacer.snapshot();
  await clock.advance(10_000);
  assert.deepEqual(runs.slice(before).map((r) => r.kind), ['snapshot'], 'one full snapshot when shown again');
});

test('pacer: a snapshot asked for during a run follows it and replaces pending updates', async () => {
  const { clock, runs, pacer } = pacerWith(100);
  pacer.snapshot();
  pacer.changed();
  pacer.snapshot();
  await clock.advance(1_000);
  assert.deepEqual(runs.map((r) => r.kind), ['snapshot', 'snapshot']);
});
