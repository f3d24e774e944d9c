/**
 * Seeded pseudo-random numbers in [0, 1) for tests, so a seed reproduces a failure: the demo's
 * mulberry32 (src/demo/random.ts).
 */
import { Random } from '../../src/demo/random';

export function seededRandom(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}
