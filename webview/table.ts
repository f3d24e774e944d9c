/**
 * Tables with `vscode-table`. Cells hold text nodes or small elements built by `dom.ts`;
 * a row with a log line is a link: click or Enter opens that line in the editor.
 */
import { displayName, visibleText } from '../src/core/dashboard/text';
import { el } from './dom';

export interface Column<R> {
  title: string;
  width?: string;
  cell: (row: R) => Node | string;
}

export interface TableOptions<R> {
  testId: string;
  empty: string;
  /** Opens the row's log line; rows without one are plain. */
  open?: (row: R) => void;
  hasLink?: (row: R) => boolean;
}

export function buildTable<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[], options: TableOptions<R>): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'empty', 'data-testid': `${options.testId}-empty` }, options.empty);
  const table = el('vscode-table', { 'data-testid': options.testId, zebra: true, 'bordered-rows': true, resizable: true });
  table.setAttribute('columns', JSON.stringify(columns.map((c) => c.width ?? 'auto')));
  const header = el('vscode-table-header', { slot: 'header' });
  for (const c of columns) header.append(el('vscode-table-header-cell', {}, c.title));
  const body = el('vscode-table-body', { slot: 'body' });
  rows.forEach((row, index) => {
    const tr = el('vscode-table-row', { 'data-testid': `${options.testId}-row`, 'data-index': String(index) });
    for (const c of columns) {
      const content = c.cell(row);
      tr.append(el('vscode-table-cell', {}, content));
    }
    const open = options.open;
    if (open && (options.hasLink?.(row) ?? true)) {
      tr.classList.add('link-row');
      tr.tabIndex = 0;
      tr.title = 'Open the log line';
      tr.addEventListener('click', (event) => {
        // A click on an inner control (a workflow link) handles itself.
        if ((event.target as HTMLElement).closest('[data-action]')) return;
        open(row);
      });
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') open(row);
      });
    }
    body.append(tr);
  });
  table.append(header, body);
  return table;
}

/** A small inline action inside a cell (e.g. "show this workflow's waterfall"). */
export function cellAction(content: Node, action: string, onClick: () => void): HTMLElement {
  const link = el('a', { class: 'cell-action', href: '#', 'data-action': action }, content);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return link;
}

/** `file.jsonl:42` with the full path in the tooltip. */
export function logLocation(path: string | null, line: number | null): HTMLElement {
  if (path === null || line === null) return el('span', { class: 'muted' }, '—');
  const name = path.split(/[\\/]/).pop() ?? path;
  const span = el('span', { class: 'log-location', 'data-testid': 'log-location' });
  span.textContent = `${displayName(name, 60)}:${line}`;
  span.title = visibleText(`${path}:${line}`);
  return span;
}
