/**
 * Alert message templates format numbers as CPython's str.format does, checked against
 * /usr/bin/python3 itself (test/fixtures/python/python_formats.py): every float presentation
 * (f F e E g G %, no type with a precision, grouping) over random doubles, exact binary ties
 * (2.5, 0.125, k/2^n) and decimals just off a tie (2.675). Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { renderTemplate } from '../../src/core/alerts/template';
import { Random } from '../../src/demo/random';

const PYTHON = process.env.RUNLENS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const SCRIPT = join(import.meta.dirname, '..', 'fixtures', 'python', 'python_formats.py');
const SPECS = [
  '.0f', '.1f', '.2f', '.3f', 'f', '.12f', '.0F', ',.2f', '_.0f',
  '.0e', '.1e', '.2e', 'e', '.16e', '.3E',
  '.0g', '.1g', '.2g', '.3g', 'g', '.17g', '.4G',
  '.0%', '.1%', '%', ',.1%',
  '.0', '.1', '.2', '.3', '.6', '.12', ',.3',
];

const rng = new Random(20261125);

function randomDouble(): number {
  const sign = rng.chance(0.5) ? -1 : 1;
  switch (rng.int(0, 3)) {
    case 0: { // any bit pattern
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, rng.int(0, 2 ** 32 - 1));
      view.setUint32(4, rng.int(0, 2 ** 32 - 1));
      return view.getFloat64(0);
    }
    case 1: // exact binary ties at some decimal place: k / 2^n
      return (sign * rng.int(0, 2_000_000)) / 2 ** rng.int(0, 12);
    case 2: // short decimals, most of which are just off a tie (2.675, 1.005)
      return (sign * rng.int(0, 1_000_000)) / 10 ** rng.int(0, 6);
    default: // any magnitude
      return sign * rng.next() * 10 ** rng.int(-8, 22);
  }
}

function hexOf(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return Array.from(new Uint8Array(view.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

const floats = [0, -0, 0.5, 1.5, 2.5, 0.125, 2.675, 9.9999995, 5e-324, Number.MAX_VALUE, 1e21, NaN, Infinity, -Infinity, ...Array.from({ length: 1500 }, randomDouble)];
let expected: string[][];

before(() => {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ floats: floats.map(hexOf), strings: [], values: [], specs: SPECS }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `python_formats.py failed (${PYTHON}): ${run.stderr ?? run.error?.message}`);
  expected = (JSON.parse(run.stdout) as { float_format: string[][] }).float_format;
});

test(`{value:spec} agrees with CPython's format(value, spec) for ${SPECS.length} specs and ${floats.length} doubles`, () => {
  const mismatches: string[] = [];
  floats.forEach((value, i) => {
    SPECS.forEach((spec, j) => {
      const python = expected[i]?.[j];
      const ours = renderTemplate(`{value:${spec}}`, { value });
      if (ours !== python) mismatches.push(`format(${value} [${hexOf(value)}], '${spec}'): python ${python}, runlens ${ours}`);
    });
  });
  assert.deepEqual(mismatches.slice(0, 20), []);
});
