/**
 * Runlens against logs written by real structlog (the fixed seed logger, Debian's
 * python3-structlog) with an independent oracle: the seed's own MetricsCollector and
 * Python's statistics module for metrics, the simulated call tree for traces.
 * Needs /usr/bin/python3 with python3-structlog; without it these tests fail, never skip.
 */
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { assertNoDiffs, generateFixture, type Fixture } from '../helpers/structlogFixture';
import { costDiffs, cliSummaryDiffs, report, seriesDiffs, sourceDiffs, traceDiffs, workflowDiffs } from '../helpers/structlogChecks';
import type { Report } from '../../src/core/model/report';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function fixture(seed: number, workflows: number): Promise<Fixture> {
  const fx = await generateFixture(seed, workflows);
  dirs.push(fx.dir);
  return fx;
}

describe('structlog run (seed 7, 10 workflows)', () => {
  let fx: Fixture;
  let r: Report;
  before(async () => {
    fx = await fixture(7, 10);
    r = await report(fx);
  });

  test('every line is read as an event, none malformed', () => assertNoDiffs('sources', sourceDiffs(fx, r)));
  test('every metric series summary equals get_metrics_summary + statistics.quantiles', () => assertNoDiffs('report.metrics', seriesDiffs(fx, r)));
  test('metrics --name over all series, and --tag/--from/--to windows (inclusive bounds)', async () => assertNoDiffs('runlens metrics', await cliSummaryDiffs(fx)));
  test('workflows: status, agents, tools, errors, cost, start/end', () => assertNoDiffs('report.workflows', workflowDiffs(fx, r)));
  test('cost: tools, LLM by model (override prices, dated alias, unknown model), agents', () => assertNoDiffs('report.cost', costDiffs(fx, r)));
  test('every trace node has its true parent, kind, status, interval and byte offset', async () => assertNoDiffs('runlens trace', await traceDiffs(fx)));
});

// Other shapes of the same run (parallel groups, failures, the interrupted workflow) per seed.
for (const seed of [11, 23, 42]) {
  test(`structlog run, seed ${seed}: metrics, workflows, cost and traces match the oracle`, async () => {
    const fx = await fixture(seed, 5);
    const r = await report(fx);
    assertNoDiffs(`seed ${seed}`, [
      ...sourceDiffs(fx, r),
      ...seriesDiffs(fx, r),
      ...workflowDiffs(fx, r),
      ...costDiffs(fx, r),
      ...(await cliSummaryDiffs(fx)),
      ...(await traceDiffs(fx)),
    ]);
  });
}
