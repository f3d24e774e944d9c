/**
 * `json.dumps(obj)` with the defaults structlog 22.3's `JSONRenderer()` uses: separators
 * `", "` and `": "`, `ensure_ascii=True` (every character outside space..`~` becomes `\uXXXX`,
 * astral characters a surrogate pair), `allow_nan=True`, keys in insertion order. A `Map`
 * keeps its insertion order for every key; a plain object cannot (JS puts integer-like keys
 * first), which is why the logger builds its event dict as a `Map`.
 * Values `json.dumps` cannot encode go through structlog's fallback, `repr(obj)`.
 */
import { asPython } from './pythonValue';
import { pythonJsonFloat } from './pythonNumbers';

export function pythonJsonDumps(value: unknown): string {
  return dumpValue(value, new Set());
}

function dumpValue(value: unknown, active: Set<object>): string {
  const py = asPython(value);
  switch (py.kind) {
    case 'none':
      return 'null';
    case 'bool':
      return py.value ? 'true' : 'false';
    case 'int':
      return py.text;
    case 'float':
      return pythonJsonFloat(py.value);
    case 'str':
      return pythonJsonString(py.value);
    case 'other':
      return pythonJsonString(py.text);
    case 'list':
    case 'dict': {
      const container = value as object;
      // json.dumps raises on cycles; a logger must not, so the cycle becomes a marker string.
      if (active.has(container)) return pythonJsonString('<circular reference>');
      active.add(container);
      try {
        if (py.kind === 'list') return `[${py.items.map((item) => dumpValue(item, active)).join(', ')}]`;
        return `{${py.entries.map(([k, v]) => `${pythonJsonString(k)}: ${dumpValue(v, active)}`).join(', ')}}`;
      } finally {
        active.delete(container);
      }
    }
  }
}

const HEX = '0123456789abcdef';

// Below U+007F, JSON.stringify escapes exactly what CPython does, the same way (\n, \u001f).
const BEYOND_ASCII = /[\u007f-\uffff]/;

/**
 * CPython's `py_encode_basestring_ascii`: everything outside printable ASCII, and `"` and `\`,
 * is escaped one UTF-16 unit at a time (an astral character becomes a surrogate pair, as in
 * CPython). ASCII text takes the native path; the rest a plain loop, several times faster
 * than a regex replace with a callback.
 */
export function pythonJsonString(text: string): string {
  if (!BEYOND_ASCII.test(text)) return JSON.stringify(text);
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c) continue;
    if (runStart < i) out += text.slice(runStart, i);
    runStart = i + 1;
    out += escapeUnit(code);
  }
  return `${out}${text.slice(runStart)}"`;
}

function escapeUnit(code: number): string {
  switch (code) {
    case 0x22: return '\\"';
    case 0x5c: return '\\\\';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    default: return `\\u${HEX[code >> 12]}${HEX[(code >> 8) & 15]}${HEX[(code >> 4) & 15]}${HEX[code & 15]}`;
  }
}
