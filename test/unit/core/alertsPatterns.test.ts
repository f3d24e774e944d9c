import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { compilePattern, eventTexts } from '../../../src/core/alerts/patterns';
import { alertEngine, evalAt, ref, sec, summary } from '../../helpers/alerts';

const TRACEBACK = 'Traceback (most recent call last):\n  File "agents/research.py", line 88, in run\n    raise ValueError("quota exceeded")\nValueError: quota exceeded';

test('pattern_detected searches the event name, message/msg, error_message and exception', () => {
  const alerts = alertEngine({ name: 'tb', condition: 'pattern_detected', pattern: 'Traceback|quota', duration: '60s', cooldown: '0s' });
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['agent_execution_failed', { error_message: 'quota exceeded' }, true],
    ['tool_executed', { exception: TRACEBACK }, true],
    ['worker crashed', { msg: 'worker crashed' }, false],
    ['log', { message: 'Traceback in message' }, true],
    ['quota_warning', {}, true],
    ['agent_execution_completed', { output_summary: 'quota mentioned elsewhere' }, false],
    ['structured', { exception: [{ exc_type: 'ValueError', exc_value: 'quota' }] }, true],
  ];
  for (const [name, obj, matches] of cases) {
    assert.equal(alerts.streamsForEvent(name, { event: name, ...obj }).length > 0, matches, `${name} ${JSON.stringify(obj)}`);
  }
});

test('pattern_detected counts matching events in the window and fires when the count exceeds the threshold', () => {
  const alerts = alertEngine({ name: 'errors', condition: 'pattern_detected', pattern: 'failed', threshold: 2, duration: '60s', cooldown: '1h', metric_name: 'log_errors' });
  const changes = [];
  for (const s of [0, 10, 20, 30]) {
    alerts.noteEvent('agent_execution_failed', { event: 'agent_execution_failed' }, sec(s), ref(s), 'wf-1');
    changes.push(...evalAt(alerts, s));
  }
  assert.deepEqual(summary(changes), ['alert errors@20']);
  const alert = changes[0]?.alert;
  assert.equal(alert?.actual_value, 3);
  assert.equal(alert?.metric_name, 'log_errors');
  assert.equal(alert?.metadata.workflow_id, 'wf-1');
  assert.equal(alert?.message, '3 events matching /failed/ in the last 60s (threshold 2)');
  assert.deepEqual(summary(evalAt(alerts, 71)), ['resolved errors@71'], 'only the event at 20 and 30 are left: 2 is not > 2');
});

test('pattern flags, tag filters on event fields and group_by on event fields', () => {
  const alerts = alertEngine(
    { name: 'ci', condition: 'pattern_detected', pattern: 'traceback', pattern_flags: 'i' },
    { name: 'cs', condition: 'pattern_detected', pattern: 'traceback' },
    { name: 'lead only', condition: 'pattern_detected', pattern: 'Traceback', tags: { agent_name: 'research_lead' } },
    { name: 'per agent', condition: 'pattern_detected', pattern: 'Traceback', group_by: ['agent_name'] },
  );
  alerts.noteEvent('agent_execution_failed', { exception: TRACEBACK, agent_name: 'web_researcher' }, sec(0), ref(1));
  alerts.noteEvent('agent_execution_failed', { exception: TRACEBACK, agent_name: 'research_lead' }, sec(1), ref(2));
  assert.deepEqual(summary(evalAt(alerts, 1)), [
    'alert ci@1',
    'alert lead only@1',
    'alert per agent[agent_name=web_researcher]@1',
    'alert per agent[agent_name=research_lead]@1',
  ]);
  assert.equal(alerts.firing()[0]?.alert.metric_name, null, 'a pattern rule without metric_name reports null');
});

test('a catastrophic pattern `(a+)+$` on a 1 MiB line completes (RE2, linear time)', () => {
  const alerts = alertEngine({ name: 'redos', condition: 'pattern_detected', pattern: '(a+)+$' });
  const evil = `${'a'.repeat(1024 * 1024)}!`;
  alerts.noteEvent('tool_executed', { event: 'tool_executed', error_message: evil, exception: evil }, sec(0), ref(1));
  assert.deepEqual(evalAt(alerts, 0), [], 'no match: the line does not end in a');
  alerts.noteEvent('tool_executed', { event: 'tool_executed', error_message: 'a'.repeat(1024 * 1024) }, sec(1), ref(2));
  assert.deepEqual(summary(evalAt(alerts, 1)), ['alert redos@1']);
  assert.equal(compilePattern('(x+x+)+y').test('x'.repeat(1 << 20)), false);
});

test('patterns use RE2 syntax; what RE2 cannot do is a compile error, not a slow match', () => {
  assert.throws(() => compilePattern('(a)\\1'));
  assert.throws(() => compilePattern('(?=a)'));
  assert.throws(() => compilePattern('a', 'g'), /unknown flag/);
  assert.equal(compilePattern('^line two$', 'm').test('line one\nline two\nline three'), true);
  assert.equal(compilePattern('one.line', 's').test('one\nline'), true);
});

test('eventTexts: each field separately, the name once, structured tracebacks as JSON', () => {
  assert.deepEqual(eventTexts('boom', { msg: 'boom', error_message: 'e', exception: { type: 'X' }, message: 42 }), ['boom', 'e', '{"type":"X"}']);
  assert.deepEqual(eventTexts('', { ['__proto__']: 'x' }), []);
});
