/**
 * `runlens` logger: structlog-compatible JSON logging for TypeScript agents, a port of the
 * seed's `StructuredLogger` and `MetricsCollector` with its bugs fixed. Node-only (uses
 * node:async_hooks and node:fs); never imports vscode, the extension or the CLI.
 * Built to dist/logger.js (CommonJS).
 *
 *     const metrics = new MetricsCollector({ sink: new FileSink('logs/metrics.jsonl') });
 *     const logger = new StructuredLogger({ sink: new FileSink('logs/agents.jsonl'), metricsCollector: metrics });
 *     await logger.withContext({ request_id: 'r1', workflow_id: 'wf-42' }, async () => {
 *       logger.logWorkflowEvent({ eventType: 'started', workflowId: 'wf-42', status: 'running' });
 *       logger.logAgentExecution({ agentName: 'research_lead', inputData, outputData, durationMs: 812.5, success: true });
 *       logger.logLlmUsage({ model: 'gpt-4o-mini', inputTokens: 1200, outputTokens: 345 });
 *     });
 */
export { StructuredLogger, type StructuredLoggerOptions, type LogLevel, type Fields, type RequestContext } from './structuredLogger';
export {
  MetricsCollector,
  MetricPoint,
  type MetricsCollectorOptions,
  type MetricsQuery,
  type MetricsSummary,
  type MetricTags,
  type MetricValue,
} from './metricsCollector';
export { bindContext, unbindContext, clearContext, getContext, withContext, type ContextFields } from './context';
export { FileSink, StreamSink, MemorySink, type LineSink } from './sinks';
export { systemClock, steppingClock, microsFromIso, structlogTimestamp, utcIsoformat, type Clock } from './clock';
export {
  summarizeInput,
  summarizeOutput,
  summarizeParameters,
  summarizeResult,
  REDACTED,
  SEED_REDACTED_KEYS,
  type Summary,
} from './summarize';
export { PyFloat, pyFloat } from './pyFloat';
export { pythonJsonDumps } from './pythonJson';
export { pythonRepr, pythonStr } from './pythonRepr';
export { formatException } from './traceback';
