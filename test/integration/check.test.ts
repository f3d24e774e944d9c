import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AlertDict } from '../../src/core/alerts/alertDict';
import type { Report } from '../../src/core/model/report';
import { runCli, tempDir } from '../helpers/cli';
import { at, line } from '../helpers/ingest';

/** An old run (2026-11-24): one slow search tool, one failing agent with a traceback. */
const RUN = [
  line({ event: 'workflow_started', workflow_id: 'wf-42', status: 'started', timestamp: at(0) }),
  line({ event: 'tool_executed', workflow_id: 'wf-42', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 400, success: true, cost_estimate: 0.002, timestamp: at(2) }),
  line({ event: 'tool_executed', workflow_id: 'wf-42', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 14_000, success: true, cost_estimate: 0.002, timestamp: at(20) }),
  line({ event: 'agent_execution_completed', workflow_id: 'wf-42', agent_name: 'web_researcher', duration_ms: 18_500, success: true, timestamp: at(21) }),
  line({
    event: 'agent_execution_failed', workflow_id: 'wf-42', agent_name: 'research_lead', duration_ms: 22_000, success: false,
    error_message: 'quota exceeded', level: 'error', timestamp: at(22),
    exception: 'Traceback (most recent call last):\n  File "lead.py", line 9, in run\nRuntimeError: quota exceeded',
  }),
  line({ event: 'workflow_failed', workflow_id: 'wf-42', status: 'failed', timestamp: at(23) }),
].join('\n');

const SLOW_TOOLS = {
  rules: [{
    name: 'slow tools', condition: 'latency_high', metric_name: 'tool_execution_duration_ms', group_by: ['tool_name'],
    aggregate: 'max', threshold: 10_000, duration: '5m', cooldown: '15m', severity: 'warning',
    message_template: '{tags[tool_name]} took {value:.0f} ms',
  }],
};

function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir('runlens-check-');
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'run.jsonl'), `${RUN}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function checkJson(args: string[], cwd: string): { code: number; alerts: AlertDict[]; stderr: string } {
  const r = runCli(['check', ...args, '--json'], cwd);
  const parsed = r.stdout ? (JSON.parse(r.stdout) as { alerts: AlertDict[] }) : { alerts: [] };
  return { code: r.code, alerts: parsed.alerts, stderr: r.stderr };
}

test('check --rules F: replayed alerts in Alert.to_dict shape, event time, exit 1', () => {
  const dir = workspace({ 'slow.json': JSON.stringify(SLOW_TOOLS) });
  const { code, alerts } = checkJson(['logs', '--rules', 'slow.json'], dir);
  assert.equal(code, 1);
  assert.equal(alerts.length, 1);
  const [alert] = alerts;
  assert.deepEqual(Object.keys(alert ?? {}), ['rule_name', 'severity', 'condition', 'metric_name', 'threshold', 'actual_value', 'timestamp', 'message', 'metadata']);
  assert.deepEqual({ ...alert, metadata: undefined }, {
    rule_name: 'slow tools', severity: 'warning', condition: 'latency_high', metric_name: 'tool_execution_duration_ms',
    threshold: 10_000, actual_value: 14_000, timestamp: at(20), message: 'web_search took 14000 ms', metadata: undefined,
  });
  assert.deepEqual(alert?.metadata.source, { path: join(dir, 'logs', 'run.jsonl'), line: 3 });
  assert.equal(alert?.metadata.workflow_id, 'wf-42');
  assert.equal(alert?.metadata.count, 2);
  assert.deepEqual(alert?.metadata.tags, { tool_name: 'web_search' });
});

test('check exits 0 with an empty list when nothing fires', () => {
  const quiet = { rules: [{ ...SLOW_TOOLS.rules[0], threshold: 60_000 }] };
  const dir = workspace({ 'quiet.json': JSON.stringify(quiet) });
  const { code, alerts } = checkJson(['logs', '--rules', 'quiet.json'], dir);
  assert.equal(code, 0);
  assert.deepEqual(alerts, []);
  const human = runCli(['check', 'logs', '--rules', 'quiet.json'], dir);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^no alerts \(1 rules\)/);
});

test('without --rules: the shipped defaults plus .runlens/alerts.json of the current directory', () => {
  const plain = workspace();
  const defaults = checkJson(['logs'], plain);
  assert.equal(defaults.code, 1);
  assert.deepEqual(defaults.alerts.map((a) => a.rule_name), ['tool latency p95', 'agent failure rate', 'exceptions']);

  const overridden = workspace({
    '.runlens/alerts.json': JSON.stringify({ rules: [{ name: 'exceptions', condition: 'pattern_detected', pattern: 'x', enabled: false }, ...SLOW_TOOLS.rules] }),
  });
  const merged = checkJson(['logs'], overridden);
  assert.deepEqual(merged.alerts.map((a) => a.rule_name), ['tool latency p95', 'slow tools', 'agent failure rate']);
});

test('an invalid rules file: exit 2 and one line naming the JSON path of the field', () => {
  const bad = { rules: [SLOW_TOOLS.rules[0], { ...SLOW_TOOLS.rules[0], name: 'b' }, { ...SLOW_TOOLS.rules[0], name: 'c', duration: 'five minutes' }] };
  const dir = workspace({ 'bad.json': JSON.stringify(bad), '.runlens/alerts.json': '{"rules": [{"name": 1}]}' });
  const r = runCli(['check', 'logs', '--rules', 'bad.json'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'runlens: bad.json: rules[2].duration: must be a duration such as "30s", "5m", "1h" or seconds\n');

  const workspaceBad = runCli(['check', 'logs'], dir);
  assert.equal(workspaceBad.code, 2);
  assert.match(workspaceBad.stderr, /alerts\.json: rules\[0\]\.condition: is required \(and 1 more\)$/m);
  assert.equal(workspaceBad.stderr.trim().split('\n').length, 1);

  const missing = runCli(['check', 'logs', '--rules', 'nope.json'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.json: ENOENT/);
});

test('usage errors exit 2', () => {
  const dir = workspace();
  assert.equal(runCli(['check'], dir).code, 2);
  assert.equal(runCli(['check', 'no-such-dir'], dir).code, 2);
});

test('check is deterministic and independent of the order of PATH arguments', () => {
  const other = [
    line({ event: 'tool_executed', workflow_id: 'wf-43', agent_name: 'scraper', tool_name: 'fetch_page', duration_ms: 12_000, success: true, timestamp: at(10) }),
    line({ event: 'tool_executed', workflow_id: 'wf-43', agent_name: 'scraper', tool_name: 'web_search', duration_ms: 30_000, success: true, timestamp: at(21.5) }),
  ].join('\n');
  const dir = workspace({ 'logs2/other.jsonl': `${other}\n`, 'slow.json': JSON.stringify(SLOW_TOOLS) });
  const a = runCli(['check', 'logs', 'logs2', '--rules', 'slow.json', '--json'], dir);
  const b = runCli(['check', 'logs', 'logs2', '--rules', 'slow.json', '--json'], dir);
  const c = runCli(['check', 'logs2', 'logs', '--rules', 'slow.json', '--json'], dir);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stdout, c.stdout);
  const alerts = (JSON.parse(a.stdout) as { alerts: AlertDict[] }).alerts;
  assert.deepEqual(alerts.map((x) => [x.timestamp, x.message]), [
    [at(10), 'fetch_page took 12000 ms'],
    [at(20), 'web_search took 14000 ms'],
  ]);
});

test('the human table lists time, severity, rule, value, message and source line', () => {
  const dir = workspace({ 'slow.json': JSON.stringify(SLOW_TOOLS) });
  const r = runCli(['check', 'logs', '--rules', 'slow.json'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^time\s+severity\s+rule\s+value\s+message\s+source/);
  assert.ok(r.stdout.includes(`${at(20)}  warning   slow tools  14000  web_search took 14000 ms  ${join(dir, 'logs', 'run.jsonl')}:3`));
  assert.match(r.stdout, /1 alert fired, 0 resolved \(1 rules\)/);
});

test('report --rules F puts the replayed alerts in report.alerts, before external alert lines', () => {
  const external = JSON.stringify({ rule_name: 'upstream', severity: 'critical', condition: 'no_data', metric_name: 'x', threshold: 0, actual_value: 0, timestamp: at(5), message: 'from the app', metadata: {} });
  const dir = workspace({ 'logs/alerts.jsonl': `${external}\n`, 'slow.json': JSON.stringify(SLOW_TOOLS) });
  const r = runCli(['report', 'logs', '--json', '--rules', 'slow.json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.deepEqual((report.alerts as Array<{ rule_name: string; external?: boolean }>).map((a) => [a.rule_name, a.external ?? false]), [['slow tools', false], ['upstream', true]]);
  const without = JSON.parse(runCli(['report', 'logs', '--json'], dir).stdout) as Report;
  assert.equal(without.alerts.length, 1);
  const invalid = runCli(['report', 'logs', '--rules', 'missing.json'], dir);
  assert.equal(invalid.code, 2);
});
