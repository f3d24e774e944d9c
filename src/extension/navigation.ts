/** Jumping between trace nodes and log lines, both ways. */
import * as vscode from 'vscode';
import type { EngineClient } from './engineClient';
import type { RunsElement, RunsModel } from './runs/runsModel';

export interface LogLineTarget {
  path: string;
  /** 1-based. */
  line: number;
}

export function isLogLineTarget(value: unknown): value is LogLineTarget {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.line === 'number' && Number.isInteger(v.line) && v.line >= 1;
}

/** How long to wait for an open document to show lines appended to its file a moment ago. */
const CATCH_UP_MS = 3_000;

/** An event line is never blank: a missing or blank target line means the document is behind the file. */
function showsLine(document: vscode.TextDocument, line: number): boolean {
  return line <= document.lineCount && !document.lineAt(line - 1).isEmptyOrWhitespace;
}

/**
 * The document of `path`, waiting (briefly) until it shows `line` when it was opened before
 * that line was appended (an alert's "Open Log" right after the line was written): VS Code
 * reloads an unmodified document from disk a moment after the file changes.
 */
async function documentShowing(path: string, line: number): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  if (showsLine(document, line) || document.isDirty) return document;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, CATCH_UP_MS);
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && showsLine(document, line)) done();
    });
  });
  return document;
}

/** Opens the file, selects the whole line and reveals it centred. */
export async function openLogLine(target: LogLineTarget): Promise<vscode.TextEditor> {
  const document = await documentShowing(target.path, target.line);
  const lineIndex = Math.min(target.line - 1, Math.max(0, document.lineCount - 1));
  const line = document.lineAt(lineIndex);
  const selection = new vscode.Selection(line.range.start, line.range.end);
  const editor = await vscode.window.showTextDocument(document, { selection, preview: true });
  editor.selection = selection;
  editor.revealRange(line.range, vscode.TextEditorRevealType.InCenter);
  return editor;
}

/** Reveals, in the Runs view, the trace node logged on `line` (1-based; default: the editor's current line). */
export async function revealLineInTrace(
  engine: EngineClient,
  model: RunsModel,
  view: vscode.TreeView<RunsElement>,
  editor: vscode.TextEditor | undefined,
  atLine?: number,
): Promise<boolean> {
  if (!editor || editor.document.uri.scheme !== 'file') return false;
  const line = atLine ?? editor.selection.active.line + 1;
  const location = await engine.request('nodeAtLine', { path: editor.document.uri.fsPath, line });
  if (!location) {
    void vscode.window.showInformationMessage(`Runlens: line ${line} is not an event of any run it follows.`);
    return false;
  }
  const element = await model.findSpan(location.workflowId, location.nodeId);
  const target = element ?? model.runElement(location.workflowId);
  if (!target) return false;
  await view.reveal(target, { select: true, focus: true, expand: true });
  return true;
}
