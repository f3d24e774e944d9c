import assert from 'node:assert/strict';
import { test } from 'node:test';
import { microsFromIso, steppingClock, structlogTimestamp, systemClock, utcIsoformat } from '../../../src/logger/index';

test('structlog TimeStamper(fmt="iso", utc=True) format: microseconds, Z, none when zero', () => {
  const t = microsFromIso('2026-11-24T10:53:08.415410Z');
  assert.equal(structlogTimestamp(t), '2026-11-24T10:53:08.415410Z');
  assert.equal(structlogTimestamp(t + 1), '2026-11-24T10:53:08.415411Z');
  assert.equal(structlogTimestamp(microsFromIso('2026-11-24T10:53:08Z')), '2026-11-24T10:53:08Z');
  assert.equal(structlogTimestamp(1), '1970-01-01T00:00:00.000001Z');
  assert.equal(structlogTimestamp(-1), '1969-12-31T23:59:59.999999Z');
});

test('MetricPoint timestamps: aware UTC isoformat with +00:00', () => {
  assert.equal(utcIsoformat(microsFromIso('2026-11-24T10:53:08.4Z')), '2026-11-24T10:53:08.400000+00:00');
  assert.equal(utcIsoformat(microsFromIso('2026-11-24T12:53:08+02:00')), '2026-11-24T10:53:08+00:00');
});

test('microsFromIso rejects what is not a timestamp', () => {
  assert.throws(() => microsFromIso('yesterday'), RangeError);
});

test('steppingClock steps; systemClock follows the wall clock with microseconds', () => {
  const clock = steppingClock(10, 5);
  assert.deepEqual([clock(), clock(), clock()], [10, 15, 20]);
  const before = Date.now() * 1000;
  const now = systemClock();
  assert.ok(Number.isInteger(now));
  assert.ok(now >= before - 1000 && now <= Date.now() * 1000 + 1000, `${now} near ${before}`);
});
