import type { Design } from './design';
import { cholesky, choleskyLogDeterminant } from '../numerics/cholesky';

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
 * Cost: O(p³) per column for the determinants, p the number of kept terms.
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
  const whole = logDet(others);
  const result: ColumnVif[] = [];
  for (const predictor of design.predictors) {
    const own = predictor.terms.map((t) => termIndex.get(t) as number).filter((j) => position.has(j));
    if (own.length === 0) continue;
    const rest = others.filter((j) => !own.includes(j));
    const gvif = Math.exp(logDet(own) + logDet(rest) - whole);
    result.push({ column: predictor.name, df: own.length, gvif, gvifScaled: gvif ** (1 / (2 * own.length)) });
  }
  return result;
}
