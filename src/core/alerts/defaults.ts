/** The rules Runlens ships (`media/default-rules.json`): they apply unless a rule of the same name replaces them. */
import defaultsJson from '../../../media/default-rules.json';
import { parseRulesDocument } from './parseRules';
import type { AlertRule } from './rule';

let parsed: AlertRule[] | undefined;

/** The shipped defaults, parsed once. A broken defaults file is a build error (a unit test parses it). */
export function shippedDefaultRules(): AlertRule[] {
  if (!parsed) {
    const result = parseRulesDocument(defaultsJson);
    if (!result.ok) throw new Error(`media/default-rules.json: ${result.errors.join('; ')}`);
    parsed = result.rules;
  }
  return parsed;
}
