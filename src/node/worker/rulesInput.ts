/** Rules for the live engine: shipped defaults, then settings, then the workspace file (later wins). */
import { shippedDefaultRules } from '../../core/alerts/defaults';
import { mergeRuleSets, parseRulesDocument, parseRulesText } from '../../core/alerts/parseRules';
import type { AlertRule } from '../../core/alerts/rule';
import type { RulesInput } from '../../protocol/engineProtocol';

export interface RulesProblem {
  file: string | null;
  errors: Array<{ path: string; message: string }>;
}

export type RulesOutcome = { ok: true; rules: AlertRule[] } | { ok: false; problem: RulesProblem };

/** `rules[2].duration: must be …` → {path: 'rules[2].duration', message: 'must be …'}. */
export function splitProblem(text: string): { path: string; message: string } {
  const match = /^(\(document\)|rules(?:\[\d+\])?(?:\.[\w.[\]]+)?): (.*)$/s.exec(text);
  return match ? { path: match[1] as string, message: match[2] as string } : { path: '(document)', message: text };
}

export function resolveRules(input: RulesInput): RulesOutcome {
  const sets: AlertRule[][] = [input.defaults ? shippedDefaultRules() : []];
  if (input.settings.length > 0) {
    const result = parseRulesDocument({ rules: input.settings });
    if (!result.ok) return { ok: false, problem: { file: null, errors: result.errors.map(splitProblem) } };
    sets.push(result.rules);
  }
  for (const file of input.files) {
    const result = parseRulesText(file.text);
    if (!result.ok) return { ok: false, problem: { file: file.path, errors: result.errors.map(splitProblem) } };
    sets.push(result.rules);
  }
  return { ok: true, rules: mergeRuleSets(...sets) };
}
