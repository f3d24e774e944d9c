import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { renderTemplate } from '../../../src/core/alerts/template';

const VALUES = {
  metric_name: 'agent_execution_duration_ms',
  condition: 'latency_high',
  value: 5234.5,
  // 5234.5 is a binary tie: Python's .0f rounds it to even (5234); Runlens rounds half up. Other values agree.
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
  assert.equal(renderTemplate('{value:.2f}|{value:.0f}|{rate:.1%}|{count:,}|{count:_}', VALUES), '5234.50|5235|23.5%|1,234,567|1_234_567');
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
