/// <reference types="mocha" />
/**
 * A run's row follows its log as lines are appended, in the workbench itself: the newest run
 * stays where it is (the list does not change), so only its row is refreshed, which reaches
 * the workbench only when the element fired is the object the view was given (it keys its
 * nodes by object; a fresh object per refresh was silently ignored and the row went stale).
 */
import * as assert from 'node:assert/strict';
import { ui } from './context';
import { appendJsonLines, isoAgo, leaveRunlens, openRunlens, treeRow, wsPath } from './helpers';

suite('ui: Runs rows follow appended lines', () => {
  suiteSetup(async () => {
    await openRunlens(ui().page);
  });
  suiteTeardown(async () => {
    await leaveRunlens(ui().page);
  });

  test('a failed agent appended to the newest run turns its row to "1 error" without reordering', async () => {
    const { page, shot } = ui();
    const log = wsPath('logs', 'live-runs.jsonl');
    const wf = `wf-ui-live-${Date.now()}`;
    const base = { request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-ui', level: 'info' };
    appendJsonLines(log, [
      { ...base, workflow_type: 'campaign', event: 'workflow_started', status: 'started', timestamp: isoAgo(2000) },
      { ...base, agent_name: 'live_worker', tool_name: 'live_probe', parameters_summary: 'q', result_summary: 'ok', duration_ms: 120, success: true, cost_estimate: 0.001, event: 'tool_executed', timestamp: isoAgo(1500) },
    ]);
    const row = treeRow(page, wf);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.doesNotMatch(await row.innerText(), /error/);
    await shot('new-run-row');

    appendJsonLines(log, [
      { ...base, agent_name: 'live_worker', input_summary: 'x', output_summary: null, duration_ms: 700, success: false, error_message: 'ToolError: upstream 503', event: 'agent_execution_failed', level: 'error', timestamp: isoAgo(500) },
    ]);
    await row.filter({ hasText: /1 error/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('row-with-1-error');
  });
});
