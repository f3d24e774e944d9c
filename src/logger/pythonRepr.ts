/** `str()` and `repr()` of JSON-like values exactly as CPython 3 writes them. */
import { asPython } from './pythonValue';
import { pythonFloatRepr } from './pythonNumbers';

/** `str(value)`: a string is itself, everything else is its repr. */
export function pythonStr(value: unknown): string {
  const py = asPython(value);
  return py.kind === 'str' ? py.value : pythonRepr(value);
}

export function pythonRepr(value: unknown, active: Set<object> = new Set()): string {
  const py = asPython(value);
  switch (py.kind) {
    case 'none':
      return 'None';
    case 'bool':
      return py.value ? 'True' : 'False';
    case 'int':
      return py.text;
    case 'float':
      return pythonFloatRepr(py.value);
    case 'str':
      return pythonStringRepr(py.value);
    case 'other':
      return py.text;
    case 'list':
    case 'dict':
      return containerRepr(value as object, py, active);
  }
}

function containerRepr(
  container: object,
  py: { kind: 'list'; items: readonly unknown[] } | { kind: 'dict'; entries: ReadonlyArray<readonly [string, unknown]> },
  active: Set<object>,
): string {
  // Python writes a self-containing list or dict as [...] / {...} instead of recursing forever.
  if (active.has(container)) return py.kind === 'list' ? '[...]' : '{...}';
  active.add(container);
  try {
    if (py.kind === 'list') return `[${py.items.map((item) => pythonRepr(item, active)).join(', ')}]`;
    return `{${py.entries.map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v, active)}`).join(', ')}}`;
  } finally {
    active.delete(container);
  }
}

// str.isprintable() is false for these categories (space excepted); lone surrogates are Cs.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(str)`: single quotes unless the text has a `'` and no `"`; non-printables escaped. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) out += escapeReprChar(ch, quote);
  return out + quote;
}

function escapeReprChar(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  if (code < 0x7f || !NOT_PRINTABLE.test(ch)) return ch;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
