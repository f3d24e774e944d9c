/// <reference types="mocha" />
/**
 * Issue 5 / design §9, by hand: append a breaching line to a followed log and see the toast
 * (text = rule name + message; buttons Show Trace, Open Log), click Show Trace and see the
 * span selected in the Runs view, click Open Log and land on the line; the severity picks the
 * toast kind (info / warning / error, critical → error); the status-bar item `runlens.alerts`
 * counts the alert while it fires. Also measures append → toast latency over 50 alerts,
 * broken down by stage (test-artifacts/e2e-measurements.json "toastLatency"; toastLatency.ts;
 * no timed assertion).
 *
 * Rules: test/e2e/workspace-template/.runlens/alerts.json. Appended lines carry current
 * timestamps (live alerts are evaluated at wall-clock time).
 */
import * as assert from 'node:assert/strict';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { sel, ui } from './context';
import {
  activeTabName, alertsStatusItem, appendJsonLines, clearNotifications, isoAgo, leaveRunlens, linesContaining, openRunlens, pane,
  recordMeasurements, toast, waitForSelectedLine, wsPath,
} from './helpers';
import { nowMs, readProbe, stats, waitForRecordedToast, watchToasts, type PageToast } from './toastLatency';

const LOG = (): string => wsPath('logs', 'live-alerts.jsonl');

function toolLine(tool: string, fields: Record<string, unknown> = {}, agoMs = 0): Record<string, unknown> {
  const wf = `wf-ui-${tool}`;
  return {
    tool_name: tool, parameters_summary: 'q', result_summary: 'r', duration_ms: 120, success: true, cost_estimate: 0.001,
    event: 'tool_executed', request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-ui', agent_name: 'ui_agent', level: 'info', timestamp: isoAgo(agoMs), ...fields,
  };
}

async function toastIcon(page: Page, ...text: string[]): Promise<string> {
  const t = toast(page, ...text);
  await t.waitFor({ state: 'visible', timeout: 30_000 });
  const icon = t.locator('.notification-list-item-icon');
  return (await icon.getAttribute('class')) ?? '';
}

suite('ui: alert toasts', () => {
  suiteTeardown(async () => {
    await leaveRunlens(ui().page);
  });

  suiteSetup(async () => {
    const { page } = ui();
    await openRunlens(page);
    await clearNotifications(page);
  });

  test('a breaching line → warning toast with the rule name and message, Show Trace and Open Log buttons; status bar counts 1', async () => {
    const { page, shot } = ui();
    const tool = `ui_slow_${Date.now()}`;
    // Stamped 30 s ago: it fires now and leaves the 1-minute window ~30 s later.
    appendJsonLines(LOG(), [toolLine(tool, { duration_ms: 7300.4, level: 'warning' }, 30_000)]);
    const t = toast(page, 'slow tool call', `tool ${tool} took 7300 ms > 5000 ms`);
    await t.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await t.locator('.notification-list-item-icon').getAttribute('class') ?? '', /codicon-warning/);
    for (const name of ['Show Trace', 'Open Log']) await t.getByRole('button', { name }).waitFor({ state: 'visible', timeout: 5_000 });
    const status = alertsStatusItem(page);
    await status.filter({ hasText: /^\s*1\s*$/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('warning-toast-and-status-1');

    await t.getByRole('button', { name: 'Show Trace' }).click();
    // The tool's span is selected (and focused) in the Runs view.
    const runs = pane(page, 'Runs');
    const selected = runs.locator('.monaco-list-row[role=treeitem][aria-selected="true"]');
    await selected.filter({ hasText: tool }).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('show-trace-selected-span');

    // It resolves when its point leaves the window: the count goes back to 0.
    await status.filter({ hasText: /^\s*0\s*$/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await shot('status-back-to-0');
  });

  test('error severity → error toast; Open Log lands on the contributing line', async () => {
    const { page, shot } = ui();
    await clearNotifications(page);
    const agent = `ui_failing_agent_${Date.now()}`;
    const wf = `wf-ui-${agent}`;
    appendJsonLines(LOG(), [{
      agent_name: agent, input_summary: 'x', output_summary: null, duration_ms: 900, success: false, error_message: 'ToolError: upstream 503',
      event: 'agent_execution_failed', request_id: `req-${wf}`, workflow_id: wf, user_id: 'u-ui', level: 'error', timestamp: isoAgo(0),
    }]);
    const [line] = linesContaining(LOG(), `"agent_name":"${agent}"`);
    assert.ok(line);
    assert.match(await toastIcon(page, 'agent failing', `agent ${agent} failed 100%`), /codicon-error/);
    await shot('error-toast');
    await toast(page, 'agent failing', agent).getByRole('button', { name: 'Open Log' }).click();
    await waitForSelectedLine(page, line);
    assert.match(await activeTabName(page), /live-alerts\.jsonl/);
    await shot(`open-log-line-${line}`);
  });

  test('info severity → information toast; critical → error toast', async () => {
    const { page, shot } = ui();
    await clearNotifications(page);
    const stamp = Date.now();
    appendJsonLines(LOG(), [toolLine(`ui_pricey_${stamp}`, { cost_estimate: 2.5 })]);
    assert.match(await toastIcon(page, 'expensive tool call', `ui_pricey_${stamp}`), /codicon-info/);
    await shot('info-toast');
    await clearNotifications(page);
    appendJsonLines(LOG(), [toolLine('payments_api', { success: false, result_summary: 'HTTP 503' })]);
    assert.match(await toastIcon(page, 'payments tool down', 'payments_api success rate 0% < 50%'), /codicon-error/);
    await shot('critical-toast');
    await clearNotifications(page);
  });

  test('measure: append → toast visible, broken down by stage', async function () {
    // Samples: RUNLENS_E2E_TOAST_SAMPLES (default 50). One tool per sample, so each is a new alert stream.
    const samples = Math.max(1, Number(process.env.RUNLENS_E2E_TOAST_SAMPLES) || 50);
    this.timeout(60_000 + samples * 15_000);
    const { page, shot } = ui();
    await clearNotifications(page);
    await watchToasts(page);
    const stamp = Date.now();
    const rows: Array<{ tool: string; appendAt: number; playwrightAt: number; toast: PageToast }> = [];
    for (let i = 0; i < samples; i++) {
      const tool = `ui_latency_${stamp}_${i}`;
      const appendAt = nowMs();
      // A MetricPoint line (the seed's MetricPoint.to_dict) rather than a tool_executed event: the same
      // metric and rule, but no span, so 50 samples do not push the fixture's spans out of the
      // dashboard's "recent spans" (dashboard.test.ts runs next) or add 50 runs to the Runs view.
      appendJsonLines(LOG(), [{ name: 'tool_execution_duration_ms', value: 6000 + i, timestamp: isoAgo(0), tags: { tool_name: tool } }]);
      // The old way too (Playwright's locator polling backs off to 500 ms, and the selector waits for the fade-in to end).
      const [playwrightAt, recorded] = await Promise.all([
        toast(page, 'slow tool call', tool).waitFor({ state: 'visible', timeout: 30_000 }).then(nowMs),
        waitForRecordedToast(page, tool),
      ]);
      rows.push({ tool, appendAt, playwrightAt, toast: recorded });
      if (i === 0) await shot('latency-first-toast');
      await clearNotifications(page);
    }

    const probe = readProbe(ui().runDir);
    const stageAt = (tool: string, stage: string): number | undefined => probe.find((r) => r.stage === stage && r.key.includes(tool))?.t;
    // Consecutive stages; a missing stamp leaves that sample out of the two stages around it.
    const chain = ['append', 'worker.ingested', 'worker.evaluated', 'worker.posted', 'host.received', 'host.show', 'toast.inserted', 'toast.nextFrame', 'toast.fadeInDone'] as const;
    const at = (row: (typeof rows)[number], stage: (typeof chain)[number]): number | undefined => {
      switch (stage) {
        case 'append': return row.appendAt;
        case 'toast.inserted': return row.toast.insertedAt;
        case 'toast.nextFrame': return row.toast.nextFrameAt;
        case 'toast.fadeInDone': return row.toast.fadeInDoneAt;
        default: return stageAt(row.tool, stage);
      }
    };
    const deltas = (from: (typeof chain)[number], to: (typeof chain)[number]): number[] =>
      rows.flatMap((row) => {
        const a = at(row, from);
        const b = at(row, to);
        return a === undefined || b === undefined ? [] : [b - a];
      });
    const stages: Record<string, ReturnType<typeof stats>> = {};
    for (let k = 1; k < chain.length; k++) stages[`${chain[k - 1]} → ${chain[k]}`] = stats(deltas(chain[k - 1] as (typeof chain)[number], chain[k] as (typeof chain)[number]));
    const result = {
      samples,
      // The headline: the toast is in the DOM and its fade-in has begun (it is inserted inside an animation frame).
      appendToToastInsertedMs: stats(deltas('append', 'toast.inserted')),
      appendToNextFrameMs: stats(deltas('append', 'toast.nextFrame')),
      appendToFadeInDoneMs: stats(deltas('append', 'toast.fadeInDone')),
      appendToPlaywrightSawMs: stats(rows.map((r) => r.playwrightAt - r.appendAt)),
      stagesMs: stages,
      tailerWarnings: probe.filter((r) => r.stage === 'worker.warning').map((r) => `${r.key}: ${String(r.message)}`),
      loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
      note:
        'epoch-ms stamps on one machine: append = before appendFileSync in the driver; worker.* and host.* from src/node/latencyProbe.ts; toast.* from a MutationObserver in the page '
        + '(inserted = the toast element appears, at opacity 0, and starts VS Code\'s fixed 0.3 s CSS fade-in; fadeInDone = its transitionend, what the selector .notification-fade-in-done waits for). '
        + 'appendToPlaywrightSawMs is the old method (locator.waitFor polling, which backs off to every 500 ms). No timed assertion.',
    };
    recordMeasurements('toastLatency', result);
    console.log(`    toast latency: ${JSON.stringify(result, null, 2).split('\n').join('\n    ')}`);
    assert.equal(rows.length, samples);
    assert.equal(await page.locator(sel.toast).count(), 0);
  });
});
