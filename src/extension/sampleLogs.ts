/**
 * "Write Sample Logs": a short hierarchical run in the seed's structlog format, written
 * into the workspace (or extension storage when no folder is open) so a first-time user
 * sees Runlens work before pointing it at their own logs.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Span {
  agent: string;
  offsetMs: number;
  durationMs: number;
  success?: boolean;
  tools?: Array<{ tool: string; offsetMs: number; durationMs: number; cost: number; success?: boolean }>;
}

const SPANS: Span[] = [
  { agent: 'web_researcher', offsetMs: 300, durationMs: 2100, tools: [{ tool: 'web_search', offsetMs: 400, durationMs: 850, cost: 0.002 }] },
  { agent: 'copywriter', offsetMs: 2600, durationMs: 3400, tools: [{ tool: 'llm_completion', offsetMs: 2700, durationMs: 2900, cost: 0.011 }] },
  { agent: 'data_analyst', offsetMs: 6200, durationMs: 1500, success: false, tools: [{ tool: 'crm_lookup', offsetMs: 6300, durationMs: 900, cost: 0, success: false }] },
];

export function sampleRunLines(workflowId: string, startMs: number): string[] {
  const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');
  const lines: Array<{ at: number; line: Record<string, unknown> }> = [];
  const ctx = { request_id: `req-${workflowId}`, workflow_id: workflowId, user_id: 'sample-user' };
  const log = (at: number, fields: Record<string, unknown>): void => {
    lines.push({ at, line: { ...ctx, ...fields, level: fields.level ?? 'info', timestamp: iso(at) } });
  };
  log(startMs, { event: 'workflow_started', status: 'started', campaign: 'sample launch' });
  log(startMs + 100, { agent_name: 'supervisor', event: 'routing_decision', decision_point: 'supervisor', available_nodes: ['research_lead'], selected_node: 'research_lead', reasoning: 'needs research first', confidence: 0.92 });
  for (const span of SPANS) {
    for (const t of span.tools ?? []) {
      log(startMs + t.offsetMs + t.durationMs, {
        agent_name: span.agent, event: 'tool_executed', tool_name: t.tool, parameters_summary: { query: 'sample' },
        result_summary: { type: 'dict', keys: ['results'], size_bytes: 512 }, duration_ms: t.durationMs, success: t.success ?? true, cost_estimate: t.cost,
      });
    }
    const ok = span.success ?? true;
    log(startMs + span.offsetMs + span.durationMs, {
      agent_name: span.agent, event: ok ? 'agent_execution_completed' : 'agent_execution_failed',
      input_summary: { task: 'sample task' }, output_summary: {}, duration_ms: span.durationMs, success: ok,
      ...(ok ? {} : { error_message: 'CRM returned 503', level: 'error' }),
    });
  }
  log(startMs + 8000, { agent_name: 'research_lead', event: 'agent_execution_completed', input_summary: {}, output_summary: {}, duration_ms: 7800, success: true });
  log(startMs + 8100, { agent_name: 'supervisor', event: 'agent_execution_completed', input_summary: {}, output_summary: {}, duration_ms: 8050, success: true });
  log(startMs + 8200, { event: 'workflow_completed', status: 'success', total_agents: 5, total_tools: 3 });
  return lines.sort((a, b) => a.at - b.at).map((l) => JSON.stringify(l.line));
}

export async function writeSampleLogs(context: vscode.ExtensionContext, follow: (folder: string) => Promise<void>): Promise<void> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  const base = workspace?.uri.scheme === 'file' ? vscode.Uri.joinPath(workspace.uri, 'runlens-sample', 'logs') : context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(base);
  const file = vscode.Uri.joinPath(base, 'sample-run.jsonl');
  const now = Date.now();
  const text = [...sampleRunLines('sample-wf-1', now - 20_000), ...sampleRunLines('sample-wf-2', now - 10_000)].join('\n') + '\n';
  await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
  if (!workspace) await follow(path.dirname(file.fsPath));
  const document = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(document, { preview: true });
}
