// Reliability checklist §Tailing 13: restart from a checkpoint written atomically; a torn
// or corrupt checkpoint is detected and ignored. Plus rotations made while Runlens was away.
import { strict as assert } from 'node:assert';
import {
  appendFileSync, copyFileSync, readdirSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/node/tail/checkpoint';
import { lines, range, seqs, startTailer, tempDir } from '../../helpers/tailFixture';

function setup(t: TestContext): { dir: string; log: string; checkpointPath: string } {
  const dir = tempDir(t);
  const state = tempDir(t, 'runlens-state-');
  return { dir, log: join(dir, 'app.log'), checkpointPath: join(state, 'tail.checkpoint') };
}

test('a restart resumes from the checkpoint: no line read twice, none lost, numbers continue (case 13)', async (t) => {
  const { log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 3) + '{"event":"step","seq":"l4",');
  const first = await startTailer(t, [log], { checkpointPath });
  await first.rec.until(() => first.rec.lines.length === 3, 'three lines');
  await first.tailer.close();
  // Only complete lines are checkpointed: the partial fourth line is read again.
  const saved = decodeCheckpoint(readFileSync(checkpointPath));
  assert.equal(saved.kind, 'ok');
  assert.deepEqual(saved.kind === 'ok' && saved.state.entries.map((e) => [e.offset, e.lines]), [[lines(1, 3).length, 3]]);

  appendFileSync(log, '"timestamp":"2026-11-24T10:00:04Z"}\n' + lines(5, 5));
  const second = await startTailer(t, [log], { checkpointPath });
  await second.rec.until(() => second.rec.lines.length === 2, 'the lines written while away');
  assert.deepEqual(seqs(second.rec), ['l4', 'l5']);
  assert.deepEqual(second.rec.lines.map((l) => [l.lineNo, l.byteOffset]), [[4, lines(1, 3).length], [5, lines(1, 4).length]]);
  assert.deepEqual(second.rec.opened.map((f) => [f.startReason, f.start.lines]), [['checkpoint', 3]]);
  assert.ok(second.rec.lines.every((l) => l.history), 'lines written while away are history (no alert storm)');
});

test('a torn checkpoint is detected and ignored: reading starts over, once (case 13)', async (t) => {
  const { log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 3));
  const first = await startTailer(t, [log], { checkpointPath });
  await first.rec.until(() => first.rec.lines.length === 3, 'three lines');
  await first.tailer.close();
  const whole = readFileSync(checkpointPath);
  writeFileSync(checkpointPath, whole.subarray(0, Math.floor(whole.length / 2)));

  const second = await startTailer(t, [log], { checkpointPath });
  await second.rec.until(() => second.rec.lines.length === 3, 'all lines again');
  assert.deepEqual(seqs(second.rec), range(1, 3));
  assert.deepEqual(second.rec.warnings.map((w) => w.code), ['checkpoint-ignored']);
  assert.match(second.rec.warnings[0]?.message ?? '', /torn/);
  assert.equal(second.rec.opened[0]?.startReason, 'new');
});

test('a checkpoint with one changed byte fails its checksum; garbage and other versions are refused', () => {
  const good = encodeCheckpoint({
    entries: [{
      path: '/x/app.log', dev: '1', ino: '2', offset: 10, lines: 1, headLen: 10, headHash: 'a'.repeat(32),
      tailLen: 10, tailHash: 'b'.repeat(32), seenAt: 1,
    }],
    retired: [],
  });
  assert.equal(decodeCheckpoint(good).kind, 'ok');
  const flipped = Buffer.from(good);
  const at = flipped.length - 5;
  flipped.writeUInt8(flipped.readUInt8(at) ^ 1, at);
  assert.deepEqual(decodeCheckpoint(flipped), { kind: 'invalid', reason: 'checksum mismatch' });
  assert.equal(decodeCheckpoint(Buffer.from('{"entries":[]}')).kind, 'invalid');
  assert.equal(decodeCheckpoint(Buffer.from(good.toString().replace('checkpoint 1', 'checkpoint 9'))).kind, 'invalid');
});

test('checkpoints are written periodically by replacing the file atomically; a crash resumes from the last one', async (t) => {
  const { log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 2));
  const { tailer, rec } = await startTailer(t, [log], { checkpointPath, checkpointIntervalMs: 20 });
  await rec.until(() => rec.lines.length === 2, 'history');
  const saved = (): number => {
    try {
      const read = decodeCheckpoint(readFileSync(checkpointPath));
      return read.kind === 'ok' ? (read.state.entries[0]?.lines ?? 0) : -1;
    } catch {
      return -1;
    }
  };
  await rec.until(() => saved() === 2, 'a checkpoint of two lines');
  const firstInode = statSync(checkpointPath).ino;
  appendFileSync(log, lines(3, 4));
  await rec.until(() => rec.lines.length === 4, 'more lines');
  const { waitUntil } = await import('../../helpers/waitUntil');
  await waitUntil(() => saved() === 4, 'a checkpoint of four lines');
  assert.notEqual(statSync(checkpointPath).ino, firstInode, 'replaced by rename, never rewritten in place');
  // "Crash": keep the checkpoint as it is now, while the tailer is still running.
  const crashCopy = `${checkpointPath}.crash`;
  copyFileSync(checkpointPath, crashCopy);
  await tailer.close();
  assert.deepEqual(readdirSync(join(checkpointPath, '..')).sort(), ['tail.checkpoint', 'tail.checkpoint.crash'], 'no temp files left');

  appendFileSync(log, lines(5, 5));
  const second = await startTailer(t, [log], { checkpointPath: crashCopy });
  await second.rec.until(() => second.rec.lines.length === 1, 'the line after the crash');
  assert.deepEqual(seqs(second.rec), ['l5']);
});

test('rename rotation while away: the rotated file resumes by identity, the new one starts at 0', async (t) => {
  const { dir, log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 3));
  const first = await startTailer(t, [join(dir, 'app.log*')], { checkpointPath });
  await first.rec.until(() => first.rec.lines.length === 3, 'history');
  await first.tailer.close();
  appendFileSync(log, lines(4, 4));
  renameSync(log, `${log}.1`);
  writeFileSync(log, lines(5, 6));
  const second = await startTailer(t, [join(dir, 'app.log*')], { checkpointPath });
  await second.rec.until(() => second.rec.lines.length === 3, 'the rest');
  await second.tailer.settle();
  assert.deepEqual([...seqs(first.rec), ...seqs(second.rec)].sort(), range(1, 6).sort());
  const byPath = Object.fromEntries(second.rec.opened.map((f) => [f.path, f.startReason]));
  assert.deepEqual(byPath, { [log]: 'new', [`${log}.1`]: 'checkpoint' });
});

test('copytruncate while away with a glob matching the copy: truncated file from 0, copy from where reading stopped', async (t) => {
  const { dir, log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 4));
  const first = await startTailer(t, [join(dir, 'app.log*')], { checkpointPath });
  await first.rec.until(() => first.rec.lines.length === 4, 'history');
  await first.tailer.close();
  appendFileSync(log, lines(5, 5));
  copyFileSync(log, `${log}.1`);
  truncateSync(log, 0);
  appendFileSync(log, lines(6, 7));
  const second = await startTailer(t, [join(dir, 'app.log*')], { checkpointPath });
  await second.rec.until(() => second.rec.lines.length === 3, 'the rest');
  await second.tailer.settle();
  assert.deepEqual([...seqs(first.rec), ...seqs(second.rec)].sort(), range(1, 7).sort());
  const copy = second.rec.opened.find((f) => f.path === `${log}.1`);
  assert.deepEqual([copy?.startReason, copy?.start.lines], ['continuation', 4]);
});

test('inode reuse while away: a new file on the checkpointed inode is read from its start (case 6, 13)', async (t) => {
  const { log, checkpointPath } = setup(t);
  writeFileSync(log, lines(1, 6, 'old'));
  const oldIno = statSync(log).ino;
  const first = await startTailer(t, [log], { checkpointPath });
  await first.rec.until(() => first.rec.lines.length === 6, 'history');
  await first.tailer.close();
  unlinkSync(log);
  writeFileSync(log, lines(1, 8, 'new')); // longer than the old offset: only the signature can tell
  t.diagnostic(`inode reused: ${statSync(log).ino === oldIno}`);
  const second = await startTailer(t, [log], { checkpointPath });
  await second.rec.until(() => second.rec.lines.length === 8, 'the new file whole');
  assert.deepEqual(seqs(second.rec), range(1, 8, 'new'));
  assert.equal(second.rec.opened[0]?.startReason, 'new');
});
