/**
 * Paces the dashboard's work with the engine: one request in flight at a time, a
 * snapshot as soon as one is asked for, live updates no closer than `minGapMs` (and
 * further apart when the last one was slow, so a 1M-point page never queues up). Nothing
 * accumulates while paused: a hidden panel gets one snapshot when it is shown again.
 * No vscode import: the clock and timers are injected, so it is unit-tested.
 */

export type RefreshKind = 'snapshot' | 'update';

export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const MIN_GAP_MS = 250;
export const MAX_GAP_MS = 5_000;

export class RefreshPacer {
  private busy = false;
  private wantSnapshot = false;
  private dirty = false;
  private paused = true;
  private lastEnd = -Infinity;
  private gapMs = MIN_GAP_MS;
  private timer: unknown;

  constructor(
    /** Does the work; resolves when the page was posted. */
    private readonly run: (kind: RefreshKind) => Promise<void>,
    private readonly clock: PacerClock,
    private readonly minGapMs = MIN_GAP_MS,
    private readonly maxGapMs = MAX_GAP_MS,
  ) {}

  /** The webview is ready (again) and wants the whole page. */
  snapshot(): void {
    this.paused = false;
    this.wantSnapshot = true;
    this.dirty = false;
    this.pump();
  }

  /** The engine changed: refresh when the gap allows (coalesced). */
  changed(): void {
    if (this.paused) return;
    this.dirty = true;
    this.pump();
  }

  /** Hidden or gone: drop what is pending; the next `snapshot()` starts over. */
  pause(): void {
    this.paused = true;
    this.wantSnapshot = false;
    this.dirty = false;
    this.cancelTimer();
  }

  dispose(): void {
    this.pause();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.paused || this.busy) return;
    if (this.wantSnapshot) {
      this.cancelTimer();
      this.wantSnapshot = false;
      this.dirty = false;
      void this.execute('snapshot');
      return;
    }
    if (!this.dirty || this.timer !== undefined) return;
    const wait = this.lastEnd + this.gapMs - this.clock.now();
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    this.dirty = false;
    void this.execute('update');
  }

  private async execute(kind: RefreshKind): Promise<void> {
    this.busy = true;
    const started = this.clock.now();
    try {
      await this.run(kind);
    } catch {
      // The runner reports its own failures; pacing goes on.
    } finally {
      const took = this.clock.now() - started;
      this.lastEnd = this.clock.now();
      // Twice the last cost keeps the worker at most half busy with dashboard work.
      this.gapMs = Math.min(this.maxGapMs, Math.max(this.minGapMs, 2 * took));
      this.busy = false;
      this.pump();
    }
  }
}
