/// <reference types="mocha" />
/**
 * Issue 5's "CodeLens on .jsonl/.log files that reveals the trace node": "Show in Trace" above
 * each log line that is a node of a followed run, only for the lines on screen (and a margin)
 * so a big log stays cheap, running the reverse-navigation command for its own line, and gone
 * with `runlens.codeLens.enabled: false`. Lenses are asked for as the editor does
 * (vscode.executeCodeLensProvider).
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension/extension';
import { isoAgo, linesContaining, runlens, waitFor, waitForSelectedSpan, wsPath } from './helpers';

const COMMAND = 'runlens.revealLineInTrace';

/** The Runlens lenses of `uri`, by 1-based line. */
async function lenses(uri: vscode.Uri): Promise<Map<number, vscode.CodeLens>> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  const out = new Map<number, vscode.CodeLens>();
  for (const lens of all) {
    if (lens.command?.command !== COMMAND) continue;
    assert.ok(!out.has(lens.range.start.line + 1), `two lenses on line ${lens.range.start.line + 1}`);
    out.set(lens.range.start.line + 1, lens);
  }
  return out;
}

suite('CodeLens: Show in Trace above log lines that are trace nodes', () => {
  let api: RunlensApi;
  const log = (): string => wsPath('logs', 'agents.jsonl');

  suiteSetup(async () => {
    api = await runlens();
  });

  test('one lens per event line of the fixture; the failed worker\'s lens reveals its row', async () => {
    const uri = vscode.Uri.file(log());
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const eventLines = linesContaining(log(), '"event":');
    const found = await waitFor('a lens on every event line', async () => {
      const l = await lenses(uri);
      return eventLines.every((n) => l.has(n)) ? l : undefined;
    }, { timeoutMs: 15_000, intervalMs: 250, describe: async () => [...(await lenses(uri)).keys()] });
    assert.deepEqual([...found.keys()].sort((a, b) => a - b), eventLines, 'no lens on other lines');

    const [line] = linesContaining(log(), '"agent_name":"data_analyst"', '"event":"agent_execution_failed"');
    assert.ok(line);
    const lens = found.get(line);
    assert.match(lens?.command?.title ?? '', /Show in Trace/);
    // The lens acts on its own line, wherever the cursor is.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(COMMAND, ...(lens?.command?.arguments ?? []));
    const selected = await waitForSelectedSpan(api, 'wf-43', 'data_analyst');
    assert.equal(selected.label, 'data_analyst');
  });

  test('a long log gets lenses only around the lines on screen, and new ones where it scrolls', async function () {
    this.timeout(60_000);
    const file = wsPath('logs', 'codelens-long.jsonl');
    const wf = `wf-e2e-lens-${Date.now()}`;
    const base = { request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-e2e', level: 'info' };
    const count = 3000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      lines.push(JSON.stringify({ ...base, agent_name: `lens_worker_${i}`, tool_name: `probe_${i}`, parameters_summary: `n=${i}`, result_summary: 'ok', duration_ms: 5, success: true, cost_estimate: 0, event: 'tool_executed', timestamp: isoAgo(count * 10 - i * 10) }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const uri = vscode.Uri.file(file);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    const top = await waitFor('lenses at the top of the long log', async () => {
      const l = await lenses(uri);
      return l.has(1) ? l : undefined;
    }, { timeoutMs: 20_000, intervalMs: 250, describe: async () => (await lenses(uri)).size });
    const lastVisible = Math.max(...editor.visibleRanges.map((r) => r.end.line + 1));
    assert.ok(top.size < count / 4, `${top.size} lenses for ${count} lines: not bounded by the visible range`);
    assert.ok(top.has(lastVisible), `line ${lastVisible} is on screen but has no lens`);
    assert.ok(!top.has(count), 'the last line is far off screen and has no lens');

    const target = 2500;
    editor.revealRange(new vscode.Range(target - 1, 0, target - 1, 0), vscode.TextEditorRevealType.InCenter);
    const scrolled = await waitFor(`a lens on line ${target} after scrolling there`, async () => {
      const l = await lenses(uri);
      return l.has(target) ? l : undefined;
    }, { timeoutMs: 10_000, intervalMs: 250 });
    assert.ok(!scrolled.has(1), 'the top is now off screen');
    assert.deepEqual(scrolled.get(target)?.command?.arguments?.[1], target);
  });

  test('runlens.codeLens.enabled: false removes them', async () => {
    const uri = vscode.Uri.file(log());
    await vscode.window.showTextDocument(uri, { preview: false });
    const settings = vscode.workspace.getConfiguration('runlens');
    try {
      await settings.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor('no lenses', async () => (await lenses(uri)).size === 0, { timeoutMs: 10_000, intervalMs: 250 });
    } finally {
      await settings.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('lenses back', async () => (await lenses(uri)).size > 0, { timeoutMs: 10_000, intervalMs: 250 });
  });
});
