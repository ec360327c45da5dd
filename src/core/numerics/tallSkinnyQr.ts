import { householderQr } from './householderQr';

/** An upper-trapezoidal R factor, or a stack of them: `rows` × columns, column-major. */
export interface Triangle {
  r: Float64Array;
  rows: number;
}

/** [X·diag(scale) | y], X column-major n × width, y of n values: the matrix whose rows are reduced. */
export interface ScaledRows {
  x: Float64Array;
  y: Float64Array;
  scale: Float64Array;
  n: number;
  width: number;
}

/**
 * The upper-trapezoidal R (rank × (width + 1), column-major) of the rows [start, end) of `rows`' matrix:
 * Householder QR with no tolerance, so a column is set aside only when nothing of it is left (then its entries below
 * the rows of the reflectors before it are exactly zero, and its R column is read from the factors as it stands).
 * `buffer`, when given, holds the block instead of a new array (at least (end − start)·(width + 1) values); it is
 * overwritten.
 */
export function blockTriangle(rows: ScaledRows, start: number, end: number, buffer?: Float64Array): Triangle {
  const m = end - start;
  const total = rows.width + 1;
  const block = buffer ?? new Float64Array(m * total);
  copyBlock(rows, start, end, block);
  const qr = householderQr(block.subarray(0, m * total), m, total, 0);
  const rank = qr.rank;
  const r = new Float64Array(rank * total);
  let keptBefore = 0;
  for (let j = 0; j < total; j++) {
    const offset = j * m;
    for (let i = 0; i < keptBefore; i++) r[j * rank + i] = block[offset + i] as number;
    if (!(qr.aliased[j] as boolean)) {
      r[j * rank + keptBefore] = qr.diagonal[keptBefore] as number;
      keptBefore++;
    }
  }
  return { r, rows: rank };
}

/** Stacks R factors (each rowsᵦ × columns, column-major) into one column-major matrix, in order. Cost: O(size). */
export function stackTriangles(triangles: readonly Triangle[], columns: number): Triangle {
  const rows = triangles.reduce((sum, t) => sum + t.rows, 0);
  const r = new Float64Array(rows * columns);
  let at = 0;
  for (const t of triangles) {
    for (let j = 0; j < columns; j++) r.set(t.r.subarray(j * t.rows, (j + 1) * t.rows), j * rows + at);
    at += t.rows;
  }
  return { r, rows };
}

/**
 * Rows per block of `reduceRows` for a matrix of `columns` columns: a block of about 128 KB (L2-resident, with
 * room for the kernel's other arrays), and at least 8 times as many rows as columns, so that the stacked R factors
 * of the blocks add at most an eighth to the rows the final QR has to go through. Infinity (no blocks) when such a
 * block would not fit in 2 MB: it would not stay in cache, and the stacked factors' extra rows would cost more than
 * blocks save (2e4 × 300 took 20% longer in blocks of 2,222 rows, bench/fitKernel.mjs; 2e5 × 100 is faster in
 * blocks).
 *
 * Measured with bench/fitKernel.mjs at 1e6 × 10 (11 columns with y): 1,489 rows a block, the QR about 0.75 of the
 * unblocked one's time.
 */
export function blockRowsFor(columns: number): number {
  const rows = Math.max(8 * columns, Math.floor((128 * 1024) / (8 * Math.max(1, columns))));
  return rows * columns * 8 > 2 * 1024 * 1024 ? Infinity : rows;
}

/**
 * `rows`' matrix [X·diag(scale) | y] reduced to a few rows with the same R factor: a tall-skinny QR
 * (TSQR, Demmel et al. 2012). Rows are taken in blocks of `blockRows`, each reduced to its R (`blockTriangle`), and
 * the R factors stacked; the stack is reduced again the same way while it is taller than two blocks. The result
 * (column-major, its `rows` × (width + 1)) is Qᵀ·[X·diag(scale) | y] for an orthogonal Q, less rows that are exactly
 * zero: its QR gives R and Qᵀy as the whole matrix's would, to rounding, and every column keeps its norm, so
 * order-keeping rank detection (`householderQr`'s tolerance) can run on it. With at most two blocks of rows, the
 * result is the scaled matrix itself.
 *
 * Why: the QR of a tall matrix at once goes through every column of n rows once per earlier reflector group, which
 * bounds it by memory traffic; a block stays in cache while it is factored.
 *
 * Cost: 2·n·(width + 1)² flops, one pass over X and y; memory O(blockRows·width + n·width²/blockRows).
 */
export function reduceRows(rows: ScaledRows, blockRows = blockRowsFor(rows.width + 1)): Triangle {
  const { n, width } = rows;
  const total = width + 1;
  // Blocks of at least twice as many rows as columns, so that each step at least halves the rows.
  blockRows = Math.max(blockRows, 2 * total);
  if (n <= 2 * blockRows) {
    const r = new Float64Array(n * total);
    copyBlock(rows, 0, n, r);
    return { r, rows: n };
  }
  const buffer = new Float64Array(blockRows * total);
  const triangles: Triangle[] = [];
  // Blocks of nearly equal size, none shorter than blockRows / 2.
  const count = Math.ceil(n / blockRows);
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.floor(((b + 1) * n) / count);
    triangles.push(blockTriangle(rows, start, end, buffer));
  }
  const stack = stackTriangles(triangles, total);
  if (stack.rows <= 2 * blockRows) return stack;
  const ones = new Float64Array(width).fill(1);
  const y = stack.r.subarray(width * stack.rows);
  return reduceRows({ x: stack.r, y, scale: ones, n: stack.rows, width }, blockRows);
}

/** Rows [start, end) of `rows`' matrix into `block`, column-major (end − start) × (width + 1). */
function copyBlock(rows: ScaledRows, start: number, end: number, block: Float64Array): void {
  const { x, y, scale, n, width } = rows;
  const m = end - start;
  // y first: the loop below is compiled while it runs (on-stack replacement) the first time, and code after it that
  // had not yet run then made the compiled function bail out at each new block, eight times in the first fits of
  // bench/fit-one.mjs at 10,000 × 10 (node --trace-deopt).
  block.set(y.subarray(start, end), width * m);
  for (let j = 0; j < width; j++) {
    const s = scale[j] as number;
    const from = j * n + start;
    const to = j * m;
    for (let i = 0; i < m; i++) block[to + i] = (x[from + i] as number) * s;
  }
}
