// Reliability checklist §Tailing 11 (1,000 files growing at once: fairness, bounded memory)
// and 12 (watcher limits: fall back to polling, say so once).
import { strict as assert } from 'node:assert';
import { appendFileSync, closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isWatchLimitError, type HintWatcherFactory } from '../../../src/node/tail/hintWatcher';
import { lineConsumer } from '../../../src/node/tail/lineConsumer';
import { Tailer } from '../../../src/node/tail/tailer';
import type { TailConsumer, TailWarning } from '../../../src/node/tail/types';
import { defer, FAST, startTailer, tempDir } from '../../helpers/tailFixture';
import { Signal, waitUntil } from '../../helpers/waitUntil';

const FILES = 1000;
const CHUNK = 64 * 1024;

/** Counts lines and bytes per path without keeping them (the test itself must stay small). */
function countingConsumer(): { consumer: TailConsumer; lines: Map<string, number>; bytes: Map<string, number>; maxChunk: () => number; signal: Signal } {
  const lines = new Map<string, number>();
  const bytes = new Map<string, number>();
  const signal = new Signal();
  let maxChunk = 0;
  const splitter = lineConsumer({ onLine: (l) => lines.set(l.file.path, (lines.get(l.file.path) ?? 0) + 1) });
  return {
    lines, bytes, signal, maxChunk: () => maxChunk,
    consumer: {
      ...splitter,
      onBytes: (file, chunk, info) => {
        maxChunk = Math.max(maxChunk, chunk.length);
        bytes.set(file.path, (bytes.get(file.path) ?? 0) + chunk.length);
        splitter.onBytes(file, chunk, info);
        signal.notify();
      },
    },
  };
}

test('1,000 files growing at once all make progress while a big file is being read (case 11)', async (t) => {
  const dir = tempDir(t);
  const small = Array.from({ length: FILES }, (_, i) => join(dir, `agent-${String(i).padStart(4, '0')}.jsonl`));
  for (const [i, file] of small.entries()) writeFileSync(file, `{"event":"start","agent":${i}}\n`);
  // Named to sort first: a greedy reader would finish it before looking at anyone else.
  const hog = join(dir, 'a-hog.jsonl');
  writeFileSync(hog, '{"event":"start","agent":"hog"}\n');
  const count = countingConsumer();
  const line = `{"event":"tool_executed","tool_name":"web_search","pad":"${'x'.repeat(200)}"}\n`;
  const burst = Buffer.from(line.repeat(Math.ceil((16 * 1024 * 1024) / line.length)));
  const memoryBefore = process.memoryUsage();
  const tailer = new Tailer([dir], count.consumer, { ...FAST, pollIntervalMs: 250, chunkBytes: CHUNK });
  defer(t, () => tailer.close());
  let started = performance.now();
  await tailer.start();
  const linesIn = (files: readonly string[], atLeast: number): boolean => files.every((f) => (count.lines.get(f) ?? 0) >= atLeast);
  await waitUntil(() => linesIn(small, 1), 'history of 1,000 files', { signal: count.signal, timeoutMs: 30_000 });
  t.diagnostic(`start + history of ${FILES} files: ${(performance.now() - started).toFixed(0)} ms`);

  // A burst of 16 MiB into one file, then one line into each of the others.
  const fd = openSync(hog, 'a');
  writeSync(fd, burst);
  closeSync(fd);
  started = performance.now();
  for (const file of small) appendFileSync(file, '{"event":"tick"}\n');
  await waitUntil(() => linesIn(small, 2), 'one new line in each small file', { signal: count.signal, timeoutMs: 30_000 });
  const hogShare = ((count.bytes.get(hog) ?? 0) - 32) / burst.length;
  t.diagnostic(`1,000 appends delivered in ${(performance.now() - started).toFixed(0)} ms; big file ${(hogShare * 100).toFixed(1)}% read by then`);
  assert.ok(hogShare < 0.5, `small files waited for the big one (${(hogShare * 100).toFixed(0)}% read first)`);

  // Several rounds of everyone growing at once.
  started = performance.now();
  for (let round = 0; round < 3; round++) for (const file of small) appendFileSync(file, line);
  await waitUntil(() => linesIn(small, 5) && count.bytes.get(hog) === burst.length + 32, 'three rounds and the big file', {
    signal: count.signal, timeoutMs: 30_000,
  });
  const memoryAfter = process.memoryUsage();
  t.diagnostic(`3 rounds x ${FILES} appends + rest of 16 MiB: ${(performance.now() - started).toFixed(0)} ms; ` +
    `heap +${((memoryAfter.heapUsed - memoryBefore.heapUsed) / 2 ** 20).toFixed(1)} MiB, ` +
    `buffers +${((memoryAfter.arrayBuffers - memoryBefore.arrayBuffers) / 2 ** 20).toFixed(1)} MiB`);
  assert.ok(count.maxChunk() <= CHUNK, 'every read is bounded by chunkBytes');
  // The 16 MiB never sat in memory at once: reads reuse a few fixed buffers.
  assert.ok(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers < 12 * 2 ** 20, 'buffer memory stays bounded');
  assert.equal(tailer.files().length, FILES + 1);
});

function limitError(): Error {
  return Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
}

test('a watcher failing on OS limits falls back to polling, says so once, and keeps tailing (case 12)', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'a', 'x.log'), '');
  writeFileSync(join(dir, 'b', 'y.log'), '');
  let closedWatchers = 0;
  // Each source's watcher fails a moment after it starts, as chokidar reports ENOSPC.
  const failing: HintWatcherFactory = (_root, handlers) => {
    setTimeout(() => handlers.failed(limitError()), 30);
    return { close: async () => void closedWatchers++ };
  };
  const { tailer, rec } = await startTailer(t, [join(dir, 'a'), join(dir, 'b')], { watcherFactory: failing });
  await rec.until(() => rec.warnings.length > 0, 'the fallback warning');
  appendFileSync(join(dir, 'a', 'x.log'), '{"n":1}\n');
  appendFileSync(join(dir, 'b', 'y.log'), '{"n":2}\n');
  await rec.until(() => rec.lines.length === 2, 'lines by polling');
  assert.equal(tailer.isPolling, true);
  assert.deepEqual(rec.warnings.map((w: TailWarning) => w.code), ['watcher-fallback']);
  assert.match(rec.warnings[0]?.message ?? '', /ENOSPC.*polling/);
  assert.equal(closedWatchers, 2, 'the failed watchers were released');
});

test('usePolling never starts OS watchers; limit errors are told apart from other watch errors', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'x.log'), '');
  let created = 0;
  const { rec } = await startTailer(t, [dir], { usePolling: true, watcherFactory: () => ({ close: async () => void created++ }) });
  appendFileSync(join(dir, 'x.log'), '{"n":1}\n');
  await rec.until(() => rec.lines.length === 1, 'a polled line');
  assert.equal(created, 0);
  assert.equal(rec.warnings.length, 0, 'polling by request is not a fallback');
  assert.ok(isWatchLimitError(limitError()));
  assert.ok(isWatchLimitError(Object.assign(new Error('too many open files'), { code: 'EMFILE' })));
  assert.ok(!isWatchLimitError(Object.assign(new Error('permission denied'), { code: 'EACCES' })));
});
