/**
 * Runs a loaded Mocha instance and collects per-test results. Shared by the extension-host
 * runner (exthost/index.ts, inside VS Code) and the UI runner (ui/index.ts, in the driver);
 * the driver reads the JSON written with `writeResults` (schema: `SuiteResults`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Mocha from 'mocha';

export interface TestResult {
  /** Full title: suite titles and the test title, space-separated (as mocha's fullTitle()). */
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  /** First lines of the error (message + stack) for failures. */
  error?: string;
}

export interface SuiteResults {
  kind: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

/** "Name: message" (the message as it is now: VS Code rewrites some after the stack was taken) + 10 frames. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 10);
  return [`${err.name}: ${err.message}`, ...frames].join('\n');
}

export function runMocha(kind: string, mocha: Mocha): Promise<SuiteResults> {
  return new Promise((resolve) => {
    const tests: TestResult[] = [];
    const runner = mocha.run(() => {
      const count = (s: TestResult['state']): number => tests.filter((t) => t.state === s).length;
      resolve({ kind, passed: count('passed'), failed: count('failed'), pending: count('pending'), tests });
    });
    runner.on('pass', (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    // Also emitted for failing hooks ("before all" hook for …): each counts as one failure.
    runner.on('fail', (t: Mocha.Runnable, err: unknown) =>
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) }));
    runner.on('pending', (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'pending' }));
  });
}

export function writeResults(file: string, results: SuiteResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
