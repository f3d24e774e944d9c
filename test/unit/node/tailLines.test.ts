// Reliability checklist §Tailing 1, 2, 10 and the history/live contract, on real files.
import { strict as assert } from 'node:assert';
import { appendFileSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { startTailer, tempDir } from '../../helpers/tailFixture';

test('a line written in two write() calls is ingested once, whole (case 1)', async (t) => {
  const file = join(tempDir(t), 'app.log');
  writeFileSync(file, '');
  const { rec } = await startTailer(t, [file]);
  appendFileSync(file, '{"event":"agent_exec');
  // The first half really went through the reader before the second half exists.
  await rec.until(() => rec.chunks.reduce((n, c) => n + c.length, 0) === 20, 'the partial line to be read');
  assert.equal(rec.lines.length, 0);
  appendFileSync(file, 'ution_completed"}\n');
  await rec.until(() => rec.lines.length === 1, 'one line');
  assert.deepEqual(rec.lines.map((l) => [l.text, l.lineNo, l.byteOffset]), [['{"event":"agent_execution_completed"}', 1, 0]]);
});

test('a CRLF pair split across two reads and across two writes yields clean lines (case 2)', async (t) => {
  const dir = tempDir(t);
  const readSplit = join(dir, 'read.log');
  const writeSplit = join(dir, 'write.log');
  // With 8-byte reads the first read ends on "\r" and the next starts with "\n".
  writeFileSync(readSplit, 'abcdefg\r\nxyz\r\n');
  writeFileSync(writeSplit, '');
  const { rec } = await startTailer(t, [readSplit, writeSplit], { chunkBytes: 8 });
  await rec.until(() => rec.lines.length === 2, 'two lines');
  appendFileSync(writeSplit, 'one\r');
  await rec.until(() => rec.chunks.some((c) => c.length === 4), 'the half CRLF to be read');
  appendFileSync(writeSplit, '\ntwo\r\n');
  await rec.until(() => rec.lines.length === 4, 'four lines');
  assert.deepEqual(rec.texts(), ['abcdefg', 'xyz', 'one', 'two']);
  assert.deepEqual(rec.lines.map((l) => l.byteOffset), [0, 9, 0, 5]);
});

test('a BOM at file start is skipped and counted in byte offsets, also when split by reads (case 2)', async (t) => {
  const file = join(tempDir(t), 'bom.jsonl');
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n{"b":2}\n')]));
  const { rec } = await startTailer(t, [file], { chunkBytes: 2 });
  await rec.until(() => rec.lines.length === 2, 'two lines');
  assert.deepEqual(rec.lines.map((l) => [l.text, l.byteOffset]), [['{"a":1}', 3], ['{"b":2}', 11]]);
});

test('invalid UTF-8 bytes are replaced and the line is kept, the next one intact (case 2)', async (t) => {
  const file = join(tempDir(t), 'bad.log');
  writeFileSync(file, '');
  const { rec } = await startTailer(t, [file]);
  appendFileSync(file, Buffer.concat([Buffer.from('{"msg":"caf'), Buffer.from([0xff, 0xc3]), Buffer.from('"}\n{"ok":true}\n')]));
  await rec.until(() => rec.lines.length === 2, 'two lines');
  assert.equal(rec.lines[0]?.text, '{"msg":"caf\ufffd\ufffd"}');
  assert.equal(rec.lines[1]?.text, '{"ok":true}');
});

test('a 10 MiB line is capped and reported, and the next line is still read (case 10)', async (t) => {
  const file = join(tempDir(t), 'huge.log');
  writeFileSync(file, '{"first":1}\n');
  const { rec } = await startTailer(t, [file], { maxLineBytes: 1024 * 1024, chunkBytes: 64 * 1024 });
  await rec.until(() => rec.lines.length === 1, 'the first line');
  const huge = Buffer.alloc(10 * 1024 * 1024, 0x61);
  const fd = openSync(file, 'a');
  // Written in pieces, as a logger flushing a huge record would.
  for (let i = 0; i < huge.length; i += 1024 * 1024) writeSync(fd, huge.subarray(i, i + 1024 * 1024));
  writeSync(fd, '\n{"after":true}\n');
  closeSync(fd);
  await rec.until(() => rec.lines.length === 2, 'the line after the huge one', 20_000);
  assert.deepEqual(rec.oversized.map((o) => [o.lineNo, o.byteLength]), [[2, huge.length]]);
  assert.deepEqual(rec.lines.map((l) => [l.text, l.lineNo]), [['{"first":1}', 1], ['{"after":true}', 3]]);
  assert.ok(rec.chunks.every((c) => c.length <= 64 * 1024), 'reads are bounded by chunkBytes');
});

test('content present at start is history, appended content is live; a line completed later is live', async (t) => {
  const file = join(tempDir(t), 'app.log');
  writeFileSync(file, '{"old":1}\n{"old":2}\n{"half');
  const { rec } = await startTailer(t, [file]);
  await rec.until(() => rec.lines.length === 2, 'history');
  appendFileSync(file, '":3}\n{"new":4}\n');
  await rec.until(() => rec.lines.length === 4, 'live lines');
  assert.deepEqual(rec.lines.map((l) => [l.text, l.history]), [
    ['{"old":1}', true], ['{"old":2}', true], ['{"half":3}', false], ['{"new":4}', false],
  ]);
});

test('fromStart makes existing content live', async (t) => {
  const file = join(tempDir(t), 'app.log');
  writeFileSync(file, '{"old":1}\n');
  const { rec } = await startTailer(t, [file], { fromStart: true });
  await rec.until(() => rec.lines.length === 1, 'the line');
  assert.equal(rec.lines[0]?.history, false);
});

async function appendLatency(t: TestContext, usePolling: boolean): Promise<number[]> {
  const file = join(tempDir(t), 'latency.log');
  writeFileSync(file, '');
  // Without polling, the periodic look is far away: only watcher hints can be this quick.
  const { rec } = await startTailer(t, [file], usePolling
    ? { usePolling: true, pollIntervalMs: 50 }
    : { pollIntervalMs: 10_000, scanIntervalMs: 10_000 });
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = performance.now();
    appendFileSync(file, `{"i":${i}}\n`);
    await rec.until(() => rec.lines.length === i + 1, `line ${i}`, 5000);
    samples.push((rec.lines[i]?.at ?? 0) - before);
  }
  return samples.sort((a, b) => a - b);
}

test('appends are delivered on watcher hints, well before the periodic look', async (t) => {
  const samples = await appendLatency(t, false);
  t.diagnostic(`append -> line (chokidar hints): median ${samples[5]?.toFixed(1)} ms, max ${samples[9]?.toFixed(1)} ms`);
  assert.ok((samples[9] ?? Infinity) < 2000);
});

test('with polling only, appends arrive within about one poll interval', async (t) => {
  const samples = await appendLatency(t, true);
  t.diagnostic(`append -> line (polling 50 ms): median ${samples[5]?.toFixed(1)} ms, max ${samples[9]?.toFixed(1)} ms`);
  assert.ok((samples[9] ?? Infinity) < 2000);
});
