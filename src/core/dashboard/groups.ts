/** Picking which series a chart shows: the largest few by some score, the rest merged as "other". */
import type { PointSlice } from './points';

export const MAX_CHART_SERIES = 8;
export const OTHER_LABEL = '(other)';

export interface SliceGroup {
  name: string;
  slices: PointSlice[];
  /** True for the merged remainder. */
  other: boolean;
}

/** Sum of every value in the slices. */
export function valueSum(slices: readonly PointSlice[]): number {
  let sum = 0;
  for (const { values } of slices) for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum;
}

/** The `limit` highest-scoring groups (ties by name), then one "other" group for the rest. */
export function topGroups(groups: ReadonlyMap<string, PointSlice[]>, score: (slices: readonly PointSlice[]) => number, limit = MAX_CHART_SERIES): SliceGroup[] {
  const scored = [...groups].map(([name, slices]) => ({ name, slices, score: score(slices) }));
  scored.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const top: SliceGroup[] = scored.slice(0, limit).map(({ name, slices }) => ({ name, slices, other: false }));
  const rest = scored.slice(limit);
  if (rest.length > 0) top.push({ name: OTHER_LABEL, slices: rest.flatMap((g) => g.slices), other: true });
  return top;
}
