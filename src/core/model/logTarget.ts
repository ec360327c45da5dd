/**
 * The log target, TikFit's one transform of the response and its inverse: log1p(y) = ln(1 + y), which keeps the
 * zeros a count has, and expm1 back. Used by `tikfit fit --log-target`, the recipe, and the formulas' `log-target`
 * option, so that each checks, transforms and back-transforms the same way (predictions through
 * `FittedModel.predict`).
 */

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
  return Math.log1p(value);
}

/** A prediction on the log scale back in the target's own units (expm1). Cost: O(1). */
export function fromLogScale(prediction: number): number {
  return Math.expm1(prediction);
}
