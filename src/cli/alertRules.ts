/**
 * Which alert rules a CLI command replays: with `--rules F` only F's; otherwise the
 * shipped defaults overridden by the current directory's `.runlens/alerts.json`.
 * An invalid file ends the command with exit 2 and one line naming the field.
 */
import { shippedDefaultRules } from '../core/alerts/defaults';
import { mergeRuleSets } from '../core/alerts/parseRules';
import type { AlertRule } from '../core/alerts/rule';
import { readRulesFile, readWorkspaceRules, type RulesFileResult } from '../node/alertRulesFile';
import { UsageError } from './errors';

function accept(result: RulesFileResult): AlertRule[] {
  for (const warning of result.warnings) process.stderr.write(`runlens: warning: ${warning}\n`);
  if (!result.ok) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new UsageError(`${result.errors[0] ?? `${result.path}: invalid rules`}${more}`);
  }
  return result.rules;
}

export function rulesForCli(rulesFile: string | undefined, cwd = process.cwd()): AlertRule[] {
  if (rulesFile !== undefined) return mergeRuleSets(accept(readRulesFile(rulesFile)));
  const workspace = readWorkspaceRules(cwd);
  return mergeRuleSets(shippedDefaultRules(), workspace ? accept(workspace) : []);
}
