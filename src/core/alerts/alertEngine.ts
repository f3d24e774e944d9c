/**
 * The alert evaluator (design §5). Pure and clock-free: callers feed points and events,
 * then call `evaluate(t)` with the time to evaluate at: each line's timestamp in replay
 * (`AlertFeed.replay`), the wall clock on live ingest batches and ticks. Work is
 * proportional to what changed: only streams that got data, or whose wake time (an
 * entry leaving the window, `for` or a cooldown running out, no_data arming) has come,
 * are looked at, so 50 rules over a million points stay cheap.
 */
import type { ParsedObject } from '../formats/record';
import type { Tags } from '../metrics/store';
import type { LineRef } from '../model/engine';
import { StringTable } from '../util/intern';
import type { AlertChange, AlertDict } from './alertDict';
import { buildChange } from './describe';
import { RestoredStreams, type HistoryRecord } from './restore';
import type { AlertRule } from './rule';
import { CompiledRule, RuleIndex } from './ruleIndex';
import { Staging, type StagedSink } from './staging';
import { AlertStream, sortStreams, type Observation } from './stream';
import { WakeQueue } from './wakeQueue';

export interface AlertEngineOptions {
  /** Path of a source id (`engine.sources[id].path`), for `metadata.source.path`. */
  sourcePath?: (sourceId: number) => string | undefined;
}

export interface EvaluateOptions {
  /** The data being evaluated existed before its source was opened: changes are listed, not notified. */
  historical?: boolean;
}

const NO_CHANGES: readonly AlertChange[] = Object.freeze([]);

export type { HistoryRecord } from './restore';

export class AlertEngine implements StagedSink {
  private index: RuleIndex;
  private readonly streams: AlertStream[] = [];
  private readonly workflows = new StringTable();
  private readonly staged = new Staging();
  /** Series (metric name + tags as seen) → id, and id → the streams it feeds (recomputed after setRules). */
  private readonly seriesIds = new Map<string, number>();
  private readonly singleTagSeries = new Map<string, Map<string, Map<string, number>>>();
  private readonly seriesInfo: Array<{ name: string; tags: Tags }> = [];
  private seriesRoutes: Array<readonly number[] | undefined> = [];
  private readonly observation: Observation = { holds: false, value: null, count: 0 };
  private readonly wakes = new WakeQueue();
  private dirty: AlertStream[] = [];
  private spare: AlertStream[] = [];
  private clock = -Infinity;
  /** Timestamp of the first line seen (since going live): no_data waits a window from here. */
  private activitySince = Infinity;
  private live = false;
  private readonly restored = new RestoredStreams();
  /** Cooldowns of rules replaced by an edited version, by stream key. */
  private readonly carried = new Map<string, number>();
  private readonly scratch: AlertStream[] = [];
  private readonly entryScratch = { sourceId: 0, line: 0, byteOffset: 0, workflowId: 0 };

  constructor(rules: readonly AlertRule[] = [], private readonly options: AlertEngineOptions = {}) {
    this.index = new RuleIndex([], (c, g, k) => this.createStream(c, g, k));
    this.setRules(rules);
  }

  /** Evaluation time so far (epoch ms); -Infinity before the first evaluation. */
  get now(): number {
    return this.clock;
  }

  get rules(): AlertRule[] {
    return this.index.rules.map((c) => c.rule);
  }

  get hasPatternRules(): boolean {
    return this.index.hasPatternRules;
  }

  wantsMetric(name: string): boolean {
    return this.index.wantsMetric(name);
  }

  /** Groups dropped because a rule reached its group cap, per rule name. */
  droppedGroups(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.index.rules) if (c.droppedGroups > 0) out[c.rule.name] = c.droppedGroups;
    return out;
  }

  /**
   * Replaces the rule set. Rules whose data identity is unchanged keep their windows and
   * state (an edited threshold applies at once); changed rules start empty, keeping their
   * cooldowns; removed rules end silently.
   */
  setRules(rules: readonly AlertRule[]): void {
    const old = new Map(this.index.rules.map((c) => [c.rule.name, c]));
    const next: CompiledRule[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const index = next.length;
      const previous = old.get(rule.name);
      const candidate = new CompiledRule(rule, index);
      if (previous && previous.dataId === candidate.dataId) {
        old.delete(rule.name);
        previous.rule = rule;
        previous.index = index;
        for (const s of previous.streams.values()) {
          s.rule = rule;
          s.ruleIndex = index;
          this.markDirty(s);
        }
        next.push(previous);
      } else {
        next.push(candidate);
      }
    }
    for (const gone of old.values()) {
      for (const s of gone.streams.values()) {
        s.alive = false;
        if (s.lastFiredAt > -Infinity) this.carried.set(s.key, s.lastFiredAt);
      }
    }
    this.index = new RuleIndex(next, (c, g, k) => this.createStream(c, g, k));
    this.seriesRoutes = [];
    // Rules without group_by have exactly one stream: create it now so no_data can fire before any point.
    for (const c of next) if (c.rule.groupBy.length === 0 && c.streams.size === 0) this.index.streamFor(c, () => undefined);
  }

  private createStream(compiled: CompiledRule, group: Record<string, string>, key: string): AlertStream {
    const stream = new AlertStream(this.streams.length, compiled.rule, compiled.index, group, key, this.clock);
    const carried = this.carried.get(key);
    if (carried !== undefined) stream.lastFiredAt = carried;
    if (this.live) stream.lastFiredAt = Math.max(stream.lastFiredAt, this.restored.get(key)?.lastAlertAt ?? -Infinity);
    this.streams.push(stream);
    this.markDirty(stream);
    return stream;
  }

  /**
   * A small id for a metric series (name + tags as written), or -1 when no rule reads the
   * metric. Routing is computed once per series, not per point: the replay recorder
   * stores (series, value) per point, and live feeding looks routes up by series.
   */
  seriesOf(name: string, tags: Tags): number {
    if (!this.index.wantsMetric(name)) return -1;
    let single: string | undefined;
    let keys = 0;
    for (const k in tags) {
      single = k;
      if (++keys > 1) break;
    }
    // Derived metrics carry exactly one tag: look them up without building a key string.
    if (keys === 1 && single !== undefined) {
      let byKey = this.singleTagSeries.get(name);
      if (!byKey) this.singleTagSeries.set(name, (byKey = new Map()));
      let byValue = byKey.get(single);
      if (!byValue) byKey.set(single, (byValue = new Map()));
      const value = tags[single] as string;
      let id = byValue.get(value);
      if (id === undefined) {
        id = this.newSeries(name, tags);
        byValue.set(value, id);
      }
      return id;
    }
    let key = name;
    for (const k in tags) key += `\u0000${k}\u0001${tags[k]}`;
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      id = this.newSeries(name, tags);
      this.seriesIds.set(key, id);
    }
    return id;
  }

  private newSeries(name: string, tags: Tags): number {
    this.seriesInfo.push({ name, tags: { ...tags } });
    return this.seriesInfo.length - 1;
  }

  /** Ids of the streams a series feeds. */
  streamsOfSeries(series: number): readonly number[] {
    let route = this.seriesRoutes[series];
    if (route === undefined) {
      const info = this.seriesInfo[series];
      this.scratch.length = 0;
      if (info) this.index.streamsForPoint(info.name, info.tags, this.scratch);
      route = this.scratch.map((s) => s.id);
      this.seriesRoutes[series] = route;
    }
    return route;
  }

  /** Ids of the streams a metric point feeds. */
  streamsForPoint(name: string, tags: Tags): readonly number[] {
    const series = this.seriesOf(name, tags);
    return series < 0 ? [] : this.streamsOfSeries(series);
  }

  /** Ids of the pattern_detected streams an event matches. */
  streamsForEvent(name: string, obj: ParsedObject): number[] {
    if (!this.index.hasPatternRules) return [];
    this.scratch.length = 0;
    this.index.streamsForEvent(name, obj, this.scratch);
    return this.scratch.map((s) => s.id);
  }

  internWorkflow(workflowId: string | undefined): number {
    return this.workflows.intern(workflowId);
  }

  /** Queues an entry for a stream; it joins the window at the first evaluation at or after `ts`. */
  stage(streamId: number, ts: number, value: number, ref: LineRef, workflowId = 0): void {
    if (!Number.isFinite(ts) || !Number.isFinite(value)) return;
    this.staged.push(streamId, ts, value, ref.sourceId, ref.line, ref.byteOffset, workflowId);
  }

  /**
   * Replay's fast path for an entry of the line about to be evaluated at `t` (t no earlier
   * than any evaluation so far): it joins its window at once instead of being staged.
   * Call `evaluate(t)` after the line's entries, as for staged ones.
   */
  addAt(streamId: number, t: number, value: number, ref: LineRef, workflowId = 0): void {
    if (!(t >= this.clock) || this.staged.length > 0 || !Number.isFinite(value)) {
      this.stage(streamId, t, value, ref, workflowId);
      return;
    }
    this.admit(streamId, t, value, ref.sourceId, ref.line, ref.byteOffset, workflowId);
  }

  /** A metric point (route + stage), for live feeding. */
  notePoint(name: string, tags: Tags, ts: number, value: number, ref: LineRef, workflowId?: string): void {
    const series = this.seriesOf(name, tags);
    if (series < 0) return;
    const streams = this.streamsOfSeries(series);
    if (streams.length === 0) return;
    const wf = this.workflows.intern(workflowId);
    for (const id of streams) this.stage(id, ts, value, ref, wf);
  }

  /** An event (only pattern_detected rules read events), for live feeding. */
  noteEvent(name: string, obj: ParsedObject, ts: number, ref: LineRef, workflowId?: string): void {
    const ids = this.streamsForEvent(name, obj);
    if (ids.length === 0) return;
    const wf = this.workflows.intern(workflowId);
    for (const id of ids) this.stage(id, ts, 1, ref, wf);
  }

  /** Any line with a timestamp: the engine has seen data, so no_data may arm (one window later). */
  noteActivity(ts: number): void {
    if (!Number.isFinite(ts) || this.activitySince !== Infinity) return;
    this.activitySince = ts;
    for (const s of this.streams) if (s.alive && s.rule.condition === 'no_data') this.markDirty(s);
  }

  /**
   * Evaluates every stream that may have changed at time `now` (clamped so time never runs
   * backwards) and returns the notifications, ordered by rule then group.
   */
  evaluate(now: number, options: EvaluateOptions = {}): readonly AlertChange[] {
    if (!Number.isFinite(now)) return NO_CHANGES;
    const t = Math.max(now, this.clock);
    this.clock = t;
    this.staged.drain(t, this);
    while (this.wakes.peekTime() <= t) {
      const at = this.wakes.peekTime();
      const stream = this.streams[this.wakes.pop()] as AlertStream;
      if (!stream.alive || stream.scheduledAt !== at) continue;
      stream.scheduledAt = Infinity;
      this.markDirty(stream);
    }
    if (this.dirty.length === 0) return NO_CHANGES;
    // Two lists swapped per call: replay evaluates once per line, so no allocation here.
    const batch = this.dirty;
    this.dirty = this.spare;
    sortStreams(batch);
    let changes: AlertChange[] | undefined;
    const historical = options.historical ?? false;
    for (const stream of batch) {
      const change = this.evaluateStream(stream, t, historical);
      if (change) (changes ??= []).push(change);
    }
    batch.length = 0;
    this.spare = batch;
    return changes ?? NO_CHANGES;
  }

  private noDataArmsAt(stream: AlertStream): number {
    return Math.max(this.activitySince, stream.since) + stream.rule.durationMs;
  }

  private evaluateStream(stream: AlertStream, t: number, historical: boolean): AlertChange | undefined {
    stream.dirty = false;
    if (!stream.alive) return undefined;
    stream.window.evict(t, stream.rule.durationMs);
    const armsAt = this.noDataArmsAt(stream);
    const observation = stream.observe(t >= armsAt, this.observation);
    const type = stream.step(t, observation.holds, historical);
    const change = type ? buildChange(stream, type, t, observation, type === 'alert' ? historical : stream.episodeHistorical, this.describeRefs()) : undefined;
    // Only an earlier wake needs a queue entry: a stream woken early is just evaluated once
    // more (harmless) and reschedules itself, so busy streams do not flood the queue.
    const wake = stream.nextWake(t, observation.holds, armsAt);
    if (wake < stream.scheduledAt) {
      stream.scheduledAt = wake;
      this.wakes.push(wake, stream.id);
    }
    return change;
  }

  private describeRefs(): { sourcePath: (id: number) => string | undefined; workflow: (id: number) => string | undefined } {
    return { sourcePath: this.options.sourcePath ?? (() => undefined), workflow: (id) => this.workflows.get(id) };
  }

  /** StagedSink: a staged entry whose time has come joins its stream's window. */
  admit(streamId: number, ts: number, value: number, sourceId: number, line: number, byteOffset: number, workflowId: number): void {
    const stream = this.streams[streamId];
    if (!stream || !stream.alive) return;
    const entry = this.entryScratch;
    entry.sourceId = sourceId;
    entry.line = line;
    entry.byteOffset = byteOffset;
    entry.workflowId = workflowId;
    // An entry already older than the window would leave it at once: only its line is remembered.
    if (ts + stream.rule.durationMs > this.clock) {
      stream.window.insert(ts, value, entry);
      this.markDirty(stream);
    } else {
      stream.window.noteRef(ts, entry);
    }
  }

  private markDirty(stream: AlertStream): void {
    if (stream.dirty) return;
    stream.dirty = true;
    this.dirty.push(stream);
  }

  /**
   * Ends the history phase: from now on changes notify. Cooldowns restart from what was
   * notified live (restored from the history file), not from historical alerts; a
   * condition still holding from history notifies at the next evaluation unless that
   * restored cooldown says it was notified recently. no_data waits for live data.
   */
  startLive(): void {
    this.live = true;
    this.activitySince = Infinity;
    for (const stream of this.streams) {
      if (!stream.alive) continue;
      const restored = this.restored.get(stream.key);
      stream.lastFiredAt = Math.max(this.carried.get(stream.key) ?? -Infinity, restored?.lastAlertAt ?? -Infinity);
      if (stream.phase === 'firing') {
        stream.episodeNotified = true;
        stream.episodeHistorical = !(restored?.open ?? false);
      }
      this.markDirty(stream);
    }
  }

  get isLive(): boolean {
    return this.live;
  }

  /**
   * Reads back what earlier sessions notified (lines of `.runlens/alerts-history.jsonl`)
   * so a reload does not notify again within a cooldown. Historical records are ignored.
   */
  restore(records: Iterable<HistoryRecord>): void {
    this.restored.add(records);
    if (!this.live) return;
    for (const stream of this.streams) {
      const r = this.restored.get(stream.key);
      if (r) stream.lastFiredAt = Math.max(stream.lastFiredAt, r.lastAlertAt);
    }
  }

  /** Alerts firing now (for views and the status bar), as of the last evaluation. */
  firing(): AlertChange[] {
    const out: AlertChange[] = [];
    const t = this.clock;
    if (!Number.isFinite(t)) return out;
    const streams = this.streams.filter((s) => s.alive && s.phase === 'firing');
    streams.sort((a, b) => a.ruleIndex - b.ruleIndex || a.id - b.id);
    for (const s of streams) {
      const observation = s.observe(t >= this.noDataArmsAt(s), { holds: false, value: null, count: 0 });
      out.push(buildChange(s, 'alert', t, observation, s.episodeNotified ? s.episodeHistorical : s.firingHistorical, this.describeRefs()));
    }
    return out;
  }

  /** Convenience for views: the dicts of `firing()`. */
  firingAlerts(): AlertDict[] {
    return this.firing().map((c) => c.alert);
  }
}
