import { studentTQuantileGuess } from './normalQuantile';
import { incompleteBeta } from './incompleteBeta';
import { logBeta } from './logBeta';

function checkDegreesOfFreedom(name: string, df: number): void {
  if (!(df > 0) || !Number.isFinite(df))
    throw new Error(`${name}: degrees of freedom must be positive and finite, got ${df}`);
}

/**
 * The two-sided p-value P(|T| ≥ |t|) for Student's t with df degrees of freedom, with full relative accuracy in
 * the far tail (2e-22 keeps its digits). This is what the article's Go program should have printed: it printed the
 * density at t instead. Cost: O(√df).
 * @throws Error when df is not positive and finite, or t is NaN.
 */
export function studentTTwoSidedPValue(t: number, df: number): number {
  checkDegreesOfFreedom('studentTTwoSidedPValue', df);
  if (Number.isNaN(t)) throw new Error('studentTTwoSidedPValue: t is NaN');
  if (!Number.isFinite(t)) return 0;
  const tSquared = t * t;
  return incompleteBeta(df / (df + tSquared), tSquared / (df + tSquared), df / 2, 0.5).lower;
}

/**
 * The density of Student's t at t. Cost: O(1).
 * @throws Error when df is not positive and finite.
 */
export function studentTDensity(t: number, df: number): number {
  checkDegreesOfFreedom('studentTDensity', df);
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The quantile q with P(T ≤ q) = probability, for Student's t with df degrees of freedom.
 *
 * Hand-written: jStat's studentt.inv is accurate to only about 4e-9 relative (2.228138842 for qt(0.975, 10), against
 * R's 2.228138852), and its bundle refers to setTimeout, which Apps Script lacks. A Cornish–Fisher start is polished
 * by Newton steps on the accurate tail above, to about 1e-15. For a confidence interval prefer
 * `studentTUpperQuantile((1 − level)/2, df)`: forming 1 − (1 − level)/2 first rounds away digits of a tiny tail.
 * Cost: a few O(√df) evaluations.
 * @throws Error when probability is outside (0, 1) or df is not positive and finite.
 */
export function studentTQuantile(probability: number, df: number): number {
  checkDegreesOfFreedom('studentTQuantile', df);
  if (!(probability > 0 && probability < 1))
    throw new Error(`studentTQuantile: probability must be in (0, 1), got ${probability}`);
  if (probability === 0.5) return 0;
  if (probability < 0.5) return -studentTQuantile(1 - probability, df);
  // Near the centre, solve P(|T| < q) = 2p − 1 (exact in binary for p ≥ ½); in the tail, P(T > q) = 1 − p (exact
  // too, by Sterbenz's lemma). Each form keeps full relative accuracy where the other would subtract two numbers
  // close to ½.
  return probability < 0.75
    ? solveQuantile(2 * probability - 1, true, probability, df)
    : solveQuantile(1 - probability, false, probability, df);
}

/**
 * The quantile q with P(T > q) = tail, for a tail probability in (0, ½]: the multiplier of a two-sided confidence
 * interval at level L is `studentTUpperQuantile((1 − L)/2, df)`. Taking the tail itself keeps full relative accuracy
 * at extreme levels — at L = 0.999999, 1 − (1 − L)/2 rounds the tail by about 2e-10 of itself, and the quantile
 * with it (issue 13). Cost: a few O(√df) evaluations.
 * @throws Error when tail is outside (0, ½] or df is not positive and finite.
 */
export function studentTUpperQuantile(tail: number, df: number): number {
  checkDegreesOfFreedom('studentTUpperQuantile', df);
  if (!(tail > 0 && tail <= 0.5)) throw new Error(`studentTUpperQuantile: the tail must be in (0, 0.5], got ${tail}`);
  if (tail === 0.5) return 0;
  // For tails above ¼, 1 − 2·tail is exact and the central form is the accurate one.
  return tail > 0.25 ? solveQuantile(1 - 2 * tail, true, 1 - tail, df) : solveQuantile(tail, false, 1 - tail, df);
}

/**
 * Newton's method for the upper quantile: `central` solves P(|T| < q) = target, else P(T > q) = target; `probability`
 * (P(T ≤ q), rounded) only seeds the Cornish–Fisher start.
 */
function solveQuantile(target: number, central: boolean, probability: number, df: number): number {
  let q = studentTQuantileGuess(probability, df);
  if (!Number.isFinite(q) || q <= 0) q = 1;
  for (let step = 0; step < 50; step++) {
    const tSquared = q * q;
    const tails = incompleteBeta(df / (df + tSquared), tSquared / (df + tSquared), df / 2, 0.5);
    const density = studentTDensity(q, df);
    const next = central ? q - (tails.upper - target) / (2 * density) : q + (tails.lower / 2 - target) / density;
    const done = Math.abs(next - q) <= 1e-15 * Math.abs(next);
    q = next > 0 ? next : q / 2;
    if (done) break;
  }
  return q;
}
