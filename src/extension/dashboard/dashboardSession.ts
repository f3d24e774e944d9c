/**
 * One dashboard panel's conversation with its webview and the engine: answers `ready`
 * and `query` with a full snapshot, pushes throttled updates while the panel is visible,
 * goes quiet while it is hidden, and opens log lines only for files the engine follows.
 */
import type * as vscode from 'vscode';
import { DEFAULT_QUERY, type DashboardQuery } from '../../core/dashboard/types';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../protocol/dashboardProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { openLogLine } from '../navigation';
import { checkOpenLog } from './openLogGuard';
import { RefreshPacer, type RefreshKind } from './refreshPacer';

export class DashboardSession extends DisposableStore {
  private query: DashboardQuery;
  /** A query from outside (a Metrics view row) that wins over what the webview restores. */
  private override: DashboardQuery | undefined;
  private seq = 0;
  private closed = false;
  private readonly pacer: RefreshPacer;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly engine: EngineClient,
    private readonly log: vscode.LogOutputChannel,
    start: { query: DashboardQuery | undefined; override: boolean },
  ) {
    super();
    this.query = start.query ?? DEFAULT_QUERY;
    this.override = start.override ? start.query : undefined;
    this.pacer = new RefreshPacer((kind) => this.refresh(kind), { now: () => performance.now(), setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) });
    this.register({
      dispose: () => {
        this.closed = true;
        this.pacer.dispose();
      },
    });
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this.register(panel.onDidChangeViewState(() => {
      // Hidden: the webview is torn down (retainContextWhenHidden is off); it says `ready` when back.
      if (!panel.visible) this.pacer.pause();
    }));
    this.register(engine.onEvent((event) => {
      if (event.kind === 'changed' || event.kind === 'alert') this.pacer.changed();
    }));
  }

  /** Shows `query` now (the panel was already open when a Metrics row asked for it). */
  show(query: DashboardQuery | undefined): void {
    if (query) {
      this.query = query;
      this.override = query;
      // A hidden panel reloads when revealed and asks with `ready`; a visible one gets it now.
      if (this.panel.visible) this.pacer.snapshot();
    }
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dashboard: ignored a malformed message from the webview');
      return;
    }
    this.handle(message).catch((err: Error) => this.log.error(`Dashboard: ${err.message}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A fresh page load: its query numbering starts again.
        this.seq = 0;
        this.query = this.override ?? message.query ?? this.query;
        this.override = undefined;
        this.pacer.snapshot();
        return;
      case 'query':
        this.seq = message.seq;
        this.query = message.query;
        this.override = undefined;
        this.pacer.snapshot();
        return;
      case 'openLog':
        await this.openLog(message.path, message.line);
        return;
    }
  }

  private async openLog(path: string, line: number): Promise<void> {
    const sources = await this.engine.request('sources', {});
    const decision = checkOpenLog(path, line, sources.map((s) => s.path));
    if (!decision.ok) {
      this.log.warn(`Dashboard: refused to open ${JSON.stringify(path.slice(0, 300))}:${line}: ${decision.reason}`);
      return;
    }
    await openLogLine({ path: decision.path, line: decision.line });
  }

  private async refresh(kind: RefreshKind): Promise<void> {
    const query = this.query;
    const seq = this.seq;
    try {
      const result = await this.engine.request('dashboard', query);
      if (!result) return;
      await this.post({ type: kind, seq, result });
    } catch (err) {
      await this.post({ type: 'error', message: `The engine could not answer: ${(err as Error).message}`.slice(0, 500) });
      throw err;
    }
  }

  private async post(message: HostMessage): Promise<void> {
    // An answer can arrive after the panel closed or was hidden: drop it (no backlog).
    if (this.closed || !this.panel.visible) return;
    await this.panel.webview.postMessage(message);
  }
}
