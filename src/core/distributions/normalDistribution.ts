import { normalQuantile } from './normalQuantile';

/**
 * The standard normal's upper tail P(Z > z) and its quantile, with full relative accuracy in the far tail, for the
 * Wald z tests and intervals of count models (R's pnorm and qnorm are the reference).
 *
 * Hand-written: `normalQuantile` (Acklam) is good to only 1.2e-9, and 1 − Φ(z) in doubles gives 0 beyond z ≈ 8.3.
 * Below z = 1.5 the tail is ½ − φ(z)·Σ z^(2k+1)/(1·3·…·(2k+1)) (positive terms, and ½ − … loses at most one digit
 * there); above, φ(z) times the Mills-ratio continued fraction 1/(z + 1/(z + 2/(z + 3/(z + …)))). φ(z) takes z² as
 * an exact pair, since e^(−z²/2) would otherwise lose z²·ε (2e-13 at z = 30).
 */

const INVERSE_SQRT_TWO_PI = 0.3989422804014327;

/**
 * P(Z > z) for the standard normal. Cost: O(1) for |z| < 1.5, else up to a few hundred continued-fraction terms.
 * @throws Error when z is NaN.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new Error('normalUpperTail: z is NaN');
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  if (z < 0) return 1 - normalUpperTail(-z) + 0; // the lower tail, ≥ ½: no digits to lose
  if (z < 1.5) {
    let term = z;
    let sum = z;
    const square = z * z;
    for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
      term *= square / (2 * k + 1);
      sum += term;
    }
    return 0.5 - density(z) * sum;
  }
  // Modified Lentz for R(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))).
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    d = z + k * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = z + k / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return density(z) / f;
}

/** Two-sided p-value 2·P(Z > |z|) of a Wald z statistic. Cost: as `normalUpperTail`. @throws Error when z is NaN. */
export function normalTwoSidedPValue(z: number): number {
  return 2 * normalUpperTail(Math.abs(z));
}

/**
 * The z with P(Z > z) = tail, for a tail in (0, ½]: the multiplier of a two-sided Wald interval at level L is
 * `normalUpperQuantile((1 − L)/2)`. Acklam's start, polished by Newton steps on the accurate tail to about 1e-15.
 * Cost: a few tail evaluations.
 * @throws Error when tail is outside (0, ½].
 */
export function normalUpperQuantile(tail: number): number {
  if (!(tail > 0 && tail <= 0.5)) throw new Error(`normalUpperQuantile: the tail must be in (0, 0.5], got ${tail}`);
  if (tail === 0.5) return 0;
  let z = -normalQuantile(tail);
  for (let step = 0; step < 8; step++) {
    const next = z + (normalUpperTail(z) - tail) / density(z);
    const done = Math.abs(next - z) <= 2e-16 * Math.abs(next);
    z = next;
    if (done) break;
  }
  return z;
}

/** φ(z) = e^(−z²/2)/√(2π), with z² as an exact pair (Dekker) so that large z keep their digits. */
function density(z: number): number {
  const square = z * z;
  const split = 134217729 * z;
  const high = split - (split - z);
  const low = z - high;
  const error = high * high - square + 2 * high * low + low * low;
  return INVERSE_SQRT_TWO_PI * Math.exp(-square / 2) * (1 - error / 2);
}
