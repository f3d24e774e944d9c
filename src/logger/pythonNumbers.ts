/**
 * Number text exactly as CPython writes it: `repr(float)` (shortest round-trip digits, switching
 * to exponent notation below 1e-4 and from 1e16 on, two-digit exponents) and `repr(int)`.
 * Both JavaScript and CPython pick the shortest correctly rounded digits, so only the layout
 * differs and the digits can be taken from `toExponential()`.
 */

/** `repr(x)` for a Python float: `812.5`, `1.0`, `1e-05`, `1e+16`, `inf`, `nan`. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // CPython's float_repr_style 'short': fixed notation while -4 < decimalPoint <= 16.
  const decimalPoint = exponent + 1;
  if (decimalPoint > -4 && decimalPoint <= 16) return sign + fixedLayout(digits, decimalPoint);
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0] ?? ''}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function fixedLayout(digits: string, decimalPoint: number): string {
  if (decimalPoint <= 0) return `0.${'0'.repeat(-decimalPoint)}${digits}`;
  if (decimalPoint >= digits.length) return `${digits}${'0'.repeat(decimalPoint - digits.length)}.0`;
  return `${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
}

/** `repr(n)` for a number that {@link isPythonInt} accepts (`-0` is `0`, as `int(-0.0)` is). */
export function pythonIntRepr(n: number): string {
  return n === 0 ? '0' : String(n);
}

/** How `json.dumps` writes a float (`allow_nan=True`: the non-standard `NaN`/`Infinity` tokens). */
export function pythonJsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pythonFloatRepr(x);
}

/**
 * Whether a plain JS number stands for a Python int. Integers beyond 2**53 are not exact in a
 * double, so they are far more likely to be floats that happen to be whole (1e300) than ints.
 */
export function isPythonInt(n: number): boolean {
  return Number.isSafeInteger(n);
}
