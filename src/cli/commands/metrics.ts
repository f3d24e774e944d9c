import type { Command } from 'commander';
import { toEpochMs } from '../../core/util/time';
import { UsageError } from '../errors';
import { loadEngineForMetric, type LoadOptions } from '../load';

interface MetricsOptions extends LoadOptions {
  name: string;
  tag: string[];
  from?: string;
  to?: string;
}

function collectTag(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseTags(pairs: readonly string[]): Record<string, string> {
  const tags = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--tag expects key=value, got "${pair}"`);
    tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return tags;
}

function parseInstant(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = toEpochMs(text);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} expects an ISO-8601 time, got "${text}"`);
  return ms;
}

export function registerMetrics(program: Command, addCommonOptions: (c: Command) => Command): void {
  addCommonOptions(
    program
      .command('metrics')
      .description('Summary of one metric (count, sum, mean, median, min, max, stddev, p50..p99) as JSON')
      .argument('<paths...>', 'log files, folders or globs')
      .requiredOption('--name <metric>', 'metric name, e.g. agent_execution_duration_ms')
      .option('--tag <key=value>', 'only points whose tags include this (repeatable)', collectTag, [])
      .option('--from <iso>', 'inclusive start time')
      .option('--to <iso>', 'inclusive end time'),
  ).action(async (paths: string[], options: MetricsOptions) => {
    const tags = parseTags(options.tag);
    const from = parseInstant(options.from, '--from');
    const to = parseInstant(options.to, '--to');
    const filter = Object.keys(tags).length > 0 ? tags : undefined;
    // Only the lines that can carry this series are parsed (exact; see core/metrics/prefilter.ts).
    const { engine } = await loadEngineForMetric(paths, options, options.name, filter);
    const range: { from?: number; to?: number } = {};
    if (from !== undefined) range.from = from;
    if (to !== undefined) range.to = to;
    const summary = engine.metrics.summary(options.name, range, filter);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  });
}
