/**
 * From a rules document (`{"rules": [...]}`) to checked `AlertRule`s: the JSON Schema
 * first (ruleSchema.ts), then what a schema cannot say (durations that are zero, regexes
 * that do not compile, duplicate names, error rates outside 0..1). Every problem names
 * the JSON path of its field. An invalid document yields no rules at all: callers keep
 * their last valid set (`LastValidRules`).
 */
import type { Aggregate } from '../metrics/stats';
import { DURATION_HINT, parseDuration } from './duration';
import { compilePattern } from './patterns';
import {
  DEFAULT_COOLDOWN, DEFAULT_DURATION, DEFAULT_SEVERITY, defaultAggregate, defaultTemplate,
  type AlertRule, type RawRule,
} from './rule';
import { schemaErrors } from './ruleSchema';

export type RulesResult =
  | { ok: true; rules: AlertRule[]; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

function durationText(raw: string | number | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  return typeof raw === 'number' ? `${raw}s` : raw.trim();
}

/** Builds one rule from a schema-valid raw rule; pushes problems to `errors` / `warnings`. */
function buildRule(raw: RawRule, at: string, errors: string[], warnings: string[]): AlertRule | undefined {
  const before = errors.length;
  const durationMs = parseDuration(raw.duration ?? DEFAULT_DURATION);
  const cooldownMs = parseDuration(raw.cooldown ?? DEFAULT_COOLDOWN);
  const forMs = parseDuration(raw.for ?? 0);
  if (Number.isNaN(durationMs)) errors.push(`${at}.duration: ${DURATION_HINT}`);
  else if (durationMs <= 0) errors.push(`${at}.duration: must be longer than 0 (the window is (t − duration, t])`);
  if (Number.isNaN(cooldownMs)) errors.push(`${at}.cooldown: ${DURATION_HINT}`);
  if (Number.isNaN(forMs)) errors.push(`${at}.for: ${DURATION_HINT}`);

  const condition = raw.condition;
  if (condition === 'error_rate_high' && raw.threshold !== undefined && !(raw.threshold >= 0 && raw.threshold < 1)) {
    errors.push(`${at}.threshold: an error rate is a fraction in [0, 1) (0.2 means 20% of executions failed)`);
  }
  if (condition === 'error_rate_high' && raw.metric_name !== undefined && !raw.metric_name.endsWith('_success')) {
    warnings.push(`${at}.metric_name: error_rate_high reads 1 − mean of a 0/1 *_success metric; "${raw.metric_name}" does not look like one`);
  }
  if (raw.aggregate !== undefined && (condition === 'error_rate_high' || condition === 'no_data' || condition === 'pattern_detected')) {
    warnings.push(`${at}.aggregate: ignored for ${condition}`);
  }
  if (raw.pattern !== undefined) {
    try {
      compilePattern(raw.pattern, raw.pattern_flags ?? '');
    } catch (err) {
      const hint = /\(\?<?[=!]|\\[1-9]/.test(raw.pattern) ? ' (RE2 has no lookaround or backreferences)' : '';
      errors.push(`${at}.pattern: invalid regular expression (RE2 syntax): ${(err as Error).message}${hint}`);
    }
    if (condition !== 'pattern_detected') warnings.push(`${at}.pattern: only used by pattern_detected`);
  }
  if (errors.length > before) return undefined;

  const aggregate: Aggregate =
    condition === 'error_rate_high' || condition === 'no_data' || condition === 'pattern_detected'
      ? defaultAggregate(condition)
      : (raw.aggregate ?? defaultAggregate(condition));
  return {
    name: raw.name,
    condition,
    metricName: raw.metric_name,
    threshold: raw.threshold ?? 0,
    severity: raw.severity ?? DEFAULT_SEVERITY,
    durationMs,
    cooldownMs,
    forMs,
    tags: copyRecord(raw.tags),
    groupBy: [...(raw.group_by ?? [])],
    aggregate,
    messageTemplate: raw.message_template ?? defaultTemplate(condition),
    pattern: raw.pattern,
    patternFlags: raw.pattern_flags ?? '',
    enabled: raw.enabled ?? true,
    durationText: durationText(raw.duration, DEFAULT_DURATION),
    description: raw.description,
  };
}

/** A prototype-free copy, so a `__proto__` tag key is data. */
function copyRecord(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (record) for (const key of Object.keys(record)) out[key] = record[key] as string;
  return out;
}

/** Index of the rule a problem is about (`rules[3].x: …` → 3), -1 for document-level problems. */
function ruleIndexOf(problem: string): number {
  const match = /^rules\[(\d+)\]/.exec(problem);
  return match ? Number(match[1]) : -1;
}

/**
 * Checks a parsed rules document. Rules that pass the schema also get the semantic
 * checks, so one run reports every problem. Disabled rules are kept (with
 * `enabled: false`) so they can switch off defaults.
 */
export function parseRulesDocument(document: unknown): RulesResult {
  const warnings: string[] = [];
  const errors = schemaErrors(document);
  const rawRules = (document as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rawRules)) return { ok: false, errors, warnings };
  const invalid = new Set(errors.map(ruleIndexOf));
  if (invalid.has(-1)) return { ok: false, errors, warnings };
  const rules: AlertRule[] = [];
  const firstIndex = new Map<string, number>();
  (rawRules as RawRule[]).forEach((raw, index) => {
    if (invalid.has(index)) return;
    const at = `rules[${index}]`;
    const earlier = firstIndex.get(raw.name);
    if (earlier !== undefined) errors.push(`${at}.name: duplicate rule name "${raw.name}" (also rules[${earlier}])`);
    else firstIndex.set(raw.name, index);
    const rule = buildRule(raw, at, errors, warnings);
    if (rule) rules.push(rule);
  });
  if (errors.length === 0) return { ok: true, rules, warnings };
  // Report in document order whichever check found the problem.
  const ordered = errors.map((e, i) => [ruleIndexOf(e), i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { ok: false, errors: ordered.map(([, , e]) => e), warnings };
}

/** `… at position 17` → `… (line 2, column 5)`. */
function withLineAndColumn(message: string, text: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

/** Parses rules file text; JSON syntax errors are reported like schema errors. */
export function parseRulesText(text: string): RulesResult {
  let document: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    document = JSON.parse(body);
  } catch (err) {
    return { ok: false, errors: [`(document): not valid JSON: ${withLineAndColumn((err as Error).message, body)}`], warnings: [] };
  }
  return parseRulesDocument(document);
}

/**
 * Merges rule sets by name, later sets winning (defaults, then settings, then the
 * workspace file); a rule with `enabled: false` removes the rule of that name.
 */
export function mergeRuleSets(...sets: ReadonlyArray<readonly AlertRule[]>): AlertRule[] {
  const byName = new Map<string, AlertRule>();
  for (const set of sets) {
    for (const rule of set) {
      byName.delete(rule.name);
      byName.set(rule.name, rule);
    }
  }
  return [...byName.values()].filter((rule) => rule.enabled);
}

/** Holds the rules in force: an invalid update is refused and the last valid set stays. */
export class LastValidRules {
  private current: AlertRule[] = [];
  private problems: string[] = [];

  /** Applies `result` when it is valid; returns whether it was applied. */
  update(result: RulesResult): boolean {
    if (!result.ok) {
      this.problems = result.errors;
      return false;
    }
    this.current = result.rules;
    this.problems = [];
    return true;
  }

  get rules(): readonly AlertRule[] {
    return this.current;
  }

  /** Errors of the last refused update (empty after a valid one). */
  get errors(): readonly string[] {
    return this.problems;
  }
}
