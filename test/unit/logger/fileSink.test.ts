// No torn or interleaved lines when many writers append to one file (sinks.ts states what
// is guaranteed). Each line must parse and carry its own writer's context.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { FileSink, StructuredLogger, getContext, withContext } from '../../../src/logger/index';

const dir = mkdtempSync(join(tmpdir(), 'runlens-filesink-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  event: string;
  writer: string;
  seq: number;
  request_id: string;
}

function readLines(path: string): Line[] {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('\n'), 'file ends with a whole line');
  return text.slice(0, -1).split('\n').map((line, i) => {
    try {
      return JSON.parse(line) as Line;
    } catch {
      assert.fail(`line ${i + 1} is torn: ${line.slice(0, 120)}`);
    }
  });
}

function assertEveryWriterInOrder(lines: Line[], writers: string[], perWriter: number): void {
  const next = new Map(writers.map((w) => [w, 0]));
  for (const line of lines) {
    assert.equal(line.request_id, line.writer, 'each line carries its own context');
    assert.equal(line.seq, next.get(line.writer), `writer ${line.writer} in order`);
    next.set(line.writer, line.seq + 1);
  }
  for (const w of writers) assert.equal(next.get(w), perWriter, `all lines of ${w}`);
}

test('thousands of lines from interleaved async writers on two FileSinks: none torn, context intact', async () => {
  const path = join(dir, 'async.jsonl');
  const sinks = [new FileSink(path), new FileSink(path)];
  const loggers = sinks.map((sink) => new StructuredLogger({ sink }));
  const writers = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const perWriter = 100;
  await Promise.all(
    writers.map((writer, i) =>
      withContext({ request_id: writer }, async () => {
        for (let seq = 0; seq < perWriter; seq++) {
          if (seq % 3 === 0) await tick();
          if (seq % 50 === i % 50) await sleep(1);
          // Payloads up to ~5 KB: past PIPE_BUF (4096), still whole.
          const payload = 'é'.repeat(seq % 20) + 'x'.repeat((seq * 31 + i) % 5000);
          loggers[(i + seq) % 2]?.info('line', { writer: getContext().request_id, seq, payload });
        }
      }),
    ),
  );
  for (const sink of sinks) sink.close();
  const lines = readLines(path);
  assert.equal(lines.length, writers.length * perWriter);
  assertEveryWriterInOrder(lines, writers, perWriter);
});

// Children run the bundled logger with plain node: a tsx start-up per child costs seconds.
const CHILD = `
const [bundle, path, writer, count] = process.argv.slice(1);
const { FileSink, StructuredLogger, withContext } = require(bundle);
const sink = new FileSink(path);
const logger = new StructuredLogger({ sink });
withContext({ request_id: writer }, () => {
  for (let seq = 0; seq < Number(count); seq++) logger.info('line', { writer, seq, payload: 'x'.repeat((seq * 7919) % 9000) });
});
sink.close();
`;

test('two other processes and this one append to the same file: every line whole (Linux local fs)', async () => {
  const bundle = join(dir, 'logger.cjs');
  await build({ entryPoints: [join(import.meta.dirname, '../../../src/logger/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
  const path = join(dir, 'processes.jsonl');
  const perWriter = 1000;
  const children = ['p1', 'p2'].map(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', CHILD, bundle, path, id, String(perWriter)], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${id} exited ${code}`))));
      }),
  );
  const sink = new FileSink(path);
  const logger = new StructuredLogger({ sink });
  await withContext({ request_id: 'p0' }, async () => {
    for (let seq = 0; seq < perWriter; seq++) {
      logger.info('line', { writer: 'p0', seq, payload: 'y'.repeat((seq * 104729) % 9000) });
      if (seq % 50 === 0) await tick();
    }
  });
  await Promise.all(children);
  sink.close();
  const lines = readLines(path);
  assert.equal(lines.length, 3 * perWriter);
  assertEveryWriterInOrder(lines, ['p0', 'p1', 'p2'], perWriter);
});

test('a closed FileSink refuses to write', () => {
  const sink = new FileSink(join(dir, 'nested', 'closed.jsonl'), { createDirectory: true });
  sink.close();
  assert.throws(() => sink.writeLine('{}'), /closed/);
});
