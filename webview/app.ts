/**
 * The dashboard app: owns the query (UI state), talks to the host, and hands each answer
 * to the page on screen. Snapshots replace everything and draw at once; updates are
 * dropped unless they answer the latest query, and redraw throttled.
 */
import { DEFAULT_QUERY, PAGE_KEYS, type DashboardQuery, type DashboardResult, type PageKey } from '../src/core/dashboard/types';
import type { HostMessage } from '../src/protocol/dashboardProtocol';
import { applyDefaults } from './charts/setup';
import { afterCharts, el } from './dom';
import type { Host } from './host';
import { AlertsPage } from './pages/alerts';
import { CostPage } from './pages/cost';
import { ErrorsPage } from './pages/errors';
import { LatencyPage } from './pages/latency';
import { OverviewPage } from './pages/overview';
import type { Page, PageEnv } from './pages/page';
import { WaterfallPage } from './pages/waterfall';
import { readPalette, type Palette } from './theme';
import { timings, type Timings } from './timings';
import { Toolbar } from './toolbar';

const TITLES: Record<PageKey, string> = {
  overview: 'Overview', latency: 'Latency', errors: 'Errors', cost: 'Cost', waterfall: 'Run waterfall', alerts: 'Alerts',
};

export class App {
  private query: DashboardQuery;
  private sentSeq = 0;
  private last: DashboardResult | undefined;
  private palette: Palette = readPalette();
  private readonly pages: Record<PageKey, Page>;
  private readonly tabs = el('vscode-tabs', { 'data-testid': 'tabs', panel: true });
  private readonly toolbar: Toolbar;
  private readonly banner = el('div', { class: 'banner', 'data-testid': 'banner', hidden: true });
  private readonly timings: Timings = timings();

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    this.query = host.savedQuery() ?? DEFAULT_QUERY;
    const env: PageEnv = {
      palette: () => this.palette,
      openLog: (path, line) => this.host.post({ type: 'openLog', path, line }),
      setQuery: (patch) => this.setQuery(patch),
    };
    this.pages = {
      overview: new OverviewPage(env), latency: new LatencyPage(env), errors: new ErrorsPage(env),
      cost: new CostPage(env), waterfall: new WaterfallPage(env), alerts: new AlertsPage(env),
    };
    this.toolbar = new Toolbar((patch) => this.setQuery(patch));
    for (const key of PAGE_KEYS) {
      this.tabs.append(
        el('vscode-tab-header', { slot: 'header', 'data-testid': `tab-${key}` }, TITLES[key]),
        el('vscode-tab-panel', { 'data-testid': `panel-${key}` }, this.pages[key].element),
      );
    }
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      const page = PAGE_KEYS[(event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
      if (page && page !== this.query.page) this.setQuery({ page });
    });
    this.root.append(this.toolbar.element, this.banner, this.tabs);
    this.selectTab(this.query.page);
  }

  start(): void {
    this.host.listen((message, receivedAt) => {
      this.timings.lastCheckMs = performance.now() - receivedAt;
      if (message.type === 'snapshot') this.timings.firstReceivedAt ??= receivedAt;
      this.onMessage(message);
    }, () => {
      this.timings.rejected++;
    });
    this.toolbar.setBusy(true);
    this.host.post({ type: 'ready', query: this.host.savedQuery() });
    this.warm(this.query.page);
  }

  /** Creates the page's empty charts while the host computes its data (after the request is out). */
  private warm(page: PageKey): void {
    setTimeout(() => {
      for (const chart of this.pages[page].charts) chart.warm();
    }, 0);
  }

  /** The theme changed: new colours for every chart of the page on screen. */
  retheme(): void {
    this.palette = readPalette();
    applyDefaults(this.palette);
    if (this.last) this.pages[this.last.query.page].render(this.last, false);
  }

  private setQuery(patch: Partial<DashboardQuery>): void {
    this.query = { ...this.query, ...patch };
    this.host.save(this.query);
    this.selectTab(this.query.page);
    this.toolbar.setBusy(true);
    this.host.post({ type: 'query', seq: ++this.sentSeq, query: this.query });
    if (patch.page) this.warm(patch.page);
  }

  private selectTab(page: PageKey): void {
    const index = String(PAGE_KEYS.indexOf(page));
    if (this.tabs.getAttribute('selected-index') !== index) this.tabs.setAttribute('selected-index', index);
  }

  private onMessage(message: HostMessage): void {
    switch (message.type) {
      case 'snapshot':
        if (message.seq < this.sentSeq) return;
        this.timings.snapshots++;
        this.timings.firstSnapshotAt ??= performance.now();
        this.query = message.result.query;
        this.host.save(this.query);
        this.selectTab(this.query.page);
        this.show(message.result, false);
        return;
      case 'update':
        if (message.seq < this.sentSeq || message.result.query.page !== this.query.page) return;
        this.timings.updates++;
        this.show(message.result, true);
        return;
      case 'error':
        this.toolbar.setBusy(false);
        this.banner.textContent = message.message;
        this.banner.hidden = false;
        return;
    }
  }

  private show(result: DashboardResult, live: boolean): void {
    this.last = result;
    this.banner.hidden = true;
    this.toolbar.setBusy(false);
    this.toolbar.show(result.query, result.options);
    this.toolbar.setStatus(result.newestTs, result.computeMs);
    const started = performance.now();
    this.pages[result.query.page].render(result, live);
    this.timings.lastRenderMs = performance.now() - started;
    // After the page's own deferred tables (timeouts run in order): the page is complete.
    afterCharts(() => {
      this.timings.firstDrawnAt ??= performance.now();
      document.body.dataset.ready = 'true';
      document.body.dataset.page = result.query.page;
      document.body.dataset.renders = String(this.timings.snapshots + this.timings.updates);
    });
  }
}
