/**
 * Timestamps are carried as epoch milliseconds (float64, so microseconds survive)
 * and printed as ISO-8601 UTC with six fractional digits, the precision structlog writes.
 */

/** How naive timestamps (no `Z`, no offset) are read: the seed writes UTC via TimeStamper, but its own `datetime.now()` is local. */
export type NaiveTimeZone = 'utc' | 'local';

const DIGIT_0 = 48;

function digits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Fast path for `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`; returns NaN when the
 * text is not in that shape so the caller can fall back to Date.parse.
 */
export function parseIsoTimestamp(s: string, naive: NaiveTimeZone = 'utc'): number {
  const n = s.length;
  if (n < 19) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const sep = s.charCodeAt(10);
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
    minute < 0 || minute > 59 || second < 0 || second > 60 ||
    s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32 && sep !== 116) ||
    s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58
  ) {
    return NaN;
  }
  let i = 19;
  let fractionMs = 0;
  if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
    i++;
    let scale = 100;
    const fracStart = i;
    while (i < n) {
      const d = s.charCodeAt(i) - DIGIT_0;
      if (d < 0 || d > 9) break;
      fractionMs += d * scale;
      scale /= 10;
      i++;
    }
    if (i === fracStart) return NaN;
  }
  let offsetMinutes: number | undefined;
  if (i < n) {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i === n - 1) {
      offsetMinutes = 0;
    } else if (c === 43 || c === 45) {
      const sign = c === 45 ? -1 : 1;
      const oh = digits(s, i + 1, 2);
      let om: number;
      if (s.charCodeAt(i + 3) === 58 && n === i + 6) om = digits(s, i + 4, 2);
      else if (n === i + 5) om = digits(s, i + 3, 2);
      else if (n === i + 3) om = 0;
      else return NaN;
      if (oh < 0 || om < 0) return NaN;
      offsetMinutes = sign * (oh * 60 + om);
    } else {
      return NaN;
    }
  }
  const wallMs =
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + fractionMs;
  if (offsetMinutes !== undefined) return wallMs - offsetMinutes * 60_000;
  if (naive === 'utc') return wallMs;
  // Local time: ask the runtime for the zone offset at that wall-clock moment.
  const local = new Date(year, month - 1, day, hour, minute, second, 0).getTime();
  return local + fractionMs;
}

/** Epoch numbers: seconds below 1e11, milliseconds below 1e14, microseconds below 1e17, else nanoseconds. */
export function epochToMs(value: number): number {
  const abs = Math.abs(value);
  if (abs < 1e11) return value * 1000;
  if (abs < 1e14) return value;
  if (abs < 1e17) return value / 1000;
  return value / 1e6;
}

/** Reads any timestamp form the design accepts; NaN when there is none. */
export function toEpochMs(raw: unknown, naive: NaiveTimeZone = 'utc'): number {
  if (typeof raw === 'number') return Number.isFinite(raw) ? epochToMs(raw) : NaN;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 64) return NaN;
  const fast = parseIsoTimestamp(raw, naive);
  if (!Number.isNaN(fast)) return fast;
  const c = raw.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45) {
    const asNumber = Number(raw);
    if (Number.isFinite(asNumber)) return epochToMs(asNumber);
  }
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? NaN : parsed;
}

/** The date part of the last day formatted (`YYYY-MM-DD` char codes): consecutive timestamps share their day. */
let isoDay = NaN;
let isoYear = 0;
let y0 = 48, y1 = 48, y2 = 48, y3 = 48, mo0 = 48, mo1 = 48, d0 = 48, d1 = 48;

function setIsoDay(days: number): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  isoDay = days;
  isoYear = year;
  if (year < 0 || year > 9999) return;
  y0 = 48 + ((year / 1000) | 0);
  y1 = 48 + (((year / 100) | 0) % 10);
  y2 = 48 + (((year / 10) | 0) % 10);
  y3 = 48 + (year % 10);
  mo0 = 48 + ((month / 10) | 0);
  mo1 = 48 + (month % 10);
  d0 = 48 + ((day / 10) | 0);
  d1 = 48 + (day % 10);
}

/**
 * ISO-8601 UTC with `Z` and microseconds, e.g. `2026-11-24T10:53:08.415410Z`.
 * Hand-rolled (civil_from_days, cached per day) and built from char codes in one
 * `String.fromCharCode` call: a template literal would leave a rope of 13 small strings
 * (~370 bytes) per timestamp; this is one flat string. Traces format two per span.
 */
export function formatIso(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  let micros = Math.round(ms * 1000);
  const days = Math.floor(micros / 86_400_000_000);
  micros -= days * 86_400_000_000;
  if (days !== isoDay) setIsoDay(days);
  // Both parts fit in 32 bits: seconds of the day < 86400, microseconds < 1e6.
  const sod = Math.floor(micros / 1_000_000);
  const us = micros - sod * 1_000_000;
  if (isoYear < 0 || isoYear > 9999) return `${new Date(Math.floor(ms)).toISOString().slice(0, -5)}.${String(us).padStart(6, '0')}Z`;
  const hour = (sod / 3600) | 0;
  const rest = sod - hour * 3600;
  const minute = (rest / 60) | 0;
  const second = rest - minute * 60;
  return String.fromCharCode(
    y0, y1, y2, y3, 45, mo0, mo1, 45, d0, d1, 84,
    48 + ((hour / 10) | 0), 48 + (hour % 10), 58,
    48 + ((minute / 10) | 0), 48 + (minute % 10), 58,
    48 + ((second / 10) | 0), 48 + (second % 10), 46,
    48 + ((us / 100_000) | 0), 48 + (((us / 10_000) | 0) % 10), 48 + (((us / 1000) | 0) % 10),
    48 + (((us / 100) | 0) % 10), 48 + (((us / 10) | 0) % 10), 48 + (us % 10), 90,
  );
}
