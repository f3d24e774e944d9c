/**
 * Reads alert rule files: `.runlens/alerts.json` in a workspace, or a file named on the
 * command line. Parsing and checking live in the core (`parseRulesText`); this adds the
 * file system and names the file in every problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRulesText, type RulesResult } from '../core/alerts/parseRules';

export const WORKSPACE_RULES_FILE = path.join('.runlens', 'alerts.json');

export type RulesFileResult = RulesResult & { path: string };

/** Reads and checks a rules file; an unreadable file is an error result, never a throw. */
export function readRulesFile(file: string): RulesFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return { ok: false, errors: [`cannot read ${file}: ${code}`], warnings: [], path: file };
  }
  const result = parseRulesText(text);
  const name = (problem: string): string => `${file}: ${problem}`;
  return result.ok
    ? { ...result, warnings: result.warnings.map(name), path: file }
    : { ...result, errors: result.errors.map(name), warnings: result.warnings.map(name), path: file };
}

/** The workspace rules file of `root`, or undefined when there is none. */
export function readWorkspaceRules(root: string): RulesFileResult | undefined {
  const file = path.join(root, WORKSPACE_RULES_FILE);
  return existsSync(file) ? readRulesFile(file) : undefined;
}
