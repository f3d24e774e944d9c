import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, tempDir } from '../helpers/cli';
import { line } from '../helpers/ingest';

const children: ChildProcessWithoutNullStreams[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts `runlens watch` and yields its stdout JSON lines as they come. */
function watch(args: string[], cwd: string): { next(timeoutMs?: number): Promise<Record<string, unknown>>; stop(): Promise<number> } {
  const child = spawn(process.execPath, [CLI, 'watch', ...args], { cwd });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
      buffered = buffered.slice(nl + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  return {
    next: (timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const take = (): boolean => {
          const first = lines.shift();
          if (first) resolve(first);
          return first !== undefined;
        };
        if (take()) return;
        const timer = setTimeout(() => reject(new Error('no line from runlens watch in time')), timeoutMs);
        waiters.push(() => {
          if (take()) clearTimeout(timer);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code ?? -1));
        child.kill('SIGTERM');
      }),
  };
}

const RULES = {
  rules: [{
    name: 'slow search', condition: 'threshold_exceeded', metric_name: 'tool_execution_duration_ms', aggregate: 'max',
    threshold: 1000, duration: '3s', cooldown: '1m', severity: 'error', tags: { tool_name: 'web_search' },
  }],
};

const toolLine = (ms: number, at: Date): string =>
  line({ event: 'tool_executed', workflow_id: 'wf-1', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: ms, success: true, timestamp: at.toISOString() });

test('watch: ready, then an alert the moment a breaching line lands (in a file that appeared later), resolved by the 1 s tick', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  const file = join(dir, 'logs', 'agents.jsonl');
  // History: a breach long ago is read, listed on stderr, never printed as an alert.
  writeFileSync(file, `${toolLine(9000, new Date(Date.now() - 3_600_000))}\n`);
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
  const w = watch(['logs', '--rules', 'rules.json'], dir);
  assert.deepEqual(await w.next(), { type: 'ready' });
  appendFileSync(file, `${toolLine(200, new Date())}\n`);
  const later = join(dir, 'logs', 'later.jsonl');
  writeFileSync(later, `${toolLine(300, new Date())}\n${toolLine(4000, new Date())}\n`);
  const alert = await w.next();
  assert.equal(alert.type, 'alert');
  assert.equal(alert.rule_name, 'slow search');
  assert.equal(alert.actual_value, 4000);
  assert.deepEqual((alert.metadata as { source: unknown }).source, { path: later, line: 2 });
  // No more lines are written: the window (3 s) expires on the wall-clock tick alone.
  const resolved = await w.next(10_000);
  assert.equal(resolved.type, 'resolved');
  assert.equal(resolved.rule_name, 'slow search');
  assert.equal(await w.stop(), 0);
});

test('watch --from-start alerts once on existing content', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'old.jsonl'), `${toolLine(5000, new Date())}\n`);
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
  const w = watch(['logs', '--rules', 'rules.json', '--from-start'], dir);
  const first = await w.next();
  const second = await w.next();
  assert.deepEqual([first.type, second.type].sort(), ['alert', 'ready']);
  // Going live must not notify the same episode again (its resolve may come as the window ends).
  const more = await w.next(2500).catch(() => undefined);
  assert.notEqual(more?.type, 'alert');
  await w.stop();
});

test('watch: invalid rules exit 2 with the JSON path', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ rules: [{ ...RULES.rules[0], duration: 'soon' }] }));
  const child = spawn(process.execPath, [CLI, 'watch', '.', '--rules', 'rules.json'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  assert.equal(code, 2);
  assert.match(stderr, /rules\[0\]\.duration/);
});
