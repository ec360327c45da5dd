/**
 * The readable reference for src/core/numerics/doubleDouble.ts's kernel (`productError`, `sumError`) and the
 * least-squares dot products built on it: Knuth's TwoSum, Dekker's TwoProduct with Veltkamp splitting, and
 * Ogita–Rump–Oishi's Dot2 ("Accurate sum and dot product", 2005), written out independently of the kernel and
 * returning hi + lo pairs. Test code only: nothing in src needs them.
 */
import { SPLITTER } from '../../../src/core/numerics/doubleDouble';

/** A value represented as the unevaluated sum hi + lo, with |lo| ≤ ulp(hi)/2. */
export interface DoubleDouble {
  hi: number;
  lo: number;
}

/**
 * The exact sum a + b as hi + lo (Knuth's TwoSum). Cost: 6 flops.
 */
export function twoSum(a: number, b: number): DoubleDouble {
  const hi = a + b;
  const z = hi - a;
  const lo = a - (hi - z) + (b - z);
  return { hi, lo };
}

/**
 * The exact product a · b as hi + lo (Dekker's TwoProduct with Veltkamp splitting). Cost: 17 flops.
 * Exact unless a product overflows or underflows.
 */
export function twoProduct(a: number, b: number): DoubleDouble {
  const hi = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return { hi, lo };
}

/**
 * Dot product Σ aᵢ·bᵢ computed as if in twice the working precision (Ogita–Rump–Oishi Dot2),
 * returned unrounded as hi + lo. Cost: about 25n flops.
 *
 * @throws Error when the arrays differ in length.
 */
export function dot2(a: ArrayLike<number>, b: ArrayLike<number>): DoubleDouble {
  if (a.length !== b.length) throw new Error(`dot2: lengths differ (${a.length} and ${b.length})`);
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const p = twoProduct(a[i] as number, b[i] as number);
    const sum = twoSum(s, p.hi);
    s = sum.hi;
    c += sum.lo + p.lo;
  }
  return twoSum(s, c);
}
