/// <reference lib="dom" />
/**
 * The built dashboard bundle in headless Chromium, behind the real HTML and CSP: every
 * page draws with data from the real engine, hostile names stay text, nothing violates
 * the CSP, colours follow the theme, live updates are throttled, and the UI state
 * survives a reload. Screenshots land in test-artifacts/dashboard/.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildDashboard, type DashboardInput } from '../../src/core/dashboard/dashboard';
import { displayName } from '../../src/core/dashboard/text';
import { DEFAULT_QUERY, PAGE_KEYS, type DashboardQuery, type PageKey } from '../../src/core/dashboard/types';
import { checkQuery } from '../../src/protocol/dashboardProtocol';
import { BIDI_TOOL, HOSTILE_AGENT, LOG_PATH, scenarioInput } from '../helpers/dashboardScenario';
import { DARK, HIGH_CONTRAST, LIGHT, type WebviewTheme } from '../helpers/vscodeThemes';
import { canRunChromium, launch, openDashboard, type DashboardWindow, type Harness } from '../helpers/webviewHarness';

const ARTIFACTS = join(__dirname, '../../test-artifacts/dashboard');
const skip = canRunChromium() ? false : 'Chromium or dist/webview/dashboard.js missing (run npm run build)';

let browser: Browser;
let input: DashboardInput;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  input = scenarioInput();
});
after(async () => {
  await browser?.close();
});

/** The extension host's part: answers ready and query with a snapshot from the engine. */
function fakeHost(source: () => DashboardInput = () => input): (message: unknown, h: Harness) => Promise<void> {
  return async (message, h) => {
    const m = message as { type: string; seq?: number; query?: unknown };
    if (m.type !== 'ready' && m.type !== 'query') return;
    const query: DashboardQuery = checkQuery(m.query) ?? DEFAULT_QUERY;
    const started = performance.now();
    const result = buildDashboard(source(), query);
    result.computeMs = performance.now() - started;
    await h.send({ type: 'snapshot', seq: m.seq ?? 0, result });
  };
}

async function waitForPage(h: Harness, page: PageKey): Promise<void> {
  await h.page.waitForFunction((p) => document.body.dataset.page === p, page, { timeout: 10_000 });
  // Two frames: charts drawn, custom elements rendered.
  await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function showPage(h: Harness, page: PageKey): Promise<void> {
  await h.page.click(`[data-testid="tab-${page}"]`);
  await waitForPage(h, page);
}

/** Non-transparent pixels of a canvas, and the distinct opaque colours drawn on it. */
async function canvasInk(h: Harness, testId: string): Promise<{ inked: number; colours: string[] }> {
  return h.page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="chart-${id}"]`);
    if (!canvas || canvas.width === 0) return { inked: 0, colours: [] };
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
    return { inked, colours: [...colours.entries()].filter(([, n]) => n > 20).map(([k]) => k) };
  }, testId);
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hasColour(colours: string[], hex: string, tolerance = 12): boolean {
  const [r, g, b] = rgb(hex);
  return colours.some((c) => {
    const [cr, cg, cb] = c.split(',').map(Number) as [number, number, number];
    return Math.abs(cr - r) <= tolerance && Math.abs(cg - g) <= tolerance && Math.abs(cb - b) <= tolerance;
  });
}

async function screenshots(theme: WebviewTheme): Promise<Harness> {
  const h = await openDashboard(browser, theme, fakeHost());
  await waitForPage(h, 'overview');
  for (const page of PAGE_KEYS) {
    if (page !== 'overview') await showPage(h, page);
    await h.page.screenshot({ path: join(ARTIFACTS, `${theme.name}-${page}.png`), fullPage: true });
  }
  return h;
}

test('every page renders with the real HTML and CSP: charts drawn, no CSP violation, no script error', { skip }, async () => {
  const light = await screenshots(LIGHT);
  assert.deepEqual(light.consoleErrors, []);
  await light.page.close();
  const h = await screenshots(DARK);
  assert.match(h.html, /default-src 'none'/);
  assert.doesNotMatch(h.html, /unsafe-eval|unsafe-inline/);
  assert.match(h.html, new RegExp(`<script nonce="${h.nonce}" src=`));
  const charts = await h.page.evaluate(() => (window as unknown as DashboardWindow).__runlensCharts ?? {});
  for (const id of ['overview-workflows', 'overview-success', 'latency-over-time', 'latency-histogram', 'errors-agents', 'errors-tools', 'cost-by-tool', 'cost-by-model', 'cost-tokens', 'alerts-timeline']) {
    assert.ok((charts[id]?.draws ?? 0) >= 1, `${id} drawn`);
    assert.ok((charts[id]?.series.reduce((n, s) => n + s.points, 0) ?? 0) > 0, `${id} has points`);
  }
  await showPage(h, 'latency');
  assert.ok((await canvasInk(h, 'latency-over-time')).inked > 2_000, 'latency chart has ink');
  await showPage(h, 'waterfall');
  assert.ok((await h.page.locator('[data-testid="waterfall-row"]').count()) >= 8);
  assert.deepEqual(await h.page.evaluate(() => (window as unknown as DashboardWindow).__cspViolations), []);
  assert.deepEqual(h.consoleErrors, []);
  await h.page.close();
});

test('hostile names are text: no markup runs, bidi controls are shown, exact text kept in data-raw', { skip }, async () => {
  const h = await openDashboard(browser, LIGHT, fakeHost());
  await waitForPage(h, 'overview');
  const cell = h.page.locator('[data-testid="recent-spans"] .log-text').filter({ hasText: '</script>' }).first();
  assert.equal(await cell.textContent(), displayName(HOSTILE_AGENT, 60));
  assert.equal(await cell.getAttribute('data-raw'), HOSTILE_AGENT);
  const pwned = await h.page.evaluate(() => ({
    pwned: (window as unknown as DashboardWindow).__pwned,
    images: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
  }));
  assert.deepEqual(pwned, { pwned: undefined, images: 0, scripts: 1 });
  const bidi = h.page.locator('.log-text').filter({ hasText: '<U+202E>' }).first();
  assert.equal(await bidi.textContent(), 'search<U+202E>gnp.exe');
  assert.equal(await bidi.getAttribute('data-raw'), BIDI_TOOL);
  // A workflow id with markup, in the waterfall's header and its dropdown.
  await h.send({ type: 'snapshot', seq: 0, result: buildDashboard(input, { ...DEFAULT_QUERY, page: 'waterfall', workflowId: 'wf-<b>3</b>' }) });
  await waitForPage(h, 'waterfall');
  assert.equal(await h.page.locator('[data-testid="waterfall-header"] .log-text').first().textContent(), 'wf-<b>3</b>');
  assert.ok((await h.page.locator('vscode-option', { hasText: 'wf-<b>3</b>' }).count()) >= 1);
  assert.equal(await h.page.locator('b').count(), 0);
  assert.deepEqual(await h.page.evaluate(() => (window as unknown as DashboardWindow).__cspViolations), []);
  await h.page.close();
});

test('colours come from the theme: light, dark and high contrast differ and match --vscode-charts-*', { skip }, async () => {
  const colours: Record<string, string[]> = {};
  for (const theme of [LIGHT, DARK, HIGH_CONTRAST]) {
    const h = await openDashboard(browser, theme, fakeHost());
    await waitForPage(h, 'overview');
    colours[theme.name] = (await canvasInk(h, 'overview-workflows')).colours;
    assert.ok(hasColour(colours[theme.name] as string[], theme.vars['--vscode-charts-green'] as string, 40), `${theme.name}: completed bars in charts-green`);
    assert.ok(hasColour(colours[theme.name] as string[], theme.vars['--vscode-charts-red'] as string, 40), `${theme.name}: failed bars in charts-red`);
    if (theme === HIGH_CONTRAST) await h.page.screenshot({ path: join(ARTIFACTS, 'high-contrast-overview.png'), fullPage: true });
    await h.page.close();
  }
  assert.notDeepEqual(colours.light, colours.dark);
  // A theme switch while open re-reads the variables and redraws.
  const h = await openDashboard(browser, LIGHT, fakeHost());
  await waitForPage(h, 'overview');
  await h.applyTheme(DARK);
  await h.page.waitForFunction(() => ((window as unknown as DashboardWindow).__runlensCharts?.['overview-workflows']?.draws ?? 0) >= 2);
  assert.ok(hasColour((await canvasInk(h, 'overview-workflows')).colours, DARK.vars['--vscode-charts-green'] as string, 40), 'redrawn in the dark palette');
  await h.page.close();
});

test('live updates: many updates a second redraw a few times a second; stale and forged messages are dropped', { skip }, async () => {
  const h = await openDashboard(browser, DARK, fakeHost());
  await waitForPage(h, 'overview');
  const result = buildDashboard(input, DEFAULT_QUERY);
  const drawsBefore = await h.page.evaluate(() => (window as unknown as DashboardWindow).__runlensCharts?.['overview-success']?.draws ?? 0);
  const started = Date.now();
  for (let i = 0; i < 40; i++) {
    await h.send({ type: 'update', seq: 0, result });
    await new Promise((r) => setTimeout(r, 25));
  }
  const elapsed = Date.now() - started;
  await new Promise((r) => setTimeout(r, 400));
  const record = await h.page.evaluate(() => (window as unknown as DashboardWindow).__runlensCharts?.['overview-success']);
  const redraws = (record?.draws ?? 0) - drawsBefore;
  assert.ok(redraws >= 1 && redraws <= Math.ceil(elapsed / 250) + 2, `${redraws} redraws for 40 updates in ${elapsed} ms`);
  const timings = await h.page.evaluate(() => (window as unknown as DashboardWindow).__runlensTimings);
  assert.equal(timings?.updates, 40);
  // A forged snapshot (data for another page than its query) and junk are refused.
  await h.send({ type: 'snapshot', seq: 99, result: { ...result, data: { ...result.data, page: 'cost' } } });
  await h.send({ type: 'update', seq: 0, result: { ...result, query: { ...result.query, tags: { k: 'x'.repeat(10_000) } } } });
  await h.send('<img src=x onerror=alert(1)>');
  await h.page.waitForFunction(() => ((window as unknown as DashboardWindow).__runlensTimings?.rejected ?? 0) >= 3);
  assert.equal(await h.page.evaluate(() => document.body.dataset.page), 'overview');
  process.stdout.write(`# redraw cost per live update (overview-success): last ${record?.lastDrawMs.toFixed(2)} ms, max ${record?.maxDrawMs.toFixed(2)} ms\n`);
  await h.page.close();
});

test('decimation: 20,000 raw points (the most a message carries) draw thinned to the canvas width, redraws stay cheap', { skip }, async () => {
  const h = await openDashboard(browser, DARK, fakeHost(), { query: { ...DEFAULT_QUERY, page: 'latency' } });
  await waitForPage(h, 'latency');
  const base = buildDashboard(input, { ...DEFAULT_QUERY, page: 'latency' });
  assert.ok(base.data.page === 'latency');
  const { from, to } = base.data.axis;
  const n = 20_000;
  const xs = Array.from({ length: n }, (_, i) => from + ((to - from) * i) / n);
  const ys = xs.map((_, i) => 500 + 400 * Math.sin(i / 50) + (i % 997 === 0 ? 5_000 : 0));
  const big = { ...base, data: { ...base.data, raw: { ...base.data.raw, xs, ys }, rawTotal: 1_000_000 } };
  for (let i = 0; i < 6; i++) {
    await h.send({ type: 'update', seq: 0, result: big });
    await new Promise((r) => setTimeout(r, 300));
  }
  const record = await h.page.evaluate(() => (window as unknown as DashboardWindow).__runlensCharts?.['latency-over-time']);
  const raw = record?.series[0];
  const width = await h.page.evaluate(() => document.querySelector<HTMLCanvasElement>('[data-testid="chart-latency-over-time"]')?.clientWidth ?? 0);
  assert.equal(raw?.points, n);
  assert.ok((raw?.drawn ?? n) <= 4 * width, `decimated to ${raw?.drawn} points for a ${width} px canvas`);
  assert.ok((record?.lastDrawMs ?? 1e9) < 250, `redraw took ${record?.lastDrawMs} ms`);
  process.stdout.write(`# 20,000-point line: drawn ${raw?.drawn} points, redraw ${record?.lastDrawMs.toFixed(1)} ms (worst ${record?.maxDrawMs.toFixed(1)} ms)\n`);
  assert.match((await h.page.locator('[data-testid="latency-note"]').textContent()) ?? '', /1,000,000 points in range/);
  await h.page.close();
});

/** Picks `value` in a vscode-single-select (or types it into a vscode-textfield) the way a change from the UI arrives. */
async function choose(h: Harness, testId: string, value: string): Promise<void> {
  await h.page.evaluate(({ id, v }) => {
    const control = document.querySelector(`[data-testid="${id}"]`) as HTMLElement & { value: string };
    control.value = v;
    control.dispatchEvent(new Event('change'));
  }, { id: testId, v: value });
}

function lastQuery(h: Harness): DashboardQuery | undefined {
  const queries = h.posted.filter((m) => (m as { type: string }).type === 'query') as Array<{ query: DashboardQuery }>;
  return queries.at(-1)?.query;
}

test('controls: range, agent filter, free tags, latency series and workflow choice each send a query and redraw', { skip }, async () => {
  const h = await openDashboard(browser, LIGHT, fakeHost());
  await waitForPage(h, 'overview');
  await choose(h, 'filter-range', '1h');
  await h.page.waitForFunction(() => document.body.dataset.renders === '2');
  assert.equal(lastQuery(h)?.range, '1h');
  await choose(h, 'filter-agent', 'copywriter');
  await h.page.waitForFunction(() => document.body.dataset.renders === '3');
  assert.deepEqual(lastQuery(h)?.tags, { agent_name: 'copywriter' });
  const agents = await h.page.locator('[data-testid="recent-spans"] [data-testid="recent-spans-row"] vscode-table-cell:nth-child(3)').allTextContents();
  assert.ok(agents.length > 0 && agents.every((a) => a === 'copywriter'), 'the table follows the agent filter');
  await choose(h, 'filter-tags', 'env=prod, region=eu');
  await h.page.waitForFunction(() => document.body.dataset.renders === '4');
  assert.deepEqual(lastQuery(h)?.tags, { env: 'prod', region: 'eu', agent_name: 'copywriter' });
  await choose(h, 'filter-tags', 'not a tag');
  assert.equal(await h.page.locator('[data-testid="filter-tags"][invalid]').count(), 1, 'bad text is marked, not sent');
  await showPage(h, 'latency');
  const toolSeries = JSON.stringify(['tool_execution_duration_ms', [['tool_name', 'web_search']]]);
  await choose(h, 'latency-series', toolSeries);
  await h.page.waitForFunction(() => document.body.dataset.renders === '6');
  assert.deepEqual(lastQuery(h)?.latency, { metric: 'tool_execution_duration_ms', tags: { tool_name: 'web_search' } });
  await showPage(h, 'waterfall');
  await choose(h, 'waterfall-workflow', 'wf-<b>3</b>');
  await h.page.waitForFunction(() => document.body.dataset.renders === '8');
  assert.equal(lastQuery(h)?.workflowId, 'wf-<b>3</b>');
  assert.equal(await h.page.locator('[data-testid="waterfall-header"] .log-text').first().textContent(), 'wf-<b>3</b>');
  assert.deepEqual(h.consoleErrors, []);
  await h.page.close();
});

test('UI state: page and filters saved with setState come back after a reload; clicks ask the host to open log lines', { skip }, async () => {
  const h = await openDashboard(browser, DARK, fakeHost());
  await waitForPage(h, 'overview');
  await showPage(h, 'errors');
  const queryMessage = h.posted.find((m) => (m as { type: string }).type === 'query') as { query: DashboardQuery } | undefined;
  assert.equal(queryMessage?.query.page, 'errors');
  const saved = await h.page.evaluate(() => (window as unknown as DashboardWindow).__savedState);
  assert.equal((saved as { query: DashboardQuery }).query.page, 'errors');
  await h.page.locator('[data-testid="failures-table-row"]').first().click();
  const open = h.posted.find((m) => (m as { type: string }).type === 'openLog') as { path: string; line: number } | undefined;
  assert.equal(open?.path, LOG_PATH);
  assert.ok(Number.isInteger(open?.line) && (open?.line ?? 0) > 1);
  await h.page.close();

  // Reload: VS Code hands the saved state back; the webview says so in `ready`.
  const revived = await openDashboard(browser, DARK, fakeHost(), { query: { ...DEFAULT_QUERY, page: 'waterfall', range: '1h', workflowId: 'wf-005' } });
  await waitForPage(revived, 'waterfall');
  const ready = revived.posted[0] as { type: string; query: DashboardQuery };
  assert.equal(ready.type, 'ready');
  assert.equal(ready.query.page, 'waterfall');
  assert.match((await revived.page.locator('[data-testid="waterfall-header"]').textContent()) ?? '', /wf-005/);
  await revived.page.locator('[data-testid="waterfall-row"]').nth(2).click();
  const openFromBar = revived.posted.find((m) => (m as { type: string }).type === 'openLog') as { path: string } | undefined;
  assert.equal(openFromBar?.path, LOG_PATH);
  await revived.page.close();
});
