/**
 * The seed's `_summarize_input/_output/_parameters/_result`, rule for rule, so agent inputs,
 * outputs and tool results are described rather than copied into the log:
 * - input/output values: strings over 100 code points are cut to 100 + `...`; numbers and
 *   booleans are kept; dict → `{type: "dict", keys}`; list → `{type: "list", length}`;
 *   anything else → `str(type(value))` such as `<class 'NoneType'>`.
 * - tool parameters: keys whose lower-case form is `api_key`, `password`, `secret` or `token`
 *   → `***REDACTED***`; every other value → `str(value)`, cut to 50 + `...`.
 * - tool result: dict → `{type, keys, size_bytes: len(json.dumps(result))}`; string →
 *   `{type: "str", length, preview}` (first 100); else `{type: str(type(r)), value: str(r)}`.
 * Only parameters are redacted (as in the seed): input summaries keep short strings verbatim.
 */
import { asPython, pythonTypeRepr } from './pythonValue';
import { pythonJsonDumps } from './pythonJson';
import { pythonStr } from './pythonRepr';
import { codePointLength, sliceCodePoints } from './pythonText';

export type Summary = Record<string, unknown>;

export const REDACTED = '***REDACTED***';
export const SEED_REDACTED_KEYS: readonly string[] = ['api_key', 'password', 'secret', 'token'];

const INPUT_STRING_LIMIT = 100;
const PARAMETER_LIMIT = 50;
const RESULT_PREVIEW_LIMIT = 100;

export function summarizeInput(input: unknown): Summary {
  return Object.fromEntries(dictEntries(input).map(([key, value]) => [key, summarizeInputValue(value)]));
}

/** The seed summarises outputs with the input rules. */
export const summarizeOutput = summarizeInput;

function summarizeInputValue(value: unknown): unknown {
  const py = asPython(value);
  switch (py.kind) {
    case 'str':
      return truncate(py.value, INPUT_STRING_LIMIT);
    case 'int':
    case 'float':
    case 'bool':
      return value;
    case 'dict':
      return { type: 'dict', keys: py.entries.map(([k]) => k) };
    case 'list':
      return { type: 'list', length: py.items.length };
    default:
      return pythonTypeRepr(value);
  }
}

export function summarizeParameters(parameters: unknown, redactKeys: readonly string[] = SEED_REDACTED_KEYS): Summary {
  const redact = new Set(redactKeys.map((k) => k.toLowerCase()));
  return Object.fromEntries(
    dictEntries(parameters).map(([key, value]) => [
      key,
      redact.has(key.toLowerCase()) ? REDACTED : truncate(pythonStr(value), PARAMETER_LIMIT),
    ]),
  );
}

export function summarizeResult(result: unknown): Summary {
  const py = asPython(result);
  if (py.kind === 'dict') {
    // ensure_ascii output is pure ASCII, so its JS length is Python's len().
    return { type: 'dict', keys: py.entries.map(([k]) => k), size_bytes: pythonJsonDumps(result).length };
  }
  if (py.kind === 'str') {
    return { type: 'str', length: codePointLength(py.value), preview: sliceCodePoints(py.value, RESULT_PREVIEW_LIMIT) };
  }
  return { type: pythonTypeRepr(result), value: pythonStr(result) };
}

function truncate(text: string, limit: number): string {
  return codePointLength(text) > limit ? `${sliceCodePoints(text, limit)}...` : text;
}

function dictEntries(value: unknown): ReadonlyArray<readonly [string, unknown]> {
  const py = asPython(value);
  return py.kind === 'dict' ? py.entries : [];
}
