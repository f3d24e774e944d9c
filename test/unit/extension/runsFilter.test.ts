import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeFilter, parseRunsFilter, runMatches } from '../../../src/extension/runs/runsFilter';
import type { RunDto } from '../../../src/protocol/engineProtocol';

const run = (id: string, status: RunDto['status'], errors: number, agents: string[]): RunDto => ({
  workflow_id: id, status, started: null, ended: null, duration_ms: null, agents: agents.length, tools: 0, errors, cost_usd: 0, lastEventMs: 0, agentNames: agents,
});

test('filter terms: status, agent and free text', () => {
  const filter = parseRunsFilter('  status:failed  agent:Copy  wf-4 ');
  assert.deepEqual(filter, { status: 'failed', agent: 'copy', text: 'wf-4' });
  assert.equal(describeFilter(filter), 'status:failed agent:copy wf-4');
  assert.equal(runMatches(run('wf-42', 'failed', 1, ['copywriter']), filter), true);
  assert.equal(runMatches(run('wf-42', 'completed', 0, ['copywriter']), filter), false);
  assert.equal(runMatches(run('wf-42', 'completed', 2, ['copywriter']), filter), true, 'runs with failed spans count as failed');
  assert.equal(runMatches(run('wf-7', 'failed', 1, ['copywriter']), filter), false);
  assert.equal(runMatches(run('wf-42', 'failed', 1, ['analyst']), filter), false);
  assert.equal(runMatches(run('anything', 'incomplete', 0, []), parseRunsFilter('')), true);
});
