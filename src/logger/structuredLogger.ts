/**
 * The seed's `StructuredLogger` as it was meant to work (design §1): each event name passed
 * once, context bound so it follows async calls, `exception` logged at level "error" with a
 * traceback, timestamps from structlog's UTC `TimeStamper` rather than a local
 * `datetime.now()` kwarg. Lines are what structlog 22.3's `JSONRenderer` writes for the same
 * event dict (see eventDict.ts for key order and pythonJson.ts for the bytes).
 */
import { systemClock, structlogTimestamp, type Clock } from './clock';
import { bindContext, currentContext, fieldEntries, withContext, type ContextFields } from './context';
import { buildEventDict } from './eventDict';
import { type MetricsCollector } from './metricsCollector';
import { pyFloat } from './pyFloat';
import { pythonJsonDumps } from './pythonJson';
import { StreamSink, type LineSink } from './sinks';
import { SEED_REDACTED_KEYS, summarizeInput, summarizeOutput, summarizeParameters, summarizeResult } from './summarize';
import { formatException } from './traceback';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'critical';
export type Fields = ContextFields;

export interface StructuredLoggerOptions {
  /** Default: stdout, like structlog's `PrintLoggerFactory()`. */
  sink?: LineSink;
  clock?: Clock;
  /** When set, agent and tool executions are also recorded as metrics (as in the seed). */
  metricsCollector?: MetricsCollector;
  /** Parameter names to redact, compared lower-case. Default: the seed's four. */
  redactKeys?: readonly string[];
}

/** The context keys the seed's `bind_context` names; others may be bound too. */
export interface RequestContext {
  request_id?: string;
  workflow_id?: string;
  user_id?: string;
  agent_name?: string;
  [key: string]: unknown;
}

const SEED_CONTEXT_KEYS = ['request_id', 'workflow_id', 'user_id', 'agent_name'];

export class StructuredLogger {
  private readonly sink: LineSink;
  private readonly clock: Clock;

  constructor(
    private readonly options: StructuredLoggerOptions = {},
    private readonly bound: ReadonlyMap<string, unknown> = new Map(),
  ) {
    this.sink = options.sink ?? new StreamSink();
    this.clock = options.clock ?? systemClock;
  }

  get metricsCollector(): MetricsCollector | undefined {
    return this.options.metricsCollector;
  }

  /** A logger that writes `fields` first in every line (structlog's `logger.bind`). */
  bind(fields: Fields): StructuredLogger {
    return new StructuredLogger(this.options, new Map([...this.bound, ...fieldEntries(fields)]));
  }

  /**
   * The seed's `bind_context`, binding into the async context: empty seed keys are skipped
   * (`if request_id:`), other fields are bound as given.
   */
  bindContext(context: RequestContext): void {
    bindContext(seedContext(context));
  }

  /** Runs `fn` with `context` bound for it and everything it awaits or starts. */
  withContext<T>(context: RequestContext, fn: () => T): T {
    return withContext(seedContext(context), fn);
  }

  log(level: LogLevel, event: string, fields?: Fields): void {
    this.write(level, event, fields, undefined);
  }

  debug(event: string, fields?: Fields): void {
    this.write('debug', event, fields, undefined);
  }

  info(event: string, fields?: Fields): void {
    this.write('info', event, fields, undefined);
  }

  warning(event: string, fields?: Fields): void {
    this.write('warning', event, fields, undefined);
  }

  /** structlog maps `warn` to "warning". */
  warn(event: string, fields?: Fields): void {
    this.write('warning', event, fields, undefined);
  }

  error(event: string, fields?: Fields): void {
    this.write('error', event, fields, undefined);
  }

  critical(event: string, fields?: Fields): void {
    this.write('critical', event, fields, undefined);
  }

  /** Level "error" with an `exception` traceback (the seed's `logger.exception` wrote "exception"). */
  exception(event: string, error: unknown, fields?: Fields): void {
    this.write('error', event, fields, formatException(error));
  }

  logAgentExecution(args: {
    agentName: string;
    inputData: Readonly<Record<string, unknown>>;
    outputData: Readonly<Record<string, unknown>>;
    durationMs: number;
    success: boolean;
    errorMessage?: string;
  }): void {
    const fields = new Map<string, unknown>([
      ['agent_name', args.agentName],
      ['input_summary', summarizeInput(args.inputData)],
      ['output_summary', summarizeOutput(args.outputData)],
      ['duration_ms', pyFloat(args.durationMs)],
      ['success', args.success],
    ]);
    if (args.errorMessage) fields.set('error_message', args.errorMessage);
    if (args.success) this.info('agent_execution_completed', fields);
    else this.error('agent_execution_failed', fields);
    this.metricsCollector?.recordAgentExecution(args);
  }

  /** Level "info" whatever `success` is, as in the seed; `success` carries the outcome. */
  logToolUsage(args: {
    toolName: string;
    parameters: Readonly<Record<string, unknown>>;
    result: unknown;
    durationMs: number;
    success: boolean;
    costEstimate?: number;
  }): void {
    this.info(
      'tool_executed',
      new Map<string, unknown>([
        ['tool_name', args.toolName],
        ['parameters_summary', summarizeParameters(args.parameters, this.options.redactKeys ?? SEED_REDACTED_KEYS)],
        ['result_summary', summarizeResult(args.result)],
        ['duration_ms', pyFloat(args.durationMs)],
        ['success', args.success],
        ['cost_estimate', pyFloat(args.costEstimate ?? 0)],
      ]),
    );
    this.metricsCollector?.recordToolUsage(args);
  }

  logRoutingDecision(args: {
    decisionPoint: string;
    availableNodes: readonly string[];
    selectedNode: string;
    reasoning: string;
    confidence: number;
  }): void {
    this.info(
      'routing_decision',
      new Map<string, unknown>([
        ['decision_point', args.decisionPoint],
        ['available_nodes', args.availableNodes],
        ['selected_node', args.selectedNode],
        ['reasoning', args.reasoning],
        ['confidence', pyFloat(args.confidence)],
      ]),
    );
  }

  /** `workflow_<eventType>` (started, completed, failed, ...); metadata keys are merged in. */
  logWorkflowEvent(args: { eventType: string; workflowId: string; status: string; metadata?: Fields }): void {
    const fields = new Map<string, unknown>([
      ['workflow_id', args.workflowId],
      ['status', args.status],
      ...fieldEntries(args.metadata),
    ]);
    this.info(`workflow_${args.eventType}`, fields);
  }

  /**
   * One LLM call's token usage under the OpenTelemetry GenAI names Runlens prices
   * (`gen_ai.request.model`, `gen_ai.usage.input_tokens`, `gen_ai.usage.output_tokens`).
   */
  logLlmUsage(args: {
    model: string;
    inputTokens: number;
    outputTokens: number;
    responseModel?: string;
    durationMs?: number;
    event?: string;
    fields?: Fields;
  }): void {
    const fields = new Map<string, unknown>([
      ['gen_ai.request.model', args.model],
      ['gen_ai.usage.input_tokens', args.inputTokens],
      ['gen_ai.usage.output_tokens', args.outputTokens],
    ]);
    if (args.responseModel !== undefined) fields.set('gen_ai.response.model', args.responseModel);
    if (args.durationMs !== undefined) fields.set('duration_ms', pyFloat(args.durationMs));
    for (const [key, value] of fieldEntries(args.fields)) fields.set(key, value);
    this.info(args.event ?? 'llm_call_completed', fields);
  }

  private write(level: LogLevel, event: string, fields: Fields | undefined, exception: string | undefined): void {
    const dict = buildEventDict({
      bound: this.bound,
      fields,
      event,
      context: currentContext(),
      level,
      exception,
      timestamp: structlogTimestamp(this.clock()),
    });
    this.sink.writeLine(pythonJsonDumps(dict));
  }
}

function seedContext(context: RequestContext): Map<string, unknown> {
  return new Map(fieldEntries(context).filter(([key, value]) => !SEED_CONTEXT_KEYS.includes(key) || Boolean(value)));
}
