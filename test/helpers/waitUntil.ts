/**
 * Event-driven waiting for tests: re-check a condition whenever something signals a
 * change (plus a slow safety re-check), fail with a description after a timeout. No fixed sleeps.
 */

/** Something tests can wait on: `notify()` wakes every pending `next()`. */
export class Signal {
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Woken on changes; without it the condition is re-checked every `recheckMs`. */
  signal?: Signal;
  recheckMs?: number;
  /** Included in the timeout error, to show the state that was reached. */
  describe?: () => string;
}

export async function waitUntil(condition: () => boolean, what: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const recheckMs = options.recheckMs ?? (options.signal ? 50 : 5);
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${options.describe ? `: ${options.describe()}` : ''}`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      options.signal?.next() ?? new Promise<void>(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.min(recheckMs, left));
      }),
    ]);
    clearTimeout(timer);
  }
}
