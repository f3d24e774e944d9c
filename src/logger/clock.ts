/**
 * Time for log lines. A clock returns integer microseconds since the Unix epoch, because
 * structlog writes microseconds and a JS Date holds only milliseconds. A double holds whole
 * microseconds exactly for ±285 years around 1970, which covers any log. Inject a clock in
 * tests to get fixed timestamps.
 */
export type Clock = () => number;

/**
 * Wall-clock microseconds. `performance.now()` adds the sub-millisecond part but is monotonic
 * and drifts from the wall clock when that is adjusted (NTP, suspend), so it is trusted only
 * while it agrees with `Date.now()` to within a millisecond.
 */
export const systemClock: Clock = () => {
  const precise = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const wall = Date.now() * 1000;
  return Math.abs(precise - wall) < 1000 ? precise : wall;
};

/** A clock for tests and golden files: `start`, `start + step`, `start + 2*step`, ... */
export function steppingClock(startMicros: number, stepMicros = 0): Clock {
  let next = startMicros;
  return () => {
    const now = next;
    next += stepMicros;
    return now;
  };
}

/** Microseconds for an ISO-8601 instant with `Z` or an offset, e.g. `2026-11-24T10:53:08.415410Z`. */
export function microsFromIso(iso: string): number {
  const fraction = /\.(\d{1,6})/.exec(iso)?.[1] ?? '';
  const wholeSeconds = Date.parse(iso.replace(/\.\d+/, ''));
  if (Number.isNaN(wholeSeconds)) throw new RangeError(`not an ISO-8601 timestamp: ${iso}`);
  return wholeSeconds * 1000 + Number(fraction.padEnd(6, '0'));
}

/** structlog `TimeStamper(fmt="iso", utc=True)`: `datetime.utcnow().isoformat() + "Z"`. */
export function structlogTimestamp(micros: number): string {
  return `${naiveIsoformat(micros)}Z`;
}

/** `datetime.now(timezone.utc).isoformat()`, the fixed `MetricPoint.to_dict` timestamp. */
export function utcIsoformat(micros: number): string {
  return `${naiveIsoformat(micros)}+00:00`;
}

/** Python's `datetime.isoformat()`: microseconds are left out entirely when they are zero. */
function naiveIsoformat(micros: number): string {
  const subsecond = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  const date = new Date((micros - subsecond) / 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const seconds =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return subsecond === 0 ? seconds : `${seconds}.${pad(subsecond, 6)}`;
}
