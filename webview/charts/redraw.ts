/**
 * Throttled redraws: however often data arrives, each chart redraws at most every
 * `MIN_REDRAW_GAP_MS` (a few times a second), in an animation frame, with the latest
 * data only. A snapshot (page switch, first load) draws at once.
 */

export const MIN_REDRAW_GAP_MS = 250;

const pending = new Map<string, () => void>();
let lastFlush = -Infinity;
let scheduled = false;

function flush(): void {
  scheduled = false;
  lastFlush = performance.now();
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) job();
}

/** Runs `draw` for `key` now (`immediate`) or at the next allowed frame, replacing any draw still pending for that key. */
export function scheduleRedraw(key: string, draw: () => void, immediate: boolean): void {
  if (immediate) {
    pending.delete(key);
    draw();
    return;
  }
  pending.set(key, draw);
  if (scheduled) return;
  scheduled = true;
  const wait = Math.max(0, lastFlush + MIN_REDRAW_GAP_MS - performance.now());
  setTimeout(() => requestAnimationFrame(flush), wait);
}
