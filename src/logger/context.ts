/**
 * Context that follows async calls, the Node counterpart of `structlog.contextvars`
 * (the seed declared ContextVars but never bound them; design §1). The store is an immutable
 * Map replaced on every change, so work started earlier keeps the snapshot it started with,
 * as an asyncio task keeps the context it was created in.
 *
 * - `withContext(fields, fn)`: the scoped form; `fn` and everything it awaits or starts see
 *   the fields, the caller does not. Prefer it.
 * - `bindContext(fields)`: `bind_contextvars`; changes the context of the current async
 *   execution from here on (and of what it starts afterwards).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type ContextFields = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;

const EMPTY: ReadonlyMap<string, unknown> = new Map();
const storage = new AsyncLocalStorage<ReadonlyMap<string, unknown>>();

/** The bound fields in binding order (re-binding a key keeps its place, like a Python dict). */
export function currentContext(): ReadonlyMap<string, unknown> {
  return storage.getStore() ?? EMPTY;
}

export function getContext(): Record<string, unknown> {
  return Object.fromEntries(currentContext());
}

export function withContext<T>(fields: ContextFields, fn: () => T): T {
  return storage.run(merged(fields), fn);
}

export function bindContext(fields: ContextFields): void {
  storage.enterWith(merged(fields));
}

export function unbindContext(...keys: string[]): void {
  const next = new Map(currentContext());
  for (const key of keys) next.delete(key);
  storage.enterWith(next);
}

export function clearContext(): void {
  storage.enterWith(EMPTY);
}

/** Entries of a Map or own enumerable entries of an object; `undefined` values mean "absent". */
export function fieldEntries(fields: ContextFields | undefined): Array<[string, unknown]> {
  if (fields === undefined) return [];
  const entries = fields instanceof Map ? [...fields] : Object.entries(fields);
  return entries.filter(([, v]) => v !== undefined);
}

function merged(fields: ContextFields): ReadonlyMap<string, unknown> {
  const next = new Map(currentContext());
  for (const [key, value] of fieldEntries(fields)) next.set(key, value);
  return next;
}
