/**
 * Runs and their traces, kept apart from the tree provider: the model owns the data,
 * fetches it from the engine and says what changed; the provider only maps it to
 * TreeItems. Traces are fetched for the runs someone looked at and refreshed when
 * their workflow changes.
 */
import * as vscode from 'vscode';
import type { TraceNode } from '../../core/traces/build';
import type { RunDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { runMatches, type RunsFilter } from './runsFilter';

export interface RunElement {
  readonly type: 'run';
  readonly id: string;
  readonly run: RunDto;
}

export interface SpanElement {
  readonly type: 'span';
  readonly id: string;
  readonly workflowId: string;
  readonly node: TraceNode;
  readonly parentId: string;
}

export type RunsElement = RunElement | SpanElement;

export const runElementId = (workflowId: string): string => `run/${workflowId}`;
export const spanElementId = (workflowId: string, nodeId: string): string => `run/${workflowId}/span/${nodeId}`;

/** Runs shown at most (newest first); older ones are reachable through the filter. */
const RUN_LIMIT = 500;

export class RunsModel extends DisposableStore {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<RunsElement | undefined>());
  /** `undefined`: the list of runs changed; an element: that run's subtree changed. */
  readonly onDidChange = this._onDidChange.event;
  private runs: RunDto[] = [];
  private readonly runElements = new Map<string, RunElement>();
  private readonly traces = new Map<string, TraceNode>();
  private readonly spans = new Map<string, SpanElement>();
  private filter: RunsFilter = {};

  constructor(private readonly engine: EngineClient) {
    super();
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  get isFiltered(): boolean {
    return Object.values(this.filter).some((v) => v !== undefined && v !== '');
  }

  setFilter(filter: RunsFilter): void {
    this.filter = filter;
    this._onDidChange.fire(undefined);
  }

  /** Refetches the run list; re-fetches cached traces of the workflows that changed. */
  async refresh(changed: readonly string[] | 'all'): Promise<void> {
    const runs = await this.engine.request('runs', { limit: 100_000 });
    this.runs = runs.sort((a, b) => b.lastEventMs - a.lastEventMs);
    const listChanged = this.syncRunElements();
    const stale = changed === 'all' ? [...this.traces.keys()] : changed.filter((id) => this.traces.has(id));
    for (const workflowId of stale) this.traces.delete(workflowId);
    if (listChanged || changed === 'all') {
      this._onDidChange.fire(undefined);
      return;
    }
    for (const workflowId of changed) {
      const element = this.runElements.get(workflowId);
      if (element) this._onDidChange.fire(element);
    }
  }

  roots(): RunElement[] {
    const out: RunElement[] = [];
    for (const run of this.runs) {
      if (!runMatches(run, this.filter)) continue;
      const element = this.runElements.get(run.workflow_id);
      if (element) out.push(element);
      if (out.length >= RUN_LIMIT) break;
    }
    return out;
  }

  async children(element: RunsElement): Promise<SpanElement[]> {
    if (element.type === 'run') {
      const root = await this.trace(element.run.workflow_id);
      return root ? root.children.map((node) => this.spanElement(element.run.workflow_id, node, element.id)) : [];
    }
    return element.node.children.map((node) => this.spanElement(element.workflowId, node, element.id));
  }

  parent(element: RunsElement): RunsElement | undefined {
    if (element.type === 'run') return undefined;
    return this.spans.get(element.parentId) ?? this.runElements.get(element.workflowId);
  }

  /** The element for a trace node, fetching the trace if needed (for reveal). */
  async findSpan(workflowId: string, nodeId: string): Promise<SpanElement | undefined> {
    const root = await this.trace(workflowId);
    if (!root) return undefined;
    const id = spanElementId(workflowId, nodeId);
    const known = this.spans.get(id);
    if (known) return known;
    // Walk the tree iteratively, registering elements on the way so getParent works.
    const stack: Array<{ node: TraceNode; parentId: string }> = root.children.map((node) => ({ node, parentId: runElementId(workflowId) }));
    while (stack.length > 0) {
      const { node, parentId } = stack.pop() as { node: TraceNode; parentId: string };
      const element = this.spanElement(workflowId, node, parentId);
      if (node.id === nodeId) return element;
      for (const child of node.children) stack.push({ node: child, parentId: element.id });
    }
    return undefined;
  }

  runElement(workflowId: string): RunElement | undefined {
    return this.runElements.get(workflowId);
  }

  private async trace(workflowId: string): Promise<TraceNode | undefined> {
    const cached = this.traces.get(workflowId);
    if (cached) return cached;
    const trace = await this.engine.request('trace', { workflowId });
    if (!trace) return undefined;
    this.traces.set(workflowId, trace);
    return trace;
  }

  private spanElement(workflowId: string, node: TraceNode, parentId: string): SpanElement {
    const element: SpanElement = { type: 'span', id: spanElementId(workflowId, node.id), workflowId, node, parentId };
    this.spans.set(element.id, element);
    return element;
  }

  /** Keeps one element object per run id; returns whether the set of runs changed. */
  private syncRunElements(): boolean {
    let changed = this.runs.length !== this.runElements.size;
    const seen = new Set<string>();
    for (const run of this.runs) {
      seen.add(run.workflow_id);
      const existing = this.runElements.get(run.workflow_id);
      if (!existing) changed = true;
      this.runElements.set(run.workflow_id, { type: 'run', id: runElementId(run.workflow_id), run });
    }
    for (const id of [...this.runElements.keys()]) if (!seen.has(id)) this.runElements.delete(id);
    // Span elements of refreshed traces are rebuilt on demand.
    for (const [id, span] of this.spans) if (!this.traces.has(span.workflowId)) this.spans.delete(id);
    return changed;
  }
}
