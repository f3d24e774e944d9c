import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { renderTemplate } from '../../../src/core/alerts/template';

const VALUES = {
  metric_name: 'agent_execution_duration_ms',
  condition: 'latency_high',
  value: 5234.5,
  threshold: 5000,
  rule_name: 'slow agents',
  tags: { agent_name: 'research_lead' },
  count: 1234567,
  rate: 0.23456,
  empty: null,
};

test("the seed's default template renders like Python str.format", () => {
  assert.equal(
    renderTemplate('{metric_name} {condition} threshold: {value} > {threshold}', VALUES),
    'agent_execution_duration_ms latency_high threshold: 5234.5 > 5000',
  );
});

test('format specs: fixed, percent, grouping, exponent, general, integer, string precision', () => {
  assert.equal(renderTemplate('{value:.2f}|{value:.0f}|{rate:.1%}|{count:,}|{count:_}', VALUES), '5234.50|5234|23.5%|1,234,567|1_234_567');
  assert.equal(renderTemplate('{value:.2e}|{value:.3g}|{value:d}|{rule_name:.4}|{value:,.1f}|{rate:g}|{threshold:.3}', VALUES), '5.23e+03|5.23e+03|5235|slow|5,234.5|0.23456|5e+03');
});

test('extra placeholders: {rule_name}, {tags} and {tags[key]}; missing values read n/a', () => {
  assert.equal(renderTemplate('{rule_name}: {tags} / {tags[agent_name]} / {empty}', VALUES), 'slow agents: agent_name=research_lead / research_lead / n/a');
});

test('unknown placeholders, unsupported specs and bad keys are left as written; nothing is evaluated', () => {
  const template = '{unknown} {value.__class__} {value!r} {tags[nope]} {value:>10} {constructor} {__proto__} {0} {}';
  assert.equal(renderTemplate(template, VALUES), template);
});

test('doubled braces are literal braces', () => {
  assert.equal(renderTemplate('{{value}} is {value}; {{ {threshold} }}', VALUES), '{value} is 5234.5; { 5000 }');
});

// Expectations from /usr/bin/python3 (3.11): format(value, spec). Python rounds the double's exact
// value half to even; test/integration/templatePython.test.ts asks python3 itself about many more.
const PYTHON_FORMAT: ReadonlyArray<readonly [number, string, string]> = [
  [0.5, '.0f', '0'],
  [1.5, '.0f', '2'],
  [2.5, '.0f', '2'],
  [-2.5, '.0f', '-2'],
  [0.125, '.2f', '0.12'],
  [0.375, '.2f', '0.38'],
  [2.675, '.2f', '2.67'],
  [1.005, '.2f', '1.00'],
  [5234.5, '.0f', '5234'],
  [-0.001, '.0f', '-0'],
  [1e21, '.2f', '1000000000000000000000.00'],
  [1234567.125, ',.2f', '1,234,567.12'],
  [0.125, '.1%', '12.5%'],
  [0.00125, '.2%', '0.12%'],
  [2.5, '.0e', '2e+00'],
  [1.25e-7, '.1e', '1.2e-07'],
  [9.9999995, '.7g', '9.999999'],
  [0.5, '.0', '0.5'],
  [1.0, '.3', '1.0'],
  [123.0, '.3', '1.23e+02'],
  [2.5, '.1', '2e+00'],
  [NaN, '.2f', 'nan'],
  [-Infinity, '.2F', '-INF'],
  [5e-324, '.3e', '4.941e-324'],
];

test('float specs round the exact binary value half to even, as Python does', () => {
  for (const [value, spec, python] of PYTHON_FORMAT) assert.equal(renderTemplate(`{value:${spec}}`, { value }), python, `format(${value}, '${spec}')`);
});
