/**
 * Cholesky factorization of a small symmetric positive-definite matrix, A = L·Lᵀ, for the statistics built on a
 * covariance matrix (Wald tests, generalized VIFs, GLM standard errors): its solves and its log-determinant.
 * Hand-written because it is a few lines on the rank×rank matrices that arise here (rank ≤ a few hundred).
 */

/**
 * The lower-triangular factor L of a symmetric n×n matrix (column-major; only the lower triangle is read), or null
 * when the matrix is not numerically positive definite. Cost: n³/3 flops.
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (l[k * n + j] as number) ** 2;
    if (!(diagonal > 0)) return null;
    const root = Math.sqrt(diagonal);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[j * n + i] as number;
      for (let k = 0; k < j; k++) sum -= (l[k * n + i] as number) * (l[k * n + j] as number);
      l[j * n + i] = sum / root;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b in place, with L from `cholesky`. Cost: 2n² flops. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[k * n + i] as number) * (b[k] as number);
    b[i] = sum / (l[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[i * n + k] as number) * (b[k] as number);
    b[i] = sum / (l[i * n + i] as number);
  }
}

/** ln det(A) = 2·Σ ln Lᵢᵢ, with L from `cholesky`. Cost: n. */
export function choleskyLogDeterminant(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i] as number);
  return 2 * sum;
}
