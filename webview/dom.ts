/**
 * Building DOM without markup: every string lands as text (`textContent`) or as a
 * property, never through `innerHTML`, so a log line's `</script><img onerror=…>` is
 * shown, not run. Invisible and bidi characters are made visible first.
 */
import { displayName, visibleText } from '../src/core/dashboard/text';

type Attrs = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: Array<Node | string>): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** A span showing a log string: visible characters, shortened, full text in the tooltip and `data-raw`. */
export function logText(raw: string, max = 120, className = 'log-text'): HTMLSpanElement {
  const span = el('span', { class: className });
  span.textContent = displayName(raw, max);
  span.title = visibleText(raw).slice(0, 2_000);
  // The exact string, for search and tests; attributes are never parsed as markup.
  span.dataset.raw = raw;
  return span;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** A small "label: value" card. */
export function card(label: string, value: string, testId: string): HTMLElement {
  const valueEl = el('div', { class: 'card-value', 'data-testid': testId });
  valueEl.textContent = value;
  return el('div', { class: 'card' }, el('div', { class: 'card-label' }, label), valueEl);
}

export function section(title: string, testId: string, ...children: Node[]): HTMLElement {
  return el('section', { class: 'panel', 'data-testid': testId }, el('h3', {}, title), ...children);
}

/**
 * Runs `build` after the current frame's work: pages draw their charts first and fill
 * their tables right after, so the first chart does not wait for a hundred table rows.
 */
export function afterCharts(build: () => void): void {
  setTimeout(build, 0);
}

/** Replaces `node`'s children only when `key` differs from the last render (keeps focus and scroll). */
export function renderIfChanged(node: HTMLElement, key: string, build: () => Node[]): void {
  if (node.dataset.renderKey === key) return;
  node.dataset.renderKey = key;
  node.replaceChildren(...build());
}
