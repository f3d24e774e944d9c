/** Entry of the engine worker thread: validates requests, runs them, posts replies and events. */
import { parentPort } from 'node:worker_threads';
import type { EngineEvent, WorkerMessage } from '../../protocol/engineProtocol';
import { parseEngineRequest } from '../../protocol/validate';
import { EngineService } from './engineService';

const port = parentPort;
if (!port) throw new Error('engineWorker.js must run in a worker thread');

const post = (message: WorkerMessage): void => port.postMessage(message);
const emit = (event: EngineEvent): void => post({ type: 'event', event });
const service = new EngineService(emit);

port.on('message', (raw: unknown) => {
  const request = parseEngineRequest(raw);
  if (!request) {
    emit({ kind: 'log', level: 'warn', message: 'engine worker ignored a malformed request' });
    return;
  }
  service.handle(request).then(
    (result) => post({ type: 'reply', id: request.id, ok: true, result: result ?? null }),
    (err: unknown) => post({ type: 'reply', id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

process.on('uncaughtException', (err) => emit({ kind: 'log', level: 'error', message: `engine: ${err.stack ?? err.message}` }));
emit({ kind: 'ready' });
