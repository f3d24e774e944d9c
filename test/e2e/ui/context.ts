/**
 * What a UI test gets from the driver (test/e2e/run.mjs): a Playwright page with the VS Code
 * workbench loaded (folder = a fresh copy of test/e2e/workspace-template, Runlens loaded from
 * the repository as an extension under development) and helpers. Use `ui()` inside tests.
 */
import type { Page } from 'playwright-core';

export interface UiContext {
  /** The current page (replaced by `reloadWorkbench`). */
  readonly page: Page;
  /** http://127.0.0.1:PORT of the code-server serving the page. */
  readonly baseUrl: string;
  /** Absolute path of the workspace folder (on the server, which is this machine). */
  readonly workspace: string;
  /** This run's folder under test-artifacts/. */
  readonly runDir: string;
  /** Saves a screenshot of the page as screenshots/ui/NNN-<test>-<label>.png; returns the path. */
  shot(label: string): Promise<string>;
  /** Closes the page and opens the workbench again on the same server (same user data). */
  reloadWorkbench(): Promise<Page>;
}

/** The driver sets this global before loading the UI test files. */
const KEY = '__runlensE2eUi';

export function setUi(ctx: UiContext): void {
  (globalThis as Record<string, unknown>)[KEY] = ctx;
}

export function ui(): UiContext {
  const ctx = (globalThis as Record<string, unknown>)[KEY] as UiContext | undefined;
  if (!ctx) throw new Error('UI context missing: run UI tests through test/e2e/run.mjs');
  return ctx;
}

/** Selectors that work on VS Code 1.99 (shared/e2e-recipe.md §4). */
export const sel = {
  workbench: '.monaco-workbench',
  statusbar: '.part.statusbar',
  activitybar: '.part.activitybar',
  sidebar: '.part.sidebar',
  sidebarTitle: '.part.sidebar .composite.title',
  paneHeader: '.part.sidebar .pane-header',
  paneTitle: '.part.sidebar .pane-header h3.title',
  treeRow: '.part.sidebar .monaco-list-row[role=treeitem]',
  activeTab: '.part.editor .tabs-container .tab.active',
  quickInput: '.quick-input-widget input[type=text]',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  toast: '.notification-toast.notification-fade-in-done',
} as const;

/** Runs a command from the palette by its title (F1, ">Title", Enter on the matching row). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(sel.quickInput);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator(sel.quickInputRow, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}
