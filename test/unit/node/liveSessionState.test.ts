// The live session's per-source state, as the Sources view shows it: a file whose existing
// content has been read to its end is "following", not still "reading history".
import { strict as assert } from 'node:assert';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LiveSession } from '../../../src/node/live/liveSession';
import { at, line } from '../../helpers/ingest';
import { tempDir } from '../../helpers/tailFixture';
import { waitUntil } from '../../helpers/waitUntil';

test('after the history is read, every source is following; live lines keep it so', async (t) => {
  const file = join(tempDir(t), 'agents.jsonl');
  const agent = (i: number): string =>
    line({ event: 'agent_execution_completed', agent_name: 'worker', duration_ms: 100 + i, success: true, workflow_id: 'wf-1', timestamp: at(i) });
  writeFileSync(file, `${agent(1)}\n${agent(2)}\n`);
  const session = new LiveSession({ sources: [file], rules: [], pollIntervalMs: 50, tickMs: 60_000 });
  t.after(() => session.close());
  await session.start();
  const source = session.engine.sources[0];
  assert.ok(source);
  assert.equal(source.lines, 2);
  assert.equal(session.sourceState(source.id), 'following');
  appendFileSync(file, `${agent(3)}\n`);
  await waitUntil(() => source.lines === 3, 'the live line');
  assert.equal(session.sourceState(source.id), 'following');
});
