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
 * number and allocate nothing, so V8 inlines them. The readable reference they are tested against (`twoSum`,
 * `twoProduct`, `dot2`), written out independently, is test/core/numerics/referenceDoubleDouble.ts.
 */

/** 2^27 + 1: Veltkamp's splitter for IEEE doubles. */
export const SPLITTER = 134217729;

/**
 * The rounding error of p = fl(a·b): the exact a·b − p (Dekker's TwoProduct with Veltkamp splitting),
 * so a·b = p + productError(a, b, p). Exact unless a·b overflows or underflows. Cost: 16 flops.
 */
export function productError(a: number, b: number, p: number): number {
  const ah = splitHigh(a);
  const bh = splitHigh(b);
  return splitProductError(ah, a - ah, bh, b - bh, p);
}

/** Veltkamp's split: the high half of a (26 bits), so that a = high + (a − high) exactly. Cost: 3 flops. */
export function splitHigh(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/**
 * `productError` for factors already split (a = ah + al, b = bh + bl by `splitHigh`): the same arithmetic, for a
 * loop that reuses one factor's split across several products. Cost: 8 flops.
 */
export function splitProductError(ah: number, al: number, bh: number, bl: number, p: number): number {
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
