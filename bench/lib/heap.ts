/** Sums a V8 heap snapshot's self sizes by node type and constructor name. */
import { readFileSync } from 'node:fs';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  what: string;
  count: number;
  bytes: number;
}

export function summarizeHeapSnapshot(path: string): { totalBytes: number; groups: Map<string, HeapGroup> } {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  let totalBytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] ?? '?';
    const size = snap.nodes[i + sizeAt] as number;
    let name = snap.strings[snap.nodes[i + nameAt] as number] ?? '?';
    // Strings are named by their content: group them by type only.
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (type === 'number') name = '';
    if (type === 'code') name = '';
    const what = name ? `${type} ${name.length > 60 ? `${name.slice(0, 57)}...` : name}` : `(${type})`;
    const g = groups.get(what) ?? { what, count: 0, bytes: 0 };
    g.count++;
    g.bytes += size;
    totalBytes += size;
    groups.set(what, g);
  }
  return { totalBytes, groups };
}

/** What grew between two snapshots, biggest first. */
export function diffHeapSnapshots(beforePath: string, afterPath: string, topN = 20): { totalBytes: number; groups: HeapGroup[] } {
  const before = summarizeHeapSnapshot(beforePath);
  const after = summarizeHeapSnapshot(afterPath);
  const out: HeapGroup[] = [];
  for (const [what, g] of after.groups) {
    const b = before.groups.get(what);
    out.push({ what, count: g.count - (b?.count ?? 0), bytes: g.bytes - (b?.bytes ?? 0) });
  }
  out.sort((a, b) => b.bytes - a.bytes);
  return { totalBytes: after.totalBytes - before.totalBytes, groups: out.slice(0, topN) };
}
