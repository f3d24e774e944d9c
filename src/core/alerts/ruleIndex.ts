/**
 * Which alert streams a metric point or an event feeds: rules indexed by metric name,
 * pattern rules apart, tag filters as subset matches, one stream per group_by value
 * combination (created on first use, capped per rule so a high-cardinality tag cannot
 * exhaust memory).
 */
import { toText } from '../formats/fields';
import type { ParsedObject } from '../formats/record';
import { tagsMatch, type Tags } from '../metrics/store';
import { streamKey } from './alertDict';
import { compilePattern, eventTexts, type CompiledPattern } from './patterns';
import { dataIdentity, type AlertRule } from './rule';
import type { AlertStream } from './stream';

export const MAX_GROUPS_PER_RULE = 10_000;

export class CompiledRule {
  readonly dataId: string;
  readonly matcher: CompiledPattern | undefined;
  /** Streams by a cheap lookup key (group values joined), not the canonical stream key. */
  readonly streams = new Map<string, AlertStream>();
  droppedGroups = 0;

  constructor(public rule: AlertRule, public index: number) {
    this.dataId = dataIdentity(rule);
    this.matcher = rule.condition === 'pattern_detected' && rule.pattern !== undefined ? compilePattern(rule.pattern, rule.patternFlags) : undefined;
  }
}

export type StreamFactory = (compiled: CompiledRule, group: Record<string, string>, key: string) => AlertStream;

/** Group values of `values` for the rule's group_by keys; missing keys are left out of the group. */
function lookupKey(groupBy: readonly string[], read: (key: string) => string | undefined): string {
  let key = '';
  for (const k of groupBy) key += `${read(k) ?? '\u0002'}\u0001`;
  return key;
}

function fieldText(obj: ParsedObject, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? toText(obj[key]) : undefined;
}

export class RuleIndex {
  readonly rules: CompiledRule[] = [];
  private readonly byMetric = new Map<string, CompiledRule[]>();
  private readonly patternRules: CompiledRule[] = [];

  constructor(rules: readonly CompiledRule[], private readonly createStream: StreamFactory) {
    for (const compiled of rules) {
      this.rules.push(compiled);
      if (compiled.matcher) {
        this.patternRules.push(compiled);
      } else if (compiled.rule.metricName !== undefined) {
        const list = this.byMetric.get(compiled.rule.metricName) ?? [];
        list.push(compiled);
        this.byMetric.set(compiled.rule.metricName, list);
      }
    }
  }

  get hasPatternRules(): boolean {
    return this.patternRules.length > 0;
  }

  wantsMetric(name: string): boolean {
    return this.byMetric.has(name);
  }

  /** The stream of a rule for a group (created on first use); undefined past the group cap. */
  streamFor(compiled: CompiledRule, read: (key: string) => string | undefined): AlertStream | undefined {
    const groupBy = compiled.rule.groupBy;
    const lookup = groupBy.length === 0 ? '' : lookupKey(groupBy, read);
    let stream = compiled.streams.get(lookup);
    if (stream) return stream;
    if (compiled.streams.size >= MAX_GROUPS_PER_RULE) {
      compiled.droppedGroups++;
      return undefined;
    }
    const group = Object.create(null) as Record<string, string>;
    for (const k of groupBy) {
      const v = read(k);
      if (v !== undefined) group[k] = v;
    }
    stream = this.createStream(compiled, group, streamKey(compiled.rule.name, group));
    compiled.streams.set(lookup, stream);
    return stream;
  }

  /** Streams a metric point feeds. */
  streamsForPoint(name: string, tags: Tags, out: AlertStream[]): void {
    const candidates = this.byMetric.get(name);
    if (!candidates) return;
    for (const compiled of candidates) {
      if (!tagsMatch(tags, compiled.rule.tags)) continue;
      const stream = this.streamFor(compiled, (k) => (Object.prototype.hasOwnProperty.call(tags, k) ? tags[k] : undefined));
      if (stream) out.push(stream);
    }
  }

  /** Streams of the pattern rules an event matches; `tags` and group_by read the event's fields. */
  streamsForEvent(name: string, obj: ParsedObject, out: AlertStream[]): void {
    let texts: string[] | undefined;
    for (const compiled of this.patternRules) {
      const filter = compiled.rule.tags;
      let wanted = true;
      for (const k of Object.keys(filter)) {
        if (fieldText(obj, k) !== filter[k]) {
          wanted = false;
          break;
        }
      }
      if (!wanted) continue;
      texts ??= eventTexts(name, obj);
      const matcher = compiled.matcher as CompiledPattern;
      if (!texts.some((text) => matcher.test(text))) continue;
      const stream = this.streamFor(compiled, (k) => fieldText(obj, k));
      if (stream) out.push(stream);
    }
  }
}
