import { applyQTranspose, householderQr, upperTriangle } from '../numerics/householderQr';
import { defaultRankTolerance } from '../numerics/leastSquares';
import { powerOfTwoScale } from '../numerics/powerOfTwoScale';
import { blockTriangle, stackTriangles } from '../numerics/tallSkinnyQr';
import { solveUpper } from '../numerics/triangular';
import type { RecipeColumn } from './recipeModel';
import { SKEW_THRESHOLD, type PredictorTransform } from './transformPlan';

// Bound once: called per value, and a global look-up is slow in a bare V8 context (the add-on runs there).
const abs = Math.abs;
const sqrt = Math.sqrt;

/**
 * The main fit on the training rows, whose transforms and design (intercept, then each column transformed, column-major
 * in the training rows' order, and y) the folds start from: `fitRecipeModel`'s transforms and its results' design.
 */
export interface MainFit {
  transforms: readonly PredictorTransform[];
  design: { x: Float64Array; y: Float64Array };
}

/** One CV fold: positions [start, end) in the training rows. */
export interface FoldBounds {
  start: number;
  end: number;
}

/**
 * Above this ratio of the largest to the smallest |diagonal| of a fold's R (on power-of-two equilibrated columns) the
 * fold is fitted on its own, with refinement. Below it, the unrefined QR solution's predictions are good to about
 * ε·κ ≤ 2e-8 relative, far below the 4 digits CV's RMSE is printed with.
 */
const MAX_DIAGONAL_RATIO = 1e8;

/**
 * The held-out RMSE of least squares for each fold of a k-fold CV, from one pass over the training rows instead of
 * one fit per fold; null for a fold this cannot stand in for (then fit that fold on its own).
 *
 * Why it gives the folds' own answers: a fold's transforms differ from the whole training part's only in their
 * centres and scales (affine, so the fit's predictions do not change: the intercept absorbs the shifts and each
 * coefficient the scale), as long as each column's log1p decision is the same. That decision is checked per fold,
 * from per-fold power sums of each column (skewness of the fold's training rows); a fold where a decision differs
 * gets null. The design, transformed once with the whole training part's transforms, is split into the k fold
 * blocks, each reduced to its R factor (Householder QR of [X_b | y_b]); fold f's least squares is then the QR of the
 * other k − 1 R factors stacked (a tall-skinny QR, TSQR: exact in exact arithmetic, and backward stable), with the
 * same order-keeping rank detection as `solveLeastSquares` (column norms are preserved by the orthogonal factors),
 * and without its refinement: see MAX_DIAGONAL_RATIO.
 *
 * Measured on bench/pipeline-one.mjs at 100,000 × 30 (43 terms): 5-fold CV took 4.8 s as five full fits with every
 * statistic and refinement; this takes about one QR of the training rows.
 *
 * Cost: O(n·p²) for the blocks' QR, O(k²·p³) for the folds. Memory: the fold blocks' R factors.
 */
export function leastSquaresFoldScores(
  columns: readonly RecipeColumn[],
  trainRows: Int32Array,
  folds: readonly FoldBounds[],
  main: MainFit,
): (number | null)[] {
  const transforms = main.transforms;
  const n = trainRows.length;
  const width = columns.length + 1; // intercept + predictors
  const total = width + 1; // and y
  const sameDecisions = folds.map(() => true);
  // Each row's fold (-1 for a held-out row), so that the decisions read the columns in the table's order.
  const foldOf = new Int32Array(columns[0]?.values.length ?? 0).fill(-1);
  folds.forEach(({ start, end }, f) => {
    for (let r = start; r < end; r++) foldOf[trainRows[r] as number] = f;
  });
  columns.forEach((column, k) => {
    const transform = transforms[k] as PredictorTransform;
    // A 0/1 column over the training rows is 0/1 in every fold, and a column with a negative value never gets log1p:
    // no fold decides otherwise than the whole training part (half the recipe's columns are dummies).
    if (transform.binary || !column.nonNegative) return;
    foldLog1p(column, foldOf, folds.length).forEach((log1pInFold, f) => {
      if (log1pInFold !== transform.log1p) sameDecisions[f] = false;
    });
  });
  if (!sameDecisions.some(Boolean)) return folds.map(() => null);

  // The main fit's design over the training rows, column-major, and its y; each fold block is equilibrated by powers
  // of two (exact) as it is copied, y not scaled.
  const { x, y: yTrain } = main.design;
  const scale = powerOfTwoScale(x, n, width);
  const design = { x, y: yTrain, scale, n, width };
  const blocks = folds.map(({ start, end }) => blockTriangle(design, start, end));
  return folds.map(({ start, end }, f) => {
    if (!sameDecisions[f]) return null;
    const others = blocks.filter((_, b) => b !== f);
    const stackedRows = others.reduce((sum, block) => sum + block.rows, 0);
    if (stackedRows < width) return null;
    const stacked = stackTriangles(others, total).r;
    const trainCount = n - (end - start);
    const qr = householderQr(
      stacked.subarray(0, stackedRows * width),
      stackedRows,
      width,
      defaultRankTolerance(trainCount),
    );
    const rank = qr.rank;
    if (rank === 0) return null;
    let largest = 0;
    let smallest = Infinity;
    for (const d of qr.diagonal) {
      largest = Math.max(largest, abs(d));
      smallest = Math.min(smallest, abs(d));
    }
    if (!(largest <= MAX_DIAGONAL_RATIO * smallest)) return null;
    const qty = stacked.slice(width * stackedRows);
    applyQTranspose(qr, qty);
    const coefficients = qty.slice(0, rank);
    solveUpper(upperTriangle(qr), rank, coefficients);
    // Held-out predictions on the fold's own rows; aliased terms contribute 0, as in predictRecipeModel.
    const prediction = new Float64Array(end - start);
    for (let k = 0; k < rank; k++) {
      const b = coefficients[k] as number;
      const j = qr.kept[k] as number;
      const offset = j * n;
      const s = scale[j] as number;
      for (let r = start; r < end; r++)
        prediction[r - start] = (prediction[r - start] as number) + b * ((x[offset + r] as number) * s);
    }
    let squared = 0;
    for (let r = start; r < end; r++) {
      const e = (yTrain[r] as number) - (prediction[r - start] as number);
      squared += e * e;
    }
    return sqrt(squared / (end - start));
  });
}

/**
 * Each fold's log1p decision for one column, as `fitTransforms` would make it on the fold's training rows (all rows
 * but the fold's): not for a 0/1 column, else skewness above SKEW_THRESHOLD and no negative value in the column.
 * Skewness comes from power sums of (value − shift) per fold, combined over the other folds; the shift (the mean of
 * the training rows) keeps the sums' cancellation small. A decision could differ from `fitTransforms`' own only for a
 * skewness within rounding of the threshold. The rows are read in the table's order, each with its fold from `foldOf`
 * (-1: not a training row): in the training rows' shuffled order, reading the values took 0.25–0.5 s of CV at
 * 330,000 × 30 (bench/pipeline-one.mjs). Cost: O(rows).
 */
function foldLog1p(column: RecipeColumn, foldOf: Int32Array, folds: number): boolean[] {
  const values = column.values;
  let shift = 0;
  let trainCount = 0;
  for (let i = 0; i < values.length; i++) {
    if ((foldOf[i] as number) < 0) continue;
    shift += values[i] as number;
    trainCount++;
  }
  shift /= trainCount;
  // Per fold: the sums of d, d², d³ (d = value − shift), the count, and whether a value other than 0 and 1 was seen.
  const s1 = new Float64Array(folds);
  const s2 = new Float64Array(folds);
  const s3 = new Float64Array(folds);
  const counts = new Int32Array(folds);
  const other = new Uint8Array(folds);
  for (let i = 0; i < values.length; i++) {
    const f = foldOf[i] as number;
    if (f < 0) continue;
    const v = values[i] as number;
    if (v !== 0 && v !== 1) other[f] = 1;
    const d = v - shift;
    const d2 = d * d;
    s1[f] = (s1[f] as number) + d;
    s2[f] = (s2[f] as number) + d2;
    s3[f] = (s3[f] as number) + d2 * d;
    counts[f] = (counts[f] as number) + 1;
  }
  return Array.from({ length: folds }, (_, f) => {
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    let count = 0;
    let binary = true;
    for (let b = 0; b < folds; b++) {
      if (b === f) continue;
      t1 += s1[b] as number;
      t2 += s2[b] as number;
      t3 += s3[b] as number;
      count += counts[b] as number;
      binary = binary && other[b] === 0;
    }
    if (binary || count < 3) return false;
    const mean = t1 / count;
    const m2 = t2 / count - mean * mean;
    const m3 = t3 / count - 3 * mean * (t2 / count) + 2 * mean * mean * mean;
    if (!(m2 > 1e-28 * (mean + shift) * (mean + shift))) return false;
    const skew = (sqrt(count * (count - 1)) / (count - 2)) * (m3 / (m2 * sqrt(m2)));
    return skew > SKEW_THRESHOLD && column.nonNegative;
  });
}
