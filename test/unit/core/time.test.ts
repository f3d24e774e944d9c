import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatIso, parseIsoTimestamp, toEpochMs } from '../../../src/core/util/time';

test('ISO timestamps with Z, offsets and naive (UTC) agree with Date.parse', () => {
  assert.equal(parseIsoTimestamp('2026-11-24T10:53:08.415410Z'), Date.parse('2026-11-24T10:53:08.415Z') + 0.41);
  assert.equal(parseIsoTimestamp('2026-11-24T12:53:08+02:00'), Date.parse('2026-11-24T10:53:08Z'));
  assert.equal(parseIsoTimestamp('2026-11-24T05:53:08-0500'), Date.parse('2026-11-24T10:53:08Z'));
  assert.equal(parseIsoTimestamp('2026-11-24T10:53:08'), Date.parse('2026-11-24T10:53:08Z'));
  assert.equal(parseIsoTimestamp('2024-02-29 23:59:59.5'), Date.parse('2024-02-29T23:59:59.500Z'));
  assert.ok(Number.isNaN(parseIsoTimestamp('2026-13-24T10:53:08Z')));
  assert.ok(Number.isNaN(parseIsoTimestamp('yesterday at noon')));
});

test('epoch numbers in seconds, milliseconds and microseconds', () => {
  const ms = Date.parse('2026-11-24T10:53:08Z');
  assert.equal(toEpochMs(ms / 1000), ms);
  assert.equal(toEpochMs(ms), ms);
  assert.equal(toEpochMs(ms * 1000), ms);
  assert.equal(toEpochMs(String(ms / 1000)), ms);
  assert.ok(Number.isNaN(toEpochMs('NaN')));
  assert.ok(Number.isNaN(toEpochMs(undefined)));
});

test('formatIso keeps microseconds and always ends in Z', () => {
  const ms = parseIsoTimestamp('2026-11-24T10:53:08.415410Z');
  assert.equal(formatIso(ms), '2026-11-24T10:53:08.415410Z');
  assert.equal(formatIso(Date.parse('2026-11-24T10:53:08Z')), '2026-11-24T10:53:08.000000Z');
});

test('formatIso agrees with Date#toISOString across eras, leap days and rounding', () => {
  const samples = [0, -1, 951782400000, 4107542399999, Date.parse('2024-02-29T23:59:59.999Z'), -62135596800000, 253402300799000];
  for (let i = 0; i < 2000; i++) samples.push(Math.floor((i * 7919 * 104729) % 4e12) - 1e12);
  for (const ms of samples) {
    assert.equal(formatIso(ms), new Date(ms).toISOString().replace('Z', '000Z'), String(ms));
  }
  assert.equal(formatIso(1000.0004), '1970-01-01T00:00:01.000000Z');
  assert.equal(formatIso(1000.9996), '1970-01-01T00:00:01.001000Z');
});
