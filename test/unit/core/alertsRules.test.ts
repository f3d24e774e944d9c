import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { shippedDefaultRules } from '../../../src/core/alerts/defaults';
import { formatDuration, parseDuration } from '../../../src/core/alerts/duration';
import { LastValidRules, mergeRuleSets, parseRulesDocument, parseRulesText } from '../../../src/core/alerts/parseRules';
import { newSchemaValidator, pointerToPath } from '../../../src/core/alerts/ruleSchema';
import { rules } from '../../helpers/alerts';

const MEDIA = join(__dirname, '../../../media');

function errorsOf(document: unknown): string[] {
  const result = parseRulesDocument(document);
  assert.equal(result.ok, false, 'expected the rules to be refused');
  return result.ok ? [] : result.errors;
}

const GOOD = { name: 'ok', condition: 'threshold_exceeded', metric_name: 'm', threshold: 1 } as const;

test('durations: "30s", "5m", "1h", compound forms and plain seconds', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration(90), 90_000);
  assert.equal(parseDuration('90'), 90_000);
  assert.equal(parseDuration(0), 0);
  for (const bad of ['5 minutes', 'abc', '', '5x', '-1s', -1, Infinity, null, true, '1e3s']) {
    assert.ok(Number.isNaN(parseDuration(bad)), String(bad));
  }
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(500), '500ms');
});

test('defaults: severity warning, 5m window and cooldown, no `for`, per-condition aggregates and templates', () => {
  const [exceeded, latency, errorRate, noData, pattern] = rules(
    GOOD,
    { name: 'lat', condition: 'latency_high', metric_name: 'tool_execution_duration_ms', threshold: 100 },
    { name: 'err', condition: 'error_rate_high', metric_name: 'agent_execution_success', threshold: 0.1 },
    { name: 'nd', condition: 'no_data', metric_name: 'm' },
    { name: 'pat', condition: 'pattern_detected', pattern: 'Traceback' },
  );
  assert.equal(exceeded?.severity, 'warning');
  assert.equal(exceeded?.durationMs, 300_000);
  assert.equal(exceeded?.cooldownMs, 300_000);
  assert.equal(exceeded?.forMs, 0);
  assert.equal(exceeded?.aggregate, 'mean');
  assert.equal(exceeded?.messageTemplate, '{metric_name} {condition} threshold: {value} > {threshold}');
  assert.equal(latency?.aggregate, 'p95');
  assert.equal(errorRate?.aggregate, 'mean');
  assert.equal(noData?.threshold, 0);
  assert.equal(pattern?.threshold, 0);
  assert.equal(pattern?.metricName, undefined);
  assert.deepEqual(pattern?.groupBy, []);
});

test('an invalid duration is refused with its JSON path and the expected forms', () => {
  const errors = errorsOf({ rules: [GOOD, { ...GOOD, name: 'b' }, { ...GOOD, name: 'c', duration: '5 minutes' }] });
  assert.deepEqual(errors, ['rules[2].duration: must be a duration such as "30s", "5m", "1h" or seconds']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, cooldown: 'soon' }] }), ['rules[0].cooldown: must be a duration such as "30s", "5m", "1h" or seconds']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, for: -5 }] }), ['rules[0].for: must be a duration such as "30s", "5m", "1h" or seconds']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, duration: 0 }] }), ['rules[0].duration: must be longer than 0 (the window is (t − duration, t])']);
});

test('schema problems name the field: unknown keys (with a suggestion), enums, types, conditional requirements', () => {
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, treshold: 3 }] }), ['rules[0].treshold: is not a known field (did you mean "threshold"?)']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, severity: 'fatal' }] }), ['rules[0].severity: must be one of "info", "warning", "error", "critical"']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, threshold: '5' }] }), ['rules[0].threshold: must be a number']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, tags: { agent_name: 7 } }] }), ['rules[0].tags.agent_name: must be a string']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, aggregate: 'p42' }] })[0]?.startsWith('rules[0].aggregate: must be one of "mean"'), true);
  assert.deepEqual(errorsOf({ rules: [{ name: 'x', condition: 'latency_high', threshold: 1 }] }), ['rules[0].metric_name: is required when condition is "latency_high"']);
  assert.deepEqual(errorsOf({ rules: [{ name: 'x', condition: 'threshold_below', metric_name: 'm' }] }), ['rules[0].threshold: is required when condition is "threshold_below"']);
  assert.deepEqual(errorsOf({ rules: [{ name: 'x', condition: 'pattern_detected' }] }), ['rules[0].pattern: is required when condition is "pattern_detected"']);
  assert.deepEqual(errorsOf({ rules: [{ condition: 'no_data', metric_name: 'm' }] }), ['rules[0].name: is required']);
  assert.deepEqual(errorsOf({ rules: [{ ...GOOD, pattern_flags: 'g' }] }).length, 1);
  assert.deepEqual(errorsOf({ rule: [] }).sort(), ['rule: is not a known field (did you mean "rules"?)', 'rules: is required']);
  assert.deepEqual(errorsOf([GOOD]), ['(document): must be an object']);
});

test('semantic checks beyond the schema: regex syntax (RE2), duplicate names, error rates outside [0, 1)', () => {
  const errors = errorsOf({
    rules: [
      { name: 'p', condition: 'pattern_detected', pattern: '(?<=a)b' },
      { name: 'q', condition: 'pattern_detected', pattern: 'a(' },
      { ...GOOD },
      { ...GOOD, threshold: 2 },
      { name: 'r', condition: 'error_rate_high', metric_name: 'agent_execution_success', threshold: 5 },
    ],
  });
  assert.equal(errors.length, 4);
  assert.match(errors[0] as string, /^rules\[0\]\.pattern: invalid regular expression \(RE2 syntax\): .*lookaround/);
  assert.match(errors[1] as string, /^rules\[1\]\.pattern: invalid regular expression .*missing closing \)/);
  assert.equal(errors[2], 'rules[3].name: duplicate rule name "ok" (also rules[2])');
  assert.match(errors[3] as string, /^rules\[4\]\.threshold: an error rate is a fraction in \[0, 1\)/);
});

test('every problem of a file is reported at once, in document order', () => {
  const errors = errorsOf({
    rules: [
      { ...GOOD, name: 'a', duration: 'x' },
      { name: 'b', condition: 'pattern_detected', pattern: '(' },
      { ...GOOD, name: 'c', severity: 'loud' },
    ],
  });
  assert.deepEqual(errors.map((e) => e.slice(0, e.indexOf(':'))), ['rules[0].duration', 'rules[1].pattern', 'rules[2].severity']);
});

test('warnings do not refuse a rule', () => {
  const result = parseRulesDocument({ rules: [{ name: 'e', condition: 'error_rate_high', metric_name: 'agent_execution_duration_ms', threshold: 0.5, aggregate: 'max' }] });
  assert.ok(result.ok);
  assert.equal(result.warnings.length, 2);
  assert.equal(result.rules[0]?.aggregate, 'mean');
});

test('JSON syntax errors name the line and column', () => {
  const result = parseRulesText('{"rules": [\n  {"name": "x",, }]}');
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.errors[0] as string, /^\(document\): not valid JSON: .*\(line 2, column \d+\)$/);
  assert.ok(parseRulesText(`\ufeff${JSON.stringify({ rules: [GOOD] })}`).ok, 'a BOM is tolerated');
});

test('an invalid update is refused and the last valid rules stay in force', () => {
  const holder = new LastValidRules();
  assert.ok(holder.update(parseRulesText(JSON.stringify({ rules: [GOOD] }))));
  assert.deepEqual(holder.rules.map((r) => r.name), ['ok']);
  assert.equal(holder.update(parseRulesText(JSON.stringify({ rules: [{ ...GOOD, name: 'new', duration: 'later' }] }))), false);
  assert.deepEqual(holder.rules.map((r) => r.name), ['ok']);
  assert.deepEqual(holder.errors, ['rules[0].duration: must be a duration such as "30s", "5m", "1h" or seconds']);
  assert.equal(holder.update(parseRulesText('not json')), false);
  assert.deepEqual(holder.rules.map((r) => r.name), ['ok']);
});

test('rule sets merge by name: later sets replace earlier rules, enabled:false switches one off', () => {
  const defaults = rules(GOOD, { ...GOOD, name: 'two' });
  const workspace = rules({ ...GOOD, threshold: 9 }, { ...GOOD, name: 'two', enabled: false }, { ...GOOD, name: 'three' });
  const merged = mergeRuleSets(defaults, workspace);
  assert.deepEqual(merged.map((r) => [r.name, r.threshold]), [['ok', 9], ['three', 1]]);
});

test('the shipped schema is a valid draft-07 JSON Schema with a description on every field', () => {
  const schema = JSON.parse(readFileSync(join(MEDIA, 'alerts.schema.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const ajv = newSchemaValidator();
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  // A plain, non-strict ajv (as other tools use it) compiles it too.
  assert.doesNotThrow(() => new Ajv({ strict: false }).compile(schema));
  const missing: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const container of ['properties', 'definitions']) {
      const children = n[container] as Record<string, Record<string, unknown>> | undefined;
      if (!children) continue;
      for (const [key, child] of Object.entries(children)) {
        if (typeof child.description !== 'string' || child.description.length < 10) missing.push(`${path}/${container}/${key}`);
        walk(child, `${path}/${container}/${key}`);
      }
    }
    if (n.items) walk(n.items, `${path}/items`);
  };
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

test('the shipped default rules are valid and cover the seed metrics', () => {
  const text = readFileSync(join(MEDIA, 'default-rules.json'), 'utf8');
  const result = parseRulesText(text);
  assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
  assert.deepEqual(result.warnings, []);
  const byCondition = shippedDefaultRules().map((r) => [r.condition, r.metricName ?? null, r.aggregate]);
  assert.deepEqual(byCondition, [
    ['error_rate_high', 'agent_execution_success', 'mean'],
    ['latency_high', 'tool_execution_duration_ms', 'p95'],
    ['threshold_exceeded', 'tool_execution_cost', 'sum'],
    ['threshold_exceeded', 'llm_cost_usd', 'sum'],
    ['no_data', 'agent_execution_success', 'count'],
    ['pattern_detected', null, 'count'],
  ]);
  assert.deepEqual(shippedDefaultRules()[1]?.groupBy, ['tool_name']);
  for (const rule of shippedDefaultRules()) assert.ok(rule.description && rule.description.length > 20, `${rule.name} is documented`);
});

test('JSON pointers become readable paths', () => {
  assert.equal(pointerToPath('/rules/2/duration'), 'rules[2].duration');
  assert.equal(pointerToPath('/rules/0/tags/a~1b'), 'rules[0].tags["a/b"]');
  assert.equal(pointerToPath(''), '');
});
