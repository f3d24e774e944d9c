/**
 * The metrics byte prefilter must give the full engine's answer for every input: each
 * test runs the same question both ways (test/helpers/prefilter.ts) and compares the
 * summaries, over adversarial lines and a seeded random mix of them.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DERIVED_METRICS, planMetricPrefilter, utf8Bytes } from '../../../src/core/metrics/prefilter';
import { Engine } from '../../../src/core/model/engine';
import { SHIPPED_PRICES } from '../../../src/node/prices';
import { ask, SEARCHES, type Question } from '../../helpers/prefilter';
import { seededRandom } from '../../helpers/random';

const enc = (lines: readonly string[], eol = '\n'): Uint8Array => Buffer.from(lines.join(eol) + eol, 'utf8');
const T = (s: number): string => new Date(Date.UTC(2026, 10, 24, 10, 0, s)).toISOString();

function tool(s: number | null, name: unknown, ms: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ event: 'tool_executed', tool_name: name, duration_ms: ms, success: ms % 2 === 0, cost_estimate: ms / 1000, ...(s === null ? {} : { timestamp: T(s) }), ...extra });
}

/** Asks each question in every chunking and with both searches; returns the outcomes of the last run. */
function check(files: readonly Uint8Array[], questions: readonly Question[], expectFast = true): Array<ReturnType<typeof ask>> {
  const outcomes: Array<ReturnType<typeof ask>> = [];
  for (const q of questions) {
    for (const [label, search] of SEARCHES) {
      for (const chunkBytes of [1, 7, 61, 1 << 20]) {
        const o = ask(files, q, { chunkBytes, search });
        const where = `${JSON.stringify(q)} (${label}, chunks of ${chunkBytes})`;
        if (o.fast !== undefined) assert.deepEqual(o.fast, o.full, where);
        else if (expectFast && o.plan === 'needles' && !o.inexact) assert.fail(`no answer: ${where}`);
        if (chunkBytes === 1 << 20 && label === 'Buffer#indexOf') outcomes.push(o);
      }
    }
  }
  return outcomes;
}

const WS = { tool_name: 'web_search' };

test('plan: tag value needle; numeric-like, U+FFFD and unknown-model values fall back to name needles; workflow_* reads all', () => {
  assert.deepEqual(planMetricPrefilter('tool_execution_duration_ms', WS), { needles: ['"web_search"'] });
  assert.deepEqual(planMetricPrefilter('tool_execution_duration_ms', { tool_name: '123' }), { needles: ['"tool_execution_duration_ms"', '"tool_executed"', '"tool_usage"'] });
  assert.deepEqual(planMetricPrefilter('tool_execution_cost', { tool_name: 'true' }), { needles: ['"tool_execution_cost"', '"tool_executed"', '"tool_usage"'] });
  assert.deepEqual(planMetricPrefilter('tool_execution_cost', { tool_name: 'a\uFFFDb' }), { needles: ['"tool_execution_cost"', '"tool_executed"', '"tool_usage"'] });
  assert.deepEqual(planMetricPrefilter('llm_input_tokens', { model: '(unknown model)' }), { needles: ['"llm_input_tokens"', '_tokens"', '"llm.token_count.'] });
  assert.deepEqual(planMetricPrefilter('custom_metric', { region: 'eu', tier: 'premium' }), { needles: ['"premium"'] });
  assert.deepEqual(planMetricPrefilter('agent_execution_success'), { needles: ['"agent_execution_success"', '"agent_execution'] });
  for (const name of ['workflow_total_agents', 'workflow_total_tools', 'workflow_total_duration_ms', 'workflow_success']) {
    assert.ok('fullRead' in planMetricPrefilter(name, { workflow_id: 'wf-1' }), name);
  }
  assert.deepEqual([...utf8Bytes('"é€😀"')], [...Buffer.from('"é€😀"')]);
});

test('every metric the engine derives is known to the planner', () => {
  const engine = new Engine({ prices: [SHIPPED_PRICES] });
  const source = engine.addSource('x');
  const lines = [
    '{"event":"workflow_started","workflow_id":"w","timestamp":"2026-11-24T10:00:00Z"}',
    '{"event":"agent_execution_completed","agent_name":"a","duration_ms":5,"success":true,"workflow_id":"w","timestamp":"2026-11-24T10:00:01Z","gen_ai.request.model":"gpt-4o","gen_ai.usage.input_tokens":10,"gen_ai.usage.output_tokens":3}',
    '{"event":"tool_executed","tool_name":"t","duration_ms":5,"success":true,"cost_estimate":0.1,"workflow_id":"w","timestamp":"2026-11-24T10:00:02Z"}',
    '{"event":"workflow_completed","workflow_id":"w","timestamp":"2026-11-24T10:00:03Z"}',
  ];
  lines.forEach((l, i) => engine.ingestText(source, l, i + 1, 0));
  for (const name of engine.metrics.names()) assert.ok(DERIVED_METRICS.has(name), `${name} is derived but unknown to planMetricPrefilter`);
  assert.equal(engine.metrics.names().length, DERIVED_METRICS.size);
});

test('escaped values, keys and event names are read, never skipped', () => {
  const lines = [
    tool(1, 'web_search', 10),
    '{"event":"tool_executed","tool_name":"web\\u005fsearch","duration_ms":20,"timestamp":"2026-11-24T10:00:02Z"}',
    '{"event":"tool_executed","tool\\u005fname":"web_search","duration_ms":30,"timestamp":"2026-11-24T10:00:03Z"}',
    '{"event":"tool\\u005fexecuted","tool_name":"web_search","duration_ms":40,"timestamp":"2026-11-24T10:00:04Z"}',
    '{"event":"tool_executed","tool_name":"w\\u0065b_search","duration_ms":50,"timestamp":"2026-11-24T10:00:05Z","note":"x\\"y"}',
    tool(6, 'other', 60),
    tool(7, 'quo"te', 70),
    tool(8, 'back\\slash', 80),
    tool(9, 'caf\u00e9', 90),
    '{"event":"tool_executed","tool_name":"caf\\u00e9","duration_ms":95,"timestamp":"2026-11-24T10:00:09.5Z"}',
  ];
  const [o] = check([enc(lines)], [
    { name: 'tool_execution_duration_ms', tags: WS },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'quo"te' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'back\\slash' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'caf\u00e9' } },
    { name: 'tool_execution_success', tags: WS },
    { name: 'tool_execution_cost', tags: WS },
  ]);
  assert.equal((o?.full as { count: number }).count, 5);
});

test('a value that is a substring of another value, or the other way round', () => {
  const lines = [
    tool(1, 'web_search', 10), tool(2, 'web_search_pro', 20), tool(3, 'my_web_search', 30), tool(4, 'web', 40),
    tool(5, 'search', 50), JSON.stringify({ event: 'note', text: 'called web_search twice', timestamp: T(6) }), tool(7, 'web_search', 70),
  ];
  const outcomes = check([enc(lines)], [
    { name: 'tool_execution_duration_ms', tags: WS },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'web' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'web_search_pro' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'search' } },
  ]);
  assert.equal((outcomes[0]?.full as { count: number }).count, 2);
  assert.ok((outcomes[0]?.skipped ?? 0) >= 4, 'lines naming only longer values are skipped');
});

test('lines without a timestamp: inherited exactly after kept lines; after a skipped line the prefilter gives up', () => {
  // At the start of a file (NaN), and right after a kept line: exact, no fallback.
  const a = [tool(null, 'web_search', 5), tool(1, 'web_search', 10), tool(null, 'web_search', 20), tool(2, 'other', 1), tool(3, 'web_search', 30)];
  const [first] = check([enc(a)], [{ name: 'tool_execution_duration_ms', tags: WS }]);
  assert.equal(first?.inexact, false);
  // After a skipped line that had a timestamp: the kept line needs it.
  const b = [tool(1, 'web_search', 10), tool(5, 'other', 1), tool(null, 'web_search', 20), tool(9, 'web_search', 30)];
  const [second] = check([enc(b)], [{ name: 'tool_execution_duration_ms', tags: WS, range: { from: Date.parse(T(4)) } }]);
  assert.equal(second?.inexact, true);
  assert.equal((second?.full as { count: number }).count, 2, 'the full engine dates the line at 10:00:05');
  // A kept non-event line (alert, no timestamp) between them keeps the timestamp unknown.
  const c = [tool(1, 'web_search', 10), tool(5, 'other', 1),
    JSON.stringify({ rule_name: 'slow', severity: 'high', condition: 'x', tool_name: 'web_search' }), tool(null, 'web_search', 20)];
  assert.equal(check([enc(c)], [{ name: 'tool_execution_duration_ms', tags: WS }])[0]?.inexact, true);
  // ts / time / @timestamp / epoch numbers count as timestamps; a kept dated line makes it exact again.
  const d = [tool(1, 'other', 1), JSON.stringify({ event: 'tool_executed', tool_name: 'web_search', duration_ms: 3, ts: 1795600000 }),
    tool(null, 'web_search', 4), JSON.stringify({ event: 'tool_usage', tool_name: 'web_search', duration_ms: 5, '@timestamp': T(30) }), tool(null, 'web_search', 6)];
  assert.equal(check([enc(d)], [{ name: 'tool_execution_duration_ms', tags: WS }])[0]?.inexact, false);
  // A second file starts with no inherited timestamp.
  check([enc([tool(1, 'web_search', 1)]), enc([tool(null, 'web_search', 2), tool(2, 'x', 3)])], [{ name: 'tool_execution_duration_ms', tags: WS }]);
});

test('MetricPoint lines: extra tags, numeric tag values, no tag filter, names of derived metrics', () => {
  const mp = (s: number, name: string, value: unknown, tags: Record<string, unknown>): string => JSON.stringify({ name, value, timestamp: T(s), tags });
  const lines = [
    mp(1, 'tool_execution_duration_ms', 100, { tool_name: 'web_search' }),
    mp(2, 'tool_execution_duration_ms', '250.5', { tool_name: 'web_search', region: 'eu' }),
    mp(3, 'tool_execution_duration_ms', 7, { tool_name: 123 }),
    tool(4, 123, 8),
    tool(5, true, 9),
    mp(6, 'queue_depth', 4, { region: 'eu' }),
    mp(7, 'queue_depth', 5, { region: 'us' }),
    JSON.stringify({ name: 'queue_depth', value: 'n/a', timestamp: T(8), tags: { region: 'eu' } }),
    JSON.stringify({ name: 'queue_depth', value: 6, tags: { region: 'eu' } }),
    mp(9, 'queue_depth', 1e3, { region: 'eu', size: 1e3 }),
    tool(10, 'web_search', 11),
  ];
  check([enc(lines)], [
    { name: 'tool_execution_duration_ms', tags: WS },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'web_search', region: 'eu' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: '123' } },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'true' } },
    { name: 'tool_execution_duration_ms' },
    { name: 'queue_depth', tags: { region: 'eu' } },
    { name: 'queue_depth', tags: { size: '1000' } },
    { name: 'queue_depth' },
    { name: 'nothing_here', tags: WS },
  ]);
});

test('LLM usage: model tags, the unknown model, OpenInference and usage objects', () => {
  const lines = [
    JSON.stringify({ event: 'llm_call', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 20, timestamp: T(1) }),
    JSON.stringify({ event: 'llm_call', 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 50, 'llm.token_count.completion': 5, timestamp: T(2) }),
    JSON.stringify({ event: 'llm_call', usage: { prompt_tokens: 7, completion_tokens: 1 }, timestamp: T(3) }),
    JSON.stringify({ event: 'llm_call', input_tokens: 9, model: 'claude-x', timestamp: T(4) }),
    JSON.stringify({ event: 'llm_call', 'llm.token_count.prompt': 11, timestamp: T(5) }),
    JSON.stringify({ name: 'llm_input_tokens', value: 3, timestamp: T(6), tags: { model: '(unknown model)' } }),
    tool(7, 'web_search', 1),
  ];
  check([enc(lines)], ['llm_input_tokens', 'llm_output_tokens', 'llm_cost_usd'].flatMap((name) => [
    { name }, { name, tags: { model: 'gpt-4o' } }, { name, tags: { model: '(unknown model)' } }, { name, tags: { model: 'claude-x' } },
  ]));
});

test('malformed, truncated, oversized, BOM, CRLF, blank and invalid UTF-8 lines', () => {
  const big = JSON.stringify({ event: 'tool_executed', tool_name: 'web_search', duration_ms: 1, timestamp: T(1), pad: 'x'.repeat(5000) });
  const parts = [
    Buffer.from('\uFEFF' + tool(1, 'web_search', 10) + '\r\n'),
    Buffer.from('{"event":"tool_executed","tool_name":"web_search","duration_ms":\n'),
    Buffer.from('["web_search"]\n"web_search"\nnull\n\n   \n'),
    Buffer.from(`${big}\n`),
    Buffer.from('{"event":"tool_executed","tool_name":"web'), Buffer.from([0xff]), Buffer.from('search","duration_ms":33,"timestamp":"2026-11-24T10:00:03Z"}\n'),
    Buffer.from('{"event":"tool_executed","tool_name":"web_search","duration_ms":44,"timestamp":"2026-11-24T10:00:04Z","x":"'), Buffer.from([0xc3]), Buffer.from('"}\r\n'),
    Buffer.from(tool(5, 'web_search', 55)),
  ];
  const bytes = Buffer.concat(parts);
  check([bytes], [
    { name: 'tool_execution_duration_ms', tags: WS },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'web\uFFFDsearch' } },
    { name: 'tool_execution_duration_ms' },
  ]);
});

test('time ranges and the agent family', () => {
  const agent = (s: number | null, name: string, ms: number, event = 'agent_execution_completed'): string =>
    JSON.stringify({ event, agent_name: name, duration_ms: ms, ...(s === null ? {} : { timestamp: T(s) }) });
  const lines = [agent(1, 'research_lead', 10), agent(2, 'research', 20), agent(3, 'research_lead', 30, 'agent_execution_failed'),
    agent(4, 'research_lead', 40, 'agent_execution'), agent(5, 'writer', 50), agent(null, 'research_lead', 60), tool(6, 'research_lead', 70)];
  check([enc(lines, '\r\n')], [
    { name: 'agent_execution_duration_ms', tags: { agent_name: 'research_lead' } },
    { name: 'agent_execution_duration_ms', tags: { agent_name: 'research_lead' }, range: { from: Date.parse(T(2)), to: Date.parse(T(4)) } },
    { name: 'agent_execution_success', tags: { agent_name: 'research_lead' }, range: { to: Date.parse(T(3)) } },
    { name: 'agent_execution_success' },
    { name: 'tool_execution_duration_ms', tags: { tool_name: 'research_lead' } },
  ]);
});

test('workflow_* questions are answered by the full read', () => {
  const lines = [
    JSON.stringify({ event: 'workflow_started', workflow_id: 'w1', timestamp: T(0) }),
    tool(1, 'web_search', 10, { workflow_id: 'w1' }),
    JSON.stringify({ event: 'workflow_completed', workflow_id: 'w1', timestamp: T(2) }),
  ];
  const [o] = check([enc(lines)], [{ name: 'workflow_total_tools', tags: { workflow_id: 'w1' } }], false);
  assert.equal(o?.plan, 'fullRead');
});

test('random mixes of adversarial lines agree with the full engine', () => {
  const values = ['web_search', 'web_search_pro', 'web', '123', 'caf\u00e9', 'a"b'];
  for (let seed = 1; seed <= 12; seed++) {
    const r = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const lines: string[] = [];
    for (let i = 0; i < 160; i++) {
      const s = r() < 0.15 ? null : i;
      const v = pick(values);
      const name: unknown = v === '123' && r() < 0.5 ? 123 : v;
      const roll = r();
      if (roll < 0.45) lines.push(tool(s, name, Math.round(r() * 1000) / 10));
      else if (roll < 0.55) lines.push(JSON.stringify({ name: 'tool_execution_duration_ms', value: r() * 100, timestamp: T(i), tags: { tool_name: name, region: pick(['eu', 'us']) } }));
      else if (roll < 0.62) lines.push(tool(s, name, 5).replace(/_/g, '\\u005f'));
      else if (roll < 0.7) lines.push(JSON.stringify({ event: 'llm_call', model: r() < 0.5 ? v : undefined, input_tokens: 10, ...(s === null ? {} : { timestamp: T(i) }) }));
      else if (roll < 0.75) lines.push(`{"event":"tool_executed","tool_name":"${v.replace(/"/g, '\\"')}","duration_ms":`);
      else lines.push(JSON.stringify({ event: pick(['routing_decision', 'note', 'agent_execution_completed']), agent_name: v, duration_ms: 3, ...(s === null ? {} : { timestamp: T(i) }) }));
    }
    const file = enc(lines);
    for (const v of values) {
      for (const name of ['tool_execution_duration_ms', 'tool_execution_success', 'agent_execution_duration_ms', 'llm_input_tokens']) {
        const tagKey = name.startsWith('tool') ? 'tool_name' : name.startsWith('agent') ? 'agent_name' : 'model';
        for (const q of [{ name, tags: { [tagKey]: v } }, { name, tags: { [tagKey]: v, region: 'eu' } }, { name, range: { from: Date.parse(T(40)) } }]) {
          for (const chunkBytes of [13, 1 << 20]) {
            const o = ask([file, file], q, { chunkBytes, search: SEARCHES[seed % 2]?.[1] });
            if (o.fast !== undefined) assert.deepEqual(o.fast, o.full, `seed ${seed}: ${JSON.stringify(q)}`);
          }
        }
      }
    }
  }
});
