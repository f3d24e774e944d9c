/**
 * The webview's side of the conversation with the extension host: typed posting, parsed
 * receiving, and the UI state VS Code keeps across reloads (`setState` holds the query:
 * page, range, filters and selections, never data).
 */
import type { DashboardQuery } from '../src/core/dashboard/types';
import { checkQuery, parseHostMessage, type HostMessage, type WebviewMessage } from '../src/protocol/dashboardProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface SavedState {
  query: DashboardQuery;
}

export class Host {
  private readonly api: VsCodeApi = acquireVsCodeApi();

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** The query saved before a reload, checked like any other input. */
  savedQuery(): DashboardQuery | null {
    const state = this.api.getState();
    if (state === null || typeof state !== 'object') return null;
    return checkQuery((state as { query?: unknown }).query) ?? null;
  }

  save(query: DashboardQuery): void {
    const state: SavedState = { query };
    this.api.setState(state);
  }

  /** Calls `handler` with each message that parses (and when it arrived); drops (and counts) the rest. */
  listen(handler: (message: HostMessage, receivedAt: number) => void, onRejected: () => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const receivedAt = performance.now();
      const message = parseHostMessage(event.data);
      if (message) handler(message, receivedAt);
      else onRejected();
    });
  }
}
