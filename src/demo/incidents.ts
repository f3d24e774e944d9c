/**
 * The incidents that make the demo worth watching, timed so the shipped default alert rules
 * (media/default-rules.json) fire within a minute or two of arming, then recur:
 *
 * - Latency spike, first: the search provider degrades and the next few web_search calls
 *   take 11-24 s ("tool latency p95" > 10 s over 5m, grouped by tool).
 * - Cost spike: the next worker gets stuck in a loop, scraping pages with a paid API and
 *   sending ~170k-token contexts to claude-opus-4 ("tool cost per hour" > 1 USD and
 *   "LLM cost per hour" > 5 USD).
 * - Tool gateway outage: every tool call fails with a ConnectionError (LLM calls, which go
 *   straight to the providers, still work, so supervisors keep planning and routing); workers
 *   give up, leads and the supervisor fail after them, tracebacks are logged ("agent failure
 *   rate" > 25% over 10m; "exceptions"). Nearly every execution fails while it lasts, so the
 *   rate climbs past the threshold instead of creeping over it and flapping. It lasts until
 *   the failure rate of the last 10 minutes is clearly over the threshold (so it trips the
 *   rule however long the run was calm before), then recovers, and the alert resolves as
 *   successes dilute the window.
 * - Ordinary tool failures (429s, timeouts) are logged with tracebacks all along ("exceptions").
 *
 * Before arming, the system runs calm: no failures at all, so nothing fires while the editor
 * is still starting (content read before it opens is history and never notifies).
 */
import type { Random } from './random';
import type { Scheduler } from './scheduler';

/** Simulated ms, measured from arming. */
export interface IncidentTiming {
  outageAtMs: number;
  latencyAtMs: number;
  costAtMs: number;
  outageEveryMs: readonly [number, number];
  latencyEveryMs: readonly [number, number];
  costEveryMs: readonly [number, number];
}

// In this order so they do not get in each other's way: the outage would fail the slow
// searches and the runaway's paid scrapes.
export const DEFAULT_TIMING: IncidentTiming = {
  latencyAtMs: 5_000,
  costAtMs: 20_000,
  outageAtMs: 60_000,
  outageEveryMs: [9 * 60_000, 13 * 60_000],
  latencyEveryMs: [70_000, 110_000],
  costEveryMs: [70_000, 110_000],
};

/** How many slow calls a latency spike makes: enough to lift p95 over a 5-minute window. */
const SLOW_CALLS = 8;
const SLOW_TOOL = 'web_search';
const SLOW_CALL_MS: readonly [number, number] = [11_000, 24_000];
/**
 * The outage ends once the failure rate over the last 10 minutes reaches this: a margin over
 * the rule's 0.25, measured the way the rule measures it (agent executions in the window).
 */
const OUTAGE_TARGET_RATE = 0.35;
const OUTAGE_MIN_MS = 30_000;
const OUTAGE_MAX_MS = 150_000;
const OUTAGE_CHECK_MS = 2_000;
const FAILURE_WINDOW_MS = 10 * 60_000;

export type IncidentKind = 'outage' | 'recovered' | 'latency' | 'cost';
export type IncidentListener = (kind: IncidentKind, message: string) => void;

export class Incidents {
  private armed = false;
  private outageSinceMs: number | undefined;
  private slowCallsLeft = 0;
  private runawayPending = false;
  private readonly outcomes = new FailureWindow(FAILURE_WINDOW_MS);

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Random,
    private readonly listener: IncidentListener,
    private readonly timing: IncidentTiming = DEFAULT_TIMING,
  ) {}

  get isArmed(): boolean {
    return this.armed;
  }

  /** Starts the incident schedule (once); until then the system runs without failures. */
  arm(): void {
    if (this.armed) return;
    this.armed = true;
    void this.repeat(this.timing.outageAtMs, this.timing.outageEveryMs, () => this.outage());
    void this.repeat(this.timing.latencyAtMs, this.timing.latencyEveryMs, () => this.latencySpike());
    void this.repeat(this.timing.costAtMs, this.timing.costEveryMs, () => this.costSpike());
  }

  /** Ordinary failures (timeouts, 429s) happen only once armed. */
  get failuresEnabled(): boolean {
    return this.armed;
  }

  /** Tool calls fail while the tool gateway is down. */
  get toolGatewayDown(): boolean {
    return this.outageSinceMs !== undefined;
  }

  /** A latency-spike duration for this call, or undefined for a normal one. */
  slowCallMs(tool: string): number | undefined {
    if (tool !== SLOW_TOOL || this.slowCallsLeft === 0) return undefined;
    this.slowCallsLeft--;
    return this.rng.uniform(SLOW_CALL_MS[0], SLOW_CALL_MS[1]);
  }

  /** True once per cost spike: the worker asking goes into the runaway loop. */
  takeRunaway(): boolean {
    const pending = this.runawayPending;
    this.runawayPending = false;
    return pending;
  }

  recordAgentOutcome(ok: boolean): void {
    this.outcomes.add(this.scheduler.elapsedMs(), ok);
  }

  private async repeat(firstMs: number, everyMs: readonly [number, number], fire: () => Promise<void> | void): Promise<void> {
    await this.scheduler.sleep(firstMs);
    for (;;) {
      await fire();
      await this.scheduler.sleep(this.rng.uniform(everyMs[0], everyMs[1]));
    }
  }

  private async outage(): Promise<void> {
    const since = this.scheduler.elapsedMs();
    this.outageSinceMs = since;
    this.listener('outage', 'tool gateway outage: every tool call fails, agents give up and log tracebacks (trips "agent failure rate" and "exceptions")');
    for (;;) {
      await this.scheduler.sleep(OUTAGE_CHECK_MS);
      const now = this.scheduler.elapsedMs();
      const lasted = now - since;
      if (lasted >= OUTAGE_MAX_MS || (lasted >= OUTAGE_MIN_MS && this.outcomes.failureRate(now) >= OUTAGE_TARGET_RATE)) break;
    }
    this.outageSinceMs = undefined;
    this.listener('recovered', `tool gateway back after ${Math.round((this.scheduler.elapsedMs() - since) / 1000)} s; the failure-rate alert resolves as successes come back`);
  }

  private latencySpike(): void {
    this.slowCallsLeft = SLOW_CALLS;
    this.listener('latency', `latency spike: the next ${SLOW_CALLS} ${SLOW_TOOL} calls take ${SLOW_CALL_MS[0] / 1000}-${SLOW_CALL_MS[1] / 1000} s (trips "tool latency p95")`);
  }

  private costSpike(): void {
    this.runawayPending = true;
    this.listener('cost', 'cost spike: the next worker loops on paid web_scrape calls and 170k-token claude-opus-4 prompts (trips "tool cost per hour" and "LLM cost per hour")');
  }
}

/** Agent outcomes of the last `windowMs`, as the "agent failure rate" rule sees them. */
class FailureWindow {
  private readonly times: number[] = [];
  private readonly failed: boolean[] = [];
  private head = 0;
  private failures = 0;

  constructor(private readonly windowMs: number) {}

  add(atMs: number, ok: boolean): void {
    this.times.push(atMs);
    this.failed.push(!ok);
    if (!ok) this.failures++;
  }

  failureRate(nowMs: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) <= nowMs - this.windowMs) {
      if (this.failed[this.head]) this.failures--;
      this.head++;
    }
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.failed.splice(0, this.head);
      this.head = 0;
    }
    const total = this.times.length - this.head;
    return total === 0 ? 0 : this.failures / total;
  }
}
