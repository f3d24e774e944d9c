import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LineIndex, type EventLines } from '../../../src/node/worker/lineIndex';

/** A growable fake of the event store's two columns the index reads. */
function store(): EventLines & { add(sourceId: number, line: number): void } {
  const sources: number[] = [];
  const lines: number[] = [];
  return {
    get length() {
      return sources.length;
    },
    sourceId: (i) => sources[i] as number,
    lineNo: (i) => lines[i] as number,
    add(sourceId, line) {
      sources.push(sourceId);
      lines.push(line);
    },
  };
}

test('line index: events of one source by line range, interleaved sources, caught up as events arrive', () => {
  const s = store();
  const index = new LineIndex(s);
  assert.deepEqual(index.eventsInLines(0, 1, 10), [], 'empty store');
  // Two files read in turns; line 3 of source 0 has two events.
  for (const [src, line] of [[0, 1], [1, 1], [0, 2], [0, 3], [0, 3], [1, 2], [0, 5]] as const) s.add(src, line);
  assert.deepEqual(index.eventsInLines(0, 1, 10), [0, 2, 3, 4, 6]);
  assert.deepEqual(index.eventsInLines(0, 3, 3), [3, 4]);
  assert.deepEqual(index.eventsInLines(0, 4, 4), []);
  assert.deepEqual(index.eventsInLines(1, 2, 99), [5]);
  assert.deepEqual(index.eventsInLines(2, 1, 99), [], 'unknown source');
  assert.deepEqual(index.eventsInLines(0, 5, 1), [], 'empty range');
  // Appended later: only the new events are indexed, and found.
  s.add(0, 9);
  s.add(1, 3);
  assert.deepEqual(index.eventsInLines(0, 5, 9), [6, 7]);
  assert.deepEqual(index.eventsInLines(1, 1, 3), [1, 5, 8]);
});

test('line index: a source whose lines come out of order is still answered (by a scan), in line order', () => {
  const s = store();
  const index = new LineIndex(s);
  for (const line of [1, 4, 2, 8, 3]) s.add(0, line);
  assert.deepEqual(index.eventsInLines(0, 2, 4), [2, 4, 1]);
});

test('line index: 100k events, a screenful found by binary search', () => {
  const s = store();
  for (let i = 0; i < 100_000; i++) s.add(i % 2, Math.floor(i / 2) + 1);
  const index = new LineIndex(s);
  const found = index.eventsInLines(1, 40_001, 40_050);
  assert.equal(found.length, 50);
  assert.equal(s.lineNo(found[0] as number), 40_001);
  assert.ok(found.every((i) => s.sourceId(i) === 1));
});
