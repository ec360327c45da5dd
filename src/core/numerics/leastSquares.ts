import { householderQr, upperTriangle } from './householderQr';
import { reduceRows } from './tallSkinnyQr';
import { gramFactor, type GramFactor } from './normalEquations';
import { powerOfTwoScale } from './powerOfTwoScale';
import { invertUpper, solveGram, solveUpper } from './triangular';
import { productError, splitHigh, splitProductError, sumError } from './doubleDouble';

/** Options for `solveLeastSquares`. */
export interface LeastSquaresOptions {
  /**
   * A column whose part not explained by earlier columns is at most this fraction of its own norm is aliased.
   * Default `defaultRankTolerance(rows)`.
   */
  rankTolerance?: number;
  /** Refine (XᵀX)⁻¹ in extended precision when the scaled condition number exceeds this. Default 1e3. */
  refineCovarianceAbove?: number;
  /**
   * Take R and the first solution from the normal equations when the scaled condition number is at most this, and
   * the design has at least twice as many rows as columns, none of them aliased. Default NORMAL_CONDITION_LIMIT;
   * 0 takes the QR always.
   */
  normalConditionLimit?: number;
}

/**
 * The default rank tolerance for n rows, relative to each equilibrated column's norm: max(1e-11, 32·n·ε).
 *
 * R's lm() uses 1e-7 and so drops NIST Filip's x¹⁰ (relative residual norm 5.2e-8 after equilibration), although
 * that column is certified as estimable. Truly collinear columns, such as a full set of dummies beside an intercept,
 * leave only rounding error, which grows with n: measured here 6.6e-16 at n = 20, 2.4e-14 at 1e3, 2.9e-12 at 1e5
 * and 2.6e-11 at 1e6 (about 0.1·n·ε). The tolerance sits two orders of magnitude above that floor at every n and
 * three below Filip; `test/core/numerics/leastSquares.test.ts` checks both sides.
 */
export function defaultRankTolerance(rows: number): number {
  return Math.max(1e-11, 32 * rows * 2 ** -52);
}

/** The exact least-squares solution of a possibly rank-deficient problem, with what its statistics need. */
export interface LeastSquaresSolution {
  rows: number;
  columns: number;
  rank: number;
  /** One per column; NaN for aliased columns. */
  coefficients: Float64Array;
  aliased: boolean[];
  /** Column indices of the kept columns, in order. */
  kept: Int32Array;
  /** (XᵀX)⁻¹ over the kept columns in original units, rank×rank, column-major. */
  unscaledCovariance: Float64Array;
  /** y − X·b, each rounded from an extended-precision value. */
  residuals: Float64Array;
  /** Σ residual², accumulated in extended precision. */
  residualSumOfSquares: number;
  /** Condition number of the kept columns scaled to unit length (Belsley, Kuh and Welsch). */
  conditionNumber: number;
  /** Where R and the first solution came from: the QR, or the normal equations of a well-conditioned design. */
  factorization: 'qr' | 'normal equations';
  /** Refinement steps taken for the coefficients, and whether they converged. */
  refinementSteps: number;
  refinementConverged: boolean;
  /** Per column, the share of its norm not explained by earlier columns (see `householderQr`). */
  relativeResidualNorm: Float64Array;
  /** Internal: scaled R factor and scales, for leverage-based statistics (HC3). */
  scaledR: Float64Array;
  scale: Float64Array;
}

/**
 * Solves min ‖y − X·b‖₂ to nearly full double precision, even when X is ill-conditioned.
 *
 * Steps: scale columns by powers of two (exact); Householder QR with order-preserving rank detection, or for a
 * well-conditioned design the Cholesky factor of the normal equations (NORMAL_CONDITION_LIMIT); then
 * iterative refinement on the corrected semi-normal equations, with residuals y − X·b and cross-products Xᵀr in
 * double-double arithmetic (TwoProduct/TwoSum). Each step shrinks the error by about ε·κ(X) (κ of the scaled
 * design), so problems up to κ ≈ 1e13 converge to the correctly rounded answer. (XᵀX)⁻¹ is refined the same
 * way, against an extended-precision Gram matrix, when κ is large enough to need it.
 *
 * Cost: 2·n·p² flops for QR (n·p² for the normal equations), about 50·n·p per refinement step (usually 1–3
 * steps), plus 25·n·p²/2 when the covariance needs refining. Memory: one copy of X (none for the normal equations).
 * @throws Error when dimensions disagree or a value is not finite.
 */
export function solveLeastSquares(
  x: Float64Array,
  rows: number,
  columns: number,
  y: Float64Array,
  options: LeastSquaresOptions = {},
): LeastSquaresSolution {
  if (x.length !== rows * columns)
    throw new Error(`solveLeastSquares: X should hold ${rows}×${columns} values, got ${x.length}`);
  if (y.length !== rows) throw new Error(`solveLeastSquares: y has ${y.length} values for ${rows} rows`);
  if (!allFinite(y)) throw new Error('solveLeastSquares: y has a value that is not finite');
  const tolerance = options.rankTolerance ?? defaultRankTolerance(rows);
  const refineCovarianceAbove = options.refineCovarianceAbove ?? 1e3;

  // Power-of-two scales (exact), then [X·diag(scale) | y] reduced by row blocks to a few rows with the same R factor
  // (`reduceRows`), whose QR gives R, the rank decisions and Qᵀy (y's column) in cache.
  const scale = powerOfTwoScale(x, rows, columns);
  for (let j = 0; j < columns; j++) {
    // A column with a value that is not finite gets scale 0, as an all-zero one does: only those are checked.
    if (scale[j] !== 0) continue;
    for (let i = j * rows; i < (j + 1) * rows; i++) {
      const v = x[i] as number;
      if (v - v !== 0) throw new Error('solveLeastSquares: X has a value that is not finite'); // ±Infinity, NaN
    }
  }
  // R and the first solution: from the normal equations when the design is well conditioned (NORMAL_CONDITION_LIMIT),
  // else from the QR of [X·diag(scale) | y], reduced by row blocks to a few rows with the same R factor
  // (`reduceRows`), which gives R, the rank decisions and Qᵀy (y's column) in cache.
  const normal = normalFactor(
    x,
    rows,
    columns,
    y,
    scale,
    tolerance,
    options.normalConditionLimit ?? NORMAL_CONDITION_LIMIT,
  );
  let rank: number;
  let kept: Int32Array;
  let r: Float64Array;
  let scaledCoefficients: Float64Array;
  let aliased: boolean[];
  let relativeResidualNorm: Float64Array;
  let conditionNumber: number;
  if (normal !== null) {
    rank = columns;
    kept = Int32Array.from({ length: columns }, (_, j) => j);
    r = normal.r;
    scaledCoefficients = normal.qty;
    aliased = new Array<boolean>(columns).fill(false);
    relativeResidualNorm = normal.relativeResidualNorm;
    conditionNumber = normal.conditionNumber;
  } else {
    const stack = reduceRows({ x, y, scale, n: rows, width: columns });
    const qr = householderQr(stack.r, stack.rows, columns + 1, tolerance);
    // y's column is last, so it changes no decision about X's; it may be among the kept ones.
    rank = qr.rank > 0 && qr.kept[qr.rank - 1] === columns ? qr.rank - 1 : qr.rank;
    kept = qr.kept.slice(0, rank);
    r = upperTriangle({ ...qr, rank });
    // The first `rank` entries of y's column are Qᵀy's.
    scaledCoefficients = qr.factors.slice(columns * stack.rows, columns * stack.rows + rank);
    aliased = qr.aliased.slice(0, columns);
    relativeResidualNorm = qr.relativeResidualNorm.slice(0, columns);
    conditionNumber = scaledConditionNumber(r, rank);
  }
  solveUpper(r, rank, scaledCoefficients);

  // Refinement with extended-precision residuals. After a correction d the error left is about ε·κ·‖d‖ (ε·κ²·‖d‖
  // with R from the normal equations), so the loop stops once that is below the rounding level of b: one step for a
  // well-conditioned design, a few for Filip. Each pass over the rows gives the residuals and Σ residual² for the
  // coefficients at hand, and Xᵀr when another step may follow.
  const contraction = normal !== null ? conditionNumber * conditionNumber : conditionNumber;
  const residuals = new Float64Array(rows);
  const original = new Float64Array(rank);
  const correction = new Float64Array(rank);
  let residualSumOfSquares = 0;
  let steps = 0;
  let converged = rank === 0;
  const pairs = { high: new Float64Array(rows), low: new Float64Array(rows), coefficients: null };
  const pass = (crossProducts: boolean): void => {
    for (let k = 0; k < rank; k++)
      original[k] = (scaledCoefficients[k] as number) * (scale[kept[k] as number] as number);
    const cross = crossProducts ? correction : null;
    residualSumOfSquares = residualPass(x, rows, kept, original, y, residuals, cross, pairs);
  };
  let previousSize = Infinity;
  pass(!converged);
  while (!converged && steps < 12) {
    for (let k = 0; k < rank; k++) correction[k] = (correction[k] as number) * (scale[kept[k] as number] as number);
    solveGram(r, rank, correction);
    const correctionSize = largestMagnitude(correction, rank);
    const size = largestMagnitude(scaledCoefficients, rank);
    if (correctionSize > previousSize) {
      // No longer shrinking: either at the rounding floor (converged) or κ is too large for refinement to help.
      converged = previousSize <= 64 * 2 ** -52 * size;
      break;
    }
    for (let k = 0; k < rank; k++)
      scaledCoefficients[k] = (scaledCoefficients[k] as number) + (correction[k] as number);
    steps++;
    previousSize = correctionSize;
    if (correctionSize * Math.max(1, contraction) <= 2 * size || correctionSize <= 2 ** -52 * size) converged = true;
    pass(!converged && steps < 12);
  }

  const coefficients = new Float64Array(columns).fill(NaN);
  for (let k = 0; k < rank; k++) coefficients[kept[k] as number] = original[k] as number;

  const scaledCovariance = gramInverse(r, rank);
  if (rank > 0 && conditionNumber > refineCovarianceAbove) {
    refineGramInverse(x, rows, kept, scale, r, rank, scaledCovariance);
  }
  const unscaledCovariance = new Float64Array(rank * rank);
  for (let b = 0; b < rank; b++) {
    for (let a = 0; a < rank; a++) {
      unscaledCovariance[b * rank + a] =
        (scaledCovariance[b * rank + a] as number) *
        (scale[kept[a] as number] as number) *
        (scale[kept[b] as number] as number);
    }
  }

  return {
    rows,
    columns,
    rank,
    coefficients,
    aliased,
    kept,
    unscaledCovariance,
    residuals,
    residualSumOfSquares,
    conditionNumber,
    factorization: normal !== null ? 'normal equations' : 'qr',
    refinementSteps: steps,
    refinementConverged: converged,
    scaledR: r,
    relativeResidualNorm,
    scale,
  };
}

/**
 * The largest condition number (of the design with columns scaled to unit length) for which R comes from the
 * normal equations (`gramFactor`) instead of the QR. G's rounding perturbs that R by about ε·κ² relatively (the QR's
 * by ε·κ), and the covariance (XᵀX)⁻¹ = R⁻¹R⁻ᵀ carries it: against a covariance refined in double-double, its
 * largest error relative to its column was 7e-14 at κ ≈ 20 and 4e-13 at κ ≈ 60 over random designs (the QR's 3e-14
 * and 7e-14); test/core/numerics/normalEquations.test.ts checks it. The coefficients and residuals are refined to the
 * same answer either way.
 *
 * Why: at 10,000 × 10 the QR was about half of a fit (bench/fitKernel.mjs); the Gram matrix takes half its flops,
 * in tiles that load each value once for several products (about 0.6 against 2.3 ms there; 1.3 against 2–3 s at
 * 2e5 × 100). A design that the QR must decide (rank-deficient, or κ above this) pays for both, unless a sample of its
 * rows shows it first (`sampleLooksWellConditioned`, above n·p² = 1e8).
 */
const NORMAL_CONDITION_LIMIT = 30;

/**
 * R, the first solution and κ from the normal equations (`gramFactor`) when the design is well conditioned and
 * every column is kept by a margin; null when the QR should decide instead.
 */
function normalFactor(
  x: Float64Array,
  rows: number,
  columns: number,
  y: Float64Array,
  scale: Float64Array,
  tolerance: number,
  limit: number,
): (GramFactor & { conditionNumber: number }) | null {
  if (!(limit >= 1) || columns === 0 || rows < 2 * columns) return null;
  if (rows * columns * columns >= SAMPLE_ABOVE && !sampleLooksWellConditioned(x, rows, columns, scale, limit))
    return null;
  const factor = gramFactor(x, rows, columns, y, scale);
  if (factor === null) return null;
  const conditionNumber = scaledConditionNumber(factor.r, columns);
  if (!(conditionNumber <= limit)) return null;
  for (let j = 0; j < columns; j++) if (!((factor.relativeResidualNorm[j] as number) > 2 * tolerance)) return null;
  return { ...factor, conditionNumber };
}

/** n·p² above which a sample of the rows is looked at before the Gram matrix is formed (`normalFactor`). */
const SAMPLE_ABOVE = 1e8;

/**
 * Whether an evenly spaced sample of about 8·p rows (at least 512) has full rank and a scaled κ at most 4 times the
 * limit: when it does not, the whole design would almost surely go to the QR after its Gram matrix, and the Gram
 * matrix is skipped. An exact linear relation between columns holds in every row, so the sample shows it (a column
 * that is zero in every sampled row does too, and goes to the QR, which is still right). Measured at 2e5 × 100
 * with one column a copy of another: 5.2–5.5 s with the Gram matrix formed and dropped, against 2.7–3.3 s for the
 * QR alone; this sample costs 2·m·p² flops for m sampled rows, about 1/125 of the Gram matrix there.
 */
function sampleLooksWellConditioned(
  x: Float64Array,
  rows: number,
  columns: number,
  scale: Float64Array,
  limit: number,
): boolean {
  const m = Math.min(rows, Math.max(512, 8 * columns));
  const sample = new Float64Array(m * columns);
  for (let j = 0; j < columns; j++) {
    const s = scale[j] as number;
    for (let k = 0; k < m; k++) sample[j * m + k] = (x[j * rows + Math.floor((k * rows) / m)] as number) * s;
  }
  const qr = householderQr(sample, m, columns, defaultRankTolerance(m));
  return qr.rank === columns && scaledConditionNumber(upperTriangle(qr), columns) <= 4 * limit;
}

/**
 * Whether every value is finite. A function of its own so that `solveLeastSquares` has no loop over the rows: one
 * there got it compiled while it ran (on-stack replacement), with the whole solve inlined, about 60 ms of compiling in
 * the first fit of a process (node --trace-opt, bench/fit-one.mjs at 10,000 × 10).
 */
function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) return false; // ±Infinity, NaN
  }
  return true;
}

// Bound once: a global look-up in a hot loop is slow in a bare V8 context (the add-on runs there).
const abs = Math.abs;

/** Rows a block of `residualPass`: its residual pairs (16 KB) and its rows of X stay in cache between the steps. */
const PASS_ROWS = 1024;

/** The residuals of the last `residualPass` as hi + lo pairs, one per row, and the coefficients they are for. */
interface ResidualPairs {
  high: Float64Array;
  low: Float64Array;
  coefficients: Float64Array | null;
}

/**
 * One pass over the rows for the coefficients b (original units, over the kept columns): writes y − X·b to
 * `residuals`, each rounded from a hi + lo pair good to a small fraction of its last bit; returns Σ residual²,
 * accumulated in extended precision; and, when `cross` is given, writes there Xᵀr over each kept column, in
 * double-double (Dot2 on the pairs, as `extendedDot`) rounded once. `pairs` holds the last pass's pairs, which this
 * one replaces.
 *
 * A block's pairs are evaluated in full, y − X·b with every product and sum error-free (TwoProduct, TwoSum: about 20
 * flops a value of X), unless the last pass's pairs can be updated instead: r − X·Δ, Δ = b − b_last exactly, is the
 * same value, and Δ is a correction of a few units in b's last bits, so X·Δ in plain arithmetic is off by at most
 * γ·Σ|x||Δ| (γ = k·u for k terms). Where that bound is below 2⁻¹¹ of the last bit of every row's residual, the
 * block takes the update (about 5 flops a value): its residuals round as the full evaluation's do, but in a near-tie
 * of 2⁻¹¹ of a bit, and Σr² differs by about 2⁻¹⁰ of its last bit. The refinement's last pass (the residuals of the
 * refined coefficients) was a quarter of a fit at 1e6 × 10 (bench/fitKernel.mjs).
 *
 * The rows are taken in blocks of PASS_ROWS, and each block goes through every step before the next: its residuals,
 * then its share of Σr² and of Xᵀr while its residual pairs and rows of X are in cache (one pass over X from memory
 * instead of one per pair of columns and per step). Columns are taken two at a time, each row's pair read and written
 * once for both, each coefficient split once for all its products, and each hiᵢ split once for both cross-products.
 * Per row and per column the full evaluation's operations are those of one column at a time over all rows, in the
 * same order.
 */
function residualPass(
  x: Float64Array,
  rows: number,
  kept: Int32Array,
  coefficients: Float64Array,
  y: Float64Array,
  residuals: Float64Array,
  cross: Float64Array | null,
  pairs: ResidualPairs,
): number {
  const { high, low } = pairs;
  const count = kept.length;
  const active: number[] = []; // the kept positions with a nonzero coefficient
  for (let k = 0; k < count; k++) if ((coefficients[k] as number) !== 0) active.push(k);
  const delta = exactChange(coefficients, pairs.coefficients, count);
  const changed: number[] = []; // the kept positions whose coefficient changed
  if (delta !== null) for (let k = 0; k < count; k++) if ((delta[k] as number) !== 0) changed.push(k);
  // X·Δ over k terms is within γₖ·Σ|x||Δ| (γₖ ≤ 1.01·k·u), and its bound computed within that again: 2.1·k·u·bound
  // under 2⁻¹¹·u·|r| is what the update asks of each row.
  const boundFactor = 2.1 * changed.length * 2048;
  const update = new Float64Array(delta === null ? 0 : Math.min(rows, PASS_ROWS));
  const bound = new Float64Array(update.length);
  // Each column's Dot2 accumulators (s, c), carried from block to block.
  const crossSum = new Float64Array(count);
  const crossError = new Float64Array(count);
  const squares = new Float64Array(2); // Σ residual² as high and low parts
  for (let start = 0; start < rows; start += PASS_ROWS) {
    const m = Math.min(PASS_ROWS, rows - start);
    const end = start + m;
    const updated =
      delta !== null && updateBlock(x, rows, kept, changed, delta, high, low, start, m, update, bound, boundFactor);
    if (!updated) evaluateBlock(x, rows, kept, active, coefficients, y, high, low, start, end);
    squareBlock(high, low, residuals, start, end, squares);
    if (cross !== null) crossBlock(x, rows, kept, high, low, start, end, crossSum, crossError);
  }
  if (cross !== null)
    for (let k = 0; k < count; k++) cross[k] = roundedPair(crossSum[k] as number, crossError[k] as number);
  pairs.coefficients = Float64Array.from(coefficients);
  return (squares[0] as number) + (squares[1] as number);
}

/**
 * `residualPass`' rows [start, end): each pair normalized and its residual rounded, and Σ (hi + lo)² carried on in
 * `squares` (its high and low parts). A function of its own so that the driver above has no long loop: compiled
 * while it ran (on-stack replacement) with the block kernels inlined, it took three compiles of about 40 ms each in
 * the first fits of a process (node --trace-opt, bench/fit-one.mjs at 10,000 × 10).
 */
function squareBlock(
  high: Float64Array,
  low: Float64Array,
  residuals: Float64Array,
  start: number,
  end: number,
  squares: Float64Array,
): void {
  let sumHigh = squares[0] as number;
  let sumLow = squares[1] as number;
  for (let i = start; i < end; i++) {
    const s = high[i] as number;
    const c = low[i] as number;
    const sum = s + c;
    const lo = sumError(s, c, sum);
    high[i] = sum;
    low[i] = lo;
    residuals[i] = sum + lo;
    // Σ (hi + lo)² ≈ Σ hi² + 2·hi·lo, with hi² accumulated by TwoProduct and TwoSum.
    const square = sum * sum;
    const total = sumHigh + square;
    sumLow += sumError(sumHigh, square, total) + productError(sum, sum, square) + 2 * sum * lo;
    sumHigh = total;
  }
  squares[0] = sumHigh;
  squares[1] = sumLow;
}

/**
 * `residualPass`' update of rows [start, start + m): the pairs less X·Δ over the changed columns, kept when every
 * row's bound allows it (see `residualPass`); false, with the pairs untouched, when one does not.
 */
function updateBlock(
  x: Float64Array,
  rows: number,
  kept: Int32Array,
  changed: readonly number[],
  delta: Float64Array,
  high: Float64Array,
  low: Float64Array,
  start: number,
  m: number,
  update: Float64Array,
  bound: Float64Array,
  boundFactor: number,
): boolean {
  let updated = true;
  update.fill(0);
  bound.fill(0);
  for (let q = 0; q < changed.length; q += 2) {
    // Two columns a sweep; an odd one out is paired with itself at a change of 0.
    const k0 = changed[q] as number;
    const k1 = q + 1 < changed.length ? (changed[q + 1] as number) : k0;
    const d0 = delta[k0] as number;
    const d1 = q + 1 < changed.length ? (delta[k1] as number) : 0;
    const size0 = abs(d0);
    const size1 = abs(d1);
    const offset0 = (kept[k0] as number) * rows + start;
    const offset1 = (kept[k1] as number) * rows + start;
    for (let i = 0; i < m; i++) {
      const a0 = x[offset0 + i] as number;
      const a1 = x[offset1 + i] as number;
      update[i] = (update[i] as number) + a0 * d0 + a1 * d1;
      bound[i] = (bound[i] as number) + abs(a0) * size0 + abs(a1) * size1;
    }
  }
  for (let i = 0; i < m && updated; i++) {
    // (hi + lo) − t as a pair: TwoSum of hi and −t, its error added to lo.
    const hi = high[start + i] as number;
    const t = -(update[i] as number);
    const sum = hi + t;
    const lo = (low[start + i] as number) + sumError(hi, t, sum);
    updated = (bound[i] as number) * boundFactor <= abs(sum + lo);
    update[i] = sum;
    bound[i] = lo;
  }
  if (updated) {
    high.set(update.subarray(0, m), start);
    low.set(bound.subarray(0, m), start);
  }
  return updated;
}

/** `residualPass`' full evaluation of rows [start, end): the pairs set to y − X·b, error-free products and sums. */
function evaluateBlock(
  x: Float64Array,
  rows: number,
  kept: Int32Array,
  active: readonly number[],
  coefficients: Float64Array,
  y: Float64Array,
  high: Float64Array,
  low: Float64Array,
  start: number,
  end: number,
): void {
  high.set(y.subarray(start, end), start);
  low.fill(0, start, end);
  for (let q = 0; q < active.length; q += 2) {
    const k0 = active[q] as number;
    const b0 = -(coefficients[k0] as number);
    const b0h = splitHigh(b0);
    const b0l = b0 - b0h;
    const offset0 = (kept[k0] as number) * rows;
    // An odd column out is paired with itself at coefficient 0, which adds exactly nothing.
    const k1 = q + 1 < active.length ? (active[q + 1] as number) : k0;
    const b1 = q + 1 < active.length ? -(coefficients[k1] as number) : 0;
    const b1h = splitHigh(b1);
    const b1l = b1 - b1h;
    const offset1 = (kept[k1] as number) * rows;
    for (let i = start; i < end; i++) {
      const a0 = x[offset0 + i] as number;
      const p0 = a0 * b0;
      const s0 = high[i] as number;
      const sum0 = s0 + p0;
      const a0h = splitHigh(a0);
      const c0 = (low[i] as number) + sumError(s0, p0, sum0) + splitProductError(a0h, a0 - a0h, b0h, b0l, p0);
      const a1 = x[offset1 + i] as number;
      const p1 = a1 * b1;
      const sum1 = sum0 + p1;
      const a1h = splitHigh(a1);
      high[i] = sum1;
      low[i] = c0 + sumError(sum0, p1, sum1) + splitProductError(a1h, a1 - a1h, b1h, b1l, p1);
    }
  }
}

/** `residualPass`' cross-products over rows [start, end): each kept column's Dot2 sums, carried on. */
function crossBlock(
  x: Float64Array,
  rows: number,
  kept: Int32Array,
  high: Float64Array,
  low: Float64Array,
  start: number,
  end: number,
  crossSum: Float64Array,
  crossError: Float64Array,
): void {
  const count = kept.length;
  for (let k = 0; k < count; k += 2) {
    // An odd column out takes both lanes; the second's sums are dropped.
    const k1 = k + 1 < count ? k + 1 : k;
    const offset0 = (kept[k] as number) * rows;
    const offset1 = (kept[k1] as number) * rows;
    let s0 = crossSum[k] as number;
    let c0 = crossError[k] as number;
    let s1 = crossSum[k1] as number;
    let c1 = crossError[k1] as number;
    for (let i = start; i < end; i++) {
      const b = high[i] as number;
      const bh = splitHigh(b);
      const bl = b - bh;
      const lo = low[i] as number;
      const a0 = x[offset0 + i] as number;
      const a1 = x[offset1 + i] as number;
      const p0 = a0 * b;
      const p1 = a1 * b;
      const sum0 = s0 + p0;
      const sum1 = s1 + p1;
      const a0h = splitHigh(a0);
      const a1h = splitHigh(a1);
      c0 += sumError(s0, p0, sum0) + splitProductError(a0h, a0 - a0h, bh, bl, p0) + a0 * lo;
      c1 += sumError(s1, p1, sum1) + splitProductError(a1h, a1 - a1h, bh, bl, p1) + a1 * lo;
      s0 = sum0;
      s1 = sum1;
    }
    crossSum[k1] = s1;
    crossError[k1] = c1;
    crossSum[k] = s0;
    crossError[k] = c0;
  }
}

/** b − last per entry when every difference is exact (TwoSum's error 0), else null (and null without a last). */
function exactChange(b: Float64Array, last: Float64Array | null, count: number): Float64Array | null {
  if (last === null) return null;
  const change = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const value = b[k] as number;
    const minus = -(last[k] as number);
    const difference = value + minus;
    if (sumError(value, minus, difference) !== 0) return null;
    change[k] = difference;
  }
  return change;
}

/** hi + lo of the normalized pair s + c (as `extendedDot` returns it), rounded to one double. */
function roundedPair(s: number, c: number): number {
  const sum = s + c;
  return sum + sumError(s, c, sum);
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, column-major rank×rank. */
function gramInverse(r: Float64Array, rank: number): Float64Array {
  const inverse = invertUpper(r, rank);
  const result = new Float64Array(rank * rank);
  for (let a = 0; a < rank; a++) {
    for (let b = a; b < rank; b++) {
      let sum = 0;
      for (let k = b; k < rank; k++) sum += (inverse[k * rank + a] as number) * (inverse[k * rank + b] as number);
      result[b * rank + a] = sum;
      result[a * rank + b] = sum;
    }
  }
  return result;
}

/**
 * Refines C ≈ (XsᵀXs)⁻¹ column by column: c += (RᵀR)⁻¹(eⱼ − G·c), with G = XsᵀXs formed once in double-double.
 * The error shrinks by about ε·κ per step, as for the coefficients.
 */
function refineGramInverse(
  x: Float64Array,
  rows: number,
  kept: Int32Array,
  scale: Float64Array,
  r: Float64Array,
  rank: number,
  inverse: Float64Array,
): void {
  const gramHigh = new Float64Array(rank * rank);
  const gramLow = new Float64Array(rank * rank);
  const zeros = new Float64Array(rows);
  const columnBuffer = new Float64Array(rows);
  for (let a = 0; a < rank; a++) {
    const ca = kept[a] as number;
    columnBuffer.set(x.subarray(ca * rows, (ca + 1) * rows));
    for (let b = a; b < rank; b++) {
      const cb = kept[b] as number;
      const value = extendedDot(x, cb * rows, rows, columnBuffer, zeros);
      const s = (scale[ca] as number) * (scale[cb] as number);
      gramHigh[b * rank + a] = gramHigh[a * rank + b] = value.high * s;
      gramLow[b * rank + a] = gramLow[a * rank + b] = value.low * s;
    }
  }
  const column = new Float64Array(rank);
  const correction = new Float64Array(rank);
  for (let j = 0; j < rank; j++) {
    for (let k = 0; k < rank; k++) column[k] = inverse[j * rank + k] as number;
    let previous = Infinity;
    for (let step = 0; step < 12; step++) {
      for (let a = 0; a < rank; a++) {
        // (eⱼ − G·c)ₐ in double-double.
        let s = a === j ? 1 : 0;
        let c = 0;
        for (let k = 0; k < rank; k++) {
          const g = gramHigh[k * rank + a] as number;
          const v = -(column[k] as number);
          const p = g * v;
          const sum = s + p;
          c += sumError(s, p, sum) + productError(g, v, p) + (gramLow[k * rank + a] as number) * v;
          s = sum;
        }
        correction[a] = s + c;
      }
      solveGram(r, rank, correction);
      const size = largestMagnitude(column, rank);
      const correctionSize = largestMagnitude(correction, rank);
      if (correctionSize > previous) break;
      for (let k = 0; k < rank; k++) column[k] = (column[k] as number) + (correction[k] as number);
      previous = correctionSize;
      if (correctionSize <= 2 ** -52 * size) break;
    }
    for (let k = 0; k < rank; k++) inverse[j * rank + k] = column[k] as number;
  }
  // Symmetrize: average the two refined triangles.
  for (let a = 0; a < rank; a++) {
    for (let b = a + 1; b < rank; b++) {
      const mean = ((inverse[b * rank + a] as number) + (inverse[a * rank + b] as number)) / 2;
      inverse[b * rank + a] = inverse[a * rank + b] = mean;
    }
  }
}

/** max |vᵢ| over the first `count` values: the size of a solution or of its correction in a refinement step. */
function largestMagnitude(values: Float64Array, count: number): number {
  let largest = 0;
  for (let k = 0; k < count; k++) largest = Math.max(largest, Math.abs(values[k] as number));
  return largest;
}

/** Σ xᵢ·(hiᵢ + loᵢ) over one column, in double-double (Ogita–Rump–Oishi Dot2), as an unrounded pair. */
function extendedDot(
  x: Float64Array,
  offset: number,
  rows: number,
  high: Float64Array,
  low: Float64Array,
): { high: number; low: number } {
  let s = 0;
  let c = 0;
  for (let i = 0; i < rows; i++) {
    const a = x[offset + i] as number;
    const b = high[i] as number;
    const p = a * b;
    const sum = s + p;
    c += sumError(s, p, sum) + productError(a, b, p) + a * (low[i] as number);
    s = sum;
  }
  const sum = s + c;
  return { high: sum, low: sumError(s, c, sum) };
}

/** κ₂ of R after scaling its columns to unit length, from the singular values of that small matrix. */
function scaledConditionNumber(r: Float64Array, rank: number): number {
  if (rank === 0) return NaN;
  const unit = new Float64Array(rank * rank);
  for (let b = 0; b < rank; b++) {
    let norm = 0;
    for (let a = 0; a <= b; a++) norm += (r[b * rank + a] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let a = 0; a <= b; a++) unit[b * rank + a] = (r[b * rank + a] as number) / norm;
  }
  const values = singularValues(unit, rank);
  let largest = 0;
  let smallest = Infinity;
  for (const value of values) {
    largest = Math.max(largest, value);
    smallest = Math.min(smallest, value);
  }
  return smallest > 0 ? largest / smallest : Infinity;
}

/**
 * The singular values of a small square matrix (n×n, column-major) by one-sided Jacobi (Hestenes): pairs of columns
 * are rotated until every pair is orthogonal to working precision, and the singular values are then the column
 * norms. It has high relative accuracy for small singular values too (Demmel and Veselić, 1992), and replaces
 * ml-matrix's SVD, which brought 177 KB of matrix library into the Apps Script bundle for this one use.
 *
 * Cost: O(n³) per sweep, and a handful of sweeps (quadratic convergence) for the n ≤ a few hundred of a design's R.
 */
export function singularValues(matrix: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(matrix.subarray(0, n * n));
  // A pair is orthogonal when |cos| ≤ √n·ε, LAPACK dgesvj's threshold: with ε alone, the last sweeps of a 300-column R
  // kept turning pairs at the rounding floor (cos 2–5e-16), 14 sweeps instead of 10 (bench/fitKernel.mjs at 2e4 × 300).
  const epsilon = Math.sqrt(n) * 2 ** -52;
  for (let sweep = 0; sweep < 64; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const pOffset = p * n;
      for (let q = p + 1; q < n; q++) {
        const qOffset = q * n;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < n; i++) {
          const ap = a[pOffset + i] as number;
          const aq = a[qOffset + i] as number;
          alpha += ap * ap;
          beta += aq * aq;
          gamma += ap * aq;
        }
        if (gamma === 0 || Math.abs(gamma) <= epsilon * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < n; i++) {
          const ap = a[pOffset + i] as number;
          const aq = a[qOffset + i] as number;
          a[pOffset + i] = c * ap - s * aq;
          a[qOffset + i] = s * ap + c * aq;
        }
      }
    }
    if (!rotated) break;
  }
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (a[j * n + i] as number) ** 2;
    values[j] = Math.sqrt(sum);
  }
  return values;
}
