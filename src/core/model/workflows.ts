/** Per-workflow running aggregates for `report.workflows[]` and the Runs view. */
import { formatIso } from '../util/time';

export type WorkflowStatus = 'completed' | 'failed' | 'incomplete';

export interface WorkflowSummary {
  workflow_id: string;
  status: WorkflowStatus;
  started: string | null;
  ended: string | null;
  /** From start to end; for an incomplete workflow, to its latest event so far. */
  duration_ms: number | null;
  agents: number;
  tools: number;
  errors: number;
  cost_usd: number;
}

export class WorkflowAggregate {
  startedTs = NaN;
  endedTs = NaN;
  firstTs = Infinity;
  lastTs = -Infinity;
  status: WorkflowStatus = 'incomplete';
  agents = 0;
  tools = 0;
  errors = 0;
  /** Events recorded (each one `touch`ed and linked). */
  events = 0;
  /** First and last event index in the EventStore (-1 before any): the chain `eventsOf` walks. */
  firstEvent = -1;
  lastEvent = -1;
  /** Whether the key came from a `workflow_id` (not request id, trace id or file). */
  constructor(readonly key: string, readonly keyId: number, readonly explicit: boolean) {}

  touch(ts: number): void {
    this.events++;
    if (Number.isNaN(ts)) return;
    if (ts < this.firstTs) this.firstTs = ts;
    if (ts > this.lastTs) this.lastTs = ts;
  }

  linkEvent(index: number): void {
    if (this.firstEvent < 0) this.firstEvent = index;
    this.lastEvent = index;
  }

  /** Start: `workflow_started`, else its earliest event (children's bounds). */
  get startTs(): number {
    if (!Number.isNaN(this.startedTs)) return this.startedTs;
    return this.firstTs === Infinity ? NaN : this.firstTs;
  }

  summary(costUsd: number): WorkflowSummary {
    const start = this.startTs;
    const ended = Number.isNaN(this.endedTs) ? undefined : this.endedTs;
    const endForDuration = ended ?? (this.lastTs === -Infinity ? NaN : this.lastTs);
    const duration = Number.isNaN(start) || Number.isNaN(endForDuration) ? null : Math.max(0, endForDuration - start);
    return {
      workflow_id: this.key,
      status: this.status,
      started: Number.isNaN(start) ? null : formatIso(start),
      ended: ended === undefined ? null : formatIso(ended),
      duration_ms: duration,
      agents: this.agents,
      tools: this.tools,
      errors: this.errors,
      cost_usd: costUsd,
    };
  }
}
