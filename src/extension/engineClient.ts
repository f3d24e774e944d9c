/**
 * The host side of the engine worker: starts it lazily, sends typed requests with a
 * timeout, restarts it (with backoff) when it dies, and re-sends the last configuration
 * so a crash never leaves the views empty for long.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type {
  EngineConfig, EngineEvent, EngineMethod, ParamsOf, ResultOf, WorkerMessage,
} from '../protocol/engineProtocol';
import { latencyProbeEnabled, probeMark, probeNow } from '../node/latencyProbe';
import { parseWorkerMessage } from '../protocol/validate';
import { DisposableStore } from './disposables';

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_RESTART_DELAY_MS = 30_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class EngineClient extends DisposableStore {
  private readonly _onEvent = this.register(new vscode.EventEmitter<EngineEvent>());
  readonly onEvent = this._onEvent.event;
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastConfig: EngineConfig | undefined;
  private restartDelayMs = 500;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly extensionPath: string, private readonly log: vscode.LogOutputChannel) {
    super();
  }

  async configure(config: EngineConfig): Promise<void> {
    this.lastConfig = config;
    await this.request('configure', config);
  }

  request<M extends EngineMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Runlens engine did not answer "${method}" within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.postMessage({ type: 'request', id, method, params });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.extensionPath, 'dist', 'engineWorker.js'), {
      name: 'runlens-engine',
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    worker.on('message', (raw: unknown) => this.onMessage(raw));
    worker.on('error', (err) => this.log.error(`Engine worker failed: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => this.onExit(worker, code));
    this.worker = worker;
    return worker;
  }

  private onMessage(raw: unknown): void {
    const receivedAt = latencyProbeEnabled ? probeNow() : 0;
    const message: WorkerMessage | undefined = parseWorkerMessage(raw);
    if (!message) {
      this.log.warn('Ignored a malformed message from the engine worker');
      return;
    }
    if (message.type === 'event') {
      if (message.event.kind === 'ready') this.restartDelayMs = 500;
      if (latencyProbeEnabled && message.event.kind === 'alert') {
        const { alert } = message.event.entry.change;
        probeMark('host.received', `${alert.rule_name}|${alert.message}`, {}, receivedAt);
      }
      this._onEvent.fire(message.event);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
  }

  private onExit(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('Runlens engine stopped'));
      this.pending.delete(id);
    }
    if (this.stopped) return;
    this.log.error(`Engine worker exited with code ${code}; restarting in ${this.restartDelayMs} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopped || !this.lastConfig) return;
      this.configure(this.lastConfig).catch((err: Error) => this.log.error(`Restarting the engine failed: ${err.message}`));
    }, this.restartDelayMs);
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  }

  override dispose(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    for (const pending of this.pending.values()) clearTimeout(pending.timer);
    this.pending.clear();
    void this.worker?.terminate();
    this.worker = undefined;
    super.dispose();
  }
}
