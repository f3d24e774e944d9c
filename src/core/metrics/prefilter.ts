/**
 * An exact fast path for one metric question (`runlens metrics --name N --tag k=v`): only
 * lines whose bytes could produce a point of the asked series are decoded, parsed and fed
 * to the engine; the answer is the same engine's, on the same points in the same order.
 *
 * Why a skipped line cannot matter (see docs in `planMetricPrefilter` and `PrefilteredIngest`):
 * - a point of (N, {k: v}) comes from a MetricPoint line (name N, tags[k] = v) or from an
 *   event whose derived point carries v read from the line (`tool_name`, `agent_name`, the
 *   model), so the line spells v as the JSON string `"v"`, or escapes something and so
 *   contains a backslash: lines with a backslash are never skipped;
 * - values a number or boolean could produce ("123", "true") and U+FFFD (invalid UTF-8) are
 *   not looked for; the derived `(unknown model)` comes from an absent model: for those the
 *   needles are the metric's own name and the event names or keys that derive it;
 * - `workflow_*` points depend on other lines of the workflow (counts, start): no fast path;
 * - a line without a timestamp takes the previous line's: when a kept event line has none
 *   after a skipped line, the answer could differ, so `inexact` is set and the caller reads
 *   everything instead. Only the queried series is exact: the engine's other state is not.
 */
import { detectKind, readTimestamp, type ParsedObject } from '../formats/record';
import type { Utf8Decoder } from '../formats/lineIngest';
import { LineSplitter, type LineSink } from '../formats/lineSplitter';
import type { Engine } from '../model/engine';
import type { SourceStats } from '../model/sources';
import type { NaiveTimeZone } from '../util/time';
import type { Tags } from './store';

/** Index of the first occurrence of `needle` in `haystack` at or after `from`, else -1 (Node passes Buffer#indexOf). */
export type ByteSearch = (haystack: Uint8Array, needle: Uint8Array, from: number) => number;

type Family = 'tool' | 'agent' | 'llm' | 'workflow';

/** Every metric the engine derives from events (engine.ts, derive.ts), by the events it comes from. */
export const DERIVED_METRICS: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['tool_execution_duration_ms', 'tool'],
  ['tool_execution_success', 'tool'],
  ['tool_execution_cost', 'tool'],
  ['agent_execution_duration_ms', 'agent'],
  ['agent_execution_success', 'agent'],
  ['llm_input_tokens', 'llm'],
  ['llm_output_tokens', 'llm'],
  ['llm_cost_usd', 'llm'],
  ['workflow_total_agents', 'workflow'],
  ['workflow_total_tools', 'workflow'],
  ['workflow_total_duration_ms', 'workflow'],
  ['workflow_success', 'workflow'],
]);

/**
 * Bytes every line deriving the family's points contains (unless it has a backslash):
 * tool events are named `tool_executed`/`tool_usage`, agent events `agent_execution*`
 * (record.ts), token usage keys end in `_tokens` or start with `llm.token_count.`.
 */
const FAMILY_NEEDLES: Readonly<Record<Exclude<Family, 'workflow'>, readonly string[]>> = {
  tool: ['"tool_executed"', '"tool_usage"'],
  agent: ['"agent_execution'],
  llm: ['_tokens"', '"llm.token_count.'],
};

/** The model tag of LLM points whose line names no model (engine.ts). */
const UNKNOWN_MODEL = '(unknown model)';

export type PrefilterPlan = { needles: readonly string[] } | { fullRead: string };

/** A tag value only a string field can produce, and only as its plain JSON spelling (or with a backslash). */
function searchableValue(value: string): boolean {
  if (value === 'true' || value === 'false') return false;
  // toText() turns numbers into strings: "1000" may be written 1e3.
  if (String(Number(value)) === value) return false;
  // Invalid UTF-8 bytes decode to U+FFFD.
  return !value.includes('\uFFFD');
}

/**
 * What a line must contain (any of `needles`, or a backslash) to possibly add a point to
 * the series `name` filtered by `tags`; `fullRead` when no such bytes exist.
 */
export function planMetricPrefilter(name: string, tags?: Tags): PrefilterPlan {
  const family = DERIVED_METRICS.get(name);
  if (family === 'workflow') return { fullRead: `${name} points depend on the other lines of their workflow` };
  let best: string | undefined;
  for (const key of Object.keys(tags ?? {})) {
    const value = (tags as Tags)[key] as string;
    if (!searchableValue(value)) continue;
    if (family === 'llm' && key === 'model' && value === UNKNOWN_MODEL) continue;
    const needle = JSON.stringify(value);
    if (best === undefined || needle.length > best.length) best = needle;
  }
  if (best !== undefined) return { needles: [best] };
  return { needles: [JSON.stringify(name), ...(family ? FAMILY_NEEDLES[family] : [])] };
}

/** UTF-8 bytes of a well-formed string (needles come from JSON.stringify: no lone surrogates). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Plain-TypeScript search for platforms without a native one. */
export const searchBytes: ByteSearch = (haystack, needle, from) => {
  const m = needle.length;
  const first = needle[0];
  const last = haystack.length - m;
  for (let i = haystack.indexOf(first as number, from); i !== -1 && i <= last; i = haystack.indexOf(first as number, i + 1)) {
    let j = 1;
    while (j < m && haystack[i + j] === needle[j]) j++;
    if (j === m) return i;
  }
  return -1;
};

const BACKSLASH = Uint8Array.of(0x5c);

export interface PrefilterOptions {
  naiveTimeZone?: NaiveTimeZone;
  maxLineBytes: number;
}

/**
 * Like `SourceIngest` (one source, bytes in), but a line reaches the engine only when it
 * contains one of the needles or a backslash. Needle positions are searched once per chunk
 * (each search runs ahead to the next occurrence), so a skipped line costs no per-line work
 * beyond the line splitting.
 */
export class PrefilteredIngest implements LineSink {
  private readonly splitter: LineSplitter;
  private readonly needles: Uint8Array[];
  /** Per needle: position of its next occurrence in `chunk` (Infinity: none left; -1: not searched). */
  private readonly hits: number[];
  private chunk: Uint8Array | undefined;
  private readonly naive: NaiveTimeZone;
  /** A line was skipped since the last kept line that set `source.lastTs` from its own timestamp. */
  private stale = false;
  /** A kept line needed the timestamp of a skipped line: this answer would not be exact. */
  inexact = false;
  /** Lines decoded and handed to the engine. */
  kept = 0;
  skipped = 0;

  constructor(
    private readonly engine: Engine,
    readonly source: SourceStats,
    private readonly decode: Utf8Decoder,
    private readonly search: ByteSearch,
    needles: readonly string[],
    private readonly options: PrefilterOptions,
  ) {
    this.splitter = new LineSplitter(options.maxLineBytes);
    this.needles = [...needles.map(utf8Bytes), BACKSLASH];
    this.hits = this.needles.map(() => -1);
    this.naive = options.naiveTimeZone ?? 'utc';
  }

  push(chunk: Uint8Array): void {
    if (this.inexact) return;
    this.chunk = chunk;
    this.hits.fill(-1);
    this.splitter.push(chunk, this);
    this.chunk = undefined;
  }

  end(): void {
    if (!this.inexact) this.splitter.flush(this);
  }

  line(bytes: Uint8Array, start: number, end: number, lineNo: number, byteOffset: number): void {
    if (this.inexact) return;
    if (!this.mayContribute(bytes, start, end)) {
      this.skipped++;
      this.stale = true;
      return;
    }
    this.kept++;
    const text = this.decode(bytes, start, end);
    if (!this.stale) {
      // source.lastTs is what a full read would have here: the engine takes it from there.
      this.engine.ingestText(this.source, text, lineNo, byteOffset);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      // Malformed: counted by the engine as usual; it touches no timestamp.
      this.engine.ingestText(this.source, text, lineNo, byteOffset);
      return;
    }
    const obj = parsed as ParsedObject;
    if (detectKind(obj) === 'event' && Number.isNaN(readTimestamp(obj, this.naive))) {
      // It would take the timestamp of a line that was skipped.
      this.inexact = true;
      return;
    }
    // Unknown here; lines that inherit it (alerts) make no points, and keep it unknown.
    this.source.lastTs = NaN;
    this.engine.ingestObject(this.source, obj, lineNo, byteOffset);
    if (!Number.isNaN(this.source.lastTs)) this.stale = false;
  }

  oversized(lineNo: number, byteOffset: number, byteLength: number): void {
    this.engine.ingestMalformed(
      this.source,
      lineNo,
      byteOffset,
      `line of ${byteLength} bytes is longer than the ${this.options.maxLineBytes}-byte cap`,
    );
  }

  private mayContribute(bytes: Uint8Array, start: number, end: number): boolean {
    const needles = this.needles;
    if (bytes !== this.chunk) {
      // A line pieced together across chunks (held in the splitter's own buffer).
      const line = bytes.subarray(start, end);
      for (const needle of needles) if (this.search(line, needle, 0) !== -1) return true;
      return false;
    }
    const hits = this.hits;
    for (let i = 0; i < needles.length; i++) {
      let hit = hits[i] as number;
      if (hit < start) {
        hit = this.search(bytes, needles[i] as Uint8Array, start);
        if (hit === -1) hit = Infinity;
        hits[i] = hit;
      }
      if (hit + (needles[i] as Uint8Array).length <= end) return true;
    }
    return false;
  }
}
