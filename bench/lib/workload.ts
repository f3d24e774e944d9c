/**
 * Deterministic, seed-style structlog lines (design §1): workflows of a supervisor, team
 * leads, workers and their tools, with routing decisions, LLM usage and the odd failure.
 * Time is simulated in integer microseconds so every child span sits strictly inside its
 * parent and each workflow's lines come out in time order (children log first).
 */

/** mulberry32: small, fast, good enough for synthetic data, and identical on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Log-normal around `median` (µs or ms, whatever the caller uses). */
  lognormal(median: number, sigma: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }

  words(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += (i === 0 ? '' : ' ') + this.pick(WORDS);
    return out;
  }
}

const WORDS = [
  'agent', 'latency', 'market', 'report', 'quarterly', 'revenue', 'growth', 'customer', 'churn', 'pricing',
  'competitor', 'analysis', 'summary', 'dataset', 'forecast', 'model', 'retrieval', 'source', 'citation', 'table',
  'chart', 'anomaly', 'trend', 'europe', 'asia', 'supply', 'chain', 'risk', 'energy', 'battery', 'storage',
  'regulation', 'policy', 'survey', 'sentiment', 'review', 'benchmark', 'accuracy', 'recall', 'draft', 'outline',
  'section', 'evidence', 'claim', 'verify', 'update', 'compare', 'estimate', 'baseline', 'cohort',
];

interface TeamDef {
  lead: string;
  workers: ReadonlyArray<{ name: string; tools: readonly string[] }>;
}

const TEAMS: readonly TeamDef[] = [
  {
    lead: 'research_lead',
    workers: [
      { name: 'web_researcher', tools: ['web_search', 'web_search', 'fetch_url'] },
      { name: 'paper_reader', tools: ['pdf_extract', 'vector_search', 'web_search'] },
      { name: 'fact_checker', tools: ['web_search', 'fetch_url', 'vector_search'] },
    ],
  },
  {
    lead: 'analysis_lead',
    workers: [
      { name: 'data_analyst', tools: ['sql_query', 'python_exec', 'python_exec'] },
      { name: 'statistician', tools: ['python_exec', 'calculator'] },
      { name: 'chart_maker', tools: ['python_exec', 'file_write'] },
    ],
  },
  {
    lead: 'writing_lead',
    workers: [
      { name: 'drafter', tools: ['vector_search', 'file_write'] },
      { name: 'editor', tools: ['spell_check', 'file_write'] },
      { name: 'summarizer', tools: ['vector_search', 'web_search'] },
    ],
  },
  {
    lead: 'qa_lead',
    workers: [
      { name: 'reviewer', tools: ['spell_check', 'web_search'] },
      { name: 'code_tester', tools: ['python_exec', 'code_lint'] },
    ],
  },
];

/** Median duration (ms) and cost per call of each tool. */
const TOOLS: Readonly<Record<string, { ms: number; cost: number }>> = {
  web_search: { ms: 420, cost: 0.002 },
  fetch_url: { ms: 650, cost: 0.0005 },
  pdf_extract: { ms: 900, cost: 0.001 },
  vector_search: { ms: 85, cost: 0.0004 },
  sql_query: { ms: 160, cost: 0 },
  python_exec: { ms: 1200, cost: 0 },
  calculator: { ms: 3, cost: 0 },
  file_write: { ms: 12, cost: 0 },
  spell_check: { ms: 45, cost: 0.0001 },
  code_lint: { ms: 300, cost: 0 },
};

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.0-flash', 'gpt-4o-mini', 'claude-sonnet-4'];

export interface WorkflowShape {
  teams: [number, number];
  workersPerTeam: [number, number];
  toolsPerWorker: [number, number];
  llmPerWorker: [number, number];
}

/** ~75 lines a workflow, ~450 bytes a line. */
export const DEFAULT_SHAPE: WorkflowShape = {
  teams: [2, 4],
  workersPerTeam: [2, 3],
  toolsPerWorker: [2, 5],
  llmPerWorker: [1, 2],
};

export interface GeneratedWorkflow {
  /** Timestamps (µs since epoch) of `lines`, non-decreasing. */
  ts: number[];
  lines: string[];
  /** Agent and tool spans written. */
  spans: number;
  endUs: number;
}

function iso(us: number): string {
  const ms = Math.floor(us / 1000);
  const micro = us - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micro).padStart(3, '0')}Z`;
}

/** Microseconds to milliseconds with microsecond precision, as structlog writes floats. */
function ms(us: number): number {
  return us / 1000;
}

/**
 * One workflow from `startUs`. Spans nest strictly: each child starts after and ends before
 * its parent, with gaps of at least a few microseconds, so the inferred tree is exact.
 */
export function generateWorkflow(rng: Rng, index: number, startUs: number, shape: WorkflowShape = DEFAULT_SHAPE): GeneratedWorkflow {
  const ts: number[] = [];
  const lines: string[] = [];
  const workflowId = `wf-${String(index).padStart(7, '0')}-${Math.floor(rng.next() * 0xffffff).toString(16).padStart(6, '0')}`;
  const requestId = `req-${Math.floor(rng.next() * 0xffffffff).toString(16).padStart(8, '0')}`;
  const userId = `user-${rng.int(1, 5000)}`;
  let spans = 0;
  let agents = 0;
  let tools = 0;
  let anyFailed = false;

  const emit = (at: number, fields: Record<string, unknown>, event: string, level: string, agentName?: string): void => {
    const obj: Record<string, unknown> = fields;
    obj.event = event;
    obj.request_id = requestId;
    obj.workflow_id = workflowId;
    obj.user_id = userId;
    if (agentName !== undefined && obj.agent_name === undefined) obj.agent_name = agentName;
    obj.level = level;
    obj.timestamp = iso(at);
    ts.push(at);
    lines.push(JSON.stringify(obj));
  };

  const query = rng.words(rng.int(6, 12));
  emit(startUs, { status: 'started', query, priority: rng.pick(['low', 'normal', 'normal', 'high']), max_agents: 16 }, 'workflow_started', 'info');
  let t = startUs + rng.int(200, 3000);

  const gap = (): number => rng.int(5, 400);

  // A leaf or inner agent; `body` advances the clock from the agent's start and returns its end.
  const agent = (name: string, role: string, body: (from: number) => number, from: number): number => {
    const begin = from + gap();
    const end = body(begin) + gap();
    const failed = role === 'worker' && rng.chance(0.03);
    if (failed) anyFailed = true;
    const fields: Record<string, unknown> = {
      agent_name: name,
      input_summary: { task: rng.words(rng.int(4, 9)), role, attempt: 1 },
      output_summary: failed ? {} : { result: rng.words(rng.int(5, 12)), items: rng.int(1, 12) },
      duration_ms: ms(end - begin),
      success: !failed,
    };
    if (failed) fields.error_message = `${rng.pick(['TimeoutError', 'RateLimitError', 'ValidationError'])}: ${rng.words(5)}`;
    emit(end, fields, failed ? 'agent_execution_failed' : 'agent_execution_completed', failed ? 'error' : 'info', name);
    agents++;
    spans++;
    return end;
  };

  const tool = (worker: string, name: string, from: number): number => {
    const def = TOOLS[name] ?? { ms: 100, cost: 0 };
    const begin = from + gap();
    const end = begin + Math.max(50, Math.round(rng.lognormal(def.ms * 1000, 0.6)));
    const ok = !rng.chance(0.02);
    const cost = def.cost === 0 ? 0 : Math.round(def.cost * (0.8 + rng.next() * 0.4) * 1e6) / 1e6;
    emit(
      end,
      {
        tool_name: name,
        parameters_summary: { query: rng.words(rng.int(4, 10)), limit: rng.int(3, 20) },
        result_summary: ok ? { count: rng.int(0, 25), top: rng.words(rng.int(3, 8)) } : { error: 'upstream returned 503' },
        duration_ms: ms(end - begin),
        success: ok,
        cost_estimate: cost,
      },
      'tool_executed',
      ok ? 'info' : 'warning',
      worker,
    );
    tools++;
    spans++;
    return end;
  };

  const llm = (worker: string, from: number): number => {
    const begin = from + gap();
    const end = begin + Math.max(100, Math.round(rng.lognormal(1_400_000, 0.5)));
    const model = rng.pick(MODELS);
    const input = rng.int(300, 6000);
    const output = rng.int(40, 1200);
    // Mostly OpenTelemetry GenAI names, some plain ones (both are recognised).
    const fields: Record<string, unknown> = rng.chance(0.7)
      ? { 'gen_ai.request.model': model, 'gen_ai.usage.input_tokens': input, 'gen_ai.usage.output_tokens': output }
      : { model, input_tokens: input, output_tokens: output };
    fields.prompt_summary = rng.words(rng.int(5, 12));
    fields.finish_reason = rng.chance(0.95) ? 'stop' : 'length';
    fields.duration_ms = ms(end - begin);
    emit(end, fields, 'llm_call_completed', 'info', worker);
    return end;
  };

  const route = (at: number, decisionPoint: string, nodes: readonly string[], selected: string, agentName: string): void => {
    emit(
      at,
      {
        decision_point: decisionPoint,
        available_nodes: nodes,
        selected_node: selected,
        reasoning: rng.words(rng.int(8, 18)),
        confidence: Math.round((0.55 + rng.next() * 0.45) * 1000) / 1000,
      },
      'routing_decision',
      'info',
      agentName,
    );
  };

  const nTeams = rng.int(shape.teams[0], shape.teams[1]);
  const supEnd = agent(
    'supervisor',
    'supervisor',
    (supBegin) => {
      let c = supBegin;
      for (let ti = 0; ti < nTeams; ti++) {
        const team = TEAMS[(ti + index) % TEAMS.length] as TeamDef;
        c += gap();
        route(c, 'supervisor', TEAMS.map((x) => x.lead), team.lead, 'supervisor');
        c = agent(
          team.lead,
          'team_lead',
          (leadBegin) => {
            let lc = leadBegin;
            const nWorkers = rng.int(shape.workersPerTeam[0], shape.workersPerTeam[1]);
            for (let wi = 0; wi < nWorkers; wi++) {
              const worker = team.workers[wi % team.workers.length] as TeamDef['workers'][number];
              lc += gap();
              route(lc, team.lead, team.workers.map((w) => w.name), worker.name, team.lead);
              lc = agent(
                worker.name,
                'worker',
                (wBegin) => {
                  let wc = wBegin;
                  const nTools = rng.int(shape.toolsPerWorker[0], shape.toolsPerWorker[1]);
                  const nLlm = rng.int(shape.llmPerWorker[0], shape.llmPerWorker[1]);
                  for (let k = 0; k < nTools + nLlm; k++) {
                    if (k < nLlm && (k === 0 || rng.chance(0.5))) wc = llm(worker.name, wc);
                    else wc = tool(worker.name, rng.pick(worker.tools), wc);
                    if (rng.chance(0.01)) {
                      wc += gap();
                      emit(wc, { attempt: 2, reason: 'rate limited, backing off' }, 'retrying_call', 'warning', worker.name);
                    }
                  }
                  return wc;
                },
                lc,
              );
            }
            return lc;
          },
          c,
        );
      }
      return c;
    },
    t,
  );
  t = supEnd + rng.int(100, 2000);
  const failed = anyFailed && rng.chance(0.5);
  emit(
    t,
    {
      status: failed ? 'failed' : 'success',
      total_agents: agents,
      total_tools: tools,
      total_duration_ms: ms(t - startUs),
    },
    failed ? 'workflow_failed' : 'workflow_completed',
    failed ? 'error' : 'info',
  );
  return { ts, lines, spans, endUs: t };
}

/** 2026-11-24T00:00:00Z in µs. */
export const EPOCH_US = Date.UTC(2026, 10, 24) * 1000;

/**
 * An endless stream of lines from `concurrency` interleaved workflows, merged by timestamp
 * (a log of a busy system). Calls `sink` until it returns false.
 */
export function streamLines(seed: number, concurrency: number, sink: (line: string) => boolean): void {
  const rng = new Rng(seed);
  let nextIndex = 0;
  const slots: Array<{ wf: GeneratedWorkflow; at: number }> = [];
  for (let s = 0; s < concurrency; s++) {
    slots.push({ wf: generateWorkflow(rng, nextIndex++, EPOCH_US + rng.int(0, 5_000_000)), at: 0 });
  }
  for (;;) {
    let best = 0;
    let bestTs = Infinity;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s] as { wf: GeneratedWorkflow; at: number };
      const tsNext = slot.wf.ts[slot.at] as number;
      if (tsNext < bestTs) {
        bestTs = tsNext;
        best = s;
      }
    }
    const slot = slots[best] as { wf: GeneratedWorkflow; at: number };
    if (!sink(slot.wf.lines[slot.at] as string)) return;
    slot.at++;
    if (slot.at === slot.wf.lines.length) {
      slots[best] = { wf: generateWorkflow(rng, nextIndex++, slot.wf.endUs + rng.int(1000, 3_000_000)), at: 0 };
    }
  }
}

/** One huge workflow with about `spans` agent and tool spans (for the trace-build timing). */
export function generateBigWorkflow(seed: number, spans: number): GeneratedWorkflow {
  const rng = new Rng(seed);
  // 1 supervisor + 4 leads + 2,000 workers (4 × 500) + ~49 tools each ≈ 100k spans.
  const teams = 4;
  const workers = Math.max(1, Math.round(spans / 50 / teams));
  const toolsPerWorker = Math.max(1, Math.round((spans - 1 - teams - teams * workers) / (teams * workers)));
  return generateWorkflow(rng, 0, EPOCH_US, {
    teams: [teams, teams],
    workersPerTeam: [workers, workers],
    toolsPerWorker: [toolsPerWorker, toolsPerWorker],
    llmPerWorker: [1, 1],
  });
}
