/**
 * Replays test/fixtures/python/logger_golden_scenario.json through src/logger, the twin of
 * test/fixtures/python/logger_golden.py (which replays it through the fixed seed logger on
 * real structlog). `{"$float": x}` marks a whole number that Python holds as a float.
 */
import {
  MetricsCollector,
  StructuredLogger,
  pyFloat,
  steppingClock,
  unbindContext,
  withContext,
  type LineSink,
} from '../../src/logger/index';

interface ClockSpec {
  start_us: number;
  step_us: number;
}

export interface Scenario {
  log_clock: ClockSpec;
  metrics_clock: ClockSpec;
  steps: Array<Record<string, unknown>>;
}

type Step = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- scenario JSON, shape checked by the Python twin

class ValueError extends Error {}
class RuntimeError extends Error {}

export function decodeFloats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFloats);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === '$float') return pyFloat(entries[0][1] as number);
  return Object.fromEntries(entries.map(([k, v]) => [k, decodeFloats(v)]));
}

export function replayScenario(scenario: Scenario, logSink: LineSink, metricsSink: LineSink): void {
  const metrics = new MetricsCollector({ sink: metricsSink, clock: steppingClock(scenario.metrics_clock.start_us, scenario.metrics_clock.step_us) });
  const logger = new StructuredLogger({
    sink: logSink,
    clock: steppingClock(scenario.log_clock.start_us, scenario.log_clock.step_us),
    metricsCollector: metrics,
  });
  // A fresh scope, so bindContext below cannot leak into other tests.
  withContext({}, () => {
    for (const step of decodeFloats(scenario.steps) as Step[]) runStep(logger, metrics, step);
  });
}

function runStep(logger: StructuredLogger, metrics: MetricsCollector, step: Step): void {
  switch (step.op) {
    case 'bind_context':
      return logger.bindContext(step.context);
    case 'unbind':
      return unbindContext(...(step.keys as string[]));
    case 'log':
      return step.level === 'warn' ? logger.warn(step.event, step.fields) : logger.log(step.level, step.event, step.fields);
    case 'agent':
      return logger.logAgentExecution({
        agentName: step.agent_name,
        inputData: step.input_data,
        outputData: step.output_data,
        durationMs: step.duration_ms,
        success: step.success,
        errorMessage: step.error_message,
      });
    case 'tool':
      return logger.logToolUsage({
        toolName: step.tool_name,
        parameters: step.parameters,
        result: step.result,
        durationMs: step.duration_ms,
        success: step.success,
        costEstimate: step.cost_estimate,
      });
    case 'routing':
      return logger.logRoutingDecision({
        decisionPoint: step.decision_point,
        availableNodes: step.available_nodes,
        selectedNode: step.selected_node,
        reasoning: step.reasoning,
        confidence: step.confidence,
      });
    case 'workflow':
      return logger.logWorkflowEvent({ eventType: step.event_type, workflowId: step.workflow_id, status: step.status, metadata: step.metadata });
    case 'llm':
      return logger.logLlmUsage({ model: step.model, inputTokens: step.input_tokens, outputTokens: step.output_tokens, fields: step.fields });
    case 'exception': {
      const error = step.cause === undefined
        ? new ValueError(step.message)
        : new ValueError(step.message, { cause: new RuntimeError(step.cause) });
      return logger.exception(step.event, error, step.fields);
    }
    case 'workflow_metrics':
      return metrics.recordWorkflowMetrics({
        workflowId: step.workflow_id,
        totalAgents: step.total_agents,
        totalTools: step.total_tools,
        totalDurationMs: step.total_duration_ms,
        success: step.success,
      });
    case 'metric':
      metrics.recordMetric(step.name, step.value, step.tags);
      return;
    default:
      throw new Error(`unknown scenario op ${String(step.op)}`);
  }
}
