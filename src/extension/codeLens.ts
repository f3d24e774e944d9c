/**
 * "Show in Trace" above the log lines that are trace nodes (`.jsonl`, `.ndjson`, `.log`).
 *
 * Bounded for big logs: VS Code asks for a whole document's lenses, but this provider answers
 * only for the lines on screen in the editors showing it (plus a margin), with one engine
 * question answered from a per-source line index (`tracedLines`, at most 2,000 lines), and
 * asks VS Code again when the visible range moves or the engine read new lines. An unsaved,
 * edited document gets none (its line numbers may no longer be the file's).
 * Off with `runlens.codeLens.enabled: false`.
 */
import * as vscode from 'vscode';
import { DisposableStore } from './disposables';
import type { EngineClient } from './engineClient';
import { Commands } from './ids';

export const CODELENS_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.{jsonl,ndjson,log}' },
];

/** Lines above and below the visible range that get lenses too (scrolling a little shows them at once). */
const MARGIN_LINES = 100;
/** Lines answered per document at most (several editors on one document, or a tall one). */
const MAX_LINES = 2000;
/** Coalesces scrolling and engine changes into one new request. */
const REFRESH_DELAY_MS = 200;

export class TraceCodeLensProvider extends DisposableStore implements vscode.CodeLensProvider {
  private readonly _onDidChangeCodeLenses = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;
  private enabled = true;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly engine: EngineClient) {
    super();
    this.readSettings();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('runlens.codeLens')) return;
      this.readSettings();
      this._onDidChangeCodeLenses.fire();
    }));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      if (this.enabled && vscode.languages.match(CODELENS_SELECTOR, e.textEditor.document) > 0) this.scheduleRefresh();
    }));
    this.register(engine.onEvent((event) => {
      if (this.enabled && event.kind === 'changed' && vscode.window.visibleTextEditors.some((e) => vscode.languages.match(CODELENS_SELECTOR, e.document) > 0)) {
        this.scheduleRefresh();
      }
    }));
    this.register({ dispose: () => this.timer && clearTimeout(this.timer) });
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.enabled || document.uri.scheme !== 'file' || document.isDirty) return [];
    const span = visibleLines(document);
    if (!span) return [];
    const traced = await this.engine.request('tracedLines', { path: document.uri.fsPath, fromLine: span.from, toLine: span.to });
    if (token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const { line } of traced) {
      if (line < 1 || line > document.lineCount) continue;
      lenses.push(new vscode.CodeLens(document.lineAt(line - 1).range, {
        title: '$(list-tree) Show in Trace',
        tooltip: 'Runlens: reveal this line\'s node in the Runs view',
        command: Commands.revealLineInTrace,
        arguments: [document.uri, line],
      }));
    }
    return lenses;
  }

  private scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this._onDidChangeCodeLenses.fire();
    }, REFRESH_DELAY_MS);
  }

  private readSettings(): void {
    this.enabled = vscode.workspace.getConfiguration('runlens.codeLens').get<boolean>('enabled', true);
  }
}

/** 1-based first and last line shown in the editors showing `document`, with a margin; undefined when none shows it. */
function visibleLines(document: vscode.TextDocument): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document !== document) continue;
    for (const range of editor.visibleRanges) {
      from = Math.min(from, range.start.line);
      to = Math.max(to, range.end.line);
    }
  }
  if (from > to) return undefined;
  from = Math.max(0, from - MARGIN_LINES);
  to = Math.min(document.lineCount - 1, to + MARGIN_LINES, from + MAX_LINES - 1);
  return { from: from + 1, to: to + 1 };
}
