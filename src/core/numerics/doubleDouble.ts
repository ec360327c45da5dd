/**
 * Error-free transformations (Dekker, Knuth; Ogita–Rump–Oishi "Accurate sum and dot product", 2005).
 *
 * These let the regression engine compute residuals and cross-products in roughly twice the working
 * precision without a big-number library, which is what makes iterative refinement converge to the
 * exactly-rounded least-squares answer on ill-conditioned designs (NIST Filip, Wampler 1–5).
 *
 * JavaScript has no fused multiply-add, so products are split with Veltkamp's constant.
 *
 * `productError` and `sumError` are the kernel every hot loop calls (the least-squares residuals,
 * Σ residual², the refined covariance, the incomplete beta's double-double arithmetic): they return one
 * number and allocate nothing, so V8 inlines them. `twoSum`, `twoProduct` and `dot2` are the readable
 * reference they are tested against, written out independently.
 */

/** 2^27 + 1: Veltkamp's splitter for IEEE doubles. */
export const SPLITTER = 134217729;

/**
 * The rounding error of p = fl(a·b): the exact a·b − p (Dekker's TwoProduct with Veltkamp splitting),
 * so a·b = p + productError(a, b, p). Exact unless a·b overflows or underflows. Cost: 16 flops.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * The rounding error of s = fl(a + b): the exact a + b − s (Knuth's TwoSum, no condition on |a|, |b|),
 * so a + b = s + sumError(a, b, s). Cost: 5 flops.
 */
export function sumError(a: number, b: number, s: number): number {
  const z = s - a;
  return a - (s - z) + (b - z);
}

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
