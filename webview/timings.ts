/** What the dashboard measures about itself, on `window.__runlensTimings` for tests and benchmarks. */

export interface Timings {
  /** performance.now() when the first snapshot arrived, passed its check, had its first chart drawn, and was fully rendered. */
  firstReceivedAt?: number;
  firstSnapshotAt?: number;
  firstChartAt?: number;
  firstDrawnAt?: number;
  /** How long the last message took to check, and the last page render (charts drawn now or scheduled; tables follow). */
  lastCheckMs?: number;
  lastRenderMs?: number;
  snapshots: number;
  updates: number;
  rejected: number;
}

declare global {
  interface Window {
    __runlensTimings?: Timings;
  }
}

export function timings(): Timings {
  return (window.__runlensTimings ??= { snapshots: 0, updates: 0, rejected: 0 });
}
