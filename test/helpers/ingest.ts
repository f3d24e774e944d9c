/** Feeds text or bytes into an Engine the way a file read would, optionally in small chunks. */
import { Engine, type EngineOptions } from '../../src/core/model/engine';
import { SourceIngest } from '../../src/core/formats/lineIngest';
import type { SourceStats } from '../../src/core/model/sources';
import { decodeUtf8 } from '../../src/node/decode';
import { SHIPPED_PRICES } from '../../src/node/prices';

export function newEngine(options: EngineOptions = {}): Engine {
  return new Engine({ prices: [SHIPPED_PRICES], ...options });
}

export function ingest(
  engine: Engine,
  path: string,
  content: string | Uint8Array,
  options: { chunkSize?: number; maxLineBytes?: number } = {},
): SourceStats {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const source = engine.addSource(path);
  const sink = new SourceIngest(engine, source, decodeUtf8, options.maxLineBytes);
  const size = options.chunkSize ?? bytes.length;
  for (let i = 0; i < bytes.length; i += Math.max(1, size)) sink.push(bytes.subarray(i, i + Math.max(1, size)));
  sink.end();
  return source;
}

/** A structlog-shaped line as the fixed seed logger writes it. */
export function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ level: 'info', ...fields });
}

export function at(seconds: number, base = '2026-11-24T10:00:00Z'): string {
  return new Date(Date.parse(base) + seconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
