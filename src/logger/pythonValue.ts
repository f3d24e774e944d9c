/**
 * Maps a JavaScript value onto the Python type the seed's code would have seen, so that
 * summaries, `str()` and `json.dumps` all agree on what a value is. One place decides it:
 * `null`/`undefined` → None, safe integers → int, other numbers and `PyFloat` → float,
 * arrays → list, `Map` and plain or class objects → dict (own enumerable keys, as
 * `JSON.stringify` reads them), `toJSON()` is honoured (a `Date` becomes its ISO string).
 */
import { PyFloat } from './pyFloat';
import { isPythonInt, pythonIntRepr } from './pythonNumbers';

export type PythonValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'list'; items: readonly unknown[] }
  | { kind: 'dict'; entries: ReadonlyArray<readonly [string, unknown]> }
  | { kind: 'other'; text: string; typeName: string };

export function asPython(value: unknown): PythonValue {
  switch (typeof value) {
    case 'undefined':
      return { kind: 'none' };
    case 'boolean':
      return { kind: 'bool', value };
    case 'number':
      return isPythonInt(value) ? { kind: 'int', text: pythonIntRepr(value) } : { kind: 'float', value };
    case 'bigint':
      return { kind: 'int', text: value.toString() };
    case 'string':
      return { kind: 'str', value };
    case 'object':
      return objectAsPython(value);
    default:
      return { kind: 'other', text: String(value), typeName: typeof value };
  }
}

function objectAsPython(value: object | null): PythonValue {
  if (value === null) return { kind: 'none' };
  if (value instanceof PyFloat) return { kind: 'float', value: value.value };
  if (Array.isArray(value)) return { kind: 'list', items: value };
  if (value instanceof Map) return { kind: 'dict', entries: [...value].map(([k, v]) => [String(k), v] as const) };
  if (value instanceof Error) return { kind: 'other', text: `${errorTypeName(value)}(${JSON.stringify(value.message)})`, typeName: errorTypeName(value) };
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return asPython(toJSON.call(value));
  // Keys whose value is undefined are absent, as JSON.stringify treats them.
  return { kind: 'dict', entries: Object.entries(value).filter(([, v]) => v !== undefined) };
}

/** `ValueError` for `class ValueError extends Error {}` even when `name` was left as "Error". */
export function errorTypeName(error: Error): string {
  if (error.name && error.name !== 'Error') return error.name;
  const ctorName = (error.constructor as { name?: unknown } | undefined)?.name;
  return typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'Error';
}

const PYTHON_TYPE_NAMES: Record<PythonValue['kind'], string> = {
  none: 'NoneType',
  bool: 'bool',
  int: 'int',
  float: 'float',
  str: 'str',
  list: 'list',
  dict: 'dict',
  other: 'object',
};

/** `str(type(value))`, e.g. `<class 'NoneType'>`. */
export function pythonTypeRepr(value: unknown): string {
  const py = asPython(value);
  return `<class '${py.kind === 'other' ? py.typeName : PYTHON_TYPE_NAMES[py.kind]}'>`;
}
