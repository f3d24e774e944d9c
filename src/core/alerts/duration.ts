/**
 * Rule durations (design §5): `"30s"`, `"5m"`, `"1h"`, compound forms such as `"1h30m"`
 * (Prometheus style), `"500ms"`, `"2d"`, or a plain number of seconds.
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** One or more `<number><unit>` parts, or a bare number of seconds. Kept in sync with `media/alerts.schema.json`. */
export const DURATION_PATTERN = '^(([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+|[0-9]+(\\.[0-9]+)?)$';
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)/g;
const WHOLE = new RegExp(DURATION_PATTERN);

export const DURATION_HINT = 'must be a duration such as "30s", "5m", "1h" or seconds';

/** Milliseconds for a duration value; NaN when it is not one. */
export function parseDuration(raw: unknown): number {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw * 1000 : NaN;
  if (typeof raw !== 'string') return NaN;
  const text = raw.trim();
  if (text.length === 0 || text.length > 64 || !WHOLE.test(text)) return NaN;
  if (!/[a-z]/.test(text)) return Number(text) * 1000;
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  return total;
}

/** Short human form: `90000` → `"1m30s"`, `500` → `"500ms"`, `0` → `"0s"`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  if (rest > 0) out += `${rest}ms`;
  return out;
}
