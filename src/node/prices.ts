/** Loads the shipped price table and optional override files. */
import { readFileSync } from 'node:fs';
import type { PriceTable } from '../core/cost/prices';
import shippedPrices from '../../media/prices.json';

export const SHIPPED_PRICES: PriceTable = shippedPrices as unknown as PriceTable;

export function loadPriceFile(path: string): PriceTable {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (parsed === null || typeof parsed !== 'object') throw new Error(`${path}: expected a JSON object`);
  const models = (parsed as { models?: unknown }).models ?? parsed;
  if (models === null || typeof models !== 'object' || Array.isArray(models)) throw new Error(`${path}: expected {"models": {...}}`);
  return { models: models as PriceTable['models'] };
}
