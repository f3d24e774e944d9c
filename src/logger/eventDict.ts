/**
 * Builds the event dict in the order structlog 22.3 produces it with the seed's processor
 * chain (`merge_contextvars, add_log_level, StackInfoRenderer, format_exc_info,
 * TimeStamper(fmt="iso", utc=True), JSONRenderer`). A `Map` behaves like a Python dict:
 * setting an existing key keeps its position, so collisions land where Python puts them.
 *
 *   1. fields bound with `logger.bind(...)`   (BoundLogger._context)
 *   2. the call's fields                      (**kwargs)
 *   3. `event`                                (BoundLogger._process_event)
 *   4. context fields not already present     (merge_contextvars uses setdefault: the call wins)
 *   5. `level`                                (add_log_level)
 *   6. `exception`, when logging an error     (format_exc_info)
 *   7. `timestamp`                            (TimeStamper)
 *
 * Python iterates contextvars in hash order (it varies with PYTHONHASHSEED), so with two or
 * more context keys structlog's own order is not reproducible; here it is binding order.
 */
import { fieldEntries, type ContextFields } from './context';

export interface EventParts {
  bound: ReadonlyMap<string, unknown>;
  fields: ContextFields | undefined;
  event: string;
  context: ReadonlyMap<string, unknown>;
  level: string;
  exception: string | undefined;
  timestamp: string;
}

export function buildEventDict(parts: EventParts): Map<string, unknown> {
  const dict = new Map(parts.bound);
  for (const [key, value] of fieldEntries(parts.fields)) dict.set(key, value);
  dict.set('event', parts.event);
  for (const [key, value] of parts.context) if (!dict.has(key)) dict.set(key, value);
  dict.set('level', parts.level);
  if (parts.exception !== undefined) dict.set('exception', parts.exception);
  dict.set('timestamp', parts.timestamp);
  return dict;
}
