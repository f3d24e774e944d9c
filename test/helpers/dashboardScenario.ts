/**
 * A dashboard-sized run for render tests: workflows over half an hour with agents, tools,
 * failures, LLM usage (one unpriced model) and alerts, with hostile names in every text
 * field a log can fill.
 */
import type { AlertChange } from '../../src/core/alerts/alertDict';
import type { AlertEntry } from '../../src/core/dashboard/alertTimeline';
import type { DashboardInput } from '../../src/core/dashboard/dashboard';
import { at, ingest, line, newEngine } from './ingest';

export const HOSTILE_AGENT = '</script><img src=x onerror="window.__pwned=1">';
export const BIDI_TOOL = 'search\u202Egnp.exe';
export const LOG_PATH = '/workspace/logs/agents.jsonl';

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

export function scenarioLines(workflows = 40, seed = 7): string[] {
  const random = rng(seed);
  const agents = ['supervisor', 'research_lead', 'copywriter', HOSTILE_AGENT];
  const tools = ['web_search', 'llm_completion', BIDI_TOOL];
  const lines: string[] = [];
  for (let w = 0; w < workflows; w++) {
    const id = w === 3 ? `wf-<b>${w}</b>` : `wf-${String(w).padStart(3, '0')}`;
    let t = w * 45;
    lines.push(line({ event: 'workflow_started', workflow_id: id, timestamp: at(t) }));
    let failed = false;
    for (const agent of agents) {
      // Each agent runs one tool inside its own span: the tool starts 0.1 s in.
      const toolName = tools[Math.floor(random() * tools.length)] as string;
      const toolMs = 50 + random() * 900;
      const toolOk = random() > 0.12;
      lines.push(line({
        event: 'tool_executed', workflow_id: id, agent_name: agent, tool_name: toolName, duration_ms: toolMs, success: toolOk,
        cost_estimate: 0.001 + random() * 0.01, timestamp: at(t + 0.1 + toolMs / 1000), ...(toolOk ? {} : { error_message: `HTTP 503 from ${toolName}` }),
      }));
      const agentMs = toolMs + 200 + random() * 2500;
      const ok = random() > 0.1;
      failed ||= !ok;
      const model = random() > 0.85 ? 'mystery-model-9' : random() > 0.5 ? 'gpt-4o' : 'claude-sonnet-4';
      t += agentMs / 1000;
      lines.push(line({
        event: ok ? 'agent_execution_completed' : 'agent_execution_failed', level: ok ? 'info' : 'error', workflow_id: id, agent_name: agent,
        duration_ms: agentMs, success: ok, timestamp: at(t), model, input_tokens: Math.round(500 + random() * 3000), output_tokens: Math.round(100 + random() * 800),
        ...(ok ? {} : { error_message: 'agent gave up\u202E after 3 retries' }),
      }));
      t += 0.3;
    }
    if (w < workflows - 2) lines.push(line({ event: failed ? 'workflow_failed' : 'workflow_completed', workflow_id: id, status: failed ? 'failed' : 'success', timestamp: at(t + 0.1) }));
  }
  return lines;
}

function change(type: 'alert' | 'resolved', rule: string, atMs: number, severity: 'warning' | 'critical', line: number): AlertChange {
  return {
    type, historical: false, at: atMs, ref: undefined, streamKey: `${rule}\u0000[]`,
    alert: {
      rule_name: rule, severity, condition: 'threshold_exceeded', metric_name: 'agent_execution_duration_ms', threshold: 2000, actual_value: 2500,
      timestamp: new Date(atMs).toISOString(), message: `${rule}: p95 2500 > 2000`,
      metadata: { count: 3, tags: {}, window_start: '', window_end: '', workflow_id: null, source: { path: LOG_PATH, line }, state: type === 'alert' ? 'firing' : 'resolved', historical: false, group: {}, aggregate: 'p95' },
    },
  };
}

export function scenarioInput(workflows = 40): DashboardInput {
  const engine = newEngine();
  const lines = scenarioLines(workflows);
  ingest(engine, LOG_PATH, lines.join('\n'));
  // What the worker does from the file: read a failed span's error_message back from its line.
  const readError = (_source: number, lineNo: number): string | null => {
    const parsed = JSON.parse(lines[lineNo - 1] ?? '{}') as { error_message?: unknown };
    return typeof parsed.error_message === 'string' ? parsed.error_message : null;
  };
  const base = Date.parse(at(0));
  const entries: AlertEntry[] = [
    { change: change('alert', 'slow agents', base + 300_000, 'warning', 12), live: true },
    { change: change('resolved', 'slow agents', base + 600_000, 'warning', 30), live: true },
    { change: change('alert', HOSTILE_AGENT, base + 900_000, 'critical', 50), live: true },
    { change: change('alert', 'slow agents', base + 1_200_000, 'warning', 70), live: true },
  ];
  const active = entries.filter((e) => e.change.at >= base + 900_000);
  return { engine, alerts: { recent: [...entries].reverse(), active }, readError };
}
