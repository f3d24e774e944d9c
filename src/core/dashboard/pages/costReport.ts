/**
 * The cost ledger's report, reused while no event was ingested. Building it sorts every
 * workflow's total (55k keys on a 1M-line log), which a live refresh should not redo
 * when nothing changed.
 */
import type { CostReport } from '../../cost/ledger';
import type { Engine } from '../../model/engine';

const cache = new WeakMap<Engine, { events: number; points: number; report: CostReport }>();

export function costReport(engine: Engine): CostReport {
  const events = engine.events.length;
  const points = engine.metrics.pointCount;
  const cached = cache.get(engine);
  if (cached && cached.events === events && cached.points === points) return cached.report;
  const report = engine.cost.report();
  cache.set(engine, { events, points, report });
  return report;
}
