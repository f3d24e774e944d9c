/**
 * Problems panel entries: malformed log lines (a sample per file, with the total) and
 * invalid alert rules, placed on the offending field of the rules file.
 */
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree, type Segment } from 'jsonc-parser';
import type { MalformedLine } from '../core/model/sources';
import { DisposableStore } from './disposables';

/** `rules[2].duration` → ['rules', 2, 'duration']. */
export function jsonPathSegments(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

export class RunlensDiagnostics extends DisposableStore {
  private readonly logs = this.register(vscode.languages.createDiagnosticCollection('runlens-logs'));
  private readonly rules = this.register(vscode.languages.createDiagnosticCollection('runlens-rules'));

  malformed(path: string, total: number, samples: readonly MalformedLine[]): void {
    const uri = vscode.Uri.file(path);
    const diagnostics = samples.map((sample) => {
      const range = new vscode.Range(sample.line - 1, 0, sample.line - 1, Number.MAX_SAFE_INTEGER);
      const more = total > samples.length ? ` (${total} malformed lines in this file; the first ${samples.length} are marked)` : '';
      const d = new vscode.Diagnostic(range, `Runlens: ${sample.reason}${more}`, vscode.DiagnosticSeverity.Warning);
      d.source = 'runlens';
      return d;
    });
    this.logs.set(uri, diagnostics);
  }

  async rulesInvalid(file: string | null, errors: ReadonlyArray<{ path: string; message: string }>): Promise<void> {
    this.rules.clear();
    if (!file) return;
    const uri = vscode.Uri.file(file);
    let text = '';
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      // The file vanished: the diagnostics fall back to the first line.
    }
    const tree = text ? parseTree(text) : undefined;
    const diagnostics = errors.map((error) => {
      const node = tree ? findNodeAtLocation(tree, jsonPathSegments(error.path)) : undefined;
      const start = node ? positionAt(text, node.offset) : new vscode.Position(0, 0);
      const end = node ? positionAt(text, node.offset + node.length) : new vscode.Position(0, 1);
      const d = new vscode.Diagnostic(new vscode.Range(start, end), `${error.path}: ${error.message}`, vscode.DiagnosticSeverity.Error);
      d.source = 'runlens';
      return d;
    });
    this.rules.set(uri, diagnostics);
  }

  rulesValid(): void {
    this.rules.clear();
  }
}

function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}
