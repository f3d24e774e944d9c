/// <reference types="mocha" />
/**
 * Design §9: the status-bar item `runlens.alerts` shows the number of alerts firing now from
 * lines appended since the source was opened. The workspace's `.runlens/alerts.json` has
 * "slow tool call" (max tool_execution_duration_ms > 5000 over 1m, one stream per tool).
 * Appended lines are stamped 40 s in the past so that each alert also resolves ~20 s later,
 * when its point leaves the one-minute window (live alerts are evaluated at wall-clock time).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension/extension';
import type { TreeItemSnapshot } from '../../../src/extension/testApi';
import { appendJsonLines, isoAgo, linesContaining, runlens, waitFor, wsPath } from './helpers';

function slowToolLine(tool: string, agoMs: number): Record<string, unknown> {
  const wf = `wf-e2e-${tool}`;
  return {
    tool_name: tool, parameters_summary: "query='x'", result_summary: 'timeout', duration_ms: 7300.4, success: true, cost_estimate: 0.001,
    event: 'tool_executed', request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-e2e', agent_name: 'e2e_agent', level: 'warning', timestamp: isoAgo(agoMs),
  };
}

suite('alerts: the status bar counts live alerts', () => {
  let api: RunlensApi;
  const log = (): string => wsPath('logs', 'agents.jsonl');

  suiteSetup(async () => {
    api = await runlens();
  });

  test('nothing is counted before a breaching line is appended (the fixture\'s alerts are historical)', async () => {
    assert.equal(api.liveFiringCount(), 0);
    assert.equal(api.statusBarText(), '$(bell) 0');
  });

  test('a breaching line fires: counted, listed as firing, its row opens that line; it resolves when it leaves the window', async function () {
    this.timeout(90_000);
    // The log is open in an editor before the line is appended (the live case): opening the
    // alert's line must wait for the editor's copy of the file to show it.
    await vscode.window.showTextDocument(vscode.Uri.file(log()), { preview: false });
    const tool = `e2e_slow_${Date.now()}`;
    const appendedAt = Date.now();
    appendJsonLines(log(), [slowToolLine(tool, 40_000)]);
    const [line] = linesContaining(log(), `"tool_name":"${tool}"`);
    assert.ok(line);

    await waitFor('the status bar to count 1 alert', () => api.liveFiringCount() === 1, { timeoutMs: 15_000, describe: () => api.statusBarText() });
    const firedAfterMs = Date.now() - appendedAt;
    assert.equal(api.statusBarText(), '$(bell-dot) 1');

    const firing = await waitFor('a "slow tool call" row for the tool under Firing', async () => (await api.viewItems('alerts', { depth: 1 }))
      .find((g) => g.label === 'Firing')?.children?.find((i) => i.label === 'slow tool call' && (i.description ?? '').includes(tool)), { timeoutMs: 10_000 });
    assert.match(firing.description ?? '', /^firing/);
    assert.doesNotMatch(firing.description ?? '', /historical/);
    assert.match(firing.description ?? '', /took 7300 ms > 5000 ms/);
    assert.equal(firing.command?.command, 'runlens.openLog');
    await vscode.commands.executeCommand(firing.command.command, ...firing.command.arguments);
    await waitFor(`the alert's line ${line} selected`, () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.fsPath === log() && e.selection.start.line === line - 1 && e.selection.end.line === line - 1 && !e.selection.isEmpty;
    }, {
      timeoutMs: 10_000,
      describe: () => {
        const e = vscode.window.activeTextEditor;
        return { command: firing.command, editor: e && { file: e.document.uri.fsPath, start: e.selection.start, end: e.selection.end } };
      },
    });

    // 60 s after its timestamp the point leaves the window: resolved, no longer counted.
    await waitFor('the alert to resolve', () => api.liveFiringCount() === 0, { timeoutMs: 45_000, intervalMs: 250, describe: () => api.statusBarText() });
    const resolvedAfterMs = Date.now() - appendedAt;
    assert.equal(api.statusBarText(), '$(bell) 0');
    const items = await api.viewItems('alerts', { depth: 1 });
    const group = (label: string): TreeItemSnapshot[] => items.find((g) => g.label === label)?.children ?? [];
    assert.equal(group('Firing').find((i) => (i.description ?? '').includes(tool)), undefined, 'no firing row left for the tool');
    assert.ok(group('Recent').some((i) => i.label === 'slow tool call' && (i.description ?? '').startsWith('resolved') && (i.description ?? '').includes(tool)),
      `no resolved transition in Recent: ${JSON.stringify(group('Recent').map((i) => i.description))}`);
    console.log(`alert fired ${firedAfterMs} ms after the append, resolved after ${resolvedAfterMs} ms`);
  });

  test('two tools breaching at once count 2, then 0', async function () {
    this.timeout(90_000);
    const stamp = Date.now();
    appendJsonLines(log(), [slowToolLine(`e2e_slow_a_${stamp}`, 40_000), slowToolLine(`e2e_slow_b_${stamp}`, 40_000)]);
    await waitFor('2 alerts counted', () => api.liveFiringCount() === 2, { timeoutMs: 15_000, describe: () => api.statusBarText() });
    assert.equal(api.statusBarText(), '$(bell-dot) 2');
    await waitFor('both to resolve', () => api.liveFiringCount() === 0, { timeoutMs: 45_000, intervalMs: 250, describe: () => api.statusBarText() });
    assert.equal(api.statusBarText(), '$(bell) 0');
  });

  test('a line within the threshold fires nothing', async () => {
    appendJsonLines(log(), [{ ...slowToolLine(`e2e_fast_${Date.now()}`, 1_000), duration_ms: 4999 }]);
    // Give the tailer and the evaluation a few ticks; nothing may appear.
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      assert.equal(api.liveFiringCount(), 0, api.statusBarText());
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
