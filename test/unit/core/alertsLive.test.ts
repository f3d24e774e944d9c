import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { toAlertLine, type AlertChange } from '../../../src/core/alerts/alertDict';
import { alertEngine, evalAt, ref, sec, summary } from '../../helpers/alerts';

const M = 'm';
const RULE = { name: 'hot', condition: 'threshold_exceeded', metric_name: M, threshold: 10, duration: '60s', cooldown: '5m' } as const;

function history(alerts: ReturnType<typeof alertEngine>, points: ReadonlyArray<[number, number]>): AlertChange[] {
  const out: AlertChange[] = [];
  for (const [s, v] of points) {
    alerts.noteActivity(sec(s));
    alerts.notePoint(M, {}, sec(s), v, ref(s));
    out.push(...evalAt(alerts, s, true));
  }
  return out;
}

test('history is listed, not notified: its changes are historical, and so is the resolve of a historical alert', () => {
  const alerts = alertEngine(RULE);
  const listed = history(alerts, [[0, 50]]);
  assert.deepEqual(summary(listed), ['alert hot@0']);
  assert.equal(listed[0]?.historical, true);
  assert.equal(listed[0]?.alert.metadata.historical, true);
  alerts.startLive();
  // The wall clock is far past the old run: the window is empty, the old alert resolves quietly.
  const resolved = evalAt(alerts, 86_400);
  assert.deepEqual(summary(resolved), ['resolved hot@86400']);
  assert.equal(resolved[0]?.historical, true);
});

test('a condition still holding when going live notifies once (it is happening now)', () => {
  const alerts = alertEngine(RULE);
  history(alerts, [[0, 50], [10, 50]]);
  alerts.startLive();
  const live = evalAt(alerts, 20);
  assert.deepEqual(summary(live), ['alert hot@20']);
  assert.equal(live[0]?.historical, false);
  assert.deepEqual(evalAt(alerts, 30), []);
  assert.equal(alerts.firing().filter((c) => !c.historical).length, 1, 'the status bar counts it');
});

test('restart: the history file restores cooldowns, so a reload does not notify again (no storm)', () => {
  // Session 1: a live alert, written to the history file.
  const first = alertEngine(RULE, { ...RULE, name: 'other', threshold: 1000 });
  first.startLive();
  first.noteActivity(sec(100));
  first.notePoint(M, {}, sec(100), 50, ref(1));
  const notified = evalAt(first, 100);
  assert.deepEqual(summary(notified), ['alert hot@100']);
  const records = notified.map(toAlertLine).map((line) => JSON.parse(JSON.stringify(line)) as ReturnType<typeof toAlertLine>);

  // Session 2 re-reads the same log as history, restores the file, goes live while the condition holds.
  const second = alertEngine(RULE, { ...RULE, name: 'other', threshold: 1000 });
  second.restore(records);
  history(second, [[100, 50]]);
  second.startLive();
  second.noteActivity(sec(150));
  second.notePoint(M, {}, sec(150), 60, ref(2));
  assert.deepEqual(evalAt(second, 150), [], 'within the cooldown of the alert notified at 100');
  second.notePoint(M, {}, sec(399), 60, ref(3));
  assert.deepEqual(evalAt(second, 399), []);
  second.notePoint(M, {}, sec(400), 60, ref(4));
  assert.deepEqual(summary(evalAt(second, 400)), ['alert hot@400'], 'the cooldown ran out: the seed would fire again');
  // The alert the user saw in session 1 resolves with a live notice.
  const resolved = evalAt(second, 500);
  assert.deepEqual(summary(resolved), ['resolved hot@500']);
  assert.equal(resolved[0]?.historical, false);
});

test('restore ignores historical records and keys cooldowns by rule and group', () => {
  const alerts = alertEngine({ ...RULE, group_by: ['tool_name'] });
  alerts.restore([
    { type: 'alert', rule_name: 'hot', timestamp: '2026-11-24T10:01:40Z', metadata: { group: { tool_name: 'a' } } },
    { type: 'alert', rule_name: 'hot', timestamp: '2026-11-24T10:01:40Z', metadata: { group: { tool_name: 'b' }, historical: true } },
    { type: 'alert', rule_name: 'hot', timestamp: 'not a time' },
  ]);
  alerts.startLive();
  alerts.noteActivity(sec(110));
  alerts.notePoint(M, { tool_name: 'a' }, sec(110), 50, ref(1));
  alerts.notePoint(M, { tool_name: 'b' }, sec(110), 50, ref(2));
  assert.deepEqual(summary(evalAt(alerts, 110)), ['alert hot[tool_name=b]@110']);
});

test('no_data waits for live data after going live (an old file opened today does not page)', () => {
  const alerts = alertEngine({ name: 'quiet', condition: 'no_data', metric_name: M, duration: '60s' });
  history(alerts, [[0, 1]]);
  alerts.startLive();
  assert.deepEqual(evalAt(alerts, 86_400), []);
  alerts.noteActivity(sec(86_400));
  assert.deepEqual(evalAt(alerts, 86_459), []);
  assert.deepEqual(summary(evalAt(alerts, 86_460)), ['alert quiet@86460']);
});
