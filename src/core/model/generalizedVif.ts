import type { Design } from './design';
import { cholesky, choleskyLogDeterminant } from '../numerics/cholesky';
import { invertUpper } from '../numerics/triangular';

/** The generalized variance inflation of one input column (Fox and Monette 1992), as `car::vif` reports it. */
export interface ColumnVif {
  /** The input column. */
  column: string;
  /** Its terms in the model (1 for a number column; a text column's estimable dummies). */
  df: number;
  /** GVIF = det(R₁₁)·det(R₂₂)/det(R); the VIF itself for a number column. */
  gvif: number;
  /** GVIF^(1/(2·df)), comparable across columns with different df (√VIF for a number column). */
  gvifScaled: number;
}

/**
 * GVIF per input column, from the correlation matrix R of the coefficient estimates without the intercept, as
 * `car::vif`: det(R₁₁)·det(R₂₂)/det(R), where R₁₁ is the column's own terms and R₂₂ the others'. Unlike the VIFs of
 * single dummies, it does not depend on which level is the reference: a text column with a tiny reference level has
 * large dummy VIFs but a GVIF near 1 when it is unrelated to the other columns. Aliased terms are left out. Empty for
 * a model without an intercept, where it has no meaning (car warns there).
 *
 * `covariance` is (XᵀX)⁻¹ over the kept terms (rank×rank, column-major) and `kept` their design-column indices.
 * Cost: O(p³) for the inverse of R, and O(p·d²) for a column of d terms, p the number of kept terms.
 */
export function generalizedVif(design: Design, kept: Int32Array, covariance: Float64Array): ColumnVif[] {
  if (!design.hasIntercept) return [];
  const rank = kept.length;
  const position = new Map<number, number>();
  for (let k = 0; k < rank; k++) position.set(kept[k] as number, k);
  const termIndex = new Map(design.terms.map((term, j) => [term, j] as const));
  // Every kept term but the intercept (design column 0), in kept order.
  const others = Array.from(kept).filter((j) => j !== 0);
  const correlation = (rows: number[]): Float64Array => {
    const n = rows.length;
    const out = new Float64Array(n * n);
    for (let b = 0; b < n; b++) {
      const kb = position.get(rows[b] as number) as number;
      for (let a = 0; a < n; a++) {
        const ka = position.get(rows[a] as number) as number;
        const v = covariance[kb * rank + ka] as number;
        out[b * n + a] = v / Math.sqrt((covariance[ka * rank + ka] as number) * (covariance[kb * rank + kb] as number));
      }
    }
    return out;
  };
  const logDet = (rows: number[]): number => {
    if (rows.length === 0) return 0;
    const l = cholesky(correlation(rows), rows.length);
    return l === null ? -Infinity : choleskyLogDeterminant(l, rows.length);
  };
  // det(R₂₂)/det(R) = det((R⁻¹)₁₁) (the Schur complement), so one inverse of R serves every column: O(p³) in all
  // instead of a determinant of R₂₂ per column, O(p⁴), which took 5 s of a 2e4 × 300 fit (bench/fitKernel.mjs).
  const whole = cholesky(correlation(others), others.length);
  const inverseFactor = whole === null ? null : invertUpper(transpose(whole, others.length), others.length);
  const slot = new Map(others.map((j, k) => [j, k] as const));
  const result: ColumnVif[] = [];
  for (const predictor of design.predictors) {
    const own = predictor.terms.map((t) => termIndex.get(t) as number).filter((j) => position.has(j));
    if (own.length === 0) continue;
    let logGvif: number;
    if (inverseFactor === null) {
      logGvif = logDet(own) + logDet(others.filter((j) => !own.includes(j))) - logDet(others);
    } else {
      const block = inverseBlock(
        inverseFactor,
        others.length,
        own.map((j) => slot.get(j) as number),
      );
      const l = cholesky(block, own.length);
      logGvif = logDet(own) + (l === null ? -Infinity : choleskyLogDeterminant(l, own.length));
    }
    const gvif = Math.exp(logGvif);
    result.push({ column: predictor.name, df: own.length, gvif, gvifScaled: gvif ** (1 / (2 * own.length)) });
  }
  return result;
}

/** The transpose of an n×n column-major matrix: a lower-triangular L becomes the upper-triangular Lᵀ. */
function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[i * n + j] = a[j * n + i] as number;
  return out;
}

/** Rows and columns `slots` of A⁻¹ = U⁻¹·U⁻ᵀ, given U⁻¹ (upper triangular, n×n column-major). Cost: n per entry. */
function inverseBlock(uInverse: Float64Array, n: number, slots: number[]): Float64Array {
  const d = slots.length;
  const block = new Float64Array(d * d);
  for (let b = 0; b < d; b++) {
    const sb = slots[b] as number;
    for (let a = 0; a <= b; a++) {
      const sa = slots[a] as number;
      let sum = 0;
      for (let k = Math.max(sa, sb); k < n; k++)
        sum += (uInverse[k * n + sa] as number) * (uInverse[k * n + sb] as number);
      block[b * d + a] = block[a * d + b] = sum;
    }
  }
  return block;
}
