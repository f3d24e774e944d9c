/** Running cost totals (design §4): tool `cost_estimate`s and LLM tokens × price. */
import type { PriceBook } from './prices';

export interface ModelUsage {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  /** null when the model is not in the price table. */
  cost_usd: number | null;
}

export interface CostReport {
  total_usd: number;
  tools_usd: number;
  llm_usd: number;
  by_tool: Record<string, number>;
  by_agent: Record<string, number>;
  by_model: Record<string, ModelUsage>;
  by_workflow: Record<string, number>;
  unknown_models: string[];
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function toRecord<V>(map: Map<string, V>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const key of [...map.keys()].sort()) out[key] = map.get(key) as V;
  return out;
}

export class CostLedger {
  private toolsUsd = 0;
  private llmUsd = 0;
  private readonly byTool = new Map<string, number>();
  private readonly byAgent = new Map<string, number>();
  private readonly byWorkflow = new Map<string, number>();
  private readonly byModel = new Map<string, ModelUsage>();
  private readonly unknown = new Set<string>();

  constructor(private readonly prices: PriceBook) {}

  addToolCost(tool: string, agent: string | undefined, workflow: string, usd: number): void {
    this.toolsUsd += usd;
    addTo(this.byTool, tool, usd);
    if (agent) addTo(this.byAgent, agent, usd);
    addTo(this.byWorkflow, workflow, usd);
  }

  /** Returns the call's USD cost, or undefined when the model is unknown. */
  addLlmUsage(model: string | undefined, inputTokens: number, outputTokens: number, agent: string | undefined, workflow: string): number | undefined {
    const modelName = model ?? '(unknown model)';
    const usd = model === undefined ? undefined : this.prices.cost(model, inputTokens, outputTokens);
    let usage = this.byModel.get(modelName);
    if (!usage) {
      usage = { calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: usd === undefined ? null : 0 };
      this.byModel.set(modelName, usage);
    }
    usage.calls++;
    usage.input_tokens += inputTokens;
    usage.output_tokens += outputTokens;
    if (usd === undefined) {
      this.unknown.add(modelName);
      return undefined;
    }
    usage.cost_usd = (usage.cost_usd ?? 0) + usd;
    this.llmUsd += usd;
    if (agent) addTo(this.byAgent, agent, usd);
    addTo(this.byWorkflow, workflow, usd);
    return usd;
  }

  workflowCost(workflow: string): number {
    return this.byWorkflow.get(workflow) ?? 0;
  }

  report(): CostReport {
    return {
      total_usd: this.toolsUsd + this.llmUsd,
      tools_usd: this.toolsUsd,
      llm_usd: this.llmUsd,
      by_tool: toRecord(this.byTool),
      by_agent: toRecord(this.byAgent),
      by_model: toRecord(this.byModel),
      by_workflow: toRecord(this.byWorkflow),
      unknown_models: [...this.unknown].sort(),
    };
  }
}
