/**
 * Checks of Runlens's CLI output against the structlog fixture's oracle. Each returns every
 * difference it finds as a readable line (line numbers, values), so a failure reads as a
 * precise bug report rather than the first mismatch only.
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/core/model/report';
import type { Trace, TraceNode } from '../../src/core/traces/build';
import {
  cliJson, cliJsonBatch, close, isoMicros, lineStarts, seriesKey, summaryDiffs, tagArgs,
  type ExpectedSeries, type Fixture,
} from './structlogFixture';

const REL = 1e-9;

export function report(fx: Fixture): Promise<Report> {
  return cliJson<Report>(['report', fx.log, '--json', '--prices', fx.prices]);
}

export function sourceDiffs(fx: Fixture, r: Report): string[] {
  const s = r.sources;
  const want = { lines: fx.expected.lines, events: fx.expected.lines, malformed: 0 };
  if (s.length !== 1) return [`sources: ${s.length} entries, expected 1`];
  const got = { lines: s[0]?.lines, events: s[0]?.events, malformed: s[0]?.malformed };
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [`sources: ${JSON.stringify(got)} != ${JSON.stringify(want)}`];
}

/** Every (name, tags) series in `report.metrics` against the collector's, both ways. */
export function seriesDiffs(fx: Fixture, r: Report): string[] {
  const expected = new Map<string, ExpectedSeries>();
  for (const e of fx.expected.summaries) if (e.tags !== null) expected.set(seriesKey(e.name, e.tags), e);
  const diffs: string[] = [];
  const seen = new Set<string>();
  for (const [name, rows] of Object.entries(r.metrics)) {
    for (const row of rows) {
      const key = seriesKey(name, row.tags);
      seen.add(key);
      const want = expected.get(key);
      if (!want) diffs.push(`${key}: in the report, not recorded by the seed collector`);
      else diffs.push(...summaryDiffs(key, row as unknown as Record<string, unknown>, want.summary));
    }
  }
  for (const key of expected.keys()) if (!seen.has(key)) diffs.push(`${key}: recorded by the seed collector, missing from the report`);
  return diffs;
}

/** `runlens metrics --name N` (all series of a name) and the --tag/--from/--to windows. */
export async function cliSummaryDiffs(fx: Fixture): Promise<string[]> {
  const queries = [
    ...fx.expected.summaries.filter((e) => e.tags === null).map((e) => ({ ...e, from: null, to: null })),
    ...fx.expected.range_summaries,
  ];
  const argvs = queries.map((q) => {
    const args = ['metrics', fx.log, '--prices', fx.prices, '--name', q.name, ...tagArgs(q.tags)];
    if (q.from !== null) args.push('--from', q.from);
    if (q.to !== null) args.push('--to', q.to);
    return args;
  });
  const answers = await cliJsonBatch<Record<string, unknown>>(argvs);
  const results = queries.map((q, i) => {
    const label = `metrics --name ${q.name} ${tagArgs(q.tags).join(' ')} [${q.from ?? ''} .. ${q.to ?? ''}]`;
    return summaryDiffs(label, answers[i], q.summary);
  });
  return results.flat();
}

export function workflowDiffs(fx: Fixture, r: Report): string[] {
  const diffs: string[] = [];
  const got = new Map(r.workflows.map((w) => [w.workflow_id, w]));
  for (const [id, want] of Object.entries(fx.expected.workflows)) {
    const w = got.get(id);
    if (!w) {
      diffs.push(`workflow ${id}: missing`);
      continue;
    }
    for (const key of ['status', 'agents', 'tools', 'errors'] as const) {
      if (w[key] !== want[key]) diffs.push(`workflow ${id}: ${key} ${String(w[key])} != ${String(want[key])}`);
    }
    if (!close(w.cost_usd, want.cost_usd, REL)) diffs.push(`workflow ${id}: cost_usd ${w.cost_usd} != ${want.cost_usd} (tools ${want.tools_usd})`);
    if (isoMicros(w.started) !== isoMicros(want.started)) diffs.push(`workflow ${id}: started ${String(w.started)} != ${want.started}`);
    if (want.ended === null ? w.ended !== null : isoMicros(w.ended) !== isoMicros(want.ended)) {
      diffs.push(`workflow ${id}: ended ${String(w.ended)} != ${String(want.ended)}`);
    }
    // From two µs timestamps: exact up to 1 µs.
    if (want.duration_ms !== null && !close(w.duration_ms, want.duration_ms, 0, 0.001)) {
      diffs.push(`workflow ${id}: duration_ms ${String(w.duration_ms)} != ${want.duration_ms}`);
    }
  }
  for (const id of got.keys()) if (!(id in fx.expected.workflows)) diffs.push(`workflow ${id}: not in the run`);
  return diffs;
}

export function costDiffs(fx: Fixture, r: Report): string[] {
  const want = fx.expected.cost;
  const c = r.cost;
  const diffs: string[] = [];
  for (const key of ['total_usd', 'tools_usd', 'llm_usd'] as const) {
    if (!close(c[key], want[key], REL)) diffs.push(`cost.${key} ${c[key]} != ${want[key]}`);
  }
  for (const group of ['by_tool', 'by_agent'] as const) {
    const keys = new Set([...Object.keys(c[group]), ...Object.keys(want[group])]);
    for (const k of keys) {
      if (!close(c[group][k], want[group][k] ?? NaN, REL)) diffs.push(`cost.${group}.${k} ${String(c[group][k])} != ${String(want[group][k])}`);
    }
  }
  const models = new Set([...Object.keys(c.by_model), ...Object.keys(want.by_model)]);
  for (const m of models) {
    const got = c.by_model[m];
    const exp = want.by_model[m];
    const same = got !== undefined && exp !== undefined && got.calls === exp.calls && got.input_tokens === exp.input_tokens &&
      got.output_tokens === exp.output_tokens &&
      (exp.cost_usd === null ? got.cost_usd === null : close(got.cost_usd, exp.cost_usd, REL));
    if (!same) diffs.push(`cost.by_model.${m} ${JSON.stringify(got)} != ${JSON.stringify(exp)}`);
  }
  if (JSON.stringify(c.unknown_models) !== JSON.stringify(want.unknown_models)) {
    diffs.push(`cost.unknown_models ${JSON.stringify(c.unknown_models)} != ${JSON.stringify(want.unknown_models)}`);
  }
  return diffs;
}

/** Every workflow's tree: parents, kinds, status, intervals, and each node's source offset. */
export async function traceDiffs(fx: Fixture): Promise<string[]> {
  const starts = lineStarts(readFileSync(fx.log));
  const { parents, nodes, workflows } = fx.expected;
  const diffs: string[] = [];
  const seen = new Map<number, number>();
  const ids = Object.keys(workflows);
  const traces = await cliJsonBatch<Trace>(ids.map((id) => ['trace', fx.log, '--workflow', id, '--json']));
  ids.forEach((id, i) => {
    const root = (traces[i] as Trace).root;
    const where = (n: TraceNode): string => `line ${n.source?.line ?? '?'} (${n.kind} ${n.name})`;
    if (root.kind !== 'workflow' || root.name !== id) diffs.push(`workflow ${id}: root is ${root.kind} ${root.name}`);
    if (root.source?.line !== workflows[id]?.started_line) diffs.push(`workflow ${id}: root line ${String(root.source?.line)} != ${String(workflows[id]?.started_line)}`);
    const stack: Array<[TraceNode, number | null]> = [[root, null]];
    while (stack.length > 0) {
      const [node, parentLine] = stack.pop() as [TraceNode, number | null];
      const line = node.source?.line;
      if (line === undefined || node.source === null) {
        diffs.push(`workflow ${id}: node ${node.id} has no source`);
        continue;
      }
      if (node.source.byteOffset !== starts[line - 1]) diffs.push(`${where(node)}: byteOffset ${node.source.byteOffset} != ${String(starts[line - 1])}`);
      for (const child of node.children) stack.push([child, node === root ? null : line]);
      if (node === root) continue;
      seen.set(line, (seen.get(line) ?? 0) + 1);
      const want = nodes[String(line)];
      if (!want) {
        diffs.push(`${where(node)}: not a span or point of the run`);
        continue;
      }
      const expectedParent = parents[String(line)] ?? null;
      if (parentLine !== expectedParent) diffs.push(`${where(node)}: parent ${String(parentLine)} != ${String(expectedParent)} (null: workflow root)`);
      if (want.workflow_id !== id) diffs.push(`${where(node)}: under workflow ${id}, logged in ${want.workflow_id}`);
      if (node.kind !== want.kind || node.status !== want.status) diffs.push(`${where(node)}: ${node.kind}/${node.status} != ${want.kind}/${want.status}`);
      if (isoMicros(node.start) !== isoMicros(want.start) || isoMicros(node.end) !== isoMicros(want.end)) {
        diffs.push(`${where(node)}: ${node.start} .. ${node.end} != ${want.start} .. ${want.end}`);
      }
    }
  });
  for (const line of Object.keys(nodes)) {
    const count = seen.get(Number(line)) ?? 0;
    if (count !== 1) diffs.push(`line ${line}: appears ${count} times in the traces`);
  }
  return diffs;
}
