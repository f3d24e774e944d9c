/**
 * What the engine worker does with each request: owns the live session (tailing,
 * engine, alerts), answers the views' questions, and pushes events to the host.
 */
import type { AlertChange } from '../../core/alerts/alertDict';
import type { AlertRule } from '../../core/alerts/rule';
import { buildTrace } from '../../core/traces/build';
import type {
  EngineConfig, EngineEvent, EngineMethod, EngineRequest, ParamsOf, ResultOf, SourceDto,
} from '../../protocol/engineProtocol';
import { latencyProbeEnabled, probeMark, probeNow } from '../latencyProbe';
import { attributesOf, readLineAt } from '../lineReader';
import { LiveSession } from '../live/liveSession';
import { SHIPPED_PRICES } from '../prices';
import { AlertLog } from './alertLog';
import { answerDashboard } from './dashboardQuery';
import { EngineQueries } from './queries';
import { resolveRules } from './rulesInput';

const MALFORMED_SAMPLES = 50;
/** Above this many touched workflows in one batch, a change event says 'all' instead of listing them. */
const MAX_CHANGED_IDS = 500;

type Handlers = { [M in EngineMethod]: (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

/** Fields whose change needs a new session (re-reading); rules alone are swapped in place. */
function sessionKey(config: EngineConfig): string {
  return JSON.stringify({ ...config, rules: undefined });
}

export class EngineService {
  private session: LiveSession | undefined;
  private queries: EngineQueries | undefined;
  private key = '';
  private rules: AlertRule[] = [];
  private readonly alertLog = new AlertLog();
  private readonly reportedMalformed = new Map<number, number>();

  constructor(private readonly emit: (event: EngineEvent) => void) {}

  async handle(request: EngineRequest): Promise<unknown> {
    const handler = this.handlers[request.method] as (params: unknown) => unknown;
    return handler(request.params);
  }

  private readonly handlers: Handlers = {
    configure: (config) => this.configure(config),
    runs: ({ limit, filter }) => this.queries?.runs(limit, filter) ?? [],
    trace: ({ workflowId }) => {
      const engine = this.session?.engine;
      const wf = engine?.workflowByKey(workflowId);
      return engine && wf ? buildTrace(engine, wf).root : null;
    },
    traceChildren: ({ workflowId, parentId }) => this.queries?.traceChildren(workflowId, parentId) ?? null,
    traceAncestry: ({ workflowId, nodeId }) => this.queries?.traceAncestry(workflowId, nodeId) ?? null,
    lineAttributes: ({ path, byteOffset }) => {
      // Only lines of files Runlens follows: a request never reads an arbitrary file.
      if (!this.session?.engine.sources.some((s) => s.path === path)) return null;
      return { ...attributesOf(readLineAt(path, byteOffset)) };
    },
    nodeAtLine: ({ path, line }) => this.queries?.nodeAtLine(path, line) ?? null,
    tracedLines: ({ path, fromLine, toLine }) => this.queries?.tracedLines(path, fromLine, toLine) ?? [],
    metricNames: () => this.queries?.metricNames() ?? [],
    metricSeries: ({ name }) => this.queries?.metricSeries(name) ?? [],
    cost: () => this.session?.engine.cost.report() ?? { total_usd: 0, tools_usd: 0, llm_usd: 0, by_tool: {}, by_agent: {}, by_model: {}, by_workflow: {}, unknown_models: [] },
    alerts: () => this.alertLog.snapshot(this.rules.length),
    sources: () => this.sources(),
    dashboard: (query) => answerDashboard(this.session?.engine, this.alertLog.snapshot(this.rules.length), query),
  };

  private async configure(config: EngineConfig): Promise<null> {
    const outcome = resolveRules(config.rules);
    if (outcome.ok) {
      this.rules = outcome.rules;
      this.emit({ kind: 'rulesLoaded', count: outcome.rules.length });
    } else {
      // The last valid rules stay in force.
      this.emit({ kind: 'rulesInvalid', file: outcome.problem.file, errors: outcome.problem.errors });
    }
    const key = sessionKey(config);
    if (this.session && key === this.key) {
      this.session.setRules(this.rules);
      return null;
    }
    await this.session?.close();
    this.key = key;
    this.alertLog.clear();
    this.reportedMalformed.clear();
    const session = new LiveSession(
      {
        sources: config.sources,
        exclude: config.exclude,
        rules: this.rules,
        maxLineBytes: config.maxLineBytes,
        prices: [SHIPPED_PRICES, ...config.prices],
        naiveTimeZone: config.naiveTimeZone,
        ...(config.retentionHours > 0 ? { retentionMs: config.retentionHours * 3_600_000 } : {}),
        ...(config.checkpointFile ? { checkpointPath: config.checkpointFile } : {}),
        ...(config.alertHistoryFile ? { historyFile: config.alertHistoryFile } : {}),
      },
      {
        onAlert: (change) => {
          if (latencyProbeEnabled) this.probeAlert(change, 'worker.evaluated');
          this.emit({ kind: 'alert', entry: this.alertLog.add(change) });
          if (latencyProbeEnabled) this.probeAlert(change, 'worker.posted');
        },
        onIngest: (workflows) => {
          // More workflows than the Runs view lists: 'all' says as much without cloning thousands of ids.
          this.emit({ kind: 'changed', runs: workflows.size > MAX_CHANGED_IDS ? 'all' : [...workflows], metrics: true, sources: true, alerts: false });
          this.reportMalformed();
        },
        onWarning: (warning) => {
          if (latencyProbeEnabled) probeMark('worker.warning', warning.code, { message: warning.message });
          this.emit({ kind: 'log', level: 'warn', message: warning.message });
        },
      },
    );
    this.session = session;
    this.queries = new EngineQueries(session.engine);
    if (latencyProbeEnabled) this.probeLines(session);
    this.emit({ kind: 'progress', bytesDone: 0, bytesTotal: 0, done: false });
    await session.start();
    this.emit({ kind: 'progress', bytesDone: 1, bytesTotal: 1, done: true });
    this.emit({ kind: 'changed', runs: 'all', metrics: true, sources: true, alerts: true });
    this.reportMalformed();
    return null;
  }

  private sources(): SourceDto[] {
    const session = this.session;
    if (!session) return [];
    // A path read several times (truncations) shows once, with its latest source.
    const latest = new Map<string, SourceDto>();
    for (const s of session.engine.sources) {
      latest.set(s.path, {
        path: s.path, lines: s.lines, events: s.events, malformed: s.malformed, format: s.format,
        error: s.error ?? null, state: session.sourceState(s.id),
      });
    }
    return [...latest.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  private reportMalformed(): void {
    const engine = this.session?.engine;
    if (!engine) return;
    for (const source of engine.sources) {
      if (source.malformed === (this.reportedMalformed.get(source.id) ?? 0)) continue;
      this.reportedMalformed.set(source.id, source.malformed);
      this.emit({ kind: 'malformed', path: source.path, total: source.malformed, samples: source.malformedSamples.slice(0, MALFORMED_SAMPLES) });
    }
  }

  /** Latency probe: when each recent line was ingested (its bytes had reached the worker). */
  private readonly lineIngestedAt = new Map<string, number>();

  private probeLines(session: LiveSession): void {
    session.engine.observe({
      onLineDone: (_ts, ref) => {
        const path = session.engine.sources[ref.sourceId]?.path;
        this.lineIngestedAt.set(`${path}:${ref.line}`, probeNow());
        if (this.lineIngestedAt.size > 10_000) this.lineIngestedAt.delete(this.lineIngestedAt.keys().next().value as string);
      },
    });
  }

  private probeAlert(change: AlertChange, stage: string): void {
    if (change.historical || change.type !== 'alert') return;
    const key = `${change.alert.rule_name}|${change.alert.message}`;
    const source = change.alert.metadata.source;
    if (stage === 'worker.evaluated' && source) {
      const at = this.lineIngestedAt.get(`${source.path}:${source.line}`);
      if (at !== undefined) probeMark('worker.ingested', key, {}, at);
    }
    probeMark(stage, key);
  }

  async close(): Promise<void> {
    await this.session?.close();
  }
}
