/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every machine and run,
 * which is what makes TikFit's train/test split reproducible (the article's split changed on every run).
 * Returns uniform numbers in [0, 1). Cost: O(1) per number.
 * @throws Error when the seed is not an integer.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new Error(`seededRandom: the seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The indices 0..n−1 in a seeded random order (Fisher–Yates with `seededRandom`). Cost: O(n).
 */
export function seededShuffle(n: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}
