import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { NotificationPolicy } from '../../../src/extension/alerts/notificationPolicy';
import type { AlertEntryDto } from '../../../src/protocol/engineProtocol';
import type { AlertSeverity } from '../../../src/core/alerts/rule';

function entry(rule: string, severity: AlertSeverity, timestamp: string, options: { live?: boolean; type?: 'alert' | 'resolved' } = {}): AlertEntryDto {
  return {
    live: options.live ?? true,
    change: {
      type: options.type ?? 'alert', historical: !(options.live ?? true), at: Date.parse(timestamp), ref: undefined, streamKey: `${rule}\u0000[]`,
      alert: {
        rule_name: rule, severity, condition: 'threshold_exceeded', metric_name: 'm', threshold: 1, actual_value: 2, timestamp, message: 'm',
        metadata: { count: 1, tags: {}, window_start: timestamp, window_end: timestamp, workflow_id: null, source: null, state: 'firing', historical: false, group: {}, aggregate: 'mean' },
      },
    },
  };
}

test('only live firing alerts at or above the minimum severity, not muted, notify', () => {
  const policy = new NotificationPolicy('warning', 10);
  const now = 1_000_000;
  assert.deepEqual(policy.decide(entry('a', 'warning', '2026-01-01T00:00:00Z', { live: false }), false, now), { show: false, reason: 'historical' });
  assert.deepEqual(policy.decide(entry('a', 'warning', '2026-01-01T00:00:00Z', { type: 'resolved' }), false, now), { show: false, reason: 'resolved' });
  assert.deepEqual(policy.decide(entry('a', 'info', '2026-01-01T00:00:00Z'), false, now), { show: false, reason: 'severity' });
  assert.deepEqual(policy.decide(entry('a', 'error', '2026-01-01T00:00:00Z'), true, now), { show: false, reason: 'muted' });
  assert.deepEqual(policy.decide(entry('a', 'critical', '2026-01-01T00:00:01Z'), false, now), { show: true });
  assert.deepEqual(policy.decide(entry('a', 'critical', '2026-01-01T00:00:01Z'), false, now), { show: false, reason: 'duplicate' });
  policy.configure('off', 10);
  assert.deepEqual(policy.decide(entry('b', 'critical', '2026-01-01T00:00:02Z'), false, now), { show: false, reason: 'severity' });
});

test('at most maxPerMinute toasts a minute; held-back ones are counted once', () => {
  const policy = new NotificationPolicy('info', 3);
  const t = 5_000_000;
  const shown = [0, 1, 2, 3, 4].map((i) => policy.decide(entry(`r${i}`, 'warning', `2026-01-01T00:00:0${i}Z`), false, t + i * 1000).show);
  assert.deepEqual(shown, [true, true, true, false, false]);
  assert.equal(policy.takeSuppressed(), 2);
  assert.equal(policy.takeSuppressed(), 0);
  assert.equal(policy.decide(entry('later', 'warning', '2026-01-01T00:01:05Z'), false, t + 61_000).show, true, 'the window slides');
});
