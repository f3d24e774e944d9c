/// <reference types="mocha" />
/**
 * Issue 6 in the real workbench: "Runlens: Open Dashboard" from the palette; chart data and
 * labels read from inside the webview (window.__runlensCharts, data-testid tables); the
 * first page's recent spans / failures tables hold agent, tool and workflow names as text
 * (design §9); a colour-theme switch recolours the charts; a waterfall bar click lands the
 * editor on its line; hostile names stay text and run nothing; after "Developer: Reload
 * Window" the panel comes back on the page it showed.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { DashboardWindow } from '../../helpers/webviewHarness';
import { sel, ui } from './context';
import {
  activeTabName, appendJsonLines, clearNotifications, command, clearRunsFilter, dashboardFrame, filterRuns, isoAgo, leaveRunlens, linesContaining,
  openRunlens, treeRow, waitForSelectedLine, watchDialogs, wsPath,
} from './helpers';

type Charts = NonNullable<DashboardWindow['__runlensCharts']>;

async function charts(frame: FrameLocator): Promise<Charts> {
  return frame.locator('body').evaluate(() => (window as unknown as DashboardWindow).__runlensCharts ?? {});
}

/** Distinct opaque colours drawn on a chart's canvas (as "r,g,b"), and how many pixels are inked. */
async function canvasInk(frame: FrameLocator, id: string): Promise<{ inked: number; colours: string[] }> {
  return frame.locator(`[data-testid="chart-${id}"]`).evaluate((node) => {
    const canvas = node as HTMLCanvasElement;
    if (canvas.width === 0) return { inked: 0, colours: [] };
    const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    const colours = new Map<string, number>();
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i + 3] as number) === 0) continue;
      inked++;
      if ((data[i + 3] as number) > 150) {
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
    }
    return { inked, colours: [...colours.entries()].filter(([, n]) => n > 20).map(([k]) => k).sort() };
  });
}

async function cssVar(frame: FrameLocator, name: string): Promise<string> {
  return frame.locator('html').evaluate((html, n) => getComputedStyle(html).getPropertyValue(n).trim(), name);
}

function rgbOf(css: string): string | undefined {
  const hex = /^#([0-9a-f]{6})/i.exec(css)?.[1];
  if (!hex) return undefined;
  const n = Number.parseInt(hex, 16);
  return `${(n >> 16) & 255},${(n >> 8) & 255},${n & 255}`;
}

const near = (colours: string[], rgb: string, tolerance = 40): boolean => {
  const [r, g, b] = rgb.split(',').map(Number) as [number, number, number];
  return colours.some((c) => {
    const [cr, cg, cb] = c.split(',').map(Number) as [number, number, number];
    return Math.abs(cr - r) <= tolerance && Math.abs(cg - g) <= tolerance && Math.abs(cb - b) <= tolerance;
  });
};

async function waitForDashboard(page: Page, pageKey?: string): Promise<FrameLocator> {
  const frame = dashboardFrame(page);
  await frame.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  if (pageKey) await frame.locator(`body[data-page="${pageKey}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  return frame;
}

/** Brings the dashboard's editor tab to the front. */
async function showDashboardTab(page: Page): Promise<FrameLocator> {
  await page.locator('.part.editor .tabs-container .tab', { hasText: 'Runlens Dashboard' }).first().click();
  return waitForDashboard(page);
}

/** "Preferences: Toggle between Light/Dark Themes" from the palette. */
async function toggleTheme(page: Page): Promise<void> {
  await command(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.locator(sel.quickInput).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

suite('ui: dashboard', () => {
  suiteTeardown(async () => {
    await leaveRunlens(ui().page);
  });

  test('opens from the palette: charts with data and labels, recent spans and failures as text', async () => {
    const { page, shot } = ui();
    await command(page, 'Runlens: Open Dashboard');
    const frame = await waitForDashboard(page, 'overview');
    await page.locator(sel.activeTab, { hasText: 'Runlens Dashboard' }).waitFor({ state: 'visible', timeout: 15_000 });

    // Chart data, as drawn.
    const drawn = await charts(frame);
    const workflows = drawn['overview-workflows'];
    assert.ok(workflows && workflows.draws >= 1, `charts: ${JSON.stringify(Object.keys(drawn))}`);
    const labels = workflows.series.map((s) => s.label);
    assert.ok(labels.some((l) => /completed/i.test(l)) && labels.some((l) => /failed/i.test(l)), `workflow series ${JSON.stringify(workflows.series)}`);
    assert.ok(workflows.series.every((s) => s.points > 0), JSON.stringify(workflows.series));
    assert.ok(drawn['overview-success']?.series.length, 'success-rate chart drew no series');
    assert.ok((await canvasInk(frame, 'overview-workflows')).inked > 100, 'the workflows canvas is blank');
    assert.match(await frame.locator('[data-testid="chart-overview-workflows"]').getAttribute('aria-label') ?? '', /Workflows/);

    // The first page's tables: names as text (readable, searchable, clickable).
    const spans = frame.locator('[data-testid="recent-spans"]');
    await spans.waitFor({ state: 'visible', timeout: 15_000 });
    const spansText = await spans.innerText();
    for (const name of ['market_researcher', 'web_search', 'wf-42', 'copywriter', 'llm_generate']) assert.ok(spansText.includes(name), `recent spans lack ${name}`);
    const failures = frame.locator('[data-testid="recent-failures"]');
    const failuresText = await failures.innerText();
    for (const name of ['data_analyst', 'sql_query', 'wf-43']) assert.ok(failuresText.includes(name), `recent failures lack ${name}`);
    assert.match(failuresText, /sql_query timed out after 5000 ms/);
    await shot('overview');
  });

  test('a colour-theme switch recolours the charts from the new theme\'s --vscode-charts-* colours', async () => {
    const { page, shot } = ui();
    const frame = await showDashboardTab(page);
    const before = {
      kind: await frame.locator('body').getAttribute('class'),
      green: await cssVar(frame, '--vscode-charts-green'),
      ink: await canvasInk(frame, 'overview-workflows'),
      draws: (await charts(frame))['overview-workflows']?.draws ?? 0,
    };
    // The workbench starts in the theme matching the browser's colour scheme: switch to the other one.
    const wasDark = /\bvscode-dark\b/.test(before.kind ?? '');
    assert.ok(wasDark || /\bvscode-light\b/.test(before.kind ?? ''), `body class ${before.kind}`);
    await toggleTheme(page);
    await frame.locator(wasDark ? 'body.vscode-light' : 'body.vscode-dark').waitFor({ state: 'attached', timeout: 30_000 });
    // The chart redraws with the new colours.
    const deadline = Date.now() + 15_000;
    while (((await charts(frame))['overview-workflows']?.draws ?? 0) <= before.draws) {
      assert.ok(Date.now() < deadline, 'the workflows chart was not redrawn after the theme change');
      await page.waitForTimeout(100);
    }
    const after = { green: await cssVar(frame, '--vscode-charts-green'), ink: await canvasInk(frame, 'overview-workflows') };
    await shot(wasDark ? 'switched-to-light-theme' : 'switched-to-dark-theme');
    assert.notEqual(after.green, before.green, 'the theme variables did not change');
    assert.notDeepEqual(after.ink.colours, before.ink.colours, 'the chart was not recoloured');
    const green = rgbOf(after.green);
    if (green) assert.ok(near(after.ink.colours, green), `completed bars not in the new theme's charts-green ${after.green}: ${JSON.stringify(after.ink.colours)}`);
    await toggleTheme(page);
    await frame.locator(wasDark ? 'body.vscode-dark' : 'body.vscode-light').waitFor({ state: 'attached', timeout: 30_000 });
  });

  test('a waterfall bar click lands the editor on its log line', async () => {
    const { page, shot } = ui();
    const frame = await showDashboardTab(page);
    // From the failures table, the workflow cell opens wf-43's waterfall.
    await frame.locator('[data-testid="recent-failures"] [data-action="waterfall"]', { hasText: 'wf-43' }).first().click();
    await waitForDashboard(page, 'waterfall');
    await frame.locator('[data-testid="waterfall-header"]', { hasText: 'wf-43' }).waitFor({ state: 'visible', timeout: 15_000 });
    const rows = frame.locator('[data-testid="waterfall-row"]');
    const kinds = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-depth')}:${(e.textContent ?? '').trim()}`));
    assert.ok(kinds.some((k) => /^agent:\d+:.*data_analyst/.test(k)), JSON.stringify(kinds));
    await shot('waterfall-wf-43');
    const [line] = linesContaining(wsPath('logs', 'agents.jsonl'), '"agent_name":"data_analyst"', '"event":"agent_execution_failed"');
    assert.ok(line);
    const row = rows.filter({ hasText: 'data_analyst' }).first();
    await row.hover();
    await frame.locator('[data-testid="waterfall-details"] [data-testid="log-location"]', { hasText: `agents.jsonl:${line}` }).waitFor({ state: 'visible', timeout: 10_000 });
    await row.locator('[data-testid="waterfall-bar"]').click();
    await waitForSelectedLine(page, line);
    assert.match(await activeTabName(page), /agents\.jsonl/);
    await shot(`waterfall-click-editor-line-${line}`);
  });

  test('hostile names appended to a log are shown as text and run nothing', async () => {
    const { page, shot } = ui();
    const dialogs = watchDialogs(page);
    try {
      const frame = await showDashboardTab(page);
      await frame.locator('[data-testid="tab-overview"]').click();
      await waitForDashboard(page, 'overview');
      const wf = 'wf-<svg onload=alert(2)>';
      const agent = '<img src=x onerror=alert(1)>';
      const tool = '</script><script>window.__pwned=1</script>';
      const ctx = { request_id: 'req-hostile-ui', workflow_id: wf, user_id: 'u-ui', level: 'error' };
      appendJsonLines(wsPath('logs', 'hostile-dashboard.jsonl'), [
        { ...ctx, agent_name: agent, tool_name: tool, duration_ms: 80, success: false, cost_estimate: 0, event: 'tool_executed', timestamp: isoAgo(1_500) },
        { ...ctx, agent_name: agent, input_summary: 'x', output_summary: null, duration_ms: 300, success: false, error_message: '<b onmouseover=alert(3)>boom</b>', event: 'agent_execution_failed', timestamp: isoAgo(1_200) },
      ]);
      // Live update of the page on screen: the names arrive as text.
      const failures = frame.locator('[data-testid="recent-failures"]');
      await failures.filter({ hasText: '<img src=x onerror=alert(1)>' }).waitFor({ state: 'visible', timeout: 30_000 });
      const text = await failures.innerText();
      assert.ok(text.includes('</script><script>window.__pwned=1</script>'), 'tool name not shown verbatim');
      assert.ok(text.includes('wf-<svg onload=alert(2)>'), 'workflow id not shown verbatim');
      assert.ok(text.includes('<b onmouseover=alert(3)>boom</b>'), 'error message not shown verbatim');
      assert.equal(await frame.locator('img[src="x"], svg[onload], b[onmouseover]').count(), 0, 'markup from the log became elements');
      assert.equal(await frame.locator('script').filter({ hasText: '__pwned' }).count(), 0, 'a script element was made from the log');
      assert.equal(await frame.locator('body').evaluate(() => (window as unknown as DashboardWindow).__pwned), undefined);
      await shot('hostile-names-as-text');
      // The toast of the "agent failing" rule carries the name as text too.
      const t = page.locator(sel.toast, { hasText: agent }).first();
      await t.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await page.locator(`${sel.toast} img[src="x"]`).count(), 0);
      await shot('hostile-toast-as-text');
      assert.equal(dialogs.count, 0, 'an alert() dialog was opened');
      await clearNotifications(page);
    } finally {
      dialogs.stop();
    }
  });

  test('after "Developer: Reload Window" the dashboard is restored on the page it showed', async () => {
    const { page, shot } = ui();
    let frame = await showDashboardTab(page);
    await frame.locator('[data-testid="tab-errors"]').click();
    frame = await waitForDashboard(page, 'errors');
    await shot('before-reload-errors-page');
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await command(page, 'Developer: Reload Window');
    await reloaded;
    for (const s of [sel.workbench, sel.statusbar]) await page.locator(s).first().waitFor({ state: 'visible', timeout: 90_000 });
    frame = await waitForDashboard(page, 'errors');
    await page.locator(sel.activeTab, { hasText: 'Runlens Dashboard' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('[data-testid="page-errors"]').count(), 1);
    await shot('after-reload-restored');
    // The views are filled again (the engine re-read every log after the reload).
    await openRunlens(page);
    await filterRuns(page, 'wf-4');
    await treeRow(page, 'wf-43').waitFor({ state: 'visible', timeout: 60_000 });
    await treeRow(page, 'wf-42').waitFor({ state: 'visible', timeout: 10_000 });
    await shot('after-reload-runs-view');
    await clearRunsFilter(page);
  });
});
