/** Temporary folders and started Tailers that clean up after a test, even a failed one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Tailer } from '../../src/node/tail/tailer';
import type { TailOptions } from '../../src/node/tail/types';
import { TailRecorder } from './tailRecorder';

const cleanups = new WeakMap<TestContext, Array<() => unknown>>();

/** Runs `fn` after the test, in reverse order of registration (a Tailer closes before its folder goes). */
export function defer(t: TestContext, fn: () => unknown): void {
  let stack = cleanups.get(t);
  if (!stack) {
    const fns: Array<() => unknown> = [];
    cleanups.set(t, (stack = fns));
    t.after(async () => {
      for (const f of fns.reverse()) await f();
    });
  }
  stack.push(fn);
}

export function tempDir(t: TestContext, prefix = 'runlens-tail-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  defer(t, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Fast settings for tests: the periodic look every 50 ms. */
export const FAST: TailOptions = { pollIntervalMs: 50, scanIntervalMs: 100, orphanGraceMs: 100, checkpointIntervalMs: 100 };

export async function startTailer(
  t: TestContext,
  sources: readonly string[],
  options: TailOptions & { maxLineBytes?: number } = {},
  recorder = new TailRecorder(options.maxLineBytes),
): Promise<{ tailer: Tailer; rec: TailRecorder }> {
  const tailer = new Tailer(sources, recorder.consumer, { ...FAST, ...options });
  defer(t, () => tailer.close());
  await tailer.start();
  return { tailer, rec: recorder };
}

/** JSON lines long enough (> 64 bytes) to be told apart by their first bytes, as real log lines are. */
export function lines(from: number, to: number, tag = 'l'): string {
  let out = '';
  for (let i = from; i <= to; i++) out += `{"event":"step","seq":"${tag}${i}","timestamp":"2026-11-24T10:00:${String(i % 60).padStart(2, '0')}Z"}\n`;
  return out;
}

/** The `seq` of every line a recorder got, in order. */
export const seqs = (rec: TailRecorder): string[] => rec.lines.map((l) => (JSON.parse(l.text) as { seq: string }).seq);

/** The seqs that `lines(from, to, tag)` writes. */
export const range = (from: number, to: number, tag = 'l'): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${tag}${from + i}`);
