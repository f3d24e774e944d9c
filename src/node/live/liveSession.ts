/**
 * The live engine shared by `runlens watch` and the extension's worker: tails sources
 * into an Engine, replays what existed at start as history (listed, never notified),
 * then evaluates alert rules on every ingest batch and on a wall-clock tick, appending
 * notified changes to the alert history so a restart does not notify again.
 */
import { AlertEngine } from '../../core/alerts/alertEngine';
import { toAlertLine, type AlertChange } from '../../core/alerts/alertDict';
import { AlertFeed } from '../../core/alerts/feed';
import type { AlertRule } from '../../core/alerts/rule';
import type { PriceTable } from '../../core/cost/prices';
import { Engine } from '../../core/model/engine';
import type { NaiveTimeZone } from '../../core/util/time';
import { appendAlertHistory, restoreAlertHistory } from '../alertHistory';
import { EngineTailConsumer } from '../tail/engineConsumer';
import { Tailer } from '../tail/tailer';
import type { TailWarning } from '../tail/types';

export interface LiveSessionOptions {
  sources: readonly string[];
  exclude?: readonly string[];
  cwd?: string;
  rules: readonly AlertRule[];
  /** Treat existing content as live (alerts from it notify). */
  fromStart?: boolean;
  checkpointPath?: string;
  historyFile?: string;
  maxLineBytes?: number;
  retentionMs?: number;
  prices?: readonly PriceTable[];
  naiveTimeZone?: NaiveTimeZone;
  tickMs?: number;
  pollIntervalMs?: number;
  /** Wall clock (a seam for tests). */
  clock?: () => number;
}

export interface LiveSessionListener {
  /** Every alert state change; `change.historical` tells listed-only ones apart. */
  onAlert?(change: AlertChange): void;
  /** After a batch of lines: the workflows it touched. */
  onIngest?(workflows: ReadonlySet<string>): void;
  onWarning?(warning: TailWarning): void;
}

export class LiveSession {
  readonly engine: Engine;
  readonly alerts: AlertEngine;
  private readonly feed: AlertFeed;
  private readonly consumer: EngineTailConsumer;
  private readonly tailer: Tailer;
  private readonly clock: () => number;
  private touched = new Set<string>();
  private batchScheduled = false;
  private ticker: NodeJS.Timeout | undefined;
  private live = false;
  private closed = false;

  constructor(private readonly options: LiveSessionOptions, private readonly listener: LiveSessionListener = {}) {
    this.clock = options.clock ?? Date.now;
    this.engine = new Engine({
      prices: options.prices ?? [],
      naiveTimeZone: options.naiveTimeZone ?? 'utc',
      ...(options.retentionMs ? { retentionMs: options.retentionMs } : {}),
    });
    this.alerts = new AlertEngine(options.rules, { sourcePath: (id) => this.engine.sources[id]?.path });
    if (options.historyFile) restoreAlertHistory(this.alerts, options.historyFile);
    this.feed = new AlertFeed(this.alerts, 'record');
    this.engine.observe(this.feed);
    this.engine.observe({ onWorkflowTouched: (key) => this.touched.add(key) });
    this.consumer = new EngineTailConsumer(this.engine, {
      afterChunk: () => this.scheduleBatch(),
      onWarning: (w) => listener.onWarning?.(w),
      exclude: options.exclude ?? [],
      maxLineBytes: options.maxLineBytes,
    });
    this.tailer = new Tailer(options.sources, this.consumer, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.checkpointPath ? { checkpointPath: options.checkpointPath } : {}),
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      fromStart: options.fromStart ?? false,
    });
  }

  /** Reads what exists (history), replays its alerts in event time, then goes live. */
  async start(): Promise<void> {
    await this.tailer.start();
    await this.tailer.settle();
    this.consumer.endHistory();
    const historical = this.feed.replay({ historical: !this.options.fromStart });
    this.emit(historical);
    // With fromStart those replayed alerts were notifications: their cooldowns carry into live.
    if (this.options.fromStart) this.alerts.restore(historical.map(toAlertLine));
    this.feed.goLive();
    this.alerts.startLive();
    this.live = true;
    this.evaluate();
    this.flushTouched();
    this.ticker = setInterval(() => this.evaluate(), this.options.tickMs ?? 1000);
  }

  /** Files being followed and their state, for the Sources view. */
  sourceState(sourceId: number): 'reading history' | 'following' | 'closed' {
    const source = this.engine.sources[sourceId];
    return source ? this.consumer.stateOf(source) : 'closed';
  }

  setRules(rules: readonly AlertRule[]): void {
    this.alerts.setRules(rules);
    if (this.live) this.evaluate();
  }

  /** Resolves once everything currently in the files has been read and evaluated. */
  async settle(): Promise<void> {
    await this.tailer.settle();
    if (this.live) this.evaluate();
    this.flushTouched();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    await this.tailer.close();
  }

  private scheduleBatch(): void {
    if (this.batchScheduled) return;
    this.batchScheduled = true;
    setImmediate(() => {
      this.batchScheduled = false;
      if (this.closed) return;
      if (this.live) this.evaluate();
      this.flushTouched();
    });
  }

  private flushTouched(): void {
    if (this.touched.size === 0) return;
    const touched = this.touched;
    this.touched = new Set();
    this.listener.onIngest?.(touched);
  }

  private evaluate(): void {
    this.emit(this.alerts.evaluate(this.clock()));
  }

  private emit(changes: readonly AlertChange[]): void {
    if (changes.length === 0) return;
    if (this.options.historyFile) {
      try {
        appendAlertHistory(this.options.historyFile, changes);
      } catch (err) {
        this.listener.onWarning?.({ code: 'unreadable', message: `cannot append alert history: ${(err as Error).message}`, path: this.options.historyFile });
      }
    }
    for (const change of changes) this.listener.onAlert?.(change);
  }
}
