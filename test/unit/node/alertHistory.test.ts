import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AlertEngine } from '../../../src/core/alerts/alertEngine';
import { ALERT_HISTORY_FILE, appendAlertHistory, readAlertHistory, restoreAlertHistory } from '../../../src/node/alertHistory';
import { evalAt, ref, rules, sec, summary } from '../../helpers/alerts';
import { tempDir } from '../../helpers/cli';

const RULES = rules({ name: 'hot', condition: 'threshold_exceeded', metric_name: 'm', threshold: 10, duration: '60s', cooldown: '10m' });

function session(historyFile: string): AlertEngine {
  const alerts = new AlertEngine(RULES, { sourcePath: () => '/logs/run.jsonl' });
  restoreAlertHistory(alerts, historyFile);
  alerts.startLive();
  return alerts;
}

test('notified changes are appended as {type, ...Alert.to_dict}; historical ones are not', () => {
  const file = join(tempDir(), ALERT_HISTORY_FILE);
  const alerts = new AlertEngine(RULES);
  alerts.notePoint('m', {}, sec(0), 50, ref(1));
  const historical = evalAt(alerts, 0, true);
  assert.equal(appendAlertHistory(file, historical), 0);
  alerts.startLive();
  const live = evalAt(alerts, 1);
  assert.deepEqual(summary(live), ['alert hot@1']);
  assert.equal(appendAlertHistory(file, live), 1);
  const [record] = readAlertHistory(file);
  assert.equal(record?.type, 'alert');
  assert.equal(record?.rule_name, 'hot');
  assert.deepEqual(Object.keys(record ?? {}), ['type', 'rule_name', 'severity', 'condition', 'metric_name', 'threshold', 'actual_value', 'timestamp', 'message', 'metadata']);
});

test('a reload restores state from the history: no re-notify storm, later alerts still come', () => {
  const file = join(tempDir(), ALERT_HISTORY_FILE);
  const first = session(file);
  first.noteActivity(sec(0));
  first.notePoint('m', {}, sec(0), 50, ref(1));
  assert.equal(appendAlertHistory(file, evalAt(first, 0)), 1);

  const second = session(file);
  second.noteActivity(sec(30));
  second.notePoint('m', {}, sec(30), 50, ref(2));
  assert.deepEqual(evalAt(second, 30), []);
  second.notePoint('m', {}, sec(600), 50, ref(3));
  assert.deepEqual(summary(evalAt(second, 600)), ['alert hot@600']);
});

test('torn, foreign and malformed lines are skipped; a torn last line does not swallow the next record', () => {
  const file = join(tempDir(), ALERT_HISTORY_FILE);
  const alerts = session(file);
  alerts.notePoint('m', {}, sec(0), 50, ref(1));
  const changes = evalAt(alerts, 0);
  appendAlertHistory(file, changes);
  appendFileSync(file, 'not json\n{"type":"other"}\n[1]\n{"type":"alert","rule_name":"hot","timest');
  appendAlertHistory(file, changes);
  assert.equal(readAlertHistory(file).length, 2);
  assert.deepEqual(readAlertHistory(join(tempDir(), 'missing.jsonl')), []);
});

test('the history is compacted to its newest records past its size cap', () => {
  const file = join(tempDir(), ALERT_HISTORY_FILE);
  const alerts = session(file);
  alerts.notePoint('m', {}, sec(0), 50, ref(1));
  const changes = evalAt(alerts, 0);
  for (let i = 0; i < 50; i++) appendAlertHistory(file, changes, 8 * 1024);
  const size = readFileSync(file).length;
  assert.ok(size <= 8 * 1024, `${size} bytes`);
  assert.ok(readAlertHistory(file).length > 2);
  writeFileSync(file, '');
  assert.deepEqual(readAlertHistory(file), []);
});
