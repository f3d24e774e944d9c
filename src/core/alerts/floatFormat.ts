/**
 * Python's `float.__format__` for the `f`, `e`, `g`, `%` and no-type presentations, digit for
 * digit: CPython rounds the double's exact binary value half to even (`format(2.5, '.0f')` is
 * `2`, `format(0.125, '.2f')` is `0.12`, `format(2.675, '.2f')` is `2.67` because the double is
 * just below 2.675), where `toFixed`/`toExponential` round exact ties away from zero. Digits
 * come from the exact decimal expansion of the double (BigInt), so every value is exact.
 */

/** The exact value of a finite double's magnitude: `digits × 10^-scale`. */
function exactDecimal(value: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const high = view.getUint32(0);
  const biased = high >>> 20;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k = m·5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** `digits / 10^drop` rounded half to even (`drop` < 0 appends zeros). */
function dropDigits(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const unit = 10n ** BigInt(drop);
  const quotient = digits / unit;
  const twice = (digits % unit) * 2n;
  return twice > unit || (twice === unit && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}

const signOf = (value: number): string => (value < 0 || Object.is(value, -0) ? '-' : '');

function nonFinite(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/** `format(value, '.{precision}f')`. */
export function formatFixed(value: number, precision: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { digits, scale } = exactDecimal(value);
  const text = dropDigits(digits, scale - precision).toString().padStart(precision + 1, '0');
  const sign = signOf(value);
  return precision === 0 ? sign + text : `${sign}${text.slice(0, -precision)}.${text.slice(-precision)}`;
}

/** `precision + 1` significant digits (rounded half to even) and the decimal exponent of the first. */
function significant(value: number, precision: number): { digits: string; exponent: number } {
  if (value === 0) return { digits: '0'.repeat(precision + 1), exponent: 0 };
  const { digits, scale } = exactDecimal(value);
  const length = digits.toString().length;
  const rounded = dropDigits(digits, length - (precision + 1)).toString();
  // A carry (9.99 → 10.0) adds a digit: the extra one is a zero.
  if (rounded.length > precision + 1) return { digits: rounded.slice(0, precision + 1), exponent: length - scale };
  return { digits: rounded, exponent: length - 1 - scale };
}

function exponentText(exponent: number): string {
  return `e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** `format(value, '.{precision}e')`. */
export function formatExponent(value: number, precision: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { digits, exponent } = significant(value, precision);
  const mantissa = precision === 0 ? digits : `${digits[0] as string}.${digits.slice(1)}`;
  return `${signOf(value)}${mantissa}${exponentText(exponent)}`;
}

const trimZeros = (text: string): string => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/**
 * `format(value, '.{precision}g')`; with `noType`, `format(value, '.{precision}')` (like `g`, but
 * fixed notation keeps a digit after the point and gives way to exponents one place earlier).
 */
export function formatGeneral(value: number, precision: number, noType = false): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const p = Math.max(1, precision);
  const { exponent } = significant(value, p - 1);
  if (exponent >= -4 && exponent < (noType ? p - 1 : p)) {
    const text = trimZeros(formatFixed(value, p - 1 - exponent));
    return noType && !text.includes('.') ? `${text}.0` : text;
  }
  const [mantissa, exp] = formatExponent(value, p - 1).split('e');
  return `${trimZeros(mantissa as string)}e${exp as string}`;
}

/** `format(value, '.{precision}%')`: the product `value * 100` as a double, then `f`. */
export function formatPercent(value: number, precision: number): string {
  return `${formatFixed(value * 100, precision)}%`;
}
