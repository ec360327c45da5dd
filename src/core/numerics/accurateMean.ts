/**
 * The mean of `length` values of `values` starting at `start`, with one correction pass: x̄ + Σ(xᵢ − x̄)/n.
 *
 * A plain Σx/n of values near 1e9 with a spread of 10 is off by about 1e-7, which is 1e-8 of the spread; the
 * correction brings the error down to the rounding of the deviations themselves. It is `meanAndSquaredDeviations`'
 * mean. Cost: 4n flops.
 * @throws Error when the range is empty.
 */
export function accurateMean(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  if (!(length > 0)) throw new Error('accurateMean: no values');
  return meanAndSquaredDeviations(values, start, length).mean;
}

/**
 * `accurateMean` and Σ(xᵢ − x̄)² from the same two passes: the corrected two-pass sum of squares (Chan, Golub and
 * LeVeque, 1983), Σ(xᵢ − m)² − (Σ(xᵢ − m))²/n with m the first pass's mean, the most accurate of the usual
 * formulas. One pass fewer than a mean and then the squares (the fit's VIFs at 1e5 × 30, bench/fitKernel.mjs).
 *
 * Each pass keeps four running sums, over every fourth value, added at the end: with one, each addition waits for
 * the one before (the latency of a running sum bounds such a loop), and four shorter sums round no worse than one.
 * Cost: 4n flops.
 * @throws Error when the range is empty.
 */
export function meanAndSquaredDeviations(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): { mean: number; squaredDeviations: number } {
  if (!(length > 0)) throw new Error('meanAndSquaredDeviations: no values');
  const end = start + length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = start;
  for (; i + 3 < end; i += 4) {
    s0 += values[i] as number;
    s1 += values[i + 1] as number;
    s2 += values[i + 2] as number;
    s3 += values[i + 3] as number;
  }
  for (; i < end; i++) s0 += values[i] as number;
  const mean = (s0 + s1 + (s2 + s3)) / length;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  for (i = start; i + 3 < end; i += 4) {
    const d0 = (values[i] as number) - mean;
    const d1 = (values[i + 1] as number) - mean;
    const d2 = (values[i + 2] as number) - mean;
    const d3 = (values[i + 3] as number) - mean;
    c0 += d0;
    c1 += d1;
    c2 += d2;
    c3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
  }
  for (; i < end; i++) {
    const d = (values[i] as number) - mean;
    c0 += d;
    q0 += d * d;
  }
  const correction = c0 + c1 + (c2 + c3);
  const squares = q0 + q1 + (q2 + q3);
  return { mean: mean + correction / length, squaredDeviations: squares - (correction * correction) / length };
}
