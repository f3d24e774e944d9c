/**
 * The hierarchical marketing-agents system, written against the runlens logger the way an
 * application would: a supervisor plans with an LLM and routes to team leads (research,
 * content, analytics); leads route to workers, in sequence or fanned out in parallel; workers
 * call tools (web search, LLM completions with token usage, CRM lookups, SQL, ...).
 *
 * The shapes keep to what Runlens can nest from timestamps alone (design §2): every step
 * takes some time (no line sits exactly on a span boundary), parallel workers start one after
 * another and finish in the same order (siblings overlap, never contain each other), and the
 * LLM usage line is written just before its tool call returns (inside the tool span).
 */
import { pyFloat, type StructuredLogger } from '../logger';
import { AGENT_MODELS, CAMPAIGNS, CHANNELS, LEADS, ROUTING_REASONS, RUNAWAY_MODEL, TEAMS, TOOLS, WORKER_TOOLS, type ModelUse, type TeamLead } from './catalog';
import type { Incidents } from './incidents';
import { llmResultText, toolParameters, toolResult } from './payloads';
import type { Random } from './random';
import type { Scheduler } from './scheduler';

export interface AgentWorld {
  logger: StructuredLogger;
  scheduler: Scheduler;
  rng: Random;
  incidents: Incidents;
}

interface Workflow {
  id: string;
  campaign: string;
  channel: string;
  agents: Set<string>;
  toolCalls: number;
}

type AgentResult = { output: Record<string, unknown>; error?: undefined } | { output?: undefined; error: string };

/** A failed tool call; its name is the exception type in the logged traceback. */
class ToolCallError extends Error {
  constructor(typeName: string, message: string) {
    // Whole stacks without the Node internals that run the simulated clock: which of those
    // happen to be on the stack depends on timing, and a seeded run should write the same bytes.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = typeName;
    this.stack = (this.stack ?? '').split('\n').filter((line) => !/\(?node:internal\//.test(line)).join('\n');
  }
}

const RUNAWAY_ITERATIONS = 3;

function gatewayError(tool: string, reason: string): ToolCallError {
  return new ToolCallError('ConnectionError', `HTTPConnectionPool(host='tool-gateway', port=8811): Max retries exceeded with url: /tools/${tool} (Caused by NewConnectionError('${reason}'))`);
}

export class MarketingAgents {
  constructor(private readonly world: AgentWorld) {}

  /** One campaign request, from workflow_started to workflow_completed or workflow_failed. */
  async workflow(): Promise<void> {
    const { rng, logger, scheduler } = this.world;
    const wf: Workflow = { id: `wf-${rng.hex(8)}`, campaign: rng.pick(CAMPAIGNS), channel: rng.pick(CHANNELS), agents: new Set(), toolCalls: 0 };
    const context = { request_id: `req-${rng.hex(12)}`, workflow_id: wf.id, user_id: `user-${String(rng.int(1, 40)).padStart(3, '0')}` };
    await logger.withContext(context, async () => {
      const start = scheduler.now();
      logger.logWorkflowEvent({ eventType: 'started', workflowId: wf.id, status: 'running', metadata: { workflow_type: 'campaign', campaign: wf.campaign, channel: wf.channel } });
      const ok = await this.supervisor(wf);
      await this.gap();
      logger.logWorkflowEvent({
        eventType: ok ? 'completed' : 'failed',
        workflowId: wf.id,
        status: ok ? 'success' : 'failed',
        metadata: { campaign: wf.campaign, total_agents: wf.agents.size, total_tools: wf.toolCalls, total_duration_ms: pyFloat((scheduler.now() - start) / 1000) },
      });
    });
  }

  private supervisor(wf: Workflow): Promise<boolean> {
    return this.agent(wf, 'supervisor', { campaign: wf.campaign, channel: wf.channel }, async () => {
      const plan = await this.tryTool(wf, 'supervisor', 'llm_completion');
      if (!plan.ok) return { error: `planning failed: ${plan.message}` };
      const leads = this.world.rng.sample(LEADS, this.world.rng.int(1, 3));
      let failures = 0;
      for (const lead of leads) {
        await this.route('supervisor', [...LEADS, 'FINISH'], lead, ROUTING_REASONS[lead] ?? 'best fit');
        if (!(await this.lead(wf, lead))) failures++;
      }
      await this.route('supervisor', [...LEADS, 'FINISH'], 'FINISH', ROUTING_REASONS.FINISH ?? 'done');
      return failures > 0 ? { error: `${failures} of ${leads.length} teams failed` } : { output: { teams: leads, status: 'campaign plan ready' } };
    });
  }

  private lead(wf: Workflow, name: TeamLead): Promise<boolean> {
    const { rng } = this.world;
    const team = TEAMS[name];
    return this.agent(wf, name, { brief: `${name} for ${wf.campaign}`, campaign: wf.campaign }, async () => {
      const workers = rng.sample(team, rng.int(2, 3));
      const results = rng.chance(0.35) ? await this.fanOut(wf, name, team, workers) : await this.inSequence(wf, name, team, workers);
      const failed = results.filter((ok) => !ok).length;
      // A lead can still deliver with one worker short, sometimes; not when no tool answers.
      const ok = failed === 0 || (failed < results.length && !this.world.incidents.toolGatewayDown && rng.chance(0.5));
      return ok ? { output: { workers, delivered: results.length - failed } } : { error: `${failed} of ${results.length} workers failed` };
    });
  }

  private async inSequence(wf: Workflow, lead: string, team: readonly string[], workers: readonly string[]): Promise<boolean[]> {
    const results: boolean[] = [];
    for (const worker of workers) {
      await this.route(lead, team, worker, 'next task in the brief');
      let ok = await this.worker(wf, worker);
      if (!ok && this.world.rng.chance(0.5)) {
        await this.route(lead, team, worker, 'retry after a failed attempt');
        ok = await this.worker(wf, worker);
      }
      results.push(ok);
    }
    return results;
  }

  /** Parallel workers: staggered starts, completions logged in start order (overlap, never containment). */
  private async fanOut(wf: Workflow, lead: string, team: readonly string[], workers: readonly string[]): Promise<boolean[]> {
    for (const worker of workers) await this.route(lead, team, worker, 'fan-out: independent tasks');
    let previous: Promise<void> = Promise.resolve();
    let delay = 0;
    const runs = workers.map((worker) => {
      const after = previous;
      let logged!: () => void;
      previous = new Promise<void>((resolve) => (logged = resolve));
      const run = this.worker(wf, worker, delay, after, logged);
      delay += this.world.rng.uniform(200, 3000);
      return run;
    });
    return Promise.all(runs);
  }

  private async worker(wf: Workflow, name: string, delayMs = 0, after?: Promise<void>, logged?: () => void): Promise<boolean> {
    if (delayMs > 0) await this.world.scheduler.sleep(delayMs);
    const tools = WORKER_TOOLS[name] ?? [];
    return this.agent(wf, name, { task: `${name} for ${wf.campaign}`, tools: [...tools] }, async () => {
      if (this.world.incidents.takeRunaway()) return this.runaway(wf, name);
      let items = 0;
      for (const [step, tool] of tools.entries()) {
        // Two searches at once now and then: overlapping tool spans of one agent.
        const parallel = tool === 'web_search' && step === 0 && this.world.rng.chance(0.4) ? 2 : 1;
        const calls = await Promise.all(Array.from({ length: parallel }, () => this.tryTool(wf, name, tool)));
        const failure = calls.find((c) => !c.ok);
        items += calls.filter((c) => c.ok).length;
        if (failure && !failure.ok && (this.world.incidents.toolGatewayDown || this.world.rng.chance(0.5))) {
          return { error: `${name} gave up after ${tool} failed: ${failure.message}` };
        }
      }
      return { output: { items, channel: wf.channel } };
    }, after, logged);
  }

  /** Cost spike: scrape, stuff everything into a huge prompt, repeat, give up. */
  private async runaway(wf: Workflow, name: string): Promise<AgentResult> {
    for (let i = 0; i < RUNAWAY_ITERATIONS; i++) {
      await this.tryTool(wf, name, 'web_scrape');
      await this.tryTool(wf, name, 'web_scrape');
      await this.tryTool(wf, name, 'llm_completion', RUNAWAY_MODEL);
    }
    return { error: `${name} hit max_iterations=${RUNAWAY_ITERATIONS} without a usable answer (context grew past 190k tokens)` };
  }

  /** Runs `body` as agent `name`: context bound for its tools, one agent_execution_* line at the end. */
  private agent(wf: Workflow, name: string, input: Record<string, unknown>, body: () => Promise<AgentResult>, after?: Promise<void>, logged?: () => void): Promise<boolean> {
    const { logger, scheduler, incidents } = this.world;
    return logger.withContext({ agent_name: name }, async () => {
      const start = scheduler.now();
      await this.gap();
      const result = await body();
      if (after) await after;
      await this.gap();
      const success = result.error === undefined;
      logger.logAgentExecution({
        agentName: name,
        inputData: input,
        outputData: result.output ?? {},
        durationMs: (scheduler.now() - start) / 1000,
        success,
        ...(result.error !== undefined ? { errorMessage: result.error } : {}),
      });
      wf.agents.add(name);
      incidents.recordAgentOutcome(success);
      logged?.();
      return success;
    });
  }

  /** A tool call whose failure is caught and logged with its traceback, as agent code would. */
  private async tryTool(wf: Workflow, agentName: string, tool: string, model?: ModelUse): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      await this.tool(wf, agentName, tool, model);
      return { ok: true };
    } catch (err) {
      await this.gap();
      const message = err instanceof Error ? err.message : String(err);
      this.world.logger.exception('tool_call_raised', err, { tool_call: tool, error: message });
      return { ok: false, message };
    }
  }

  private async tool(wf: Workflow, agentName: string, tool: string, model?: ModelUse): Promise<void> {
    const { rng, scheduler, incidents, logger } = this.world;
    const profile = TOOLS[tool];
    if (!profile) throw new Error(`unknown tool ${tool}`);
    const start = scheduler.now();
    const use = tool === 'llm_completion' ? (model ?? AGENT_MODELS[agentName]) : undefined;
    let failure: ToolCallError | undefined;
    let cost = 0;
    let result: unknown;
    if (!use && incidents.toolGatewayDown) {
      await scheduler.sleep(rng.uniform(50, 400));
      failure = gatewayError(tool, 'Connection refused');
    } else if (use) {
      result = await this.llmCall(use);
    } else {
      await scheduler.sleep(incidents.slowCallMs(tool) ?? rng.uniform(profile.minMs, profile.maxMs));
      cost = Math.round(rng.uniform(profile.minCost, profile.maxCost) * 1e6) / 1e6;
      result = toolResult(tool, rng);
      // Calls in flight when the gateway goes down fail too: the outage starts with a burst.
      if (incidents.toolGatewayDown) failure = gatewayError(tool, 'Connection reset by peer');
    }
    if (!failure && incidents.failuresEnabled && rng.chance(profile.failureRate)) failure = new ToolCallError(profile.errorType, profile.failure);
    if (failure) cost = 0;
    logger.logToolUsage({
      toolName: tool,
      parameters: toolParameters(tool, wf.campaign, use, rng),
      result: failure ? { error: failure.message } : result,
      durationMs: (scheduler.now() - start) / 1000,
      success: failure === undefined,
      costEstimate: cost,
    });
    wf.toolCalls++;
    if (failure) throw failure;
  }

  /** Streams a completion: usage is reported when the response ends, just before the call returns. */
  private async llmCall(use: ModelUse): Promise<string> {
    const { rng, scheduler, logger } = this.world;
    const inputTokens = rng.int(use.inputTokens[0], use.inputTokens[1]);
    const outputTokens = rng.int(use.outputTokens[0], use.outputTokens[1]);
    // Prefill grows with the prompt (a 170k-token context takes seconds), then tokens stream out.
    const ms = Math.round(250_000 + inputTokens * 15 + (outputTokens / rng.uniform(use.tokensPerSecond[0], use.tokensPerSecond[1])) * 1e6) / 1000;
    await scheduler.sleep(ms);
    logger.logLlmUsage({ model: use.model, inputTokens, outputTokens, durationMs: ms });
    await scheduler.sleep(rng.uniform(2, 30));
    return llmResultText(rng);
  }

  private async route(from: string, nodes: readonly string[], selected: string, reasoning: string): Promise<void> {
    await this.gap();
    this.world.logger.logRoutingDecision({
      decisionPoint: from,
      availableNodes: nodes,
      selectedNode: selected,
      reasoning,
      confidence: Math.round(this.world.rng.uniform(0.55, 0.99) * 1000) / 1000,
    });
    await this.gap();
  }

  /** Agent think time between two steps. */
  private gap(): Promise<void> {
    return this.world.scheduler.sleep(this.world.rng.uniform(30, 400));
  }
}
