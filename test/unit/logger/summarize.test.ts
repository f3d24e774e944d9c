// The seed's _summarize_input/_output/_parameters/_result rules (monitoring-and-logging-design.md §1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  REDACTED,
  pyFloat,
  pythonJsonDumps,
  summarizeInput,
  summarizeOutput,
  summarizeParameters,
  summarizeResult,
} from '../../../src/logger/index';

test('input: strings over 100 code points are cut to 100 plus "..."; 100 exactly is kept', () => {
  const s = summarizeInput({ long: 'x'.repeat(101), exact: 'y'.repeat(100), emoji: '😀'.repeat(101) });
  assert.equal(s.long, `${'x'.repeat(100)}...`);
  assert.equal(s.exact, 'y'.repeat(100));
  assert.equal(s.emoji, `${'😀'.repeat(100)}...`);
});

test('input: numbers and booleans kept, dict → {type, keys}, list → {type, length}, others → type repr', () => {
  const ratio = pyFloat(2);
  const s = summarizeInput({
    n: 3,
    f: 0.5,
    ratio,
    ok: false,
    filters: { lang: 'en', region: 'eu' },
    map: new Map([['k', 1]]),
    items: [1, 2, 3],
    none: null,
    missing: undefined,
  });
  assert.deepEqual(s, {
    n: 3,
    f: 0.5,
    ratio,
    ok: false,
    filters: { type: 'dict', keys: ['lang', 'region'] },
    map: { type: 'dict', keys: ['k'] },
    items: { type: 'list', length: 3 },
    none: "<class 'NoneType'>",
  });
  assert.equal(summarizeOutput, summarizeInput);
});

test('parameters: api_key/password/secret/token redacted case-insensitively, nothing else', () => {
  const s = summarizeParameters({ api_key: 'sk', PASSWORD: 'p', Secret: 's', token: 't', secret_key: 'kept', authorization: 'kept' });
  assert.deepEqual(s, { api_key: REDACTED, PASSWORD: REDACTED, Secret: REDACTED, token: REDACTED, secret_key: 'kept', authorization: 'kept' });
  assert.equal(REDACTED, '***REDACTED***');
});

test('parameters: extra redaction keys can be configured', () => {
  assert.deepEqual(summarizeParameters({ Authorization: 'Bearer x', q: 'y' }, ['authorization']), { Authorization: REDACTED, q: 'y' });
});

test('parameters: str(value) cut at 50 code points plus "..."', () => {
  const s = summarizeParameters({
    q: 'q'.repeat(51),
    exact: 'e'.repeat(50),
    n: 10,
    f: pyFloat(3),
    b: true,
    none: null,
    nested: { lang: 'en', tags: ['a', 'b'], q: "it's", n: null },
  });
  assert.equal(s.q, `${'q'.repeat(50)}...`);
  assert.equal(s.exact, 'e'.repeat(50));
  assert.equal(s.n, '10');
  assert.equal(s.f, '3.0');
  assert.equal(s.b, 'True');
  assert.equal(s.none, 'None');
  assert.equal(s.nested, `{'lang': 'en', 'tags': ['a', 'b'], 'q': "it's", 'n...`);
});

test('result: dict → {type, keys, size_bytes = len(json.dumps(result))}', () => {
  const result = { hits: 3, title: 'Café' };
  assert.deepEqual(summarizeResult(result), { type: 'dict', keys: ['hits', 'title'], size_bytes: pythonJsonDumps(result).length });
  assert.equal(pythonJsonDumps(result).length, '{"hits": 3, "title": "Caf\\u00e9"}'.length);
});

test('result: string → {type: str, length, preview of 100} without "..."', () => {
  assert.deepEqual(summarizeResult('😀'.repeat(120)), { type: 'str', length: 120, preview: '😀'.repeat(100) });
});

test('result: anything else → {type: str(type(r)), value: str(r)}', () => {
  assert.deepEqual(summarizeResult([1, pyFloat(2), 'three']), { type: "<class 'list'>", value: "[1, 2.0, 'three']" });
  assert.deepEqual(summarizeResult(null), { type: "<class 'NoneType'>", value: 'None' });
  assert.deepEqual(summarizeResult(5), { type: "<class 'int'>", value: '5' });
  assert.deepEqual(summarizeResult(0.25), { type: "<class 'float'>", value: '0.25' });
  assert.deepEqual(summarizeResult(true), { type: "<class 'bool'>", value: 'True' });
});

test('__proto__ keys in inputs stay data in the summary', () => {
  const input = JSON.parse('{"__proto__": "x", "a": 1}') as Record<string, unknown>;
  const s = summarizeInput(input);
  assert.deepEqual(Object.keys(s), ['__proto__', 'a']);
  assert.equal(Object.getPrototypeOf(s), Object.prototype);
});
