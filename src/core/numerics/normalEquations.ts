import { cholesky } from './cholesky';

/** R (upper triangular, columns × columns, column-major) and R⁻ᵀ·Xᵀy of an equilibrated design, from XᵀX. */
export interface GramFactor {
  r: Float64Array;
  /** R⁻ᵀ·(X·diag(scale))ᵀy: what the first `columns` entries of Qᵀy are in a QR. */
  qty: Float64Array;
  /** Per column, |Rⱼⱼ| over the column's norm: the share of its norm not explained by earlier columns. */
  relativeResidualNorm: Float64Array;
}

/** Rows per block when forming XᵀX: the block's rows of a few dozen columns (512 rows, 4 KB a column) stay in cache. */
const GRAM_ROWS = 512;

/** Column norms (before scaling) beyond which products of two values could overflow or lose bits to underflow. */
const SAFE_NORM = 2 ** 480;

/**
 * The R factor of the least-squares problem min ‖y − X·diag(scale)·b‖ from the normal equations: the Gram matrix
 * G = (X·diag(scale))ᵀ(X·diag(scale)) and (X·diag(scale))ᵀy formed in one pass over the rows, then R from the
 * Cholesky factor G = RᵀR. Null when a column's or y's norm is outside [2⁻⁴⁸⁰, 2⁴⁸⁰] (products of two values could
 * overflow or underflow) or G is not numerically positive definite; the caller then takes the QR.
 *
 * This R is as good as the QR's only when the design is well conditioned: G's rounding perturbs it by about ε·κ²
 * relatively, against ε·κ for the QR. The caller decides from κ (see `solveLeastSquares`); the refinement that
 * follows takes the coefficients to the same answer either way.
 *
 * Why: the QR costs 2·n·p² flops and goes through each column once per group of reflectors; this costs n·p²/2
 * multiply-adds in tiles of four columns by two, each value loaded once for several products.
 * Cost: n·(p + 1)·p/2 multiply-adds, one pass over X and y; memory O(p²).
 */
export function gramFactor(
  x: Float64Array,
  rows: number,
  columns: number,
  y: Float64Array,
  scale: Float64Array,
): GramFactor | null {
  for (let j = 0; j < columns; j++) {
    const s = scale[j] as number;
    if (!(s >= 1 / SAFE_NORM && s <= SAFE_NORM)) return null;
  }
  const yNorm = Math.sqrt(sumOfSquares(y, 0, rows));
  if (!(yNorm <= SAFE_NORM && yNorm >= 1 / SAFE_NORM)) return null;
  const offsets = Int32Array.from({ length: columns }, (_, j) => j * rows);
  const { gram, cross } = crossProducts(x, rows, offsets, y);
  // Scaling by powers of two is exact: G of the scaled columns is G of the columns times sₐ·s_b.
  for (let b = 0; b < columns; b++) {
    cross[b] = (cross[b] as number) * (scale[b] as number);
    for (let a = b; a < columns; a++)
      gram[b * columns + a] = (gram[b * columns + a] as number) * (scale[a] as number) * (scale[b] as number);
  }
  const lower = cholesky(gram, columns);
  if (lower === null) return null;
  // R = Lᵀ; Rᵀ·qty = Xᵀy by forward substitution with L.
  const r = new Float64Array(columns * columns);
  const qty = cross;
  const relativeResidualNorm = new Float64Array(columns);
  for (let b = 0; b < columns; b++) {
    for (let a = 0; a <= b; a++) r[b * columns + a] = lower[a * columns + b] as number;
    let sum = qty[b] as number;
    for (let a = 0; a < b; a++) sum -= (lower[a * columns + b] as number) * (qty[a] as number);
    const diagonal = lower[b * columns + b] as number;
    qty[b] = sum / diagonal;
    relativeResidualNorm[b] = diagonal / Math.sqrt(gram[b * columns + b] as number);
  }
  return { r, qty, relativeResidualNorm };
}

/**
 * XₖᵀXₖ and Xₖᵀv for the columns of x that start at `offsets` (each `rows` long), in one pass over the rows: G
 * column-major k × k with its lower triangle filled, and the k sums.
 * Rows are taken in blocks of GRAM_ROWS and the columns in tiles of four against two (`gramTiles`), so that each value
 * loaded serves several products; each entry is summed over the rows in order within a block, and block by block.
 *
 * Shared by the least squares of a well-conditioned design (`gramFactor`) and the iterations of IRLS before the last
 * (model/irls.ts, on the rows weighted by the working weights).
 * Cost: n·k·(k + 3)/2 multiply-adds; memory O(k²).
 */
export function crossProducts(
  x: Float64Array,
  rows: number,
  offsets: Int32Array,
  v: Float64Array,
): { gram: Float64Array; cross: Float64Array } {
  const columns = offsets.length;
  const gram = new Float64Array(columns * columns);
  const cross = new Float64Array(columns);
  for (let start = 0; start < rows; start += GRAM_ROWS) {
    const end = Math.min(rows, start + GRAM_ROWS);
    for (let a = 0; a < columns; a += 4) gramTiles(x, offsets, a, start, end, gram);
    for (let a = 0; a < columns; a += 4) crossTile(x, offsets, a, v, start, end, cross);
  }
  return { gram, cross };
}

/**
 * Adds rows [start, end) of XₖᵀXₖ to `gram` for the columns a…a+3 (fewer at the edge: the last is repeated, and its
 * lanes dropped) against every column b ≤ a + 3, two b at a time: each row's four values of the a columns are loaded
 * once for eight products.
 */
function gramTiles(
  x: Float64Array,
  offsets: Int32Array,
  a: number,
  start: number,
  end: number,
  gram: Float64Array,
): void {
  const columns = offsets.length;
  const last = columns - 1;
  const a1 = Math.min(a + 1, last);
  const a2 = Math.min(a + 2, last);
  const a3 = Math.min(a + 3, last);
  const c0 = offsets[a] as number;
  const c1 = offsets[a1] as number;
  const c2 = offsets[a2] as number;
  const c3 = offsets[a3] as number;
  const sums = new Float64Array(8);
  for (let b = 0; b <= a3; b += 2) {
    const d = Math.min(b + 1, a3);
    const cb = offsets[b] as number;
    const cd = offsets[d] as number;
    tile(x, c0, c1, c2, c3, cb, cd, start, end, sums);
    // Only the lower triangle (row ≥ column) is kept, and a repeated lane (a column or b taken twice) is dropped.
    const second = d !== b;
    addLower(gram, columns, a, b, sums[0] as number);
    if (second) addLower(gram, columns, a, d, sums[4] as number);
    if (a1 !== a) {
      addLower(gram, columns, a1, b, sums[1] as number);
      if (second) addLower(gram, columns, a1, d, sums[5] as number);
    }
    if (a2 !== a1) {
      addLower(gram, columns, a2, b, sums[2] as number);
      if (second) addLower(gram, columns, a2, d, sums[6] as number);
    }
    if (a3 !== a2) {
      addLower(gram, columns, a3, b, sums[3] as number);
      if (second) addLower(gram, columns, a3, d, sums[7] as number);
    }
  }
}

/** Σ eₖ·v and Σ eₖ·u over rows [start, end) for the four columns e at c0…c3 and the two v, u at cb, cd: 8 sums. */
function tile(
  x: Float64Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  cb: number,
  cd: number,
  start: number,
  end: number,
  sums: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  for (let i = start; i < end; i++) {
    const v = x[cb + i] as number;
    const u = x[cd + i] as number;
    const e0 = x[c0 + i] as number;
    const e1 = x[c1 + i] as number;
    const e2 = x[c2 + i] as number;
    const e3 = x[c3 + i] as number;
    s0 += e0 * v;
    s1 += e1 * v;
    s2 += e2 * v;
    s3 += e3 * v;
    t0 += e0 * u;
    t1 += e1 * u;
    t2 += e2 * u;
    t3 += e3 * u;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
  sums[4] = t0;
  sums[5] = t1;
  sums[6] = t2;
  sums[7] = t3;
}

/** gram[row, column] += value when row ≥ column (the lower triangle); entries above it are not read. */
function addLower(gram: Float64Array, columns: number, row: number, column: number, value: number): void {
  if (row < column) return;
  const at = column * columns + row;
  gram[at] = (gram[at] as number) + value;
}

/** Adds rows [start, end) of Xₖᵀv to `cross` for the columns a…a+3 (fewer at the edge, as in `gramTiles`). */
function crossTile(
  x: Float64Array,
  offsets: Int32Array,
  a: number,
  v: Float64Array,
  start: number,
  end: number,
  cross: Float64Array,
): void {
  const last = offsets.length - 1;
  const a1 = Math.min(a + 1, last);
  const a2 = Math.min(a + 2, last);
  const a3 = Math.min(a + 3, last);
  const c0 = offsets[a] as number;
  const c1 = offsets[a1] as number;
  const c2 = offsets[a2] as number;
  const c3 = offsets[a3] as number;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = start; i < end; i++) {
    const value = v[i] as number;
    s0 += (x[c0 + i] as number) * value;
    s1 += (x[c1 + i] as number) * value;
    s2 += (x[c2 + i] as number) * value;
    s3 += (x[c3 + i] as number) * value;
  }
  cross[a] = (cross[a] as number) + s0;
  if (a1 !== a) cross[a1] = (cross[a1] as number) + s1;
  if (a2 !== a1) cross[a2] = (cross[a2] as number) + s2;
  if (a3 !== a2) cross[a3] = (cross[a3] as number) + s3;
}

/** Σ vᵢ² over [start, end). */
function sumOfSquares(v: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += (v[i] as number) * (v[i] as number);
  return sum;
}
