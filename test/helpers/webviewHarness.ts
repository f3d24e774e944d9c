/// <reference lib="dom" />
/**
 * Loads the built dashboard webview in headless Chromium the way VS Code would: the HTML
 * from `renderDashboardHtml` (same CSP, nonce), the bundle and stylesheet served from a
 * fake webview origin, theme variables on <html> and a class on <body>, and a fake
 * `acquireVsCodeApi` whose messages go to a test-side host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { newNonce, renderDashboardHtml } from '../../src/extension/dashboard/dashboardHtml';
import type { WebviewTheme } from './vscodeThemes';

export const ORIGIN = 'https://runlens-webview.test';

/** What the dashboard publishes on `window` for tests (see webview/charts/chartHost.ts and webview/app.ts). */
export interface DashboardWindow {
  __runlensCharts?: Record<string, { id: string; type: string; series: Array<{ label: string; points: number; drawn?: number }>; draws: number; lastDrawMs: number; maxDrawMs: number }>;
  __runlensTimings?: {
    firstReceivedAt?: number; firstSnapshotAt?: number; firstChartAt?: number; firstDrawnAt?: number;
    lastCheckMs?: number; lastRenderMs?: number; snapshots: number; updates: number; rejected: number;
  };
  __cspViolations?: string[];
  __savedState?: unknown;
  __pwned?: unknown;
}

const DIST = resolve(__dirname, '../../dist/webview');
export const CHROMIUM = process.env.RUNLENS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function canRunChromium(): boolean {
  return existsSync(CHROMIUM) && existsSync(join(DIST, 'dashboard.js'));
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

export interface Harness {
  page: Page;
  /** Messages the webview posted, in order. */
  posted: unknown[];
  html: string;
  nonce: string;
  consoleErrors: string[];
  applyTheme(theme: WebviewTheme): Promise<void>;
  send(message: unknown): Promise<void>;
}

/** Opens the dashboard; `onMessage` plays the extension host. `state` is what getState returns. */
export async function openDashboard(
  browser: Browser,
  theme: WebviewTheme,
  onMessage: (message: unknown, harness: Harness) => void | Promise<void>,
  state: unknown = undefined,
): Promise<Harness> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const nonce = newNonce();
  const html = renderDashboardHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview/dashboard.js`, styleUri: `${ORIGIN}/dist/webview/dashboard.css`, nonce });
  const harness: Harness = {
    page, posted: [], html, nonce, consoleErrors: [],
    applyTheme: async (t) => {
      await page.evaluate((t2) => {
        for (const [k, v] of Object.entries(t2.vars)) document.documentElement.style.setProperty(k, v);
        document.body.className = t2.bodyClass;
      }, theme === t ? theme : t);
    },
    send: async (message) => {
      await page.evaluate((m) => window.postMessage(m, '*'), message as object);
    },
  };
  page.on('console', (m) => {
    if (m.type() === 'error') harness.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => harness.consoleErrors.push(e.message));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    const file = join(DIST, url.pathname.replace(/^\/dist\/webview\//, ''));
    if (!file.startsWith(DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
  });
  // tsx compiles functions with esbuild's keepNames, which calls a `__name` helper: give the page one.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.exposeFunction('__hostReceive', async (message: unknown) => {
    harness.posted.push(message);
    await onMessage(message, harness);
  });
  await page.addInitScript(({ saved, vars, bodyClass }) => {
    const w = window as unknown as Record<string, unknown>;
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) => (w.__cspViolations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    let stateValue: unknown = saved;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__hostReceive as (m: unknown) => void)(JSON.parse(JSON.stringify(m))),
      getState: () => stateValue,
      setState: (s: unknown) => {
        stateValue = s;
        w.__savedState = s;
      },
    });
    // VS Code sets theme variables on <html> and the kind on <body> before the page's scripts run.
    let varsSet = false;
    const apply = (): boolean => {
      if (!varsSet && document.documentElement) {
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
        varsSet = true;
      }
      if (document.body && !document.body.className) document.body.className = bodyClass;
      return varsSet && document.body !== null;
    };
    if (!apply()) {
      const observer = new MutationObserver(() => {
        if (apply()) observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    }
  }, { saved: state, vars: theme.vars, bodyClass: theme.bodyClass });
  await page.goto(`${ORIGIN}/index.html`);
  return harness;
}
