import { seededRandom } from '../src/core/prepare/seededRandom';

/**
 * Seeded random draws for the synthetic samples (samples/generate.ts and the creator logs in
 * test/fixtures/creators): mulberry32, the project's seeded generator (src/core/prepare/seededRandom.ts), with
 * Box–Muller normals. Same seed, same draws.
 */
export class Random {
  private readonly u: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.u = seededRandom(seed);
  }

  uniform(): number {
    return this.u();
  }

  /** Box–Muller; the second normal of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    const u1 = 1 - this.u(); // (0, 1]: log is finite
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return mean + sd * r * Math.cos(2 * Math.PI * u2);
  }

  lognormal(median: number, sdLog: number): number {
    return median * Math.exp(this.normal(0, sdLog));
  }

  bernoulli(p: number): 0 | 1 {
    return this.u() < p ? 1 : 0;
  }

  int(n: number): number {
    return Math.floor(this.u() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Knuth for small means, rounded normal approximation above 30. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.u();
    while (p > limit) {
      k += 1;
      p *= this.u();
    }
    return k;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      const a = items[i] as T;
      items[i] = items[j] as T;
      items[j] = a;
    }
    return items;
  }

  /** k distinct indices out of 0..n-1, in random order. */
  sample(n: number, k: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, k);
  }
}
