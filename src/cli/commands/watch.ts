/**
 * `runlens watch PATH... [--rules F] [--from-start]`: tails logs and prints one JSON line
 * per alert state change as it happens, after `{"type":"ready"}` once tailing.
 * Existing content is history (read and listed on stderr, not printed) unless --from-start.
 */
import type { Command } from 'commander';
import { toAlertLine } from '../../core/alerts/alertDict';
import { SHIPPED_PRICES, loadPriceFile } from '../../node/prices';
import { LiveSession } from '../../node/live/liveSession';
import { rulesForCli } from '../alertRules';
import { UsageError } from '../errors';
import { parsePositiveInt, type LoadOptions } from '../load';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

interface WatchOptions extends LoadOptions {
  rules?: string;
  fromStart?: boolean;
  history?: string;
  checkpoint?: string;
}

export function registerWatch(program: Command, addCommonOptions: (c: Command) => Command): void {
  addCommonOptions(
    program
      .command('watch')
      .description('Follow logs live and print one JSON line per alert state change')
      .argument('<paths...>', 'log files, folders or globs (they may appear later)')
      .option('--rules <file>', 'alert rules file (default: .runlens/alerts.json if present, plus the shipped defaults)')
      .option('--from-start', 'alert on existing content too (default: it is history)')
      .option('--history <file>', 'append notified alerts here and restore cooldowns from it on start')
      .option('--checkpoint <file>', 'remember read offsets here so a restart resumes without re-reading'),
  ).action(async (paths: string[], options: WatchOptions) => {
    const rules = rulesForCli(options.rules);
    const maxLineBytes = parsePositiveInt(options.maxLineBytes, '--max-line-bytes');
    let prices = [SHIPPED_PRICES];
    if (options.prices) {
      try {
        prices = [SHIPPED_PRICES, loadPriceFile(options.prices)];
      } catch (err) {
        throw new UsageError(`--prices: ${(err as Error).message}`);
      }
    }
    for (const p of paths) {
      // Plain paths must at least have a parent folder; files and globs may appear later.
      if (!/[*?[{]/.test(p) && !existsSync(p) && !existsSync(path.dirname(path.resolve(p)))) throw new UsageError(`no such file or folder: ${p}`);
    }
    const write = (value: unknown): void => {
      process.stdout.write(`${JSON.stringify(value)}\n`);
    };
    const session = new LiveSession(
      {
        sources: paths,
        rules,
        fromStart: options.fromStart ?? false,
        prices,
        naiveTimeZone: options.localTime ? 'local' : 'utc',
        ...(maxLineBytes ? { maxLineBytes } : {}),
        ...(options.history ? { historyFile: options.history } : {}),
        ...(options.checkpoint ? { checkpointPath: options.checkpoint } : {}),
      },
      {
        onAlert: (change) => {
          if (change.historical) process.stderr.write(`runlens: history: ${change.type} ${change.alert.rule_name} at ${change.alert.timestamp}\n`);
          else write(toAlertLine(change));
        },
        onWarning: (warning) => process.stderr.write(`runlens: warning: ${warning.message}\n`),
      },
    );
    await session.start();
    write({ type: 'ready' });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void session.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
