/**
 * The log target, TikFit's one transform of the response and its inverse: log1p(y) = ln(1 + y), which keeps the
 * zeros a count has, and expm1 back. Used by `tikfit fit --log-target`, the recipe, and the formulas' `log-target`
 * option, so that each checks, transforms and back-transforms the same way (predictions through
 * `FittedModel.predict`).
 */

// Bound once: called per value, and a global look-up is slow in a bare V8 context (the add-on runs there).
const mathLog1p = Math.log1p;

/** Whole numbers below this have their log1p kept in a table. */
const TABLE_SIZE = 1 << 16;
/** log1p(k) for whole k below TABLE_SIZE, each filled on first use (NaN until then); made on the first call. */
let wholeLog1p: Float64Array | null = null;

/**
 * ln(1 + value), as Math.log1p gives it to the bit (the log transform of predictors and of the target). Creators'
 * columns are mostly counts, so a whole number below 65,536 is looked up in a table filled with Math.log1p's own
 * values on first use: Math.log1p took about 40% of fitting the recipe's transforms at 330,000 × 44
 * (bench/pipeline-one.mjs), and a look-up costs a few nanoseconds. ±0 is returned as it is (log1p(±0) = ±0).
 * Cost: O(1); the table is 512 KB.
 */
export function log1p(value: number): number {
  if (value > 0 && value < TABLE_SIZE && (value | 0) === value) {
    const table = wholeLog1p ?? (wholeLog1p = new Float64Array(TABLE_SIZE).fill(NaN));
    const known = table[value] as number;
    if (known === known) return known;
    return (table[value] = mathLog1p(value));
  }
  return mathLog1p(value);
}

/**
 * log1p of a target value.
 * @throws Error for a value at or below −1 (its log is undefined), naming the column and the row when given.
 */
export function toLogScale(value: number, target: string, row?: number): number {
  if (!(value > -1)) {
    throw new Error(
      `the log target needs values above −1, but "${target}" is ${value}${row === undefined ? '' : ` in row ${row}`}`,
    );
  }
  return log1p(value);
}

/** A prediction on the log scale back in the target's own units (expm1). Cost: O(1). */
export function fromLogScale(prediction: number): number {
  return Math.expm1(prediction);
}
