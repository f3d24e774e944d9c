/** The dashboard's free-text tag filter: `key=value, key=value` in, a tag map out (and back). */
import { MAX_TAG_FILTERS, type TagFilter } from './types';

export type TagFilterParse = { ok: true; tags: TagFilter } | { ok: false; error: string };

/** Splits on commas; each part is `key=value` (spaces around either side trimmed). */
export function parseTagFilter(text: string): TagFilterParse {
  const tags: TagFilter = {};
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length > MAX_TAG_FILTERS) return { ok: false, error: `at most ${MAX_TAG_FILTERS} tags` };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key.length === 0 || value.length === 0) return { ok: false, error: `"${part}" is not key=value` };
    if (key.length > 200 || value.length > 2_000) return { ok: false, error: 'tag too long' };
    tags[key] = value;
  }
  return { ok: true, tags };
}

export function formatTagFilter(tags: TagFilter, omit: readonly string[] = []): string {
  return Object.keys(tags)
    .filter((k) => !omit.includes(k))
    .map((k) => `${k}=${tags[k] as string}`)
    .join(', ');
}
