/**
 * The Runs filter: free text plus `status:<s>` and `agent:<name>` terms, e.g.
 * `status:failed agent:copywriter wf-4`. Parsing is plain string work (no regex from users);
 * what a filter matches is src/protocol/runsFilter.ts (the engine worker applies it too).
 */
import type { RunsFilter } from '../../protocol/runsFilter';

export { runMatches, type RunsFilter } from '../../protocol/runsFilter';

export function parseRunsFilter(input: string): RunsFilter {
  const filter: RunsFilter = {};
  const words: string[] = [];
  for (const term of input.trim().split(/\s+/)) {
    if (term.startsWith('status:')) filter.status = term.slice(7).toLowerCase();
    else if (term.startsWith('agent:')) filter.agent = term.slice(6).toLowerCase();
    else if (term) words.push(term.toLowerCase());
  }
  if (words.length > 0) filter.text = words.join(' ');
  return filter;
}

export function describeFilter(filter: RunsFilter): string {
  return [filter.status && `status:${filter.status}`, filter.agent && `agent:${filter.agent}`, filter.text].filter(Boolean).join(' ');
}
