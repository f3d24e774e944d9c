/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and ranks functions by self time.
 * Bundle locations are mapped back to their source file through the `// src/...` comments
 * esbuild writes before each module it inlines.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  function: string;
  file: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time: where the CPU was (a builtin such as JSON.parse counts for its JS caller). */
  top: SelfTime[];
  /** Total time (self + callees) of project functions (src/, bench/), each sample counted once per function. */
  inclusive: SelfTime[];
  byFile: Array<{ file: string; ms: number; percent: number }>;
}

/** For each bundle, the line numbers of esbuild's `// path` module markers. */
const markerCache = new Map<string, Array<{ line: number; file: string }>>();

function moduleMarkers(url: string): Array<{ line: number; file: string }> {
  let markers = markerCache.get(url);
  if (markers) return markers;
  markers = [];
  try {
    const text = readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8');
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^\/\/ ((?:src|bench|node_modules|media|webview)\/\S+)$/.exec(lines[i] as string);
      if (m) markers.push({ line: i, file: m[1] as string });
    }
  } catch {
    // Not a readable file (node internals): no markers.
  }
  markerCache.set(url, markers);
  return markers;
}

function sourceFileOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return frame.url;
  const markers = moduleMarkers(frame.url);
  let best: string | undefined;
  for (const m of markers) {
    if (m.line <= frame.lineNumber) best = m.file;
    else break;
  }
  return best ?? frame.url.replace(/^file:\/\//, '');
}

export function summarizeProfile(path: string, topN = 15): ProfileSummary {
  return summarizeCpuProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, topN);
}

export function summarizeCpuProfile(profile: CpuProfile, topN = 15): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parentOf.set(c, node.id);
  }
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    totalUs += dt;
  }
  const byFunction = new Map<string, { fn: string; file: string; us: number }>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const file = sourceFileOf(frame);
    const fn = frame.functionName || '(anonymous)';
    const key = `${fn}\u0000${file}\u0000${frame.url === '' ? '' : frame.lineNumber}`;
    const entry = byFunction.get(key) ?? { fn, file, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  // Inclusive time: walk each sampled node's stack once, crediting every distinct project function on it.
  const inclusive = new Map<string, { fn: string; file: string; us: number }>();
  const keyOf = new Map<number, { key: string; fn: string; file: string } | null>();
  const projectKey = (id: number): { key: string; fn: string; file: string } | null => {
    let k = keyOf.get(id);
    if (k !== undefined) return k;
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const file = sourceFileOf(frame);
    k = /^(src|bench)\//.test(file) ? { key: `${frame.functionName}\u0000${file}\u0000${frame.lineNumber}`, fn: frame.functionName || '(anonymous)', file } : null;
    keyOf.set(id, k);
    return k;
  };
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const k = projectKey(at);
      if (!k || seen.has(k.key)) continue;
      seen.add(k.key);
      const entry = inclusive.get(k.key) ?? { fn: k.fn, file: k.file, us: 0 };
      entry.us += us;
      inclusive.set(k.key, entry);
    }
  }
  const pct = (us: number): number => Math.round((1000 * us) / Math.max(totalUs, 1)) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    top: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ function: e.fn, file: e.file, ms: Math.round(e.us / 1000), percent: pct(e.us) })),
    inclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN + 5)
      .map((e) => ({ function: e.fn, file: e.file, ms: Math.round(e.us / 1000), percent: pct(e.us) })),
    byFile: [...byFile.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([file, us]) => ({ file, ms: Math.round(us / 1000), percent: pct(us) })),
  };
}
