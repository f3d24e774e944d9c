/// <reference types="mocha" />
/**
 * Issue 5, clicking like a person: open the Runlens tab, expand a workflow down to an agent
 * span, click it and read the editor's status bar (`Ln N`); hostile names in the Runs view
 * show as text. Screenshots of each step are kept (screenshots/ui/).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sel, ui } from './context';
import {
  activeTabName, appendJsonLines, clearRunsFilter, expandRow, filterRuns, isoAgo, leaveRunlens, linesContaining, nextRow, openRunlens, treeRow,
  waitForSelectedLine, watchDialogs, wsPath,
} from './helpers';

suite('ui: Runs view → log line', () => {
  suiteSetup(async () => {
    // Earlier UI tests append runs newer than the fixture's: show wf-42 and wf-43 only.
    await openRunlens(ui().page);
    await filterRuns(ui().page, 'wf-4');
  });
  suiteTeardown(async () => {
    await clearRunsFilter(ui().page).catch(() => undefined);
    await leaveRunlens(ui().page);
  });

  test('the Runlens tab shows Runs, Metrics, Alerts and Sources with the fixture\'s workflows', async () => {
    const { page, shot } = ui();
    await openRunlens(page);
    for (const view of ['Runs', 'Metrics', 'Alerts', 'Sources']) {
      await page.locator(sel.paneTitle, { hasText: new RegExp(`^${view}$`, 'i') }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    const wf42 = treeRow(page, 'wf-42');
    await wf42.waitFor({ state: 'visible', timeout: 60_000 });
    await treeRow(page, 'wf-43').waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await wf42.innerText(), /completed/);
    await shot('runlens-sidebar');
  });

  test('expand wf-42 down to market_researcher, click it: agents.jsonl opens with its line selected', async () => {
    const { page, shot } = ui();
    await openRunlens(page);
    const wf42 = treeRow(page, 'wf-42');
    await expandRow(wf42);
    const supervisor = await nextRow(wf42);
    assert.match(await supervisor.innerText(), /^supervisor/);
    await expandRow(supervisor);
    await shot('expanded-supervisor');
    await expandRow(treeRow(page, 'research_lead'));
    const worker = treeRow(page, 'market_researcher');
    await worker.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('expanded-to-worker');

    const [expected] = linesContaining(wsPath('logs', 'agents.jsonl'), '"agent_name":"market_researcher"', '"event":"agent_execution_completed"');
    assert.equal(expected, 5);
    await worker.locator('.label-name').click();
    const status = await waitForSelectedLine(page, expected);
    assert.match(await activeTabName(page), /agents\.jsonl/);
    // The whole line is selected: the status bar counts every character of it.
    const lineText = readFileSync(wsPath('logs', 'agents.jsonl'), 'utf8').split('\n')[expected - 1] ?? '';
    assert.match(status, new RegExp(`\\(${lineText.length} selected\\)`), status);
    await page.locator('.part.editor .monaco-editor .selected-text').first().waitFor({ state: 'visible', timeout: 10_000 });
    await shot('clicked-agent-editor-line-5');
  });

  test('a tool span of the failed run opens its line too', async () => {
    const { page, shot } = ui();
    await openRunlens(page);
    const wf43 = treeRow(page, 'wf-43');
    await expandRow(wf43);
    // wf-43's only child: its supervisor (wf-42 has one too, hence by position).
    const supervisor = await nextRow(wf43);
    assert.match(await supervisor.innerText(), /^supervisor/);
    await expandRow(supervisor);
    await expandRow(treeRow(page, 'analytics_lead'));
    await expandRow(treeRow(page, 'data_analyst'));
    const tool = treeRow(page, 'sql_query');
    await tool.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await treeRow(page, 'data_analyst').innerText(), /failed/);
    const [expected] = linesContaining(wsPath('logs', 'agents.jsonl'), '"tool_name":"sql_query"');
    assert.ok(expected);
    await tool.locator('.label-name').click();
    await waitForSelectedLine(page, expected);
    await shot(`clicked-tool-editor-line-${expected}`);
  });

  test('hostile names appended to a log show as plain text in the tree', async () => {
    const { page, shot } = ui();
    const wf = `wf-ui-hostile-${Date.now()}`;
    const agent = '<img src=x onerror=alert(1)>';
    const tool = '<script>alert("tree")</script>';
    const ctx = { request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-e2e', level: 'info' };
    appendJsonLines(wsPath('logs', 'hostile-tree.jsonl'), [
      { ...ctx, agent_name: agent, tool_name: tool, duration_ms: 100, success: true, cost_estimate: 0, event: 'tool_executed', timestamp: isoAgo(2_200) },
      { ...ctx, agent_name: agent, input_summary: 'x', output_summary: 'y', duration_ms: 400, success: true, error_message: null, event: 'agent_execution_completed', timestamp: isoAgo(2_000) },
    ]);
    const dialogs = watchDialogs(page);
    try {
      await openRunlens(page);
      await filterRuns(page, wf);
      const run = treeRow(page, wf);
      await run.waitFor({ state: 'visible', timeout: 30_000 });
      await expandRow(run);
      await expandRow(treeRow(page, agent));
      await treeRow(page, tool).waitFor({ state: 'visible', timeout: 15_000 });
      // Rendered as text: no element was created from the names.
      assert.equal(await page.locator(`${sel.sidebar} img[src="x"]`).count(), 0);
      assert.equal(await page.locator(`${sel.sidebar} script`).count(), 0);
      await shot('hostile-names-as-text');
      assert.equal(dialogs.count, 0, 'an alert() dialog was opened');
    } finally {
      dialogs.stop();
    }
  });
});
