// Reliability checklist §Tailing 3–9: rotation, copytruncate, inode reuse, deletion,
// atomic replace, symlinks and late sources, on real files.
import { strict as assert } from 'node:assert';
import {
  appendFileSync, closeSync, copyFileSync, mkdirSync, openSync, renameSync, statSync, symlinkSync, truncateSync,
  unlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lines, range, seqs, startTailer, tempDir } from '../../helpers/tailFixture';
import type { TailRecorder } from '../../helpers/tailRecorder';

function assertExactlyOnce(rec: TailRecorder, expected: readonly string[]): void {
  assert.deepEqual([...seqs(rec)].sort(), [...expected].sort(), 'every line exactly once');
}

test('rename rotation: the old file is read to its end through its handle, then the new one, nothing twice (case 3)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 3));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 3, 'history');
  // The writer still holds the old file: lines 4–5 land in app.log.1, which no source matches.
  const fd = openSync(log, 'a');
  writeSync(fd, lines(4, 4));
  renameSync(log, join(dir, 'app.log.1'));
  writeFileSync(log, lines(6, 7));
  writeSync(fd, lines(5, 5));
  closeSync(fd);
  await rec.until(() => rec.lines.length === 7, 'all lines');
  assert.deepEqual(seqs(rec), range(1, 7), 'old file finished before the new one starts');
  await rec.until(() => rec.closed.length === 1, 'the rotated file to be closed');
  assert.equal(rec.closed[0]?.reason, 'gone');
  assert.deepEqual(rec.opened.map((f) => f.startReason), ['new', 'new']);
});

test('a glob matching rotated names sees each identity once across two rotations (case 4)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 2));
  const { tailer, rec } = await startTailer(t, [join(dir, 'app.log*')]);
  await rec.until(() => rec.lines.length === 2, 'history');
  for (let round = 0; round < 2; round++) {
    const base = 3 + round * 4;
    appendFileSync(log, lines(base, base + 1));
    if (round === 1) renameSync(join(dir, 'app.log.1'), join(dir, 'app.log.2'));
    renameSync(log, join(dir, 'app.log.1'));
    appendFileSync(join(dir, 'app.log.1'), lines(base + 2, base + 2)); // a late write to the rotated file
    writeFileSync(log, lines(base + 3, base + 3));
    await rec.until(() => rec.lines.length === base + 3, `round ${round}`);
  }
  await rec.until(() => rec.lines.length === 10, 'all lines');
  assertExactlyOnce(rec, range(1, 10));
  await tailer.settle();
  assert.equal(rec.opened.length, 3, 'three identities, each opened once');
  // Same identity, new path: a rename is followed, not read again.
  assert.deepEqual(rec.renamed.map((r) => `${r.previousPath} -> ${r.path}`).sort(), [
    `${log} -> ${log}.1`, `${log} -> ${log}.1`, `${log}.1 -> ${log}.2`,
  ]);
  // Per identity, lines arrive in file order with continuous numbers.
  for (const file of rec.opened) {
    const numbers = rec.lines.filter((l) => l.fileId === file.id).map((l) => l.lineNo);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
  }
});

test('copytruncate: reading restarts at 0 without losing lines written after the truncate (case 5)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 5));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 5, 'history');
  copyFileSync(log, join(dir, 'app.log.1'));
  truncateSync(log, 0);
  appendFileSync(log, lines(6, 7));
  await rec.until(() => rec.lines.length === 7, 'lines after the truncate');
  assertExactlyOnce(rec, range(1, 7));
  assert.deepEqual(rec.resets.map((r) => r.reason), ['truncated']);
  assert.deepEqual(rec.lines.slice(5).map((l) => [l.lineNo, l.byteOffset]), [[1, 0], [2, (lines(6, 6)).length]]);
});

test('truncated and rewritten past the old size between two looks is seen by the first bytes (case 5)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 2));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 2, 'history');
  // One synchronous sequence: the tailer can only see the file already larger than before.
  truncateSync(log, 0);
  appendFileSync(log, lines(3, 6));
  await rec.until(() => rec.lines.length === 6, 'rewritten lines');
  assertExactlyOnce(rec, range(1, 6));
  assert.equal(rec.resets.length, 1);
});

test('copytruncate with a glob that matches the copy: the copy is recognised, no duplicates, nothing lost', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 4));
  const { rec } = await startTailer(t, [join(dir, 'app.log*')]);
  await rec.until(() => rec.lines.length === 4, 'history');
  // Line 5 is written just before the copy: only the copy still holds it after the truncate.
  appendFileSync(log, lines(5, 5));
  copyFileSync(log, join(dir, 'app.log.1'));
  truncateSync(log, 0);
  appendFileSync(log, lines(6, 7));
  await rec.until(() => rec.lines.length >= 7, 'all lines');
  await rec.until(() => rec.opened.length === 2, 'the copy to be decided');
  assertExactlyOnce(rec, range(1, 7));
  const copy = rec.opened.find((f) => f.path.endsWith('app.log.1'));
  assert.equal(copy?.startReason, 'continuation');
  assert.deepEqual(copy?.start.lines, 4, 'line numbers continue in the copy');
});

test('inode reuse: a new file on a deleted file\'s inode is read from its start (case 6)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 6, 'old'));
  const oldIno = statSync(log).ino;
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 6, 'history');
  unlinkSync(log);
  await rec.until(() => rec.closed.length === 1, 'the deleted file to be released');
  // ext4 and most file systems hand a freed inode to the next file created.
  writeFileSync(log, lines(1, 2, 'new'));
  const reused = statSync(log).ino === oldIno;
  t.diagnostic(`inode reused: ${reused}`);
  await rec.until(() => rec.lines.length === 8, 'the new file');
  assert.deepEqual(seqs(rec).slice(6), ['new1', 'new2']);
  assert.equal(rec.lines[6]?.lineNo, 1);
});

test('deletion with an unread tail: the tail is read through the open handle (case 7)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 2));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 2, 'history');
  const fd = openSync(log, 'a');
  writeSync(fd, lines(3, 3));
  unlinkSync(log);
  writeSync(fd, lines(4, 4) + '{"event":"last line without a newline"}');
  closeSync(fd);
  await rec.until(() => rec.closed.length === 1, 'the deleted file to be finished');
  assert.deepEqual(rec.texts(), [...lines(1, 4).trimEnd().split('\n'), '{"event":"last line without a newline"}']);
  assert.equal(rec.closed[0]?.reason, 'gone');
});

test('atomic replace (write a temp file, rename it over) is a new file (case 8)', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 3));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 3, 'history');
  writeFileSync(join(dir, 'app.tmp'), lines(1, 2, 'replaced'));
  renameSync(join(dir, 'app.tmp'), log);
  await rec.until(() => rec.lines.length === 5, 'the replacement');
  assert.deepEqual(seqs(rec), [...range(1, 3), 'replaced1', 'replaced2']);
  assert.deepEqual(rec.opened.map((f) => f.startReason), ['new', 'new']);
});

test('atomic replace that keeps the old content as its prefix delivers only what is new', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'app.log');
  writeFileSync(log, lines(1, 3));
  const { rec } = await startTailer(t, [log]);
  await rec.until(() => rec.lines.length === 3, 'history');
  writeFileSync(join(dir, 'app.tmp'), lines(1, 5));
  renameSync(join(dir, 'app.tmp'), log);
  await rec.until(() => rec.lines.length === 5, 'the new lines');
  assertExactlyOnce(rec, range(1, 5));
  assert.equal(rec.opened[1]?.startReason, 'continuation');
  assert.deepEqual(rec.lines.slice(3).map((l) => l.lineNo), [4, 5]);
});

test('symlinked files and folders are followed (case 9)', async (t) => {
  const dir = tempDir(t);
  const real = join(dir, 'real');
  mkdirSync(join(real, 'logs'), { recursive: true });
  writeFileSync(join(real, 'one.log'), lines(1, 1, 'file'));
  writeFileSync(join(real, 'logs', 'a.jsonl'), lines(1, 1, 'folder'));
  symlinkSync(join(real, 'one.log'), join(dir, 'link.log'));
  symlinkSync(join(real, 'logs'), join(dir, 'linked-logs'));
  const { rec } = await startTailer(t, [join(dir, 'link.log'), join(dir, 'linked-logs')]);
  await rec.until(() => rec.lines.length === 2, 'history through links');
  appendFileSync(join(real, 'one.log'), lines(2, 2, 'file'));
  writeFileSync(join(real, 'logs', 'b.jsonl'), lines(1, 1, 'late'));
  await rec.until(() => rec.lines.length === 4, 'appends behind the links');
  assertExactlyOnce(rec, ['file1', 'file2', 'folder1', 'late1']);
  assert.ok(rec.lines.some((l) => l.path === join(dir, 'link.log')), 'reported by the path the user gave');
});

test('sources that do not exist yet are picked up when they appear: file, folder, glob (case 9)', async (t) => {
  const dir = tempDir(t);
  const { rec } = await startTailer(t, [join(dir, 'later.log'), join(dir, 'sub', 'deeper'), join(dir, 'g', '*.jsonl')]);
  writeFileSync(join(dir, 'later.log'), lines(1, 1, 'file'));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'sub', 'deeper', 'x.log'), lines(1, 1, 'folder'));
  mkdirSync(join(dir, 'g'));
  writeFileSync(join(dir, 'g', 'y.jsonl'), lines(1, 1, 'glob'));
  writeFileSync(join(dir, 'g', 'ignored.txt'), lines(1, 1, 'nope'));
  await rec.until(() => rec.lines.length === 3, 'the late sources');
  appendFileSync(join(dir, 'later.log'), lines(2, 2, 'file'));
  await rec.until(() => rec.lines.length === 4, 'an append to a late file');
  assertExactlyOnce(rec, ['file1', 'file2', 'folder1', 'glob1']);
  assert.ok(rec.lines.every((l) => !l.history), 'content that appeared after start is live');
});
