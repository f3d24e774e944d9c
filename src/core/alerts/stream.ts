/**
 * One alert stream: a rule for one group_by combination, with its own window, state
 * and cooldown. States follow Prometheus: inactive → pending (while `for` runs) →
 * firing → back to inactive with one resolved notice. Cooldown follows the seed's
 * `triggered_alerts`: fired at t0, the stream notifies again only at t ≥ t0 + cooldown
 * while the condition holds; resolving does not reset it.
 */
import type { AlertChangeType } from './alertDict';
import type { AlertRule } from './rule';
import { TimeWindow } from './timeWindow';

export type Phase = 'inactive' | 'pending' | 'firing';

/** What the window says at one evaluation. `value` is null only for an empty window of a value rule. */
export interface Observation {
  holds: boolean;
  value: number | null;
  count: number;
}

export class AlertStream {
  phase: Phase = 'inactive';
  pendingSince = NaN;
  lastFiredAt = -Infinity;
  /** The current firing episode was notified (so its end gets one resolved notice). */
  episodeNotified = false;
  /** …and that notification was historical (its resolved notice is historical too). */
  episodeHistorical = false;
  /** The stream entered `firing` during a historical evaluation. */
  firingHistorical = false;
  dirty = false;
  /** Wake time currently in the engine's queue (Infinity: none). */
  scheduledAt = Infinity;
  alive = true;
  readonly window: TimeWindow;
  private cachedVersion = -1;
  private cachedValue = NaN;

  constructor(
    readonly id: number,
    public rule: AlertRule,
    /** Position of the rule in the rule set, for a deterministic order of changes. */
    public ruleIndex: number,
    readonly group: Readonly<Record<string, string>>,
    readonly key: string,
    /** Engine time the stream started watching (no_data waits one window from here). */
    public since: number,
  ) {
    this.window = new TimeWindow(rule.aggregate);
  }

  /** The rule's value over the window, cached until the window changes. */
  private value(): number {
    if (this.window.version !== this.cachedVersion) {
      const v = this.window.aggregate(this.rule.aggregate);
      this.cachedValue = this.rule.condition === 'error_rate_high' ? 1 - v : v;
      this.cachedVersion = this.window.version;
    }
    return this.cachedValue;
  }

  /**
   * Evaluates the condition into `out` (reused: this runs once per line per rule in
   * replay). Empty windows never hold for value rules and never produce NaN; no_data
   * holds only once `noDataArmed` says the engine has watched a whole window.
   */
  observe(noDataArmed: boolean, out: Observation): Observation {
    const rule = this.rule;
    const count = this.window.count;
    out.count = count;
    switch (rule.condition) {
      case 'no_data':
        out.holds = count === 0 && noDataArmed;
        out.value = count;
        return out;
      case 'pattern_detected':
        out.holds = count > 0 && count > rule.threshold;
        out.value = count;
        return out;
      default: {
        const value = count === 0 ? NaN : this.value();
        if (!Number.isFinite(value)) {
          out.holds = false;
          out.value = null;
          return out;
        }
        out.holds = rule.condition === 'threshold_below' ? value < rule.threshold : value > rule.threshold;
        out.value = value;
        return out;
      }
    }
  }

  /** Advances the state machine; returns the notification to emit, if any. */
  step(t: number, holds: boolean, historical: boolean): AlertChangeType | undefined {
    if (!holds) {
      const notify = this.phase === 'firing' && this.episodeNotified;
      this.phase = 'inactive';
      this.pendingSince = NaN;
      this.episodeNotified = false;
      return notify ? 'resolved' : undefined;
    }
    if (this.phase === 'inactive') {
      this.pendingSince = t;
      this.phase = 'pending';
    }
    if (this.phase === 'pending' && t - this.pendingSince >= this.rule.forMs) {
      this.phase = 'firing';
      this.firingHistorical = historical;
    }
    if (this.phase !== 'firing' || t < this.lastFiredAt + this.rule.cooldownMs) return undefined;
    this.lastFiredAt = t;
    this.episodeNotified = true;
    this.episodeHistorical = historical;
    return 'alert';
  }

  /**
   * The next time this stream can change without new data: the oldest entry leaving the
   * window (for no_data, the newest), `for` running out, a cooldown ending while firing,
   * or no_data arming. Infinity when only new data can change it.
   */
  nextWake(t: number, holds: boolean, noDataArmsAt: number): number {
    const rule = this.rule;
    const w = this.window;
    let at = Infinity;
    if (w.count > 0) at = (rule.condition === 'no_data' ? w.newestTs : w.oldestTs) + rule.durationMs;
    else if (rule.condition === 'no_data' && noDataArmsAt > t) at = noDataArmsAt;
    if (this.phase === 'pending') at = Math.min(at, this.pendingSince + rule.forMs);
    if (this.phase === 'firing' && holds) at = Math.min(at, this.lastFiredAt + rule.cooldownMs);
    return at;
  }
}

/** Rule order, then group creation order: a deterministic order for the changes of one evaluation. */
export function sortStreams(streams: AlertStream[]): void {
  if (streams.length > 32) {
    streams.sort((a, b) => a.ruleIndex - b.ruleIndex || a.id - b.id);
    return;
  }
  // Insertion sort: per-line batches are small and nearly sorted (points are routed in rule order).
  for (let i = 1; i < streams.length; i++) {
    const s = streams[i] as AlertStream;
    let j = i - 1;
    while (j >= 0) {
      const o = streams[j] as AlertStream;
      if (o.ruleIndex < s.ruleIndex || (o.ruleIndex === s.ruleIndex && o.id < s.id)) break;
      streams[j + 1] = o;
      j--;
    }
    streams[j + 1] = s;
  }
}
