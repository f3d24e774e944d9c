import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LineSplitter, type LineSink } from '../../../src/core/formats/lineSplitter';

interface Seen {
  lines: Array<{ text: string; lineNo: number; byteOffset: number }>;
  oversized: Array<{ lineNo: number; byteOffset: number; byteLength: number }>;
}

function collector(): { sink: LineSink; seen: Seen } {
  const seen: Seen = { lines: [], oversized: [] };
  return {
    seen,
    sink: {
      line: (bytes, start, end, lineNo, byteOffset) =>
        seen.lines.push({ text: Buffer.from(bytes.subarray(start, end)).toString('utf8'), lineNo, byteOffset }),
      oversized: (lineNo, byteOffset, byteLength) => seen.oversized.push({ lineNo, byteOffset, byteLength }),
    },
  };
}

function split(input: Buffer, chunkSize: number, cap = 1024): Seen {
  const { sink, seen } = collector();
  const splitter = new LineSplitter(cap);
  for (let i = 0; i < input.length; i += chunkSize) splitter.push(input.subarray(i, i + chunkSize), sink);
  splitter.flush(sink);
  return seen;
}

test('every chunking of the same bytes yields the same lines, offsets and numbers', () => {
  const input = Buffer.from('\uFEFF{"a":1}\r\n\n{"b":"é"}\r\n{"c":3}');
  const expected = split(input, input.length);
  assert.deepEqual(
    expected.lines.map((l) => [l.text, l.lineNo, l.byteOffset]),
    [
      ['{"a":1}', 1, 3],
      ['', 2, 12],
      ['{"b":"é"}', 3, 13],
      ['{"c":3}', 4, 25],
    ],
  );
  for (let size = 1; size <= input.length; size++) assert.deepEqual(split(input, size), expected, `chunk size ${size}`);
});

test('byteOffset points at the first byte of each line in the file', () => {
  const input = Buffer.from('\uFEFFab\ncdé\r\nfg\n');
  for (const l of split(input, 3).lines) {
    assert.equal(input.subarray(l.byteOffset, l.byteOffset + Buffer.byteLength(l.text)).toString(), l.text);
  }
});

test('a line over the cap is reported once and the next line is still read', () => {
  const long = 'x'.repeat(5000);
  const input = Buffer.from(`{"a":1}\n${long}\n{"b":2}\n`);
  for (const size of [7, 100, 4096, input.length]) {
    const seen = split(input, size, 1000);
    assert.deepEqual(seen.lines.map((l) => [l.text, l.lineNo]), [['{"a":1}', 1], ['{"b":2}', 3]]);
    assert.deepEqual(seen.oversized, [{ lineNo: 2, byteOffset: 8, byteLength: 5000 }]);
  }
});

test('a held partial line never grows past the cap (10 MiB line, 64 KiB chunks)', () => {
  const { sink, seen } = collector();
  const splitter = new LineSplitter(1024 * 1024);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  for (let i = 0; i < 160; i++) splitter.push(chunk, sink);
  splitter.push(Buffer.from('\n{"ok":true}\n'), sink);
  assert.deepEqual(seen.oversized, [{ lineNo: 1, byteOffset: 0, byteLength: 160 * 64 * 1024 }]);
  assert.deepEqual(seen.lines.map((l) => l.text), ['{"ok":true}']);
});

test('position stays at the last complete line while a partial one is held', () => {
  const { sink } = collector();
  const splitter = new LineSplitter(1024);
  splitter.push(Buffer.from('{"a":1}\n{"b"'), sink);
  assert.deepEqual(splitter.position, { offset: 8, lines: 1 });
  assert.equal(splitter.hasPartial, true);
  splitter.push(Buffer.from(':2}\n'), sink);
  assert.deepEqual(splitter.position, { offset: 16, lines: 2 });
  assert.equal(splitter.hasPartial, false);
});

test('resuming from a position continues line numbers and offsets', () => {
  const { sink, seen } = collector();
  const splitter = new LineSplitter(1024, { offset: 100, lines: 7 });
  splitter.push(Buffer.from('{"x":1}\n'), sink);
  assert.deepEqual(seen.lines, [{ text: '{"x":1}', lineNo: 8, byteOffset: 100 }]);
});
