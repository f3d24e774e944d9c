/**
 * Shared by the extension-host helpers (test/e2e/exthost/helpers.ts) and the UI helpers
 * (test/e2e/ui/helpers.ts); esbuild bundles it into each suite (run.mjs), so it is plain Node:
 * no `vscode`, no Playwright. Fixture lines with current timestamps, line search, measurements.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const isoAgo = (ms: number): string => new Date(Date.now() - ms).toISOString();

export function appendJsonLines(file: string, records: ReadonlyArray<Record<string, unknown>>): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** 1-based line numbers of the lines of `file` that contain every one of `needles`. */
export function linesContaining(file: string, ...needles: string[]): number[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((text, i) => (needles.every((n) => text.includes(n)) ? [i + 1] : []));
}

/**
 * Merges `values` under `section` into test-artifacts/e2e-measurements.json (the parent of the
 * run folder `runDir`) and into the run folder's copy.
 */
export function writeMeasurements(runDir: string, section: string, values: Record<string, unknown>): void {
  for (const file of [join(dirname(runDir), 'e2e-measurements.json'), join(runDir, 'e2e-measurements.json')]) {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      /* first write */
    }
    all[section] = { ...values, measuredAt: new Date().toISOString(), run: runDir };
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  }
}

/** The `p`th percentile of ascending `sorted`, interpolated between ranks (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}
