/// <reference types="mocha" />
/**
 * Smoke (UI): the workbench shows a "Runlens" activity-bar tab (design §9: view container
 * `runlens` titled Runlens) and clicking it opens the sidebar with the Runs, Metrics, Alerts and
 * Sources views.
 */
import * as assert from 'node:assert/strict';
import { sel, ui } from './context';

suite('smoke: workbench UI', () => {
  test('the activity bar has a "Runlens" tab', async () => {
    const { page } = ui();
    // The tab appears once the extension has been scanned: allow up to 60 s.
    await page.getByRole('tab', { name: 'Runlens' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  test('clicking it shows the Runlens sidebar and its views', async () => {
    const { page, shot } = ui();
    await page.getByRole('tab', { name: 'Runlens' }).first().click();
    await shot('clicked');
    const sidebar = page.locator(sel.sidebar);
    await sidebar.waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator(sel.sidebarTitle, { hasText: /runlens/i }).waitFor({ state: 'visible', timeout: 15_000 });
    const headers = page.locator(sel.paneTitle);
    await headers.first().waitFor({ state: 'visible', timeout: 15_000 });
    const titles = (await headers.allInnerTexts()).map((t) => t.trim().toLowerCase());
    for (const view of ['runs', 'metrics', 'alerts', 'sources']) {
      assert.ok(titles.includes(view), `view "${view}" not in sidebar headers: ${JSON.stringify(titles)}`);
    }
  });
});
