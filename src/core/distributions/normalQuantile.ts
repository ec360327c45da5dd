import { normalUpperQuantile } from './normalDistribution';

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below 1.2e-9), which
 * `studentTQuantile` uses as a starting point before polishing with Newton steps on an exact tail.
 * Cost: O(1).
 * @throws Error when p is not in (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (coefficients: number[], x: number): number => coefficients.reduce((sum, k) => sum * x + k, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * A starting value for Student's t quantile: the Cornish–Fisher expansion about the normal quantile
 * (Abramowitz and Stegun 26.7.5), good to a few digits for df ≥ 3 and a safe positive start below that.
 *
 * The normal quantile is the polished one (`normalUpperQuantile`, about 1e-15), not Acklam's 1.2e-9: at large df the
 * expansion's own error is far below that, so Newton's first step in `studentTUpperQuantile` already lands within its
 * stopping rule. At df 9,990 (a regression on 10,000 rows) the 95% quantile took two evaluations of the t tail
 * (112 steps of the continued fraction, most of a fit's p-value work) and now takes one.
 * Cost: a few evaluations of the normal tail.
 */
export function studentTQuantileGuess(p: number, df: number): number {
  const z = p >= 0.5 ? normalUpperQuantile(1 - p) : -normalUpperQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const guess = z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
  if (df >= 3 && Number.isFinite(guess)) return guess;
  // Very heavy tails: the exact quantiles for df = 1 (Cauchy) and df = 2 bracket the answer.
  return df <= 1 ? Math.tan(Math.PI * (p - 0.5)) : (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
}
