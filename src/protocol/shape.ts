/**
 * Small composable shape checks for messages that cross a trust boundary. A `Check<T>`
 * returns the value typed as T, or undefined when anything is off (wrong type, string or
 * array too long, unknown literal). Objects come back with only the declared keys, on a
 * null prototype, so a forged `__proto__` key can never reach the code that reads them.
 */

export type Check<T> = (raw: unknown) => T | undefined;

/** Marks a value the check refused, distinct from a valid `undefined`. */
const REFUSED: unique symbol = Symbol('refused');
type Outcome<T> = T | typeof REFUSED;

function run<T>(check: Check<T>, raw: unknown, optional: boolean): Outcome<T> {
  if (raw === undefined && optional) return undefined as T;
  const value = check(raw);
  return value === undefined ? REFUSED : value;
}

export function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

export const str = (max: number): Check<string> => (raw) => (typeof raw === 'string' && raw.length <= max ? raw : undefined);

/** A finite number (JSON cannot carry NaN or Infinity; a forged one is refused). */
export const num: Check<number> = (raw) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined);

export const int = (min: number, max: number): Check<number> => (raw) =>
  typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max ? raw : undefined;

export const bool: Check<boolean> = (raw) => (typeof raw === 'boolean' ? raw : undefined);

export function oneOf<const L extends readonly string[]>(values: L): Check<L[number]> {
  const set: ReadonlySet<string> = new Set(values);
  return (raw) => (typeof raw === 'string' && set.has(raw) ? (raw as L[number]) : undefined);
}

/** `null` or a value passing `check`. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (raw) => (raw === null ? null : check(raw));
}

export function arrayOf<T>(check: Check<T>, max: number): Check<T[]> {
  return (raw) => {
    if (!Array.isArray(raw) || raw.length > max) return undefined;
    const out: T[] = new Array<T>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const value = check(raw[i]);
      if (value === undefined) return undefined;
      out[i] = value;
    }
    return out;
  };
}

/** A string → string map with at most `maxKeys` keys, each bounded. */
export function stringRecord(maxKeys: number, maxKey: number, maxValue: number): Check<Record<string, string>> {
  return (raw) => {
    if (!isPlainObject(raw)) return undefined;
    const keys = Object.keys(raw);
    if (keys.length > maxKeys) return undefined;
    const out = Object.create(null) as Record<string, string>;
    for (const key of keys) {
      const value = raw[key];
      if (key.length > maxKey || typeof value !== 'string' || value.length > maxValue) return undefined;
      out[key] = value;
    }
    return out;
  };
}

type Shape<T> = { [K in keyof T]-?: Check<T[K]> };

/**
 * An object with exactly the keys of `shape` checked (extra keys are dropped). Keys whose
 * type allows `undefined` may be absent.
 */
export function object<T extends object>(shape: Shape<T>, optionalKeys: ReadonlyArray<keyof T> = []): Check<T> {
  const keys = Object.keys(shape) as Array<keyof T & string>;
  const optional = new Set<keyof T>(optionalKeys);
  return (raw) => {
    if (!isPlainObject(raw)) return undefined;
    const out = Object.create(null) as T;
    for (const key of keys) {
      const own = Object.prototype.hasOwnProperty.call(raw, key);
      const value = run(shape[key], own ? raw[key] : undefined, optional.has(key));
      if (value === REFUSED) return undefined;
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
}

/** A tagged union: the `tag` field's value picks the check. */
export function union<T extends object, K extends keyof T & string>(tag: K, variants: { [V in T[K] & string]: Check<Extract<T, Record<K, V>>> }): Check<T> {
  const table = variants as Record<string, Check<T>>;
  return (raw) => {
    if (!isPlainObject(raw)) return undefined;
    const which = raw[tag];
    if (typeof which !== 'string' || !Object.prototype.hasOwnProperty.call(table, which)) return undefined;
    return (table[which] as Check<T>)(raw);
  };
}
