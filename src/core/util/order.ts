/** Index orders over typed columns (sorting indices keeps the columns themselves in place). */

/** Indices of `keys` in ascending key order; equal keys keep their original order (stable). */
export function stableOrder(keys: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(keys.length);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    order[i] = i;
    if (i > 0 && (keys[i] as number) < (keys[i - 1] as number)) sorted = false;
  }
  // Logs are mostly in time order already: skip the comparator sort then.
  if (!sorted) order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  return order;
}
