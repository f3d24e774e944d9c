// Expected strings below were produced by CPython 3.11 (repr, str, json.dumps).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyFloat, pythonJsonDumps, pythonRepr, pythonStr } from '../../../src/logger/index';
import { pythonFloatRepr } from '../../../src/logger/pythonNumbers';
import { codePointLength, sliceCodePoints } from '../../../src/logger/pythonText';

test('float repr matches CPython, including the fixed/exponent switch points', () => {
  const cases: Array<[number, string]> = [
    [812.5, '812.5'], [1, '1.0'], [0, '0.0'], [-0, '-0.0'], [1e-5, '1e-05'], [0.0001, '0.0001'],
    [0.00012345, '0.00012345'], [1e16, '1e+16'], [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'], [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.5e300, '1.5e+300'], [5e-324, '5e-324'], [0.1 + 0.2, '0.30000000000000004'],
    [-2.5e-7, '-2.5e-07'], [1e22, '1e+22'], [2 ** 53, '9007199254740992.0'], [100, '100.0'], [0.5, '0.5'],
    [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'],
  ];
  for (const [x, expected] of cases) assert.equal(pythonFloatRepr(x), expected, String(x));
});

test('json.dumps numbers: ints stay ints, PyFloat and fractions are floats, NaN/Infinity tokens', () => {
  assert.equal(pythonJsonDumps([1, -7, 0, -0, 9007199254740991, pyFloat(1000), 812.5, 1e16, pyFloat(-0)]), '[1, -7, 0, 0, 9007199254740991, 1000.0, 812.5, 1e+16, -0.0]');
  assert.equal(pythonJsonDumps([NaN, Infinity, -Infinity]), '[NaN, Infinity, -Infinity]');
  assert.equal(pythonJsonDumps(12345678901234567890n), '12345678901234567890');
});

test('json.dumps strings: ensure_ascii escapes exactly as CPython', () => {
  assert.equal(
    pythonJsonDumps('a"b\\c\n\r\t\b\f\u0000\u001f\u007f\u0080é€😀\u2028'),
    '"a\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\\u0080\\u00e9\\u20ac\\ud83d\\ude00\\u2028"',
  );
  assert.equal(pythonJsonDumps('\ud800'), '"\\ud800"');
});

test('json.dumps containers: ", " and ": " separators, Map order, undefined properties absent', () => {
  const ordered = new Map<string, unknown>([['b', 1], ['2', null], ['a', [true, false]]]);
  assert.equal(pythonJsonDumps(ordered), '{"b": 1, "2": null, "a": [true, false]}');
  assert.equal(pythonJsonDumps({ x: undefined, y: {} }), '{"y": {}}');
  assert.equal(pythonJsonDumps([]), '[]');
});

test('json.dumps never throws: cycles, dates, errors, functions', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(pythonJsonDumps(cyclic), '{"a": 1, "self": "<circular reference>"}');
  assert.equal(pythonJsonDumps(new Date(Date.UTC(2026, 0, 2))), '"2026-01-02T00:00:00.000Z"');
  class ValueError extends Error {}
  assert.equal(pythonJsonDumps(new ValueError('boom')), '"ValueError(\\"boom\\")"');
  assert.equal(pythonJsonDumps(Symbol('s')), '"Symbol(s)"');
});

test('__proto__ and constructor keys are data', () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c"}') as object;
  assert.equal(pythonJsonDumps(parsed), '{"__proto__": {"polluted": 1}, "constructor": "c"}');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('repr of strings: quote choice and escapes as CPython', () => {
  assert.equal(pythonRepr("it's"), `"it's"`);
  assert.equal(pythonRepr('say "hi"'), `'say "hi"'`);
  assert.equal(pythonRepr(`both ' "`), `'both \\' "'`);
  assert.equal(
    pythonRepr('tab\tnl\n\u0000\u007f\u0080\u00a0é\u200b\u2028😀\u{e0001}\ud800'),
    "'tab\\tnl\\n\\x00\\x7f\\x80\\xa0é\\u200b\\u2028😀\\U000e0001\\ud800'",
  );
});

test('str() of containers and scalars as CPython', () => {
  assert.equal(pythonStr({ a: 1, b: [pyFloat(1), null, true], c: { d: 'x' } }), "{'a': 1, 'b': [1.0, None, True], 'c': {'d': 'x'}}");
  assert.equal(pythonStr([]), '[]');
  assert.equal(pythonStr({}), '{}');
  assert.equal(pythonStr('plain'), 'plain');
  assert.equal(pythonStr(false), 'False');
  assert.equal(pythonStr(undefined), 'None');
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  assert.equal(pythonStr(cyclic), '[1, [...]]');
});

test('lengths and slices count code points, as Python does', () => {
  assert.equal(codePointLength('😀😀a'), 3);
  assert.equal(sliceCodePoints('😀😀a', 2), '😀😀');
  assert.equal(codePointLength('\ud800x'), 2);
  assert.equal(sliceCodePoints('ab', 5), 'ab');
});
