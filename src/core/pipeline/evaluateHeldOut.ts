import type { RecipePrediction } from './recipeModel';

/** How well predictions did on held-out rows: on the log scale, and in the target's own units. */
export interface HeldOutError {
  /** Least squares only (null for a count model, whose target is not log-transformed). */
  testRmseLog: number | null;
  testRmseFollowers: number | null;
  testMaeFollowers: number | null;
}

/**
 * RMSE on the log scale, and RMSE and MAE in the target's units (after expm1, or for a count model of the expected
 * counts), of `predicted` against the rows' actual values; nulls when no rows were held out. A count model has no
 * log-scale RMSE (`logY` is the counts themselves). Cost: O(rows).
 */
export function evaluateHeldOut(
  predicted: RecipePrediction,
  rows: Int32Array,
  logY: Float64Array,
  y: Float64Array,
  countModel = false,
): HeldOutError {
  if (rows.length === 0) return { testRmseLog: null, testRmseFollowers: null, testMaeFollowers: null };
  let squaredLog = 0;
  let squared = 0;
  let absolute = 0;
  rows.forEach((i, r) => {
    squaredLog += ((logY[i] as number) - (predicted.modelScale[r] as number)) ** 2;
    const followers = predicted.inTargetUnits[r] as number;
    squared += ((y[i] as number) - followers) ** 2;
    absolute += Math.abs((y[i] as number) - followers);
  });
  return {
    testRmseLog: countModel ? null : Math.sqrt(squaredLog / rows.length),
    testRmseFollowers: Math.sqrt(squared / rows.length),
    testMaeFollowers: absolute / rows.length,
  };
}
