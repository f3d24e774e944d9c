/** Temporary folders and started Tailers that clean up after a test, even a failed one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Tailer } from '../../src/node/tail/tailer';
import type { TailOptions } from '../../src/node/tail/types';
import { TailRecorder } from './tailRecorder';

export function tempDir(t: TestContext, prefix = 'runlens-tail-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
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
  t.after(() => tailer.close());
  await tailer.start();
  return { tailer, rec: recorder };
}
