/**
 * pattern_detected matching. Patterns come from a workspace file, so they are compiled
 * with RE2 (re2js, pure JS): matching is linear in the input, and `(a+)+$` on a 1 MiB
 * traceback costs what any other pattern does. JavaScript's backtracking RegExp is never
 * used for rule patterns.
 */
import { RE2JS } from 're2js';
import type { ParsedObject } from '../formats/record';

export interface CompiledPattern {
  test(text: string): boolean;
}

const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

/** Compiles a rule pattern; throws an Error whose message explains a syntax problem. */
export function compilePattern(pattern: string, flags = ''): CompiledPattern {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined) throw new Error(`unknown flag "${flag}" (use i, m or s)`);
    bits |= bit;
  }
  try {
    const re = RE2JS.compile(pattern, bits);
    return { test: (text) => re.test(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.replace(/^error parsing regexp: /, ''));
  }
}

/** Fields of an event that pattern_detected searches (design §5), besides its name. */
const TEXT_FIELDS = ['message', 'msg', 'error_message', 'exception'] as const;

/**
 * The texts of one event a pattern is searched in: the event name, `message`/`msg`,
 * `error_message` and `exception` (structlog's formatted traceback; structured tracebacks
 * are searched as their JSON). Each is tested separately so `^`/`$` keep their meaning.
 */
export function eventTexts(name: string, obj: ParsedObject): string[] {
  const texts = name === '' ? [] : [name];
  for (const field of TEXT_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(obj, field)) continue;
    const value = obj[field];
    if (typeof value === 'string') {
      if (value !== '' && value !== name) texts.push(value);
    } else if (value !== null && typeof value === 'object') {
      texts.push(JSON.stringify(value));
    }
  }
  return texts;
}
