import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { UintColumn } from '../../../src/core/util/columns';

test('UintColumn widens 1 → 2 → 4 → 8 bytes and keeps every earlier value exactly', () => {
  const column = new UintColumn(2);
  const values = [0, 255, 256, 65_535, 65_536, 4_294_967_295, 4_294_967_296, 2 ** 53 - 1, 7];
  const widths: number[] = [];
  for (const v of values) {
    column.push(v);
    column.shrinkToFit();
    widths.push(column.byteLength / column.length);
  }
  assert.deepEqual(widths, [1, 1, 2, 2, 4, 4, 8, 8, 8]);
  assert.deepEqual(Array.from({ length: column.length }, (_, i) => column.get(i)), values);
  // set() may widen too (a workflow's next-event distance is written after the fact).
  const small = new UintColumn();
  small.push(1);
  small.push(2);
  small.set(0, 70_000);
  assert.deepEqual([small.get(0), small.get(1)], [70_000, 2]);
  small.shrinkToFit();
  assert.equal(small.byteLength, 2 * 4);
  small.reserve(100);
  assert.equal(small.length, 2);
  assert.equal(small.get(0), 70_000);
});
