/**
 * The result of `householderQr`: the factors of A = Q·R for the columns that were kept, in LAPACK's compact form.
 */
export interface HouseholderQr {
  /** Rows of A. */
  rows: number;
  /** Columns of A. */
  columns: number;
  /** Column-major rows×columns: the Householder vectors below the diagonal and R above it (for kept columns). */
  factors: Float64Array;
  /** How many columns were kept: the numerical rank. */
  rank: number;
  /** The kept columns' indices, in order; R's column k is column `kept[k]` of A. */
  kept: Int32Array;
  /** For each column of A, true when it was set aside as (numerically) a combination of earlier columns. */
  aliased: boolean[];
  /** For each column, the norm left after removing earlier kept columns, relative to the column's own norm. */
  relativeResidualNorm: Float64Array;
  /** R's diagonal, one entry per kept column. */
  diagonal: Float64Array;
  /** Householder scalars τ, one per kept column: Hₖ = I − τₖ·vₖ·vₖᵀ. */
  tau: Float64Array;
}

/**
 * Householder QR of a column-major matrix, with R-style rank detection that keeps the columns' order.
 *
 * Column j is compared, after the reflections of the columns kept before it, with its own original norm. When what
 * is left is at most `tolerance` times that norm, the column is a combination of earlier ones to working accuracy:
 * it is marked aliased, skipped, and the factorization carries on with the next column (as R's LINPACK dqrdc2 does,
 * but without moving the column). Callers should scale the columns first (see `equilibrate`), so that the
 * tolerance means the same for every column.
 *
 * Hand-written over a Float64Array because ml-matrix's QR took 2.2 s on 100,000×30 here against about 0.25 s for
 * this kernel (see `npm run bench`), and because ml-matrix has no rank detection.
 *
 * Cost: about 2·n·p² flops and no allocation beyond O(p); `a` is overwritten with the factors.
 * @throws Error when the dimensions do not match the array or the tolerance is not in [0, 1).
 */
export function householderQr(a: Float64Array, rows: number, columns: number, tolerance: number): HouseholderQr {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || columns < 0 || a.length !== rows * columns) {
    throw new Error(`householderQr: a ${rows}×${columns} matrix needs ${rows * columns} values, got ${a.length}`);
  }
  if (!(tolerance >= 0 && tolerance < 1)) throw new Error(`householderQr: tolerance must be in [0, 1), got ${tolerance}`);

  const originalNorm = new Float64Array(columns);
  for (let j = 0; j < columns; j++) originalNorm[j] = columnNorm(a, j * rows, rows);

  const kept: number[] = [];
  const aliased: boolean[] = new Array<boolean>(columns).fill(false);
  const relativeResidualNorm = new Float64Array(columns);
  const diagonal: number[] = [];
  const tau: number[] = [];

  // Left-looking: when column j is reached, the reflections of the columns kept before it are applied to it, then
  // its own reflector is formed. The arithmetic is that of the usual right-looking loop, but column j stays in
  // cache while the reflectors stream past, which cuts the memory traffic (see `npm run bench`).
  for (let j = 0; j < columns; j++) {
    const offset = j * rows;
    for (let q = 0; q < kept.length; q++) {
      const source = (kept[q] as number) * rows;
      applyReflector(a, source, offset, q, rows, tau[q] as number);
    }
    const r = kept.length;
    const remaining = r < rows ? columnNorm(a, offset + r, rows - r) : 0;
    const norm0 = originalNorm[j] as number;
    const relative = norm0 > 0 ? remaining / norm0 : 0;
    relativeResidualNorm[j] = relative;
    if (norm0 === 0 || relative <= tolerance || r >= rows) {
      aliased[j] = true;
      continue;
    }
    const x0 = a[offset + r] as number;
    const alpha = x0 >= 0 ? -remaining : remaining;
    // v = x − α·e₁ stored in place; vᵀv = 2(‖x‖² + |x₀|·‖x‖), so H = I − t·v·vᵀ with t = 1/(‖x‖² + |x₀|·‖x‖).
    a[offset + r] = x0 - alpha;
    kept.push(j);
    diagonal.push(alpha);
    tau.push(1 / (remaining * remaining + Math.abs(x0) * remaining));
  }
  return {
    rows,
    columns,
    factors: a,
    rank: kept.length,
    kept: Int32Array.from(kept),
    aliased,
    relativeResidualNorm,
    diagonal: Float64Array.from(diagonal),
    tau: Float64Array.from(tau),
  };
}

/**
 * Applies Qᵀ to a vector of length `rows`, in place. Cost: about 4·n·rank flops.
 */
export function applyQTranspose(qr: HouseholderQr, vector: Float64Array): void {
  const { rows, factors, kept, tau } = qr;
  for (let k = 0; k < qr.rank; k++) {
    const offset = (kept[k] as number) * rows;
    let w = 0;
    for (let i = k; i < rows; i++) w += (factors[offset + i] as number) * (vector[i] as number);
    w *= tau[k] as number;
    if (w === 0) continue;
    for (let i = k; i < rows; i++) vector[i] = (vector[i] as number) - w * (factors[offset + i] as number);
  }
}

/**
 * The rank×rank upper-triangular R of the kept columns, column-major. Cost: O(rank²).
 */
export function upperTriangle(qr: HouseholderQr): Float64Array {
  const { rows, factors, kept, rank, diagonal } = qr;
  const r = new Float64Array(rank * rank);
  for (let b = 0; b < rank; b++) {
    const offset = (kept[b] as number) * rows;
    for (let a = 0; a < b; a++) r[b * rank + a] = factors[offset + a] as number;
    r[b * rank + b] = diagonal[b] as number;
  }
  return r;
}

/**
 * Applies H = I − t·v·vᵀ, with v in rows `from`.. of the column at `source`, to the column at `target`.
 * The dot product is unrolled four ways for speed.
 */
function applyReflector(a: Float64Array, source: number, target: number, from: number, rows: number, t: number): void {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let i = from;
  for (; i + 3 < rows; i += 4) {
    w0 += (a[source + i] as number) * (a[target + i] as number);
    w1 += (a[source + i + 1] as number) * (a[target + i + 1] as number);
    w2 += (a[source + i + 2] as number) * (a[target + i + 2] as number);
    w3 += (a[source + i + 3] as number) * (a[target + i + 3] as number);
  }
  for (; i < rows; i++) w0 += (a[source + i] as number) * (a[target + i] as number);
  const w = (w0 + w1 + (w2 + w3)) * t;
  if (w === 0) return;
  for (i = from; i < rows; i++) a[target + i] = (a[target + i] as number) - w * (a[source + i] as number);
}

function columnNorm(a: Float64Array, start: number, length: number): number {
  // Columns are equilibrated before factorization, so a plain sum of squares cannot overflow; the scaled loop
  // (LAPACK dnrm2) is kept anyway because callers may pass raw data.
  let scale = 0;
  let sum = 1;
  for (let i = start; i < start + length; i++) {
    const v = a[i] as number;
    if (v === 0) continue;
    const abs = Math.abs(v);
    if (scale < abs) {
      sum = 1 + sum * (scale / abs) * (scale / abs);
      scale = abs;
    } else {
      sum += (abs / scale) * (abs / scale);
    }
  }
  return scale * Math.sqrt(sum);
}
