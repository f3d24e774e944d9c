/**
 * Runs the demo: campaign requests arrive every few seconds, the agents log into
 * `<logsDir>/agents.jsonl` with the runlens logger, incidents trip the default alert rules,
 * and the log is rotated now and then. Only the structlog log is written, no MetricPoint
 * dump: Runlens derives every metric from the events, and reading both would count twice.
 */
import { join } from 'node:path';
import { StructuredLogger, type LineSink } from '../logger';
import { MarketingAgents } from './agents';
import { DEFAULT_TIMING, Incidents, type IncidentKind, type IncidentTiming } from './incidents';
import { Random } from './random';
import { RotatingFileSink, TeeSink } from './rotation';
import { Scheduler } from './scheduler';

export const LOG_FILE_NAME = 'agents.jsonl';

export interface DemoOptions {
  logsDir: string;
  /** Same seed, same options: the same lines. Default: from the clock. */
  seed?: number;
  /** 1 = real time (default); 60 = a simulated minute per second; Infinity = as fast as possible. */
  timeScale?: number;
  /** Simulated start, epoch ms. Default: now (needed in real time, where alerts use the wall clock). */
  startMs?: number;
  /** Stop after this much simulated time. Default: run until stop(). */
  durationMs?: number;
  /** When incidents begin: at the start (default), when `armIncidents()` is called, or never. */
  incidents?: 'start' | 'manual' | 'never';
  /** With `incidents: 'start'`: run calm for this long first (simulated ms), e.g. while an editor opens. */
  armAfterMs?: number;
  incidentTiming?: IncidentTiming;
  /** Simulated ms between campaign requests. */
  arrivalEveryMs?: readonly [number, number];
  /** Simulated ms between log rotations; undefined: never rotate. */
  rotateEveryMs?: readonly [number, number] | undefined;
  /** More sinks that receive every line (tests keep a copy). */
  extraSinks?: readonly LineSink[];
  onNotice?: (notice: DemoNotice) => void;
}

export type DemoNoticeKind = IncidentKind | 'armed' | 'rotated' | 'stopped';

export interface DemoNotice {
  kind: DemoNoticeKind;
  /** Simulated ms since the start. */
  atMs: number;
  message: string;
}

export interface DemoStats {
  lines: number;
  workflowsStarted: number;
  rotations: number;
  elapsedMs: number;
}

export const DEFAULT_ROTATION_MS: readonly [number, number] = [150_000, 240_000];
export const DEFAULT_ARRIVAL_MS: readonly [number, number] = [5_000, 14_000];

export class DemoRun {
  readonly seed: number;
  readonly logFile: string;
  private readonly scheduler: Scheduler;
  private readonly rng: Random;
  private readonly sink: RotatingFileSink;
  private readonly incidents: Incidents;
  private readonly agents: MarketingAgents;
  private workflowsStarted = 0;

  constructor(private readonly options: DemoOptions) {
    this.seed = options.seed ?? Date.now() % 1_000_000;
    this.rng = new Random(this.seed);
    this.scheduler = new Scheduler({
      startMicros: Math.round((options.startMs ?? Date.now()) * 1000),
      timeScale: options.timeScale ?? 1,
      ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
    });
    this.logFile = join(options.logsDir, LOG_FILE_NAME);
    this.sink = new RotatingFileSink(this.logFile);
    const logger = new StructuredLogger({
      sink: options.extraSinks?.length ? new TeeSink([this.sink, ...options.extraSinks]) : this.sink,
      clock: () => this.scheduler.now(),
    });
    this.incidents = new Incidents(this.scheduler, this.rng, (kind, message) => this.notice(kind, message), options.incidentTiming ?? DEFAULT_TIMING);
    this.agents = new MarketingAgents({ logger, scheduler: this.scheduler, rng: this.rng, incidents: this.incidents });
  }

  get stats(): DemoStats {
    return { lines: this.sink.lines, workflowsStarted: this.workflowsStarted, rotations: this.sink.rotations, elapsedMs: this.scheduler.elapsedMs() };
  }

  /** Runs until `durationMs` of simulated time or `stop()`; the log file is closed at the end. */
  async run(): Promise<DemoStats> {
    if ((this.options.incidents ?? 'start') === 'start') void this.armLater(this.options.armAfterMs ?? 0);
    void this.arrivals();
    if (this.options.rotateEveryMs) void this.rotations(this.options.rotateEveryMs);
    try {
      await this.scheduler.run();
    } finally {
      this.sink.close();
    }
    this.notice('stopped', `stopped after ${Math.round(this.scheduler.elapsedMs() / 1000)} s: ${this.sink.lines} lines, ${this.workflowsStarted} workflows, ${this.sink.rotations} rotations`);
    return this.stats;
  }

  /** Starts the incident schedule (once). The demo calls it when the editor is ready to watch. */
  armIncidents(): void {
    if (this.incidents.isArmed || this.options.incidents === 'never') return;
    this.incidents.arm();
    this.notice('armed', 'incidents armed: an outage, a latency spike and a cost spike follow within about a minute');
  }

  /** Stops at the current instant; workflows in flight stay unfinished in the log, as after a crash. */
  stop(): void {
    this.scheduler.stop();
  }

  private async armLater(ms: number): Promise<void> {
    if (ms > 0) await this.scheduler.sleep(ms);
    this.armIncidents();
  }

  private async arrivals(): Promise<void> {
    const [min, max] = this.options.arrivalEveryMs ?? DEFAULT_ARRIVAL_MS;
    for (;;) {
      this.workflowsStarted++;
      void this.agents.workflow();
      await this.scheduler.sleep(this.rng.uniform(min, max));
    }
  }

  private async rotations([min, max]: readonly [number, number]): Promise<void> {
    for (;;) {
      await this.scheduler.sleep(this.rng.uniform(min, max));
      this.sink.rotate();
      this.notice('rotated', `rotated ${LOG_FILE_NAME} -> ${LOG_FILE_NAME}.1 (rotation ${this.sink.rotations})`);
    }
  }

  private notice(kind: DemoNoticeKind, message: string): void {
    this.options.onNotice?.({ kind, atMs: this.scheduler.elapsedMs(), message });
  }
}
