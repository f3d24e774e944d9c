/**
 * The Runs filter's meaning, shared by the extension (which parses what the user typed) and
 * the engine worker (which applies it to every workflow, so a filter finds old runs without
 * the host fetching them all): free text in the workflow id, `status:<s>` (`failed` also
 * matches completed runs with errors), `agent:<name>` (substring of an agent name).
 */
export interface RunsFilter {
  text?: string;
  status?: string;
  agent?: string;
}

/** What the filter looks at in a run. */
export interface FilterableRun {
  readonly workflow_id: string;
  readonly status: string;
  readonly errors: number;
  readonly agentNames: readonly string[];
}

export function isActiveFilter(filter: RunsFilter | undefined): filter is RunsFilter {
  return !!filter && Object.values(filter).some((v) => v !== undefined && v !== '');
}

export function runMatches(run: FilterableRun, filter: RunsFilter): boolean {
  if (filter.status) {
    const wanted = filter.status === 'error' || filter.status === 'errors' ? 'failed' : filter.status;
    const hasErrors = run.errors > 0;
    if (wanted === 'failed' ? run.status !== 'failed' && !hasErrors : run.status !== wanted) return false;
  }
  if (filter.agent && !run.agentNames.some((a) => a.toLowerCase().includes(filter.agent as string))) return false;
  if (filter.text && !run.workflow_id.toLowerCase().includes(filter.text)) return false;
  return true;
}
