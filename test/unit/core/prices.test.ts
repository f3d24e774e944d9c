import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PriceBook } from '../../../src/core/cost/prices';
import { SHIPPED_PRICES } from '../../../src/node/prices';
import { at, ingest, line, newEngine } from '../../helpers/ingest';

const book = new PriceBook([SHIPPED_PRICES]);

test('current OpenAI, Anthropic and Google families resolve, with aliases and dated variants', () => {
  const cases: Array<[string, string]> = [
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['chatgpt-4o-latest', 'gpt-4o'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['anthropic/claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet@20240620', 'claude-3-5-sonnet'],
    ['models/gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['gemini-2.0-flash', 'gemini-2.0-flash'],
    ['GPT-4O', 'gpt-4o'],
  ];
  for (const [name, expected] of cases) assert.equal(book.resolve(name)?.model, expected, name);
  assert.equal(book.resolve('my-local-llama'), undefined);
  assert.equal(book.resolve('gpt-4.5-preview'), undefined, 'no loose prefix matching onto gpt-4');
});

test('cost is linear in tokens: USD per 1M input and output', () => {
  assert.ok(Math.abs((book.cost('gpt-4o', 1_000_000, 0) ?? NaN) - 2.5) < 1e-12);
  assert.ok(Math.abs((book.cost('gpt-4o', 1000, 200) ?? NaN) - 0.0045) < 1e-12);
});

test('overrides win model by model', () => {
  const custom = new PriceBook([SHIPPED_PRICES, { models: { 'gpt-4o': { input: 1, output: 1 }, 'my-llm': { input: 2, output: 4 } } }]);
  assert.equal(custom.cost('gpt-4o', 1_000_000, 0), 1);
  assert.equal(custom.cost('my-llm', 1_000_000, 1_000_000), 6);
  assert.equal(custom.cost('gpt-4o-mini', 1_000_000, 0), 0.15);
});

test('unknown models are listed with their tokens, cost null, and never priced at $0', () => {
  const engine = newEngine();
  ingest(
    engine,
    'c.jsonl',
    [
      line({ event: 'llm_call', workflow_id: 'w', agent_name: 'a', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 100, timestamp: at(1) }),
      line({ event: 'llm_call', workflow_id: 'w', agent_name: 'a', 'llm.model_name': 'claude-sonnet-4', 'llm.token_count.prompt': 2000, 'llm.token_count.completion': 10, timestamp: at(2) }),
      line({ event: 'llm_call', workflow_id: 'w', agent_name: 'b', model: 'mystery-model', input_tokens: 5, output_tokens: 7, timestamp: at(3) }),
      line({ event: 'tool_executed', workflow_id: 'w', agent_name: 'b', tool_name: 'web_search', duration_ms: 1, success: true, cost_estimate: 0.25, timestamp: at(4) }),
    ].join('\n'),
  );
  const cost = engine.cost.report();
  assert.deepEqual(cost.unknown_models, ['mystery-model']);
  assert.deepEqual(cost.by_model['mystery-model'], { calls: 1, input_tokens: 5, output_tokens: 7, cost_usd: null });
  const llm = 0.0025 + 0.001 + 0.006 + 0.00015;
  assert.ok(Math.abs(cost.llm_usd - llm) < 1e-12);
  assert.equal(cost.tools_usd, 0.25);
  assert.ok(Math.abs(cost.total_usd - (llm + 0.25)) < 1e-12);
  assert.ok(Math.abs((cost.by_agent.a ?? 0) - llm) < 1e-12);
  assert.equal(cost.by_agent.b, 0.25);
  assert.equal(engine.metrics.summary('llm_cost_usd', {}, { model: 'mystery-model' }).count, 0);
  assert.equal(engine.metrics.summary('llm_input_tokens', {}, { model: 'mystery-model' }).count, 1);
});
