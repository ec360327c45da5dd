/**
 * Sample skewness, adjusted Fisher–Pearson (G₁, as pandas' `skew()` and Excel's SKEW): √(n(n−1))/(n−2) · m₃/m₂^1.5.
 * NaN with fewer than 3 values; 0 for a constant column (pandas' convention). Cost: O(n).
 */
export function skewness(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (m2 <= 1e-28 * mean * mean || m2 === 0) return 0;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / Math.pow(m2, 1.5));
}
