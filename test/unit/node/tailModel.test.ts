// Reliability checklist §Tailing 14, Vector's approach: a seeded random sequence of writes,
// partial writes, rename rotations, copytruncates, truncates, deletions and restarts from
// the checkpoint, run against real files while a Tailer follows them. A model says which
// complete lines must be read; at the end: read ⊆ written, read ⊇ must-read, no duplicates.
// Replay a failure with TAIL_MODEL_SEED=<seed> (and TAIL_MODEL_OPS=<n>).
import { strict as assert } from 'node:assert';
import {
  appendFileSync, copyFileSync, existsSync, readdirSync, renameSync, statSync, truncateSync, unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineConsumer } from '../../../src/node/tail/lineConsumer';
import { Tailer } from '../../../src/node/tail/tailer';
import type { TailConsumer, TailedFile, TailOptions, TailWarning } from '../../../src/node/tail/types';
import { seededRandom as random } from '../../helpers/random';
import { defer, FAST, tempDir } from '../../helpers/tailFixture';
import { Signal, waitUntil } from '../../helpers/waitUntil';

const SEED = Number(process.env.TAIL_MODEL_SEED ?? 20261124);
const OPS = Number(process.env.TAIL_MODEL_OPS ?? 2000);

/** What was written where, and which complete lines may legitimately be missed. */
class Model {
  private nextSeq = 1;
  readonly written = new Set<number>();
  readonly mayMiss = new Set<number>();
  /** Complete lines per file, by path (what a deletion or truncation takes away). */
  readonly contents = new Map<string, number[]>();
  partial: { text: string; seq: number; written: number } | undefined;
  private rotations = 0;

  constructor(private readonly dir: string, private readonly rnd: () => number) {}

  get log(): string {
    return join(this.dir, 'app.log');
  }

  rotated(): string[] {
    return [...this.contents.keys()].filter((p) => p !== this.log && existsSync(p));
  }

  nextName(kind: 'r' | 'c'): string {
    return join(this.dir, `app.log.${kind}${++this.rotations}`);
  }

  line(): { seq: number; text: string } {
    const seq = this.nextSeq++;
    // Most lines are short; some span several reads (chunkBytes is small in this test).
    // At least 64 bytes: shorter content is too thin to recognise a copy by (a documented limit).
    const pad = this.rnd() < 0.05 ? 3000 + Math.floor(this.rnd() * 6000) : 40 + Math.floor(this.rnd() * 300);
    // Like real log lines (timestamps, ids), a line's end differs from other lines' ends.
    return { seq, text: `{"seq":${seq},"pad":"${'x'.repeat(pad)}","end":${seq}}\n` };
  }

  appendLines(path: string, count: number): void {
    if (path === this.log) this.finishPartial();
    let text = '';
    const seqs = this.contents.get(path) ?? [];
    for (let i = 0; i < count; i++) {
      const l = this.line();
      text += l.text;
      seqs.push(l.seq);
      this.written.add(l.seq);
    }
    appendFileSync(path, text);
    this.contents.set(path, seqs);
  }

  writePartial(): void {
    if (!this.partial) {
      const l = this.line();
      this.partial = { ...l, written: 0 };
    }
    const p = this.partial;
    const end = Math.min(p.text.length, p.written + 1 + Math.floor(this.rnd() * (p.text.length - p.written)));
    appendFileSync(this.log, p.text.slice(p.written, end));
    p.written = end;
    if (!this.contents.has(this.log)) this.contents.set(this.log, []);
    if (end === p.text.length) this.completed(p.seq);
  }

  finishPartial(): void {
    const p = this.partial;
    if (!p) return;
    appendFileSync(this.log, p.text.slice(p.written));
    this.completed(p.seq);
  }

  private completed(seq: number): void {
    this.partial = undefined;
    this.written.add(seq);
    this.contents.get(this.log)?.push(seq);
  }

  /** Lines of a file that can no longer be read unless already received. */
  lose(path: string, received: ReadonlyMap<number, number>): void {
    for (const seq of this.contents.get(path) ?? []) if (!received.has(seq)) this.mayMiss.add(seq);
  }
}

test(`model-based tailing: ${OPS} random operations, seed ${SEED} (case 14)`, async (t) => {
  const dir = tempDir(t);
  const checkpointPath = join(tempDir(t, 'runlens-state-'), 'tail.checkpoint');
  const rnd = random(SEED);
  const model = new Model(dir, rnd);
  const received = new Map<number, number>();
  const torn: string[] = [];
  const warnings: TailWarning[] = [];
  const signal = new Signal();
  const options: TailOptions = { ...FAST, chunkBytes: 4096, checkpointPath };

  /** What happened, for a failure's explanation. */
  const journal: string[] = [];
  const note = (what: string): void => {
    journal.push(`${journal.length} ${what}`);
  };
  let tailer: Tailer | undefined;
  const startTailer = async (): Promise<Tailer> => {
    const lines = lineConsumer({
      onLine: (l) => {
        let seq: unknown;
        try {
          seq = (JSON.parse(l.text) as { seq?: unknown }).seq;
        } catch {
          seq = undefined;
        }
        if (typeof seq === 'number') received.set(seq, (received.get(seq) ?? 0) + 1);
        else torn.push(`${l.file.path}:${l.lineNo} ${JSON.stringify(l.text.replace(/x{10,}/g, 'x…'))} (${l.text.length})`);
        if (process.env.TAIL_MODEL_TRACE) note(`  tailer: line ${seq} from ${l.file.path.slice(dir.length + 1)}:${l.lineNo}`);
        signal.notify();
      },
      onWarning: (w) => warnings.push(w),
    });
    const name = (f: TailedFile): string => `${f.path.slice(dir.length + 1)}#${f.ino.slice(-4)}`;
    const traced: TailConsumer = {
      ...lines,
      onFileOpened: (f) => {
        note(`  tailer: open ${name(f)} ${f.startReason} at ${f.start.offset}/${f.start.lines}`);
        lines.onFileOpened(f);
      },
      onReset: (f, reason) => {
        note(`  tailer: reset ${name(f)} ${reason}`);
        lines.onReset(f, reason);
      },
      onFileClosed: (f, reason) => {
        note(`  tailer: close ${name(f)} ${reason}`);
        lines.onFileClosed(f, reason);
      },
      onRenamed: (f, previous) => note(`  tailer: renamed ${previous.slice(dir.length + 1)} -> ${name(f)}`),
    };
    const next = new Tailer([join(dir, 'app.log*')], traced, options);
    await next.start();
    return next;
  };
  defer(t, () => tailer?.close());
  tailer = await startTailer();

  /** True when the tailer holds this file open and has decided where to read: it will read it to the end. */
  const tailerHolds = (path: string): boolean => {
    if (!tailer) return false;
    const { ino } = statSync(path, { bigint: true });
    return tailer.files().some((s) => s.state !== 'pending' && s.file.ino === String(ino));
  };

  const counts: Record<string, number> = {};
  const heldAfterDelete: string[] = [];
  const operation = async (allowRestart: boolean): Promise<void> => {
    const rotatedNow = model.rotated();
    // Old rotations are cleaned up, as logrotate's `rotate N` does: the folder stays small.
    const r = rotatedNow.length > 6 && rnd() < 0.5 ? 80 : rnd() * 100;
    let op: string;
    if (r < 35) {
      op = 'write';
      model.appendLines(model.log, 1 + Math.floor(rnd() * 5));
    } else if (r < 52) {
      op = 'partial';
      model.writePartial();
    } else if (r < 62 && existsSync(model.log)) {
      op = 'rotate';
      model.finishPartial();
      const to = model.nextName('r');
      renameSync(model.log, to);
      model.contents.set(to, model.contents.get(model.log) ?? []);
      model.contents.delete(model.log);
      if (rnd() < 0.3) model.appendLines(to, 1 + Math.floor(rnd() * 3)); // the writer's old handle
      if (rnd() < 0.5) model.appendLines(model.log, 1 + Math.floor(rnd() * 3));
    } else if (r < 72 && existsSync(model.log)) {
      op = 'copytruncate';
      model.finishPartial();
      const to = model.nextName('c');
      copyFileSync(model.log, to);
      model.contents.set(to, [...(model.contents.get(model.log) ?? [])]);
      // Lines written between the copy and the truncate are lost by copytruncate itself.
      if (rnd() < 0.3) {
        model.appendLines(model.log, 1 + Math.floor(rnd() * 2));
        const inLog = model.contents.get(model.log) ?? [];
        const copied = new Set(model.contents.get(to));
        for (const seq of inLog) if (!copied.has(seq) && !received.has(seq)) model.mayMiss.add(seq);
      }
      truncateSync(model.log, 0);
      model.contents.set(model.log, []);
    } else if (r < 75 && existsSync(model.log)) {
      op = 'truncate';
      model.finishPartial();
      model.lose(model.log, received);
      truncateSync(model.log, 0);
      model.contents.set(model.log, []);
    } else if (r < 84 && rotatedNow.length > 0) {
      op = 'delete';
      const victim = rotatedNow[Math.floor(rnd() * rotatedNow.length)] as string;
      // A deleted file the tailer holds open is still read, unless a restart closes it first.
      if (tailerHolds(victim)) heldAfterDelete.push(victim);
      else model.lose(victim, received);
      unlinkSync(victim);
      if (!heldAfterDelete.includes(victim)) model.contents.delete(victim);
    } else if (r < 86.5 && allowRestart && tailer) {
      op = 'restart';
      await tailer.close();
      tailer = undefined;
      for (const path of heldAfterDelete.splice(0)) {
        model.lose(path, received);
        model.contents.delete(path);
      }
      const whileAway = Math.floor(rnd() * 4);
      for (let i = 0; i < whileAway; i++) await operation(false);
      tailer = await startTailer();
    } else {
      op = 'yield';
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(rnd() * 5)));
    }
    counts[op] = (counts[op] ?? 0) + 1;
    note(`${op} ${tailer ? '' : '(away) '}-> ${[...model.contents].map(([p, seqs]) => `${p.slice(dir.length + 1)}[${seqs.length ? `${seqs[0]}..${seqs[seqs.length - 1]}` : ''}]`).join(' ')}`);
  };

  const started = performance.now();
  for (let i = 0; i < OPS; i++) {
    await operation(true);
    const pause = rnd();
    if (pause < 0.25) await new Promise((resolve) => setImmediate(resolve));
    else if (pause < 0.27) await tailer?.settle();
  }
  model.finishPartial();
  await tailer.settle();

  const mustRead = [...model.written].filter((seq) => !model.mayMiss.has(seq));
  const describe = (): string => {
    const missing = mustRead.filter((seq) => !received.has(seq));
    const first = missing[0];
    const mentions = journal.filter((j) => first !== undefined && j.includes(`${first}.`) || j.includes(`..${first}]`));
    return `${missing.length} missing, e.g. ${missing.slice(0, 10).join(', ')}; files ${readdirSync(dir).join(' ')}\n${mentions.slice(0, 12).join('\n')}`;
  };
  if (process.env.TAIL_MODEL_TRACE) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    (await import('node:fs')).writeFileSync(process.env.TAIL_MODEL_TRACE, journal.join('\n'));
  }
  await waitUntil(() => mustRead.every((seq) => received.has(seq)), 'every line that must be read', {
    signal, timeoutMs: 20_000, describe,
  });
  await tailer.settle();

  t.diagnostic(`ops ${JSON.stringify(counts)}; ${model.written.size} lines written, ${mustRead.length} must be read, ` +
    `${received.size} read; ${(performance.now() - started).toFixed(0)} ms`);
  const duplicates = [...received].filter(([, n]) => n > 1).map(([seq, n]) => `${seq}x${n}`);
  assert.deepEqual(duplicates, [], 'no line read twice');
  assert.deepEqual([...received.keys()].filter((seq) => !model.written.has(seq)), [], 'only lines that were written');
  assert.deepEqual(torn, [], 'no torn lines');
  assert.deepEqual(warnings.filter((w) => w.code !== 'watcher-fallback'), [], 'no warnings');
  assert.ok(mustRead.length > model.written.size / 3, 'most lines had to be read: the run means something');
});
