/** The controls above every page: time range, agent and tool filters, free tag filters, status. */
import { formatTagFilter, parseTagFilter } from '../src/core/dashboard/tagFilter';
import type { DashboardOptions, DashboardQuery, RangeKey, TagFilter } from '../src/core/dashboard/types';
import { el } from './dom';
import { formatDuration, formatTime } from './format';
import { Select } from './select';

const RANGES: Array<{ value: RangeKey; label: string }> = [
  { value: '5m', label: 'Last 5 min' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 h' },
  { value: 'all', label: 'All' },
];
/** Tags with their own dropdown; the text field holds the others. */
const DROPDOWN_TAGS = ['agent_name', 'tool_name'];
/** The "all" entry's value: the select shows nothing for an empty value, and no name is a lone NUL. */
const ALL = '\u0000';

export class Toolbar {
  readonly element: HTMLElement;
  private readonly range: Select;
  private readonly agent: Select;
  private readonly tool: Select;
  private readonly tags = el('vscode-textfield', { 'data-testid': 'filter-tags', placeholder: 'more tags: key=value, …', 'aria-label': 'Tag filters' }) as HTMLElement & { value: string; invalid: boolean };
  private readonly status = el('span', { class: 'status-line', 'data-testid': 'status-line' });
  private readonly busy = el('vscode-progress-ring', { class: 'busy', 'aria-label': 'Loading' });
  private query: DashboardQuery | undefined;

  constructor(private readonly onChange: (patch: Partial<DashboardQuery>) => void) {
    this.range = new Select('filter-range', 'Time range', (value) => this.onChange({ range: value as RangeKey }));
    this.agent = new Select('filter-agent', 'Agent', (value) => this.setTag('agent_name', value), true);
    this.tool = new Select('filter-tool', 'Tool', (value) => this.setTag('tool_name', value), true);
    this.range.set(RANGES, 'all');
    this.tags.addEventListener('change', () => this.onTagsText());
    this.element = el('div', { class: 'toolbar', 'data-testid': 'toolbar' },
      this.range.element, this.agent.element, this.tool.element, this.tags, this.busy, this.status);
  }

  /** Reflects the query the host answered for and the current option lists. */
  show(query: DashboardQuery, options: DashboardOptions): void {
    this.query = query;
    this.range.set(RANGES, query.range);
    this.agent.set([{ value: ALL, label: 'All agents' }, ...options.agents.map((a) => ({ value: a, label: a }))], query.tags.agent_name ?? ALL);
    this.tool.set([{ value: ALL, label: 'All tools' }, ...options.tools.map((t) => ({ value: t, label: t }))], query.tags.tool_name ?? ALL);
    const text = formatTagFilter(query.tags, DROPDOWN_TAGS);
    if (document.activeElement !== this.tags && this.tags.value !== text) this.tags.value = text;
    this.tags.invalid = false;
  }

  setStatus(newestTs: number | null, computeMs: number): void {
    this.status.textContent = newestTs === null
      ? 'No events yet'
      : `Newest event ${formatTime(newestTs, true)} · computed in ${formatDuration(computeMs) || '0 ms'}`;
  }

  setBusy(busy: boolean): void {
    this.busy.toggleAttribute('hidden', !busy);
  }

  private setTag(key: string, value: string): void {
    const tags: TagFilter = { ...(this.query?.tags ?? {}) };
    if (value === ALL || value === '') delete tags[key];
    else tags[key] = value;
    this.onChange({ tags });
  }

  private onTagsText(): void {
    const parsed = parseTagFilter(this.tags.value);
    if (!parsed.ok) {
      this.tags.invalid = true;
      this.tags.title = parsed.error;
      return;
    }
    this.tags.invalid = false;
    this.tags.title = '';
    const tags: TagFilter = { ...parsed.tags };
    for (const key of DROPDOWN_TAGS) {
      const kept = this.query?.tags[key];
      if (kept !== undefined) tags[key] = kept;
    }
    this.onChange({ tags });
  }
}
