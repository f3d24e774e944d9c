/// <reference types="mocha" />
/**
 * Design §9 "opening a node's log line selects that whole line and reveals it centred", and
 * the reverse: from a log line to its node in the Runs view. The commands are the ones the
 * tree rows carry (what a click runs), executed with the real vscode API.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension/extension';
import type { TreeItemSnapshot } from '../../../src/extension/testApi';
import { findItem, isoAgo, linesContaining, runRow, runlens, waitFor, waitForRun, waitForSelectedSpan, wsPath } from './helpers';

/** Runs what a click on the row runs. */
async function click(row: TreeItemSnapshot): Promise<void> {
  assert.ok(row.command, `row ${row.label} has no command`);
  await vscode.commands.executeCommand(row.command.command, ...row.command.arguments);
}

/** Waits until the active editor shows `file` with exactly line `line` (1-based) selected, whole. */
async function expectWholeLineSelected(file: string, line: number): Promise<vscode.TextEditor> {
  const editor = await waitFor(`${file}:${line} selected in the active editor`, () => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.fsPath === file && e.selection.start.line === line - 1 ? e : undefined;
  }, {
    timeoutMs: 10_000,
    describe: () => {
      const e = vscode.window.activeTextEditor;
      return e ? { file: e.document.uri.fsPath, start: e.selection.start, end: e.selection.end } : 'no active editor';
    },
  });
  const text = editor.document.lineAt(line - 1);
  assert.equal(editor.selection.start.character, 0, 'selection starts at column 0');
  assert.equal(editor.selection.end.line, line - 1, 'selection stays on the line');
  assert.equal(editor.selection.end.character, text.range.end.character, 'selection ends at the end of the line');
  assert.ok(!editor.selection.isEmpty);
  return editor;
}

function visibleSpan(editor: vscode.TextEditor): { first: number; last: number } {
  const ranges = editor.visibleRanges;
  return { first: ranges[0]?.start.line ?? -1, last: ranges[ranges.length - 1]?.end.line ?? -1 };
}

suite('navigation: trace node ⇄ log line', () => {
  let api: RunlensApi;
  const log = (): string => wsPath('logs', 'agents.jsonl');

  suiteSetup(async () => {
    api = await runlens();
    await waitForRun(api, 'wf-43');
  });

  test('clicking an agent row opens its completion line, whole line selected', async () => {
    const wf42 = await runRow(api, 'wf-42');
    const worker = findItem(wf42?.children, (i) => i.label === 'market_researcher');
    assert.ok(worker);
    const [expected] = linesContaining(log(), '"agent_name":"market_researcher"', '"event":"agent_execution_completed"');
    assert.equal(expected, 5, 'fixture: market_researcher completes on line 5');
    await click(worker);
    await expectWholeLineSelected(log(), expected);
  });

  test('clicking a tool row of the failed run opens its tool_executed line', async () => {
    const wf43 = await runRow(api, 'wf-43');
    const tool = findItem(wf43?.children, (i) => i.label === 'sql_query');
    assert.ok(tool);
    const [expected] = linesContaining(log(), '"tool_name":"sql_query"');
    assert.ok(expected);
    await click(tool);
    await expectWholeLineSelected(log(), expected);
  });

  test('the failed worker\'s log line is found in the Runs view from the editor ("Show This Log Line in the Trace")', async () => {
    const [line] = linesContaining(log(), '"agent_name":"data_analyst"', '"event":"agent_execution_failed"');
    assert.ok(line);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(log()), { preview: false });
    editor.selection = new vscode.Selection(line - 1, 3, line - 1, 3);
    await vscode.commands.executeCommand('runlens.revealLineInTrace');
    const selected = await waitFor('a Runs row selected after revealLineInTrace', () => {
      const ids = api.runsSelection();
      return ids.length > 0 && ids[0]?.startsWith('run/wf-43/span/') ? ids : undefined;
    }, { timeoutMs: 10_000, describe: () => api.runsSelection() });
    const wf43 = await runRow(api, 'wf-43');
    const row = findItem(wf43?.children, (i) => i.id === selected[0]);
    assert.equal(row?.label, 'data_analyst', `selected ${selected[0]}`);
  });

  test('reverse navigation from a tool line, with the file passed as the command argument (editor context menu)', async () => {
    const [line] = linesContaining(log(), '"tool_name":"llm_generate"');
    assert.ok(line);
    const uri = vscode.Uri.file(log());
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    editor.selection = new vscode.Selection(line - 1, 0, line - 1, 0);
    await vscode.commands.executeCommand('runlens.revealLineInTrace', uri);
    const selected = await waitForSelectedSpan(api, 'wf-42', 'llm_generate');
    assert.equal(selected.label, 'llm_generate');
  });

  test('a line deep in a long log is revealed centred', async function () {
    this.timeout(60_000);
    // One workflow of 600 lines (one worker and a tool call per step), written as a new file.
    const file = wsPath('logs', 'long-run.jsonl');
    const wf = `wf-e2e-long-${Date.now()}`;
    const base = { request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-e2e', level: 'info' };
    const lines: string[] = [];
    const steps = 300;
    for (let i = 0; i < steps; i++) {
      const t = 600_000 - i * 1_000;
      lines.push(JSON.stringify({ ...base, agent_name: `step_worker_${i}`, tool_name: `fetch_${i}`, parameters_summary: `page=${i}`, result_summary: 'ok', duration_ms: 200, success: true, cost_estimate: 0.0001, event: 'tool_executed', timestamp: isoAgo(t - 300) }));
      lines.push(JSON.stringify({ ...base, agent_name: `step_worker_${i}`, input_summary: `step ${i}`, output_summary: 'done', duration_ms: 500, success: true, error_message: null, event: 'agent_execution_completed', timestamp: isoAgo(t - 400) }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const target = 'fetch_230';
    const [expected] = linesContaining(file, `"tool_name":"${target}"`);
    assert.equal(expected, 461);
    const row = await waitFor(`${target} in the Runs view`, async () => findItem((await runRow(api, wf))?.children, (i) => i.label === target), { timeoutMs: 30_000, intervalMs: 300 });
    await click(row);
    const editor = await expectWholeLineSelected(file, expected);
    const { first, last } = await waitFor('the editor to scroll', () => {
      const span = visibleSpan(editor);
      return span.first > 0 ? span : undefined;
    }, { timeoutMs: 5_000 });
    const middle = (first + last) / 2;
    assert.ok(first <= expected - 1 && expected - 1 <= last, `line ${expected} not visible (${first + 1}..${last + 1})`);
    assert.ok(Math.abs(middle - (expected - 1)) <= 2, `line ${expected} is not centred: visible ${first + 1}..${last + 1}`);
  });
});
