/**
 * Randomised check of the Python emulation under src/logger against CPython itself
 * (test/fixtures/python/python_formats.py): float repr and json.dumps for random doubles,
 * json.dumps/repr/len/slicing for random Unicode strings (lone surrogates included), and
 * str()/json.dumps for random nested values. Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pythonJsonDumps, pythonRepr, pythonStr } from '../../src/logger/index';
import { pythonFloatRepr } from '../../src/logger/pythonNumbers';
import { codePointLength, sliceCodePoints } from '../../src/logger/pythonText';
import { seededRandom as random } from '../helpers/random';
import { decodeFloats } from './loggerGoldenReplay';

const PYTHON = process.env.RUNLENS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const SCRIPT = join(import.meta.dirname, '..', 'fixtures', 'python', 'python_formats.py');

const rand = random(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

function randomDouble(): number {
  const view = new DataView(new ArrayBuffer(8));
  switch (Math.floor(rand() * 4)) {
    case 0: // any bit pattern
      view.setUint32(0, Math.floor(rand() * 2 ** 32));
      view.setUint32(4, Math.floor(rand() * 2 ** 32));
      return view.getFloat64(0);
    case 1: // short decimals, the common case in logs
      return Math.round(rand() * 1e6) / 10 ** Math.floor(rand() * 8);
    case 2: // around the fixed/exponent switch points 1e-4 and 1e16
      return (rand() * 10) * 10 ** pick([-6, -5, -4, -3, 14, 15, 16, 17]);
    default: // whole numbers, up to beyond 2**53
      return Math.floor(rand() * 10 ** Math.floor(rand() * 20));
  }
}

function hexOf(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return Array.from(new Uint8Array(view.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

const ALPHABET = ['a', 'Z', ' ', "'", '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u0080', '\u00a0', 'é', '\u200b', '\u2028', '€', '\ud7ff', '\ue000', '\ufeff', '😀', '\u{e0001}', '\u{10ffff}', '\ud800', '\udfff', '中'];

function randomString(): string {
  const length = Math.floor(rand() * 70);
  let s = '';
  for (let i = 0; i < length; i++) s += pick(ALPHABET);
  return s;
}

function randomValue(depth: number): unknown {
  const kind = Math.floor(rand() * (depth > 2 ? 5 : 7));
  switch (kind) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return Math.floor(rand() * 2e6) - 1e6;
    case 3: return { $float: Math.round(rand() * 1e4) / pick([1, 4, 1000]) };
    case 4: return randomString();
    case 5: return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}${randomString().slice(0, 3)}`, randomValue(depth + 1)]));
  }
}

const floats = Array.from({ length: 4000 }, randomDouble).filter((x) => !Number.isNaN(x));
const strings = Array.from({ length: 500 }, randomString);
// Keys must not look like integers: a JS object would reorder them (see pythonJson.ts).
const values = Array.from({ length: 300 }, () => randomValue(0));
let expected: Record<string, Array<string | number>>;

before(() => {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ floats: floats.map(hexOf), strings, values }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `python_formats.py failed (${PYTHON}): ${run.stderr ?? run.error?.message}`);
  expected = JSON.parse(run.stdout) as typeof expected;
});

test('float repr and json.dumps agree with CPython on 4,000 random doubles', () => {
  floats.forEach((x, i) => {
    assert.equal(pythonFloatRepr(x), expected.float_repr?.[i], `repr of ${hexOf(x)}`);
    assert.equal(pythonJsonDumps(decodeFloats({ $float: x })), expected.float_json?.[i], `json of ${hexOf(x)}`);
  });
});

test('string json.dumps, repr, len and [:50] agree with CPython on random Unicode', () => {
  strings.forEach((s, i) => {
    assert.equal(pythonJsonDumps(s), expected.string_json?.[i], `json.dumps #${i}`);
    assert.equal(pythonRepr(s), expected.string_repr?.[i], `repr #${i}`);
    assert.equal(codePointLength(s), expected.string_len?.[i], `len #${i}`);
    assert.equal(sliceCodePoints(s, 50), expected.string_head50?.[i], `[:50] #${i}`);
  });
});

test('str() and json.dumps of random nested values agree with CPython', () => {
  values.forEach((v, i) => {
    const value = decodeFloats(v);
    assert.equal(pythonStr(value), expected.value_str?.[i], `str #${i}`);
    assert.equal(pythonJsonDumps(value), expected.value_json?.[i], `json.dumps #${i}`);
  });
});
