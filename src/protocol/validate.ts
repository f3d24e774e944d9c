/**
 * Shape checks at the host ↔ worker boundary. Both sides are Runlens code, but a
 * message is data until checked: ids must be ids, kinds must be known, strings bounded.
 */
import type { EngineMethod, EngineRequest, WorkerMessage } from './engineProtocol';

const METHODS: ReadonlySet<string> = new Set<EngineMethod>([
  'configure', 'runs', 'trace', 'traceChildren', 'traceAncestry', 'lineAttributes', 'nodeAtLine', 'tracedLines', 'metricNames', 'metricSeries', 'cost', 'alerts', 'sources', 'dashboard',
]);
const EVENT_KINDS: ReadonlySet<string> = new Set(['ready', 'changed', 'alert', 'progress', 'log', 'rulesInvalid', 'rulesLoaded', 'malformed']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

export function parseWorkerMessage(raw: unknown): WorkerMessage | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'reply') {
    if (!isId(raw.id) || typeof raw.ok !== 'boolean') return undefined;
    if (!raw.ok && typeof raw.error !== 'string') return undefined;
    return raw as unknown as WorkerMessage;
  }
  if (raw.type === 'event' && isRecord(raw.event) && typeof raw.event.kind === 'string' && EVENT_KINDS.has(raw.event.kind)) {
    return raw as unknown as WorkerMessage;
  }
  return undefined;
}

export function parseEngineRequest(raw: unknown): EngineRequest | undefined {
  if (!isRecord(raw) || raw.type !== 'request' || !isId(raw.id)) return undefined;
  if (typeof raw.method !== 'string' || !METHODS.has(raw.method) || !isRecord(raw.params)) return undefined;
  return raw as unknown as EngineRequest;
}
