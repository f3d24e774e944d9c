/**
 * The Runs filter: free text plus `status:<s>` and `agent:<name>` terms, e.g.
 * `status:failed agent:copywriter wf-4`. Parsing is plain string work (no regex from users).
 */
import type { RunDto } from '../../protocol/engineProtocol';

export interface RunsFilter {
  text?: string;
  status?: string;
  agent?: string;
}

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

export function runMatches(run: RunDto, filter: RunsFilter): boolean {
  if (filter.status) {
    const wanted = filter.status === 'error' || filter.status === 'errors' ? 'failed' : filter.status;
    const hasErrors = run.errors > 0;
    if (wanted === 'failed' ? run.status !== 'failed' && !hasErrors : run.status !== wanted) return false;
  }
  if (filter.agent && !run.agentNames.some((a) => a.toLowerCase().includes(filter.agent as string))) return false;
  if (filter.text && !run.workflow_id.toLowerCase().includes(filter.text)) return false;
  return true;
}
