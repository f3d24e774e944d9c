import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'node:test';
import { bindContext, clearContext, getContext, unbindContext, withContext } from '../../../src/logger/index';

test('withContext: fields follow awaits and nested calls, and end with the scope', async () => {
  await withContext({ request_id: 'r1' }, async () => {
    await tick();
    assert.deepEqual(getContext(), { request_id: 'r1' });
    await withContext({ agent_name: 'writer' }, async () => {
      await tick();
      assert.deepEqual(getContext(), { request_id: 'r1', agent_name: 'writer' });
    });
    assert.deepEqual(getContext(), { request_id: 'r1' });
  });
  assert.deepEqual(getContext(), {});
});

test('concurrent scopes do not see each other', async () => {
  const seen = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      withContext({ request_id: `r${i}` }, async () => {
        for (let k = 0; k < 5; k++) await tick();
        return getContext().request_id;
      }),
    ),
  );
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => `r${i}`));
});

test('bindContext/unbindContext/clearContext change the current scope only; earlier tasks keep their snapshot', async () => {
  await withContext({}, async () => {
    bindContext({ request_id: 'r1', workflow_id: 'wf' });
    const started = (async () => {
      await tick();
      return getContext();
    })();
    bindContext({ agent_name: 'late' });
    assert.deepEqual(await started, { request_id: 'r1', workflow_id: 'wf' });
    assert.deepEqual(getContext(), { request_id: 'r1', workflow_id: 'wf', agent_name: 'late' });
    bindContext({ request_id: 'r2' });
    assert.deepEqual(Object.keys(getContext()), ['request_id', 'workflow_id', 'agent_name'], 're-binding keeps the key in place');
    unbindContext('workflow_id');
    assert.deepEqual(getContext(), { request_id: 'r2', agent_name: 'late' });
    clearContext();
    assert.deepEqual(getContext(), {});
  });
});

test('a binding inside one scope never reaches a sibling scope', async () => {
  await Promise.all([
    withContext({ request_id: 'a' }, async () => {
      bindContext({ user_id: 'only-a' });
      await tick();
      assert.equal(getContext().user_id, 'only-a');
    }),
    withContext({ request_id: 'b' }, async () => {
      await tick();
      assert.equal(getContext().user_id, undefined);
    }),
  ]);
});
