/** `runlens` command line: the same engine as the extension, JSON for machines. */
import { Command, CommanderError, Option } from 'commander';
import { SourcePathError } from '../node/sourcePaths';
import { SourceReadError } from '../node/readSource';
import { registerCheck } from './commands/check';
import { registerMetrics } from './commands/metrics';
import { registerReport } from './commands/report';
import { registerTrace } from './commands/trace';
import { registerWatch } from './commands/watch';
import { UsageError } from './errors';
import { VERSION } from './version';

function addCommonOptions(command: Command): Command {
  return command
    .option('--prices <file>', 'price table overriding the shipped one ({"models": {name: {input, output}}}, USD per 1M tokens)')
    .option('--max-line-bytes <n>', 'lines longer than this are counted as malformed (default 1048576)')
    .addOption(new Option('--local-time', 'read timestamps without a zone as local time (default: UTC)'));
}

export function buildProgram(): Command {
  const program = new Command('runlens')
    .description('Traces, metrics, cost and alerts from agent JSON logs (structlog, MetricPoint, Alert lines)')
    .version(VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  registerReport(program, addCommonOptions);
  registerMetrics(program, addCommonOptions);
  registerTrace(program, addCommonOptions);
  registerWatch(program, addCommonOptions);
  registerCheck(program, addCommonOptions);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      process.stderr.write(`runlens: ${err.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof SourcePathError || err instanceof SourceReadError) {
      process.stderr.write(`runlens: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`runlens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 3;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
