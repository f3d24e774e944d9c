/**
 * `node dist/demo.js --logs DIR [options]`: runs the marketing-agents simulation into
 * DIR/agents.jsonl and narrates its incidents on stdout. `npm run demo` (scripts/demo.mjs)
 * starts it once the editor is watching, so the first incidents notify rather than land in
 * history. With `--incidents manual` they start on `{"type":"arm"}` over the IPC channel or on
 * SIGUSR2. SIGINT, SIGTERM or the parent going away (IPC disconnect) stop it; the log file is
 * closed cleanly.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ROTATION_MS, DemoRun, type DemoNotice, type DemoOptions } from './runner';

const USAGE = `usage: node dist/demo.js --logs DIR [--seed N] [--time-scale X|max] [--duration SECONDS]
                          [--incidents start|manual|never] [--arm-after SECONDS]
                          [--rotate-every SECONDS|off] [--quiet]`;

const OPTIONS = {
  logs: { type: 'string' },
  seed: { type: 'string' },
  'time-scale': { type: 'string' },
  duration: { type: 'string' },
  incidents: { type: 'string' },
  'arm-after': { type: 'string' },
  'rotate-every': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function parseOptions(argv: string[]): DemoOptions & { quiet: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS });
  } catch (err) {
    usage(2, (err as Error).message);
  }
  const { values } = parsed;
  if (values.help) usage(0);
  if (!values.logs) usage(2, '--logs is required');
  const incidents = values.incidents ?? 'start';
  if (incidents !== 'start' && incidents !== 'manual' && incidents !== 'never') usage(2, `--incidents: expected start, manual or never, got ${incidents}`);
  const rotate = values['rotate-every'];
  return {
    logsDir: values.logs,
    incidents,
    quiet: values.quiet ?? false,
    ...(values.seed !== undefined ? { seed: positive(values.seed, '--seed', true) } : {}),
    ...(values['time-scale'] !== undefined ? { timeScale: values['time-scale'] === 'max' ? Infinity : positive(values['time-scale'], '--time-scale') } : {}),
    ...(values.duration !== undefined ? { durationMs: positive(values.duration, '--duration') * 1000 } : {}),
    // A calm start by default: with only a few executions in the window, one ordinary failure
    // would already trip the failure-rate rule (and start its 30-minute cooldown) before the outage.
    armAfterMs: positive(values['arm-after'] ?? '20', '--arm-after', true) * 1000,
    rotateEveryMs: rotate === 'off' ? undefined : rotate === undefined ? DEFAULT_ROTATION_MS : [positive(rotate, '--rotate-every') * 1000, positive(rotate, '--rotate-every') * 1000],
  };
}

function positive(text: string, flag: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) usage(2, `${flag}: expected a positive number, got ${text}`);
  return value;
}

function usage(code: number, problem?: string): never {
  if (problem) process.stderr.write(`demo: ${problem}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(code);
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  const { quiet, ...options } = parseOptions(process.argv.slice(2));
  const say = (notice: DemoNotice): void => {
    if (!quiet) process.stdout.write(`[demo +${clock(notice.atMs)}] ${notice.message}\n`);
  };
  const run = new DemoRun({ ...options, onNotice: say });
  if (!quiet) process.stdout.write(`[demo] writing ${run.logFile} (seed ${run.seed}, time scale ${options.timeScale ?? 1})\n`);
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'arm') run.armIncidents();
  });
  process.on('SIGUSR2', () => run.armIncidents());
  process.once('SIGINT', () => run.stop());
  process.once('SIGTERM', () => run.stop());
  process.once('disconnect', () => run.stop());
  await run.run();
  process.disconnect?.();
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
