/**
 * The mean of `length` values of `values` starting at `start`, with one correction pass: x̄ + Σ(xᵢ − x̄)/n.
 *
 * A plain Σx/n of values near 1e9 with a spread of 10 is off by about 1e-7, which is 1e-8 of the spread; the
 * correction brings the error down to the rounding of the deviations themselves. Cost: 2n flops.
 * @throws Error when the range is empty.
 */
export function accurateMean(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  if (!(length > 0)) throw new Error('accurateMean: no values');
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += values[i] as number;
  const mean = sum / length;
  let correction = 0;
  for (let i = start; i < start + length; i++) correction += (values[i] as number) - mean;
  return mean + correction / length;
}

/**
 * `accurateMean` and Σ(xᵢ − x̄)² from the same two passes: the corrected two-pass sum of squares (Chan, Golub and
 * LeVeque, 1983), Σ(xᵢ − m)² − (Σ(xᵢ − m))²/n with m the first pass's mean, the most accurate of the usual
 * formulas. The mean is bit for bit `accurateMean`'s. One pass fewer than a mean and then the squares (the fit's
 * VIFs at 1e5 × 30, bench/fitKernel.mjs). Cost: 4n flops.
 * @throws Error when the range is empty.
 */
export function meanAndSquaredDeviations(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): { mean: number; squaredDeviations: number } {
  if (!(length > 0)) throw new Error('meanAndSquaredDeviations: no values');
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += values[i] as number;
  const mean = sum / length;
  let correction = 0;
  let squares = 0;
  for (let i = start; i < start + length; i++) {
    const deviation = (values[i] as number) - mean;
    correction += deviation;
    squares += deviation * deviation;
  }
  return { mean: mean + correction / length, squaredDeviations: squares - (correction * correction) / length };
}
