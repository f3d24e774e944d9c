import type { Command } from 'commander';
import { buildReport, type Report } from '../../core/model/report';
import { rulesForCli } from '../alertRules';
import { loadAndReplay } from '../alertReplay';
import { loadEngine, type LoadOptions } from '../load';
import { renderTable, usd } from '../table';
import { VERSION } from '../version';

interface ReportOptions extends LoadOptions {
  json?: boolean;
  rules?: string;
}

export function registerReport(program: Command, addCommonOptions: (c: Command) => Command): void {
  addCommonOptions(
    program
      .command('report')
      .description('Summarise logs: sources, workflows, metrics, cost and alerts')
      .argument('<paths...>', 'log files, folders or globs')
      .option('--json', 'print the report as JSON')
      .option('--rules <file>', 'alert rules file (replayed over the logs)'),
  ).action(async (paths: string[], options: ReportOptions) => {
    // With --rules, the rules are replayed in event time (as `check` does) before the external alert lines.
    const { engine, changes } =
      options.rules !== undefined
        ? await loadAndReplay(paths, options, rulesForCli(options.rules))
        : { ...(await loadEngine(paths, options)), changes: [] };
    const replayed: unknown[] = changes.filter((c) => c.type === 'alert').map((c) => c.alert);
    const alerts = [...replayed, ...engine.externalAlerts.map((a) => ({ ...a.alert, external: true }))];
    const report = buildReport(engine, VERSION, alerts);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReport(report)}\n`);
  });
}

export function renderReport(report: Report): string {
  const parts: string[] = [];
  parts.push(
    'Sources',
    renderTable(
      ['path', 'lines', 'events', 'malformed', 'format'],
      report.sources.map((s) => [s.path, s.lines, s.events, s.malformed, s.format]),
    ),
  );
  parts.push(
    '',
    'Workflows',
    renderTable(
      ['workflow', 'status', 'started', 'duration ms', 'agents', 'tools', 'errors', 'cost'],
      report.workflows.map((w) => [w.workflow_id, w.status, w.started, w.duration_ms, w.agents, w.tools, w.errors, usd(w.cost_usd)]),
    ),
  );
  const metricRows = Object.entries(report.metrics).flatMap(([name, rows]) =>
    rows.map((r) => [name, Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(','), r.count, r.mean, r.p50, r.p95, r.max]),
  );
  parts.push('', 'Metrics', renderTable(['metric', 'tags', 'count', 'mean', 'p50', 'p95', 'max'], metricRows));
  const c = report.cost;
  parts.push('', `Cost: total ${usd(c.total_usd)} (tools ${usd(c.tools_usd)}, LLM ${usd(c.llm_usd)})`);
  const models = Object.entries(c.by_model);
  if (models.length > 0) {
    parts.push(
      renderTable(
        ['model', 'calls', 'input tokens', 'output tokens', 'cost'],
        models.map(([m, u]) => [m, u.calls, u.input_tokens, u.output_tokens, usd(u.cost_usd)]),
      ),
    );
  }
  if (c.unknown_models.length > 0) parts.push(`warning: no price for ${c.unknown_models.join(', ')} (not counted in the total)`);
  if (report.alerts.length > 0) parts.push('', `Alerts: ${report.alerts.length}`);
  return parts.join('\n');
}
