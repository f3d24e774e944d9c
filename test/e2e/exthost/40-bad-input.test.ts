/// <reference types="mocha" />
/**
 * Issue 5: bad input in the workspace never breaks a view and shows a clear diagnostic.
 * Files are written into the open workspace while the extension runs (it follows new files):
 * garbage lines, hostile names, a 10 MiB line, a broken rules file. After each, the views
 * still answer (the fixture's runs are still there) and the Problems entries say what is wrong.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension/extension';
import {
  appendJsonLines, findItem, isoAgo, labels, runRow, runlens, runlensDiagnostics, waitFor, waitForRun, wsPath,
} from './helpers';

function event(wf: string, fields: Record<string, unknown>, agoMs = 5_000): Record<string, unknown> {
  return { request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-e2e', level: 'info', timestamp: isoAgo(agoMs), ...fields };
}
const agentDone = (wf: string, agent: string, agoMs = 5_000): Record<string, unknown> =>
  event(wf, { agent_name: agent, input_summary: 'in', output_summary: 'out', duration_ms: 400, success: true, error_message: null, event: 'agent_execution_completed' }, agoMs);

/** The views still work: the fixture's runs are listed and wf-42 still expands. */
async function viewsStillAnswer(api: RunlensApi): Promise<void> {
  const roots = await api.viewItems('runs');
  assert.ok(labels(roots).includes('wf-42') && labels(roots).includes('wf-43'), `runs: ${JSON.stringify(labels(roots).slice(0, 20))}`);
  const wf42 = await runRow(api, 'wf-42');
  assert.ok(findItem(wf42?.children, (i) => i.label === 'market_researcher'), 'wf-42 no longer expands');
  assert.ok((await api.viewItems('metrics')).length > 0, 'metrics view empty');
  assert.ok((await api.viewItems('sources')).some((s) => s.label === 'agents.jsonl'), 'sources view lost agents.jsonl');
}

suite('bad input: never breaks a view, always a clear diagnostic', () => {
  let api: RunlensApi;

  suiteSetup(async () => {
    api = await runlens();
    await waitForRun(api, 'wf-43');
  });

  test('garbage lines: each marked in Problems with its reason, the valid lines around them still read', async function () {
    this.timeout(60_000);
    const wf = `wf-e2e-garbage-${Date.now()}`;
    const file = wsPath('logs', 'garbage.jsonl');
    const lines = [
      JSON.stringify(agentDone(wf, 'before_garbage', 6_000)), // 1
      'this is not json at all', // 2
      '{"event": "truncated", "workflow_id": "x"', // 3
      '[1, 2, 3]', // 4
      '"just a string"', // 5
      '', // 6: blank lines count as lines, not as malformed
      '\u0000\u0001\u0002 binary junk \u00ff\u00fe', // 7
      '{"__proto__": {"polluted": true}, "constructor": "x", "event": "odd_keys", "workflow_id": "' + wf + '", "timestamp": "' + isoAgo(5_500) + '"}', // 8: data, not prototypes
      JSON.stringify(agentDone(wf, 'after_garbage', 5_000)), // 9
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);

    const diagnostics = await waitFor('diagnostics for garbage.jsonl', () => {
      const d = runlensDiagnostics(file);
      return d.length >= 5 ? d : undefined;
    }, { timeoutMs: 20_000, describe: () => runlensDiagnostics(file).map((d) => [d.range.start.line + 1, d.message]) });
    const byLine = new Map(diagnostics.map((d) => [d.range.start.line + 1, d]));
    assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [2, 3, 4, 5, 7], 'exactly the malformed lines are marked');
    assert.match(byLine.get(2)?.message ?? '', /^Runlens: not valid JSON/);
    assert.match(byLine.get(4)?.message ?? '', /^Runlens: JSON .*array, not an object/);
    assert.match(byLine.get(5)?.message ?? '', /^Runlens: JSON .*string, not an object/);
    for (const d of diagnostics) assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);

    const run = await waitForRun(api, wf, (row) => labels(row.children).includes('after_garbage'));
    assert.ok(labels(run.children).includes('before_garbage'));
    const source = (await api.viewItems('sources')).find((s) => s.label === 'garbage.jsonl');
    assert.match(source?.description ?? '', /^9 lines · \d+ events · 5 malformed/);
    await viewsStillAnswer(api);
  });

  test('hostile names are shown as plain text in the Runs view', async function () {
    this.timeout(60_000);
    const wf = `wf-e2e-hostile-<b>${Date.now()}</b>`;
    const agent = '<img src=x onerror=alert(1)>';
    const tool = '"><script>alert(document.domain)</script>';
    const bidi = 'evil\u202Etxt.exe\u0007';
    appendJsonLines(wsPath('logs', 'hostile.jsonl'), [
      event(wf, { agent_name: agent, tool_name: tool, parameters_summary: '[link](command:workbench.action.quit)', result_summary: '**bold**', duration_ms: 120, success: true, cost_estimate: 0.0001, event: 'tool_executed' }, 5_700),
      agentDone(wf, agent, 5_500),
      agentDone(wf, bidi, 5_000),
    ]);
    const run = await waitForRun(api, wf, (row) => !!findItem(row.children, (i) => i.label === tool));
    assert.equal(run.label, wf, 'workflow_id label verbatim');
    const agentRow = run.children?.find((i) => i.label === agent);
    assert.ok(agentRow, `children: ${JSON.stringify(labels(run.children))}`);
    assert.equal(agentRow.children?.[0]?.label, tool);
    // Control and bidi characters are made visible, never applied.
    const bidiRow = run.children?.find((i) => i.label.startsWith('evil'));
    assert.ok(bidiRow);
    assert.doesNotMatch(bidiRow.label, /[\u202E\u0007]/);
    assert.match(bidiRow.label, /evil\uFFFDtxt\.exe/);
    await viewsStillAnswer(api);
  });

  test('a 10 MiB line is refused with a diagnostic naming the cap; the lines after it are read', async function () {
    this.timeout(90_000);
    const wf = `wf-e2e-huge-${Date.now()}`;
    const file = wsPath('logs', 'huge.jsonl');
    const huge = JSON.stringify(event(wf, { agent_name: 'huge_agent', output_summary: 'x'.repeat(10 * 1024 * 1024), duration_ms: 100, success: true, event: 'agent_execution_completed' }, 5_500));
    writeFileSync(file, `${JSON.stringify(agentDone(wf, 'before_huge', 6_000))}\n${huge}\n${JSON.stringify(agentDone(wf, 'after_huge', 5_000))}\n`);
    const [diagnostic] = await waitFor('a diagnostic on the 10 MiB line', () => {
      const d = runlensDiagnostics(file);
      return d.length > 0 ? d : undefined;
    }, { timeoutMs: 30_000 });
    assert.equal(diagnostic?.range.start.line, 1, 'on line 2');
    assert.match(diagnostic?.message ?? '', /line of \d{8} bytes is longer than the 1048576-byte cap/);
    const run = await waitForRun(api, wf, (row) => labels(row.children).includes('after_huge'), 30_000);
    assert.deepEqual(labels(run.children).sort(), ['after_huge', 'before_huge']);
    const source = (await api.viewItems('sources')).find((s) => s.label === 'huge.jsonl');
    assert.match(source?.description ?? '', /^3 lines · 2 events · 1 malformed/);
    await viewsStillAnswer(api);
  });

  suite('a broken rules file', () => {
    let original = '';
    const rulesFile = (): string => wsPath('.runlens', 'alerts.json');
    const rulesDiagnostics = (): vscode.Diagnostic[] => runlensDiagnostics(rulesFile());

    suiteSetup(() => {
      original = readFileSync(rulesFile(), 'utf8');
    });
    suiteTeardown(async function () {
      this.timeout(30_000);
      if (!original) return;
      writeFileSync(rulesFile(), original);
      await waitFor('the rules file diagnostics to clear', () => rulesDiagnostics().length === 0, { timeoutMs: 20_000 }).catch(() => undefined);
    });

    test('an invalid field is marked on that field, with the JSON path and what is expected', async function () {
      this.timeout(60_000);
      const broken = original.replace('"duration": "1m"', '"duration": "5 minutes"');
      assert.notEqual(broken, original);
      writeFileSync(rulesFile(), broken);
      const [d] = await waitFor('a diagnostic in .runlens/alerts.json', () => {
        const all = rulesDiagnostics();
        return all.length > 0 ? all : undefined;
      }, { timeoutMs: 20_000 });
      assert.ok(d);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /^rules\[0\]\.duration: must be a duration such as "30s", "5m", "1h" or seconds/);
      const lineText = broken.split('\n')[d.range.start.line] ?? '';
      assert.match(lineText, /"duration": "5 minutes"/, 'the diagnostic sits on the duration field');
      await viewsStillAnswer(api);
    });

    test('while the file is broken the last valid rules stay in force', async function () {
      this.timeout(90_000);
      const tool = `e2e_slow_broken_rules_${Date.now()}`;
      appendJsonLines(wsPath('logs', 'agents.jsonl'), [event(`wf-e2e-${tool}`, {
        tool_name: tool, agent_name: 'e2e_agent', duration_ms: 8000, success: true, cost_estimate: 0, event: 'tool_executed',
      }, 40_000)]);
      await waitFor('the slow tool alert from the last valid rules', () => api.liveFiringCount() >= 1, { timeoutMs: 20_000, describe: () => api.statusBarText() });
      await waitFor('it to resolve', () => api.liveFiringCount() === 0, { timeoutMs: 45_000, intervalMs: 250 });
    });

    test('a file that is not JSON at all is reported too, and a fixed file clears the problems', async function () {
      this.timeout(60_000);
      writeFileSync(rulesFile(), '{ "rules": [ { "name": "half written", ');
      await waitFor('a diagnostic for the unparseable file', () => {
        const all = rulesDiagnostics();
        return all.length > 0 && all.every((d) => !/duration/.test(d.message)) ? all : undefined;
      }, { timeoutMs: 20_000, describe: () => rulesDiagnostics().map((d) => d.message) });
      for (const d of rulesDiagnostics()) assert.ok(d.message.length > 5, `unclear message ${JSON.stringify(d.message)}`);
      await viewsStillAnswer(api);
      writeFileSync(rulesFile(), original);
      await waitFor('the diagnostics to clear', () => rulesDiagnostics().length === 0, { timeoutMs: 20_000, describe: () => rulesDiagnostics().map((d) => d.message) });
    });
  });
});
