/**
 * Shared by the UI tests (bundled into each test file): the Runlens sidebar, tree rows by
 * label, the editor's status bar, toasts, the dashboard webview, fixture lines, measurements.
 */
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { writeMeasurements } from '../lib/testData';
import { sel, ui } from './context';

export { appendJsonLines, isoAgo, linesContaining, percentile } from '../lib/testData';

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exactly = (s: string): RegExp => new RegExp(`^${escapeRegExp(s)}$`);

/** Opens the Runlens view container (if it is not the one shown) and waits for the Runs view. */
export async function openRunlens(page: Page): Promise<void> {
  const title = page.locator(sel.sidebarTitle, { hasText: /runlens/i });
  if (!(await title.isVisible().catch(() => false))) {
    await page.getByRole('tab', { name: 'Runlens' }).first().click();
  }
  await title.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator(sel.paneTitle, { hasText: /^Runs$/i }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Runs `steps` (which open a quick input and act in it) up to 3 times: a quick input closes
 * when focus moves away, e.g. to a webview that has just loaded, which makes a lone attempt
 * flaky. Escape between attempts.
 */
async function withQuickInputRetries(page: Page, steps: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await steps();
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(300);
    }
  }
}

/** A palette command by its title (runCommand with retries). */
export async function command(page: Page, title: string): Promise<void> {
  await withQuickInputRetries(page, async () => {
    await page.keyboard.press('F1');
    const input = page.locator(`${sel.quickInput}:visible`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`, { timeout: 5_000 });
    const row = page.locator(sel.quickInputRow, { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    // The matching row, not whichever row happens to be first.
    await row.click({ timeout: 5_000 });
  });
}

/**
 * Leaves the sidebar on the Explorer, as the workbench starts (a later test that clicks the
 * Runlens tab would otherwise close the container instead of opening it).
 */
export async function leaveRunlens(page: Page): Promise<void> {
  try {
    await command(page, 'View: Show Explorer');
    await page.locator(sel.sidebarTitle, { hasText: /explorer/i }).waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    /* best effort */
  }
}

/** Narrows the Runs view with "Runlens: Filter Runs…" (workflow id text, status:, agent:). */
export async function filterRuns(page: Page, text: string): Promise<void> {
  await withQuickInputRetries(page, async () => {
    await command(page, 'Runlens: Filter Runs…');
    const input = page.locator(`${sel.quickInput}:visible`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text, { timeout: 5_000 });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  });
}

export async function clearRunsFilter(page: Page): Promise<void> {
  await command(page, 'Runlens: Clear Runs Filter');
}

/** One view's pane in the sidebar, by its title ("Runs", "Metrics", "Alerts", "Sources"). */
export function pane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }) }).first();
}

/** The first row of a view (default Runs) whose label is exactly `label`. */
export function treeRow(page: Page, label: string, view = 'Runs'): Locator {
  return pane(page, view).locator('.monaco-list-row[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
}

/** The row right below `row` in its list (the first child of an expanded row). */
export async function nextRow(row: Locator): Promise<Locator> {
  const index = Number(await row.getAttribute('data-index'));
  return row.locator('xpath=..').locator(`.monaco-list-row[data-index="${index + 1}"]`);
}

/** Expands a collapsed row by its twistie (a click on the label runs the row's command instead). */
export async function expandRow(row: Locator): Promise<void> {
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'true') return;
  await row.locator('.monaco-tl-twistie').click();
  await row.page().waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: 10_000 });
}

/** "Ln 5, Col 12 (340 selected)" from the editor's status bar. */
export async function editorSelectionText(page: Page): Promise<string> {
  const item = page.locator('[id="status.editor.selection"]');
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  return (await item.innerText()).trim();
}

/** Waits until the editor's status bar says line `line` with a non-empty selection; returns the text. */
export async function waitForSelectedLine(page: Page, line: number, timeout = 15_000): Promise<string> {
  const item = page.locator('[id="status.editor.selection"]');
  await item.filter({ hasText: new RegExp(`^Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) }).waitFor({ state: 'visible', timeout });
  return (await item.innerText()).trim();
}

export async function activeTabName(page: Page): Promise<string> {
  const tab = page.locator(sel.activeTab);
  await tab.waitFor({ state: 'visible', timeout: 15_000 });
  return (await tab.getAttribute('aria-label')) ?? (await tab.innerText());
}

/** The toast whose text contains every one of `parts`. */
export function toast(page: Page, ...parts: string[]): Locator {
  let loc = page.locator(sel.toast);
  for (const p of parts) loc = loc.filter({ hasText: p });
  return loc.first();
}

export async function clearNotifications(page: Page): Promise<void> {
  await command(page, 'Notifications: Clear All Notifications');
  await page.locator(sel.toast).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** The Runlens status-bar item (createStatusBarItem id `runlens.alerts`). */
export function alertsStatusItem(page: Page): Locator {
  return page.locator(`${sel.statusbar} [id$="runlens.alerts"]`).first();
}

/**
 * Dismisses and counts the dialogs (`alert()`, `confirm()`) the page opens until `stop()`: markup
 * from a log must open none.
 */
export function watchDialogs(page: Page): { readonly count: number; stop(): void } {
  let count = 0;
  const onDialog = (d: { dismiss(): Promise<void> }): void => {
    count++;
    void d.dismiss();
  };
  page.on('dialog', onDialog);
  return {
    get count() {
      return count;
    },
    stop: () => void page.off('dialog', onDialog),
  };
}

/** The dashboard's document inside the webview's two iframes. */
export function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export const wsPath = (...parts: string[]): string => join(ui().workspace, ...parts);

/** Measurements of this run (lib/testData.ts). */
export function recordMeasurements(section: string, values: Record<string, unknown>): void {
  writeMeasurements(ui().runDir, section, values);
}
