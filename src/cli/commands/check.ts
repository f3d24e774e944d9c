/**
 * `runlens check PATH... [--rules F] [--json]`: replays alert rules over logs in event
 * time and prints the alerts that fired. Exit 1 when any fired, 0 when none, 2 on a
 * usage error or invalid rules.
 */
import type { Command } from 'commander';
import type { AlertDict } from '../../core/alerts/alertDict';
import { rulesForCli } from '../alertRules';
import { loadAndReplay } from '../alertReplay';
import type { LoadOptions } from '../load';
import { renderTable } from '../table';

interface CheckOptions extends LoadOptions {
  json?: boolean;
  rules?: string;
}

export function registerCheck(program: Command, addCommonOptions: (c: Command) => Command): void {
  addCommonOptions(
    program
      .command('check')
      .description('Replay alert rules over logs in event time; exit 1 when any alert fired')
      .argument('<paths...>', 'log files, folders or globs')
      .option('--rules <file>', 'alert rules file (default: .runlens/alerts.json if present, plus the shipped defaults)')
      .option('--json', 'print {"alerts": [...]} as JSON'),
  ).action(async (paths: string[], options: CheckOptions) => {
    // Rules first: an invalid rules file fails fast, before any log is read.
    const rules = rulesForCli(options.rules);
    const { changes } = await loadAndReplay(paths, options, rules);
    const alerts = changes.filter((c) => c.type === 'alert').map((c) => c.alert);
    const resolved = changes.length - alerts.length;
    process.stdout.write(options.json ? `${JSON.stringify({ alerts }, null, 2)}\n` : `${renderAlerts(alerts, resolved, rules.length)}\n`);
    if (process.exitCode === undefined || Number(process.exitCode) === 0) process.exitCode = alerts.length > 0 ? 1 : 0;
  });
}

function location(alert: AlertDict): string {
  const source = alert.metadata.source;
  return source ? `${source.path}:${source.line}` : '-';
}

export function renderAlerts(alerts: readonly AlertDict[], resolved: number, ruleCount: number): string {
  if (alerts.length === 0) return `no alerts (${ruleCount} rules)`;
  const table = renderTable(
    ['time', 'severity', 'rule', 'value', 'message', 'source'],
    alerts.map((a) => [a.timestamp, a.severity, a.rule_name, a.actual_value, a.message, location(a)]),
  );
  return `${table}\n\n${alerts.length} alert${alerts.length === 1 ? '' : 's'} fired, ${resolved} resolved (${ruleCount} rules)`;
}
