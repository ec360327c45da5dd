/**
 * Triangular solves on a column-major n×n upper-triangular matrix R (entries below the diagonal are ignored).
 * Each costs n² flops and overwrites its right-hand side.
 */

/** Solves R·x = b in place (back substitution). */
export function solveUpper(r: Float64Array, n: number, b: Float64Array): void {
  for (let k = n - 1; k >= 0; k--) {
    const value = (b[k] as number) / (r[k * n + k] as number);
    b[k] = value;
    if (value === 0) continue;
    const offset = k * n;
    for (let i = 0; i < k; i++) b[i] = (b[i] as number) - value * (r[offset + i] as number);
  }
}

/** Solves Rᵀ·x = b in place (forward substitution). */
export function solveUpperTranspose(r: Float64Array, n: number, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const offset = k * n;
    let sum = b[k] as number;
    for (let i = 0; i < k; i++) sum -= (r[offset + i] as number) * (b[i] as number);
    b[k] = sum / (r[offset + k] as number);
  }
}

/** Solves RᵀR·x = b in place: the normal-equations solve with a QR factor. */
export function solveGram(r: Float64Array, n: number, b: Float64Array): void {
  solveUpperTranspose(r, n, b);
  solveUpper(r, n, b);
}

/** The inverse of R, upper triangular and column-major. Cost: n³/3 flops. */
export function invertUpper(r: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    column.fill(0);
    column[j] = 1;
    solveUpper(r, n, column);
    for (let i = 0; i <= j; i++) inverse[j * n + i] = column[i] as number;
  }
  return inverse;
}
