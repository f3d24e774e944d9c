/**
 * LLM price table and model-name resolution. Provider prefixes (`openai/`,
 * `anthropic.`, `models/`), date stamps (`-2024-08-06`, `-20250514`, `@20240620`),
 * `-latest`, `-preview` and Bedrock version tails (`-v1:0`) are stripped until a
 * known model or alias matches. Unknown models stay unknown: never priced at $0.
 */

export interface ModelPrice {
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
  aliases?: string[];
}

export interface PriceTable {
  models: Record<string, ModelPrice>;
}

export interface ResolvedPrice {
  model: string;
  price: ModelPrice;
}

const SUFFIXES: readonly RegExp[] = [
  /-v\d+(?::\d+)?$/,
  /:\d+$/,
  /@\d{8}$/,
  /-\d{4}-\d{2}-\d{2}$/,
  /-\d{8}$/,
  /-\d{4}$/,
  /-latest$/,
  /-preview(?:-\d{2}-\d{2})?$/,
  /-exp(?:-\d{4})?$/,
  /-\d{3}$/,
];

function isValidPrice(p: unknown): p is ModelPrice {
  if (p === null || typeof p !== 'object') return false;
  const { input, output } = p as ModelPrice;
  return typeof input === 'number' && typeof output === 'number' && input >= 0 && output >= 0;
}

export class PriceBook {
  private readonly exact = new Map<string, ResolvedPrice>();
  private readonly cache = new Map<string, ResolvedPrice | null>();

  /** Later tables override earlier ones model by model (defaults, then settings, then --prices). */
  constructor(tables: readonly PriceTable[]) {
    for (const table of tables) {
      for (const name of Object.keys(table.models ?? {})) {
        const price = table.models[name];
        if (!isValidPrice(price)) continue;
        const canonical = name.toLowerCase();
        const resolved = { model: canonical, price };
        this.exact.set(canonical, resolved);
        for (const alias of price.aliases ?? []) this.exact.set(alias.toLowerCase(), resolved);
      }
    }
  }

  resolve(model: string): ResolvedPrice | undefined {
    const cached = this.cache.get(model);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookup(model) ?? null;
    if (this.cache.size < 10_000) this.cache.set(model, found);
    return found ?? undefined;
  }

  /** USD for a call, or undefined when the model is unknown. */
  cost(model: string, inputTokens: number, outputTokens: number): number | undefined {
    const resolved = this.resolve(model);
    if (!resolved) return undefined;
    return (inputTokens * resolved.price.input + outputTokens * resolved.price.output) / 1_000_000;
  }

  private lookup(model: string): ResolvedPrice | undefined {
    if (model.length > 200) return undefined;
    let name = model.trim().toLowerCase();
    const slash = name.lastIndexOf('/');
    if (slash >= 0) name = name.slice(slash + 1);
    name = name.replace(/^(?:anthropic|openai|google|meta|amazon|us|eu|apac)\./, '').replace(/^(?:anthropic|openai|google|meta|amazon)\./, '');
    for (let round = 0; round < 6; round++) {
      const hit = this.exact.get(name);
      if (hit) return hit;
      const stripped = SUFFIXES.reduce((s, re) => s.replace(re, ''), name);
      if (stripped === name) break;
      name = stripped;
    }
    return undefined;
  }
}
