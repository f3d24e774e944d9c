/**
 * Time axes for dashboard charts: the range a page covers and the bucket size, picked so
 * a chart holds about 100–240 buckets whatever the range. Buckets are aligned to the
 * epoch, so a live update moves the last bucket instead of shifting every bucket edge.
 */
import type { RangeKey, TimeAxis } from './types';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket sizes a reader can name ("per 15 s", "per 10 min"), smallest first. */
export const BUCKET_STEPS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

export const MAX_BUCKETS = 240;
/** Rates (success, failure) need several points per bucket to mean something: fewer, wider buckets. */
export const RATE_BUCKETS = 90;

export const RANGE_MS: Readonly<Record<Exclude<RangeKey, 'all'>, number>> = { '5m': 5 * MINUTE, '1h': HOUR, '24h': DAY };

/** Smallest step from BUCKET_STEPS that covers `spanMs` in at most `maxBuckets` buckets. */
export function chooseBucketMs(spanMs: number, maxBuckets = MAX_BUCKETS): number {
  const need = Math.max(0, spanMs) / maxBuckets;
  for (const step of BUCKET_STEPS) if (step >= need) return step;
  return Math.ceil(need / DAY) * DAY;
}

/**
 * The axis of a range ending at `newest` (the newest event, not the wall clock: an old run
 * opened today still shows). `oldest` bounds "all"; both are epoch ms.
 */
export function rangeAxis(range: RangeKey, newest: number, oldest: number, maxBuckets = MAX_BUCKETS): TimeAxis {
  if (!Number.isFinite(newest)) return { from: 0, to: 0, bucketMs: SECOND, count: 0 };
  const wanted = range === 'all' ? Math.max(0, newest - (Number.isFinite(oldest) ? oldest : newest)) : RANGE_MS[range];
  const bucketMs = chooseBucketMs(wanted, maxBuckets);
  const to = newest;
  const start = range === 'all' && Number.isFinite(oldest) ? Math.min(oldest, newest) : newest - wanted;
  const from = Math.floor(start / bucketMs) * bucketMs;
  const count = Math.max(1, Math.floor((to - from) / bucketMs) + 1);
  return { from, to, bucketMs, count };
}

/** Bucket of `ts` on `axis`, or -1 outside it. `to` is inclusive. */
export function bucketOf(axis: TimeAxis, ts: number): number {
  if (!(ts >= axis.from) || ts > axis.to) return -1;
  const i = Math.floor((ts - axis.from) / axis.bucketMs);
  return i < axis.count ? i : -1;
}

/** Start (epoch ms) of bucket `i`. */
export function bucketStart(axis: TimeAxis, i: number): number {
  return axis.from + i * axis.bucketMs;
}
