/**
 * Runs and their traces, kept apart from the tree provider: the model owns the data,
 * fetches it from the engine and says what changed; the provider only maps it to
 * TreeItems. Traces are fetched one level at a time, as someone expands them, so a
 * 100k-span run costs what is on screen.
 */
import * as vscode from 'vscode';
import type { SpanSummary } from '../../core/traces/traceView';
import type { RunDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { isActiveFilter } from '../../protocol/runsFilter';
import { runMatches, type RunsFilter } from './runsFilter';

/**
 * One object per workflow for as long as it is listed: the workbench keys its tree nodes by
 * element object, so firing a change for a run must pass the object `getChildren` returned.
 * `run` is replaced when the engine reports new numbers; `version` counts those replacements.
 */
export interface RunElement {
  readonly type: 'run';
  readonly id: string;
  run: RunDto;
  version: number;
}

export interface SpanElement {
  readonly type: 'span';
  readonly id: string;
  readonly workflowId: string;
  readonly node: SpanSummary;
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
  private readonly spans = new Map<string, SpanElement>();
  private filter: RunsFilter = {};
  /** Ids of the root rows as last announced (fire(undefined) when they change). */
  private shownIds: string[] = [];

  constructor(private readonly engine: EngineClient) {
    super();
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  get isFiltered(): boolean {
    return isActiveFilter(this.filter);
  }

  setFilter(filter: RunsFilter): void {
    const wasFiltered = this.isFiltered;
    this.filter = filter;
    this.shownIds = this.roots().map((e) => e.id);
    this._onDidChange.fire(undefined);
    // The worker applies a filter to every run: the list held now (the newest runs, or the
    // previous filter's matches) is only a first answer.
    if (this.isFiltered || wasFiltered) this.refresh('all').catch(() => undefined);
  }

  /**
   * Refetches the run list. The whole list is refreshed only when the rows shown changed
   * (a run appeared, left or moved); otherwise only the rows of the runs that changed, so a
   * line appended to one run does not rebuild 500 rows. Says which of the two it did.
   */
  async refresh(changed: readonly string[] | 'all'): Promise<'list' | 'rows'> {
    // The view shows the newest RUN_LIMIT runs (matching the filter, which the worker applies to
    // every run): fetching (and cloning) every run on each refresh stalled the extension host
    // for up to a second while a big log was read.
    const runs = await this.engine.request('runs', this.isFiltered ? { limit: RUN_LIMIT, filter: this.filter } : { limit: RUN_LIMIT });
    this.runs = runs.sort((a, b) => b.lastEventMs - a.lastEventMs);
    const updated = this.syncRunElements();
    const shown = this.roots();
    const listChanged = shown.length !== this.shownIds.length || shown.some((e, i) => e.id !== this.shownIds[i]);
    this.shownIds = shown.map((e) => e.id);
    if (listChanged || changed === 'all') {
      this._onDidChange.fire(undefined);
      return 'list';
    }
    const fire = new Set<RunElement>(updated);
    for (const workflowId of changed) {
      const element = this.runElements.get(workflowId);
      if (element) fire.add(element);
    }
    const visible = new Set(this.shownIds);
    for (const element of fire) if (visible.has(element.id)) this._onDidChange.fire(element);
    return 'rows';
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
    if (element.type === 'span' && element.node.childCount === 0) return [];
    const workflowId = element.type === 'run' ? element.run.workflow_id : element.workflowId;
    const parentId = element.type === 'run' ? null : element.node.id;
    const nodes = await this.engine.request('traceChildren', { workflowId, parentId });
    return (nodes ?? []).map((node) => this.spanElement(workflowId, node, element.id));
  }

  parent(element: RunsElement): RunsElement | undefined {
    if (element.type === 'run') return undefined;
    return this.spans.get(element.parentId) ?? this.runElements.get(element.workflowId);
  }

  /** The element for a trace node with its ancestors registered, so `reveal` can walk up. */
  async findSpan(workflowId: string, nodeId: string): Promise<SpanElement | undefined> {
    const path = await this.engine.request('traceAncestry', { workflowId, nodeId });
    if (!path || path.length === 0) return undefined;
    let parentId = runElementId(workflowId);
    let element: SpanElement | undefined;
    for (const node of path) {
      element = this.spanElement(workflowId, node, parentId);
      parentId = element.id;
    }
    return element;
  }

  runElement(workflowId: string): RunElement | undefined {
    return this.runElements.get(workflowId);
  }

  private spanElement(workflowId: string, node: SpanSummary, parentId: string): SpanElement {
    const element: SpanElement = { type: 'span', id: spanElementId(workflowId, node.id), workflowId, node, parentId };
    this.spans.set(element.id, element);
    return element;
  }

  /** Keeps one element object per run id; returns the elements whose run changed. */
  private syncRunElements(): RunElement[] {
    const updated: RunElement[] = [];
    const seen = new Set<string>();
    for (const run of this.runs) {
      seen.add(run.workflow_id);
      const existing = this.runElements.get(run.workflow_id);
      if (!existing) {
        this.runElements.set(run.workflow_id, { type: 'run', id: runElementId(run.workflow_id), run, version: 0 });
      } else if (!sameRun(existing.run, run)) {
        existing.run = run;
        existing.version++;
        updated.push(existing);
      } else {
        existing.run = run;
      }
    }
    for (const id of [...this.runElements.keys()]) if (!seen.has(id)) this.runElements.delete(id);
    for (const [id, span] of this.spans) if (!seen.has(span.workflowId)) this.spans.delete(id);
    return updated;
  }
}

/** Whether two summaries of one run would show the same row (label, description, icon, tooltip). */
function sameRun(a: RunDto, b: RunDto): boolean {
  return a.status === b.status && a.duration_ms === b.duration_ms && a.cost_usd === b.cost_usd && a.errors === b.errors
    && a.agents === b.agents && a.tools === b.tools && a.started === b.started && a.ended === b.ended;
}
