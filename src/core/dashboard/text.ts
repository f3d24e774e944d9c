/**
 * Log strings on their way to the screen. Names come from log files anyone can write, so
 * they are bounded in length before they travel, and shown with their invisible
 * characters made visible: a bidi override (U+202E) would otherwise reorder the text
 * around it ("Trojan Source"), and a newline or NUL would vanish.
 */
import { MAX_TEXT } from './types';

/** Cuts `text` to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function clipText(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

// Bidi embeddings, overrides, isolates and marks; zero-width and BOM characters.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** `text` with control characters as Control Pictures (␊) and bidi/zero-width ones as `<U+202E>`. */
export function visibleText(text: string): string {
  return text
    .replace(CONTROL, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** For a table cell or label: visible, then cut to `max` characters. */
export function displayName(text: string, max = 120): string {
  return clipText(visibleText(text), max);
}
