/**
 * JavaScript has one number type; Python has `int` and `float`, and renders them differently
 * (`1000` vs `1000.0`). The seed declares some fields `float` (`duration_ms`, `cost_estimate`,
 * `confidence`, metric values such as `1.0 if success else 0.0`), so the logger wraps those in
 * a `PyFloat` to write the same bytes Python would. Any plain number that is an integer renders
 * as a Python `int`; callers may wrap their own values with {@link pyFloat}.
 */
export class PyFloat {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value;
  }
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

/** The plain number behind a number or a `PyFloat`; `undefined` for anything else. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  return undefined;
}
