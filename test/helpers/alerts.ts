/** Builders for alert tests: rules from raw JSON, points at seconds past a fixed instant, replays of log text. */
import { strict as assert } from 'node:assert';
import { AlertEngine } from '../../src/core/alerts/alertEngine';
import type { AlertChange } from '../../src/core/alerts/alertDict';
import { AlertFeed } from '../../src/core/alerts/feed';
import { parseRulesDocument } from '../../src/core/alerts/parseRules';
import type { AlertRule, RawRule } from '../../src/core/alerts/rule';
import type { Engine } from '../../src/core/model/engine';
import { ingest, newEngine } from './ingest';

export const T0 = Date.parse('2026-11-24T10:00:00Z');

/** Epoch ms `s` seconds after T0. */
export function sec(s: number): number {
  return T0 + s * 1000;
}

export function rules(...raw: Array<Partial<RawRule> & Record<string, unknown>>): AlertRule[] {
  const result = parseRulesDocument({ rules: raw });
  assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
  return result.rules;
}

export function ref(line: number, sourceId = 0): { sourceId: number; line: number; byteOffset: number } {
  return { sourceId, line, byteOffset: line * 100 };
}

/** An alert engine over `raw` rules with sources named /logs/<id>.jsonl. */
export function alertEngine(...raw: Array<Partial<RawRule> & Record<string, unknown>>): AlertEngine {
  return new AlertEngine(rules(...raw), { sourcePath: (id) => `/logs/${id}.jsonl` });
}

/** Stages a point at T0 + s seconds and evaluates there; returns the changes. */
export function pointAt(alerts: AlertEngine, name: string, tags: Record<string, string>, s: number, value: number, line = 1): readonly AlertChange[] {
  alerts.noteActivity(sec(s));
  alerts.notePoint(name, tags, sec(s), value, ref(line));
  return alerts.evaluate(sec(s));
}

export function evalAt(alerts: AlertEngine, s: number, historical = false): readonly AlertChange[] {
  return alerts.evaluate(sec(s), { historical });
}

/** Reads `sources` (path → text) in the given order and replays `ruleSet` over them in merged time order. */
export function replay(sources: ReadonlyArray<[path: string, text: string]>, ruleSet: readonly AlertRule[], historical = false): { engine: Engine; changes: AlertChange[] } {
  const engine = newEngine();
  const alerts = new AlertEngine(ruleSet, { sourcePath: (id) => engine.sources[id]?.path });
  const feed = new AlertFeed(alerts, 'record');
  engine.observe(feed);
  for (const [path, text] of sources) ingest(engine, path, text);
  return { engine, changes: feed.replay({ historical }) };
}

/** Compact view of changes for assertions: "alert rule@sec" / "resolved rule@sec". */
export function summary(changes: readonly AlertChange[]): string[] {
  return changes.map((c) => `${c.type} ${c.alert.rule_name}${groupText(c)}@${(c.at - T0) / 1000}`);
}

function groupText(c: AlertChange): string {
  const entries = Object.entries(c.alert.metadata.group);
  return entries.length === 0 ? '' : `[${entries.map(([k, v]) => `${k}=${v}`).join(',')}]`;
}
