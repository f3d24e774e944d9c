/**
 * Runs one metric question both ways over the same bytes: the full engine (every line
 * through SourceIngest) and the byte prefilter (PrefilteredIngest), fed in chunks of a
 * given size so lines split across chunks take the prefilter's other path.
 */
import { SourceIngest } from '../../src/core/formats/lineIngest';
import { PrefilteredIngest, planMetricPrefilter, searchBytes, type ByteSearch } from '../../src/core/metrics/prefilter';
import type { Tags, TimeRange } from '../../src/core/metrics/store';
import { Engine } from '../../src/core/model/engine';
import type { NaiveTimeZone } from '../../src/core/util/time';
import { decodeUtf8 } from '../../src/node/decode';
import { nodeByteSearch } from '../../src/node/prefilteredRead';

export interface Question {
  name: string;
  tags?: Tags;
  range?: TimeRange;
}

export interface Outcome {
  full: unknown;
  /** Undefined when the plan says "read everything" or the prefilter gave up (inexact). */
  fast: unknown;
  plan: 'needles' | 'fullRead';
  inexact: boolean;
  kept: number;
  skipped: number;
}

const MAX_LINE = 4096;

function feed(push: (chunk: Uint8Array) => void, files: readonly Uint8Array[], fileIndex: number, chunkBytes: number): void {
  const bytes = files[fileIndex] as Uint8Array;
  for (let at = 0; at < bytes.length; at += chunkBytes) push(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
}

export function ask(
  files: readonly Uint8Array[],
  q: Question,
  options: { chunkBytes?: number; search?: ByteSearch; naive?: NaiveTimeZone } = {},
): Outcome {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const naive = options.naive ?? 'utc';
  const full = new Engine({ naiveTimeZone: naive });
  files.forEach((_, i) => {
    const ingest = new SourceIngest(full, full.addSource(`f${i}.jsonl`), decodeUtf8, MAX_LINE);
    feed((c) => ingest.push(c), files, i, chunkBytes);
    ingest.end();
  });
  const fullAnswer = full.metrics.summary(q.name, q.range, q.tags);
  const plan = planMetricPrefilter(q.name, q.tags);
  if (!('needles' in plan)) return { full: fullAnswer, fast: undefined, plan: 'fullRead', inexact: false, kept: 0, skipped: 0 };
  const engine = new Engine({ naiveTimeZone: naive });
  let inexact = false;
  let kept = 0;
  let skipped = 0;
  for (let i = 0; i < files.length && !inexact; i++) {
    const ingest = new PrefilteredIngest(engine, engine.addSource(`f${i}.jsonl`), decodeUtf8, options.search ?? searchBytes, plan.needles, {
      maxLineBytes: MAX_LINE,
      naiveTimeZone: naive,
    });
    feed((c) => ingest.push(c), files, i, chunkBytes);
    ingest.end();
    inexact = ingest.inexact;
    kept += ingest.kept;
    skipped += ingest.skipped;
  }
  return { full: fullAnswer, fast: inexact ? undefined : engine.metrics.summary(q.name, q.range, q.tags), plan: 'needles', inexact, kept, skipped };
}

export const SEARCHES: ReadonlyArray<[string, ByteSearch]> = [
  ['plain TS search', searchBytes],
  ['Buffer#indexOf', nodeByteSearch],
];
