import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { EngineConfig, EngineEvent, EngineMethod, ParamsOf, ResultOf, WorkerMessage } from '../../src/protocol/engineProtocol';
import { tempDir } from '../helpers/cli';
import { line } from '../helpers/ingest';

/** A minimal host: the same protocol the extension speaks, over a real worker thread. */
class Host {
  readonly worker = new Worker(resolve(__dirname, '../../dist/engineWorker.js'));
  readonly events: EngineEvent[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (m: WorkerMessage) => void>();
  private listeners: Array<() => void> = [];

  constructor() {
    this.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'reply') this.waiting.get(m.id)?.(m);
      else {
        this.events.push(m.event);
        for (const l of this.listeners) l();
      }
    });
  }

  request<M extends EngineMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.waiting.set(id, (m) => (m.type === 'reply' && m.ok ? ok(m.result as ResultOf<M>) : fail(new Error(m.type === 'reply' && !m.ok ? m.error : '?'))));
      this.worker.postMessage({ type: 'request', id, method, params });
    });
  }

  waitFor(predicate: (e: EngineEvent) => boolean, timeoutMs = 10_000): Promise<EngineEvent> {
    return new Promise((ok, fail) => {
      const check = (): boolean => {
        const found = this.events.find(predicate);
        if (found) ok(found);
        return found !== undefined;
      };
      if (check()) return;
      const timer = setTimeout(() => fail(new Error('timed out waiting for an engine event')), timeoutMs);
      this.listeners.push(() => {
        if (check()) clearTimeout(timer);
      });
    });
  }
}

const hosts: Host[] = [];
after(async () => {
  for (const h of hosts) await h.worker.terminate();
});

function config(dir: string, rules: unknown[] = []): EngineConfig {
  return {
    sources: [join(dir, 'logs')], exclude: [], rules: { files: [], settings: rules, defaults: false },
    maxLineBytes: 1 << 20, retentionHours: 24, prices: [], naiveTimeZone: 'utc',
    checkpointFile: undefined, alertHistoryFile: join(dir, '.runlens', 'alerts-history.jsonl'),
  };
}

test('worker: runs, traces, node lookup and live alerts over the protocol', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  const file = join(dir, 'logs', 'agents.jsonl');
  const iso = (ms: number): string => new Date(ms).toISOString();
  const t0 = Date.now() - 5000;
  writeFileSync(file, [
    line({ event: 'workflow_started', workflow_id: 'wf-1', status: 'started', timestamp: iso(t0) }),
    line({ event: 'tool_executed', workflow_id: 'wf-1', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 300, success: true, cost_estimate: 0.01, timestamp: iso(t0 + 1000) }),
    line({ event: 'agent_execution_completed', workflow_id: 'wf-1', agent_name: 'web_researcher', duration_ms: 900, success: true, timestamp: iso(t0 + 1200) }),
    '{broken',
  ].join('\n') + '\n');
  const host = new Host();
  hosts.push(host);
  await host.request('configure', config(dir, [
    { name: 'slow search', condition: 'threshold_exceeded', metric_name: 'tool_execution_duration_ms', threshold: 1000, aggregate: 'max', duration: '1m', cooldown: '10m', severity: 'error' },
  ]));
  const runs = await host.request('runs', { limit: 10 });
  assert.deepEqual(runs.map((r) => [r.workflow_id, r.status, r.agents, r.tools]), [['wf-1', 'incomplete', 1, 1]]);
  assert.deepEqual(runs[0]?.agentNames, ['web_researcher']);
  // The filter is applied in the worker, to every run.
  assert.deepEqual((await host.request('runs', { limit: 10, filter: { agent: 'web_res', text: 'wf-1' } })).map((r) => r.workflow_id), ['wf-1']);
  assert.deepEqual(await host.request('runs', { limit: 10, filter: { agent: 'copywriter' } }), []);
  assert.deepEqual(await host.request('runs', { limit: 10, filter: { status: 'completed' } }), []);
  assert.deepEqual((await host.request('runs', { limit: 10, filter: { status: 'incomplete' } })).length, 1);
  const root = await host.request('trace', { workflowId: 'wf-1' });
  assert.equal(root?.children[0]?.name, 'web_researcher');
  assert.equal(root?.children[0]?.children[0]?.name, 'web_search');
  assert.deepEqual(await host.request('nodeAtLine', { path: file, line: 2 }), { workflowId: 'wf-1', nodeId: root?.children[0]?.children[0]?.id });
  assert.equal(root?.children[0]?.children[0]?.id, '0:2');
  // The lines of a range that are trace nodes (CodeLens): the run's own line, the tool, the agent; not the malformed line.
  assert.deepEqual(await host.request('tracedLines', { path: file, fromLine: 1, toLine: 10 }), [
    { line: 1, workflowId: 'wf-1', nodeId: '' },
    { line: 2, workflowId: 'wf-1', nodeId: '0:2' },
    { line: 3, workflowId: 'wf-1', nodeId: '0:3' },
  ]);
  assert.deepEqual((await host.request('tracedLines', { path: file, fromLine: 2, toLine: 2 })).map((l) => l.line), [2]);
  assert.deepEqual(await host.request('tracedLines', { path: '/etc/passwd', fromLine: 1, toLine: 10 }), []);
  assert.deepEqual(await host.request('nodeAtLine', { path: file, line: 1 }), { workflowId: 'wf-1', nodeId: '' });
  assert.equal(await host.request('nodeAtLine', { path: file, line: 4 }), null, 'the malformed line is no node');
  const top = await host.request('traceChildren', { workflowId: 'wf-1', parentId: null });
  assert.deepEqual(top?.map((s) => [s.name, s.childCount]), [['web_researcher', 1]]);
  const below = await host.request('traceChildren', { workflowId: 'wf-1', parentId: top?.[0]?.id ?? '' });
  assert.deepEqual(below?.map((s) => s.name), ['web_search']);
  assert.deepEqual((await host.request('traceAncestry', { workflowId: 'wf-1', nodeId: '0:2' }))?.map((s) => s.name), ['web_researcher', 'web_search']);
  const attrs = await host.request('lineAttributes', { path: file, byteOffset: root?.children[0]?.source?.byteOffset ?? 0 });
  assert.equal(attrs?.agent_name, 'web_researcher');
  assert.equal(await host.request('lineAttributes', { path: '/etc/passwd', byteOffset: 0 }), null, 'only followed files are read');
  const malformed = await host.waitFor((e) => e.kind === 'malformed');
  assert.deepEqual(malformed.kind === 'malformed' && [malformed.total, malformed.samples[0]?.line], [1, 4]);
  const sources = await host.request('sources', {});
  assert.deepEqual(sources.map((s) => [s.lines, s.events, s.malformed]), [[4, 3, 1]]);

  appendFileSync(file, `${line({ event: 'tool_executed', workflow_id: 'wf-1', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 4000, success: true, timestamp: iso(Date.now()) })}\n`);
  const alert = await host.waitFor((e) => e.kind === 'alert');
  assert.ok(alert.kind === 'alert');
  assert.equal(alert.entry.live, true);
  assert.equal(alert.entry.change.alert.rule_name, 'slow search');
  assert.equal(alert.entry.change.alert.actual_value, 4000);
  assert.equal(alert.entry.change.alert.metadata.source?.line, 5);
  const snapshot = await host.request('alerts', {});
  assert.equal(snapshot.active.length, 1);
  await host.waitFor((e) => e.kind === 'changed' && e.runs !== 'all' && e.runs.includes('wf-1'));
});

test('worker: invalid rules are refused with the JSON path; the last valid rules stay', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  const host = new Host();
  hosts.push(host);
  const valid = { name: 'ok', condition: 'threshold_exceeded', metric_name: 'm', threshold: 1, duration: '1m' };
  await host.request('configure', config(dir, [valid]));
  assert.equal((await host.request('alerts', {})).rulesLoaded, 1);
  const bad = config(dir);
  bad.rules.files = [{ path: join(dir, '.runlens', 'alerts.json'), text: JSON.stringify({ rules: [valid, { ...valid, name: 'bad', duration: 'soon' }] }) }];
  bad.rules.settings = [valid];
  await host.request('configure', bad);
  const refused = await host.waitFor((e) => e.kind === 'rulesInvalid');
  assert.ok(refused.kind === 'rulesInvalid');
  assert.equal(refused.errors[0]?.path, 'rules[1].duration');
  assert.equal((await host.request('alerts', {})).rulesLoaded, 1);
});
