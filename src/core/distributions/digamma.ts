/**
 * The digamma and trigamma functions ψ(x) = d ln Γ(x)/dx and ψ′(x), for x > 0, accurate to about 1e-15: what the
 * negative binomial's θ needs (MASS's theta.ml takes its score and information from them). Hand-written because no
 * small library provides them: the recurrence ψ(x) = ψ(x + 1) − 1/x lifts x to at least 10, then the asymptotic
 * series with Bernoulli numbers (its first omitted term is below 1e-17 there). Cost: O(1) (at most 10 steps).
 */

/**
 * ψ(x) for x > 0. Cost: O(1).
 * @throws Error when x is not positive and finite.
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`digamma: x must be positive and finite, got ${x}`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverse = 1 / x;
  const square = inverse * inverse;
  // B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
  const series =
    square *
    (1 / 12 -
      square *
        (1 / 120 -
          square * (1 / 252 - square * (1 / 240 - square * (1 / 132 - square * (691 / 32760 - square / 12))))));
  return shift + Math.log(x) - 0.5 * inverse - series;
}

/**
 * ψ′(x) for x > 0. Cost: O(1).
 * @throws Error when x is not positive and finite.
 */
export function trigamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`trigamma: x must be positive and finite, got ${x}`);
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inverse = 1 / x;
  const square = inverse * inverse;
  // 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1): 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6
  const series =
    inverse *
    square *
    (1 / 6 -
      square *
        (1 / 30 -
          square * (1 / 42 - square * (1 / 30 - square * (5 / 66 - square * (691 / 2730 - (7 / 6) * square))))));
  return shift + inverse + 0.5 * square + series;
}
