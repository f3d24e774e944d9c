/**
 * Where the time between appending a line and seeing its toast goes.
 *
 * - In the page: a MutationObserver stamps each `.notification-toast` when it is inserted
 *   (VS Code inserts it in an animation frame, at opacity 0, and starts a 0.3 s CSS fade-in
 *   right away), the next animation frame after that (the first frame of the fade-in is
 *   on screen), and its `transitionend` (the class `notification-fade-in-done`, which the
 *   old measurement's selector waited for).
 * - In the extension: src/node/latencyProbe.ts appends stage stamps to
 *   `<run>/latency-probe.jsonl` (RUNLENS_LATENCY_PROBE is set by test/e2e/run.mjs).
 *
 * All stamps are epoch ms (performance.timeOrigin + performance.now()) on one machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { percentile } from './helpers';

export interface PageToast {
  text: string;
  insertedAt: number;
  nextFrameAt?: number;
  fadeInDoneAt?: number;
}

interface ToastWindow {
  __runlensToasts?: PageToast[];
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Starts recording toasts in the page (idempotent; survives only until the page reloads). */
export async function watchToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ToastWindow;
    if (w.__runlensToasts) return;
    const toasts: PageToast[] = [];
    w.__runlensToasts = toasts;
    const now = (): number => performance.timeOrigin + performance.now();
    const track = (el: Element, at: number): void => {
      const entry: PageToast = { text: el.textContent ?? '', insertedAt: at };
      toasts.push(entry);
      if (toasts.length > 500) toasts.shift();
      requestAnimationFrame(() => {
        entry.nextFrameAt = now();
        entry.text = el.textContent ?? entry.text;
      });
      const done = (): void => {
        entry.fadeInDoneAt ??= now();
      };
      el.addEventListener('transitionend', done, { once: true });
    };
    new MutationObserver((records) => {
      const at = now();
      for (const r of records) {
        for (const node of Array.from(r.addedNodes)) {
          if (!(node instanceof Element)) continue;
          if (node.matches('.notification-toast')) track(node, at);
          node.querySelectorAll('.notification-toast').forEach((el) => track(el, at));
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** The first recorded toast whose text contains `needle`, once its fade-in has ended. */
export async function waitForRecordedToast(page: Page, needle: string, timeout = 30_000): Promise<PageToast> {
  const handle = await page.waitForFunction(
    (n) => (window as unknown as ToastWindow).__runlensToasts?.find((t) => t.text.includes(n) && t.fadeInDoneAt !== undefined && t.nextFrameAt !== undefined),
    needle,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as PageToast;
}

export interface ProbeRecord {
  stage: string;
  t: number;
  key: string;
  [extra: string]: unknown;
}

export function readProbe(runDir: string): ProbeRecord[] {
  const file = join(runDir, 'latency-probe.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try {
      return [JSON.parse(l) as ProbeRecord];
    } catch {
      return [];
    }
  });
}

export interface Stats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
}

export function stats(values: readonly number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number): number => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p90: r(percentile(sorted, 90)),
    p99: r(percentile(sorted, 99)),
    min: r(sorted[0] as number),
    max: r(sorted[sorted.length - 1] as number),
  };
}
