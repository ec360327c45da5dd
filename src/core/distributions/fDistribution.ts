import { incompleteBeta } from './incompleteBeta';

/**
 * The upper-tail probability P(F ≥ f) of the F distribution with (numeratorDf, denominatorDf) degrees of freedom,
 * with full relative accuracy when it is tiny. This is the p-value of a regression's overall F test. Cost: O(√df).
 * @throws Error when a degree of freedom is not positive and finite, or f is negative or NaN.
 */
export function fUpperTailPValue(f: number, numeratorDf: number, denominatorDf: number): number {
  if (!(numeratorDf > 0) || !(denominatorDf > 0) || !Number.isFinite(numeratorDf) || !Number.isFinite(denominatorDf)) {
    throw new Error(
      `fUpperTailPValue: degrees of freedom must be positive and finite, got ${numeratorDf} and ${denominatorDf}`,
    );
  }
  if (!(f >= 0)) throw new Error(`fUpperTailPValue: f must be a non-negative number, got ${f}`);
  if (f === Infinity) return 0;
  const scaled = numeratorDf * f;
  const total = denominatorDf + scaled;
  return incompleteBeta(denominatorDf / total, scaled / total, denominatorDf / 2, numeratorDf / 2).lower;
}
