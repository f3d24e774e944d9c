/**
 * Opt-in stage timestamps for the append → alert → toast path, for measuring where the
 * time goes (test/e2e/ui/alert-toasts.test.ts reads them). Off unless the environment
 * variable RUNLENS_LATENCY_PROBE names a file; then every stage appends one JSON line
 * `{"stage", "t" (epoch ms, fractional), "key", ...}` to it. The worker thread and the
 * extension host share the process environment, so both write to the same file (small
 * O_APPEND writes do not interleave). Costs one property read when off.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const FILE = process.env.RUNLENS_LATENCY_PROBE || undefined;

/** True when stages are being recorded (callers skip building records otherwise). */
export const latencyProbeEnabled = FILE !== undefined;

/** Wall-clock epoch ms with sub-millisecond resolution (comparable across threads and processes). */
export function probeNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Appends one stage record; never throws (a probe must not break what it measures). */
export function probeMark(stage: string, key: string, extra: Readonly<Record<string, unknown>> = {}, t = probeNow()): void {
  if (FILE === undefined) return;
  try {
    appendFileSync(FILE, `${JSON.stringify({ stage, t, key, ...extra })}\n`);
  } catch {
    /* measurement only */
  }
}
