/**
 * Python measures and slices strings in code points, JavaScript in UTF-16 units: `"😀" * 60`
 * is 60 long in Python and 120 in JS. The seed's limits (100, 50) are Python lengths.
 * A lone surrogate is one code point in both.
 */

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    n++;
    if (isPairAt(text, i)) i++;
  }
  return n;
}

/** `text[:count]` in Python. */
export function sliceCodePoints(text: string, count: number): string {
  let units = 0;
  for (let n = 0; n < count && units < text.length; n++) units += isPairAt(text, units) ? 2 : 1;
  return text.slice(0, units);
}

function isPairAt(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= text.length) return false;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}
