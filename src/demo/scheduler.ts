/**
 * Simulated time for the demo. Agents `await scheduler.sleep(ms)`; the scheduler wakes them in
 * time order, one instant at a time, so a run is deterministic whatever the machine's speed.
 * Simulated time is paced against the wall clock by `timeScale`: 1 is real time (the demo, so
 * alert windows evaluated on the wall clock line up with the timestamps), 60 runs a minute per
 * second, Infinity runs as fast as possible (tests).
 */
export interface SchedulerOptions {
  /** Simulated time at the start, epoch microseconds. */
  startMicros: number;
  timeScale: number;
  /** Stop once simulated time would pass this many ms after the start. */
  durationMs?: number;
}

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

export class Scheduler {
  private nowMicros: number;
  private readonly heap: Timer[] = [];
  private seq = 0;
  private stopped = false;
  private realWait: { until: number; timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(private readonly options: SchedulerOptions) {
    if (!(options.timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${options.timeScale}`);
    this.nowMicros = options.startMicros;
  }

  /** Current simulated time, epoch microseconds (the logger's clock). */
  now(): number {
    return this.nowMicros;
  }

  /** Simulated milliseconds since the start. */
  elapsedMs(): number {
    return (this.nowMicros - this.options.startMicros) / 1000;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves after `ms` of simulated time; never resolves once the scheduler has stopped. */
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      if (this.stopped) return;
      const at = this.nowMicros + Math.max(0, Math.round(ms * 1000));
      this.push({ at, seq: this.seq++, wake });
      // A timer earlier than the one being waited for (armed from outside): wait for it instead.
      if (this.realWait && at < this.realWait.until) this.interruptWait();
    });
  }

  /** Runs until stopped, out of work, or past `durationMs`. */
  async run(): Promise<void> {
    const startReal = performance.now();
    const endMicros = this.options.durationMs === undefined ? Infinity : this.options.startMicros + this.options.durationMs * 1000;
    while (!this.stopped) {
      const next = this.heap[0];
      if (!next || next.at > endMicros) break;
      const dueReal = startReal + (next.at - this.options.startMicros) / 1000 / this.options.timeScale;
      const waitMs = dueReal - performance.now();
      if (waitMs > 1) {
        await this.waitReal(next.at, waitMs);
        continue; // something earlier may have been scheduled meanwhile
      }
      this.pop();
      this.nowMicros = next.at;
      next.wake();
      // Every continuation of the woken agent runs (microtasks) before the next instant.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    this.heap.length = 0;
    this.interruptWait();
  }

  private waitReal(until: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.realWait = undefined;
        resolve();
      }, ms);
      this.realWait = { until, timer, resolve };
    });
  }

  private interruptWait(): void {
    const wait = this.realWait;
    if (!wait) return;
    this.realWait = undefined;
    clearTimeout(wait.timer);
    wait.resolve();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && earlier(heap[left] as Timer, heap[best] as Timer)) best = left;
      if (right < heap.length && earlier(heap[right] as Timer, heap[best] as Timer)) best = right;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best] as Timer, heap[i] as Timer];
      i = best;
    }
  }
}

/** Time order; timers of the same instant in the order they were set. */
function earlier(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
