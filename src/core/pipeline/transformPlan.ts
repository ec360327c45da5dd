import { log1p as log1pOf } from '../model/logTarget';
import { skewness } from '../prepare/skewness';

/** How one predictor is transformed before the fit. */
export interface PredictorTransform {
  name: string;
  /** 0/1 columns (binary predictors and dummies) stay as they are. */
  binary: boolean;
  log1p: boolean;
  /** Skewness of the training values before any log. */
  skewness: number;
  /** Centre and scale for the z-score (on the log scale when log1p); null when not standardized. */
  mean: number | null;
  sd: number | null;
}

/** The skewness above which a non-negative predictor gets log1p (the article's rule). */
export const SKEW_THRESHOLD = 0.75;

/**
 * Decides each predictor's transformation from the training rows only, so nothing leaks from test rows:
 * 0/1 columns stay; a column with skewness (adjusted Fisher–Pearson) above 0.75 and no negative values in any row
 * gets log1p; every non-binary column is then z-scored with the training mean and sample SD (n − 1). A column
 * constant in training is left unscaled.
 *
 * With `into` (rows × (columns + 1) values), the training rows' design is written there as `applyTransform` would
 * give it, column-major after a column of ones: the least-squares design's x, without a second log1p per value or a
 * copy (at 330,000 × 44 in bench/pipeline-one.mjs the second pass and the copies took about a second of the fit).
 * Cost: O(rows × predictors).
 */
export function fitTransforms(
  columns: readonly { name: string; values: Float64Array; nonNegative?: boolean }[],
  trainRows: Int32Array,
  into?: Float64Array,
): PredictorTransform[] {
  const n = trainRows.length;
  if (into !== undefined) into.fill(1, 0, n);
  const order = tableOrder(trainRows);
  const sorted = order.rows;
  const at = order.at;
  return columns.map(({ name, values, nonNegative: known }, k) => {
    const train = into === undefined ? new Float64Array(n) : into.subarray((k + 1) * n, (k + 2) * n);
    let binary = true;
    for (let s = 0; s < n; s++) {
      const v = values[sorted[s] as number] as number;
      train[at[s] as number] = v;
      if (v !== 0 && v !== 1) binary = false;
    }
    if (binary) return { name, binary: true, log1p: false, skewness: skewness(train), mean: null, sd: null };
    const skew = skewness(train);
    let nonNegative = known ?? true;
    if (known === undefined)
      for (let i = 0; i < values.length; i++) if (!((values[i] as number) >= 0)) nonNegative = false;
    const log1p = skew > SKEW_THRESHOLD && nonNegative;
    const transformed = train;
    if (log1p) for (let r = 0; r < transformed.length; r++) transformed[r] = log1pOf(transformed[r] as number);
    // Indexed loops: `for (const v of …)` over a typed array ran several times slower here (Node 20).
    let mean = 0;
    for (let r = 0; r < transformed.length; r++) mean += transformed[r] as number;
    mean /= transformed.length;
    let sum = 0;
    for (let r = 0; r < transformed.length; r++) {
      const d = (transformed[r] as number) - mean;
      sum += d * d;
    }
    const sd = transformed.length > 1 ? Math.sqrt(sum / (transformed.length - 1)) : 0;
    // As applyTransform scales: the same operations on the same values, so the design is the same to the bit.
    if (into !== undefined && sd > 0)
      for (let r = 0; r < transformed.length; r++) transformed[r] = ((transformed[r] as number) - mean) / sd;
    return { name, binary: false, log1p, skewness: skew, mean: sd > 0 ? mean : null, sd: sd > 0 ? sd : null };
  });
}

/**
 * Applies a transform to the given rows of a column, into `out` when given (rows.length values), reading the column
 * in table order when given the rows' `order` (see `tableOrder`). Cost: O(rows).
 */
export function applyTransform(
  transform: PredictorTransform,
  values: Float64Array,
  rows: Int32Array,
  out: Float64Array = new Float64Array(rows.length),
  order: TableOrder = { rows, at: Int32Array.from(rows, (_, r) => r) },
): Float64Array {
  const { log1p, mean, sd } = transform;
  const scale = mean !== null && sd !== null;
  const sorted = order.rows;
  const at = order.at;
  for (let s = 0; s < sorted.length; s++) {
    let v = values[sorted[s] as number] as number;
    if (log1p) v = log1pOf(v);
    if (scale) v = (v - (mean as number)) / (sd as number);
    out[at[s] as number] = v;
  }
  return out;
}

/** Some rows of a table in ascending order, each with its position in the list of rows it was made from. */
export interface TableOrder {
  rows: Int32Array;
  at: Int32Array;
}

/**
 * The rows of a list of distinct rows (the split's training or test rows, in their shuffled order) in ascending
 * order, each with its position in the list: reading a column at `rows` and writing each value at its position `at`
 * gives the list's values in the list's order, with the column read front to back rather than at random. Read at
 * random, 44 columns of 330,000 rows took about 0.5 s of `fitTransforms` and 0.35 s of the held-out predictions
 * (bench/pipeline-one.mjs), mostly cache misses. Cost: O(largest row + rows).
 */
export function tableOrder(list: Int32Array): TableOrder {
  let top = -1;
  for (let r = 0; r < list.length; r++) if ((list[r] as number) > top) top = list[r] as number;
  const positions = new Int32Array(top + 1).fill(-1);
  for (let r = 0; r < list.length; r++) positions[list[r] as number] = r;
  const rows = new Int32Array(list.length);
  const at = new Int32Array(list.length);
  let s = 0;
  for (let i = 0; i <= top; i++) {
    const r = positions[i] as number;
    if (r < 0) continue;
    rows[s] = i;
    at[s++] = r;
  }
  return { rows, at };
}
