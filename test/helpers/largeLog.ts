/**
 * Writes a structlog log of about `lines` lines (workflows of agents each calling a tool,
 * spread over `spanHours`), fast: one buffer per few thousand lines, no per-line objects.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const AGENTS = ['supervisor', 'research_lead', 'web_researcher', 'analyst', 'copywriter', 'editor', 'reviewer', 'publisher'];
const TOOLS = ['web_search', 'llm_completion', 'vector_lookup', 'code_exec'];

export function writeLargeLog(path: string, lines: number, spanHours = 24, start = Date.parse('2026-11-24T00:00:00Z')): number {
  const perWorkflow = 2 + AGENTS.length * 2;
  const workflows = Math.max(1, Math.floor(lines / perWorkflow));
  const step = (spanHours * 3_600_000) / workflows;
  const fd = openSync(path, 'w');
  let chunk: string[] = [];
  let written = 0;
  let seed = 1;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const iso = (ms: number): string => new Date(ms).toISOString();
  for (let w = 0; w < workflows; w++) {
    const id = `wf-${w}`;
    let t = start + w * step;
    chunk.push(`{"event":"workflow_started","workflow_id":"${id}","level":"info","timestamp":"${iso(t)}"}`);
    let failed = false;
    for (const agent of AGENTS) {
      const tool = TOOLS[Math.floor(random() * TOOLS.length)] as string;
      const toolMs = 20 + random() * 400;
      const toolOk = random() > 0.05;
      chunk.push(`{"event":"tool_executed","workflow_id":"${id}","agent_name":"${agent}","tool_name":"${tool}","duration_ms":${toolMs.toFixed(1)},"success":${toolOk},"cost_estimate":${(random() * 0.01).toFixed(5)},"level":"info","timestamp":"${iso(t + 5 + toolMs)}"}`);
      const agentMs = toolMs + 20 + random() * 600;
      const ok = random() > 0.04;
      failed ||= !ok;
      t += agentMs;
      chunk.push(`{"event":"agent_execution_${ok ? 'completed' : 'failed'}","workflow_id":"${id}","agent_name":"${agent}","duration_ms":${agentMs.toFixed(1)},"success":${ok},"level":"${ok ? 'info' : 'error'}","timestamp":"${iso(t)}"${ok ? '' : ',"error_message":"gave up"'}}`);
      t += 1;
    }
    chunk.push(`{"event":"workflow_${failed ? 'failed' : 'completed'}","workflow_id":"${id}","status":"${failed ? 'failed' : 'success'}","level":"info","timestamp":"${iso(t)}"}`);
    if (chunk.length >= 4_096) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      written += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  written += chunk.length;
  closeSync(fd);
  return written;
}
