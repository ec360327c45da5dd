import { fromLogScale } from '../model/logTarget';

/** How well predictions did on held-out rows: on the log scale, and in the target's own units. */
export interface HeldOutError {
  testRmseLog: number | null;
  testRmseFollowers: number | null;
  testMaeFollowers: number | null;
}

/**
 * RMSE on the log scale, and RMSE and MAE in the target's units after expm1, of `predicted` (log scale) against the
 * rows' actual values; nulls when no rows were held out. Cost: O(rows).
 */
export function evaluateHeldOut(
  predicted: Float64Array,
  rows: Int32Array,
  logY: Float64Array,
  y: Float64Array,
): HeldOutError {
  if (rows.length === 0) return { testRmseLog: null, testRmseFollowers: null, testMaeFollowers: null };
  let squaredLog = 0;
  let squared = 0;
  let absolute = 0;
  rows.forEach((i, r) => {
    const p = predicted[r] as number;
    squaredLog += ((logY[i] as number) - p) ** 2;
    const followers = fromLogScale(p);
    squared += ((y[i] as number) - followers) ** 2;
    absolute += Math.abs((y[i] as number) - followers);
  });
  return {
    testRmseLog: Math.sqrt(squaredLog / rows.length),
    testRmseFollowers: Math.sqrt(squared / rows.length),
    testMaeFollowers: absolute / rows.length,
  };
}
