import { buildDesign, type Design } from '../model/design';
import { fitGlm } from '../model/fitGlm';
import type { GlmResults } from '../model/glmResults';
import { fitOls } from '../model/fitOls';
import type { OlsResults } from '../model/olsResults';
import type { FormulaOptions } from './parseFormulaOptions';
import { rangeToGrid, type RangeGrid } from './rangeToGrid';

/** A fit made from a formula's ranges. */
export interface RangeFit {
  /** Least squares, or with `model=poisson|nb` the count model (the core's fitGlm, as `tikfit fit --model`). */
  results: OlsResults | GlmResults;
  design: Design;
  range: RangeGrid;
  options: FormulaOptions;
}

/**
 * Fits known_y on known_x as a spreadsheet formula means it (see `rangeToGrid`): text columns one-hot encoded,
 * booleans as 0/1, rows with a blank y or x left out; by least squares, or with `model=poisson|nb` by the core's
 * count model (`fitGlm`, the same fit as `tikfit fit --model`). The engine's errors are rethrown with the function's name in
 * front (in place of "solveLeastSquares: ", the one engine prefix left), and row numbers counting the ranges' rows.
 *
 * Cost: O(cells) to read the ranges, then `buildDesign` and the fit: O(n·p²) for n used rows and p terms (a count
 * model: a few such fits).
 * @throws Error naming the function for anything `rangeToGrid`, `buildDesign`, `fitOls` or `fitGlm` reject: bad
 *   ranges, a non-numeric y, a date, fewer rows than parameters, a constant y, the log target of a value ≤ −1, no
 *   complete rows, a negative count or all-zero counts.
 */
export function fitFromRanges(
  functionName: string,
  knownY: unknown,
  knownX: unknown,
  options: FormulaOptions,
): RangeFit {
  const range = rangeToGrid(functionName, knownY, knownX);
  try {
    const design = buildDesign(range.grid, {
      target: range.target,
      intercept: options.intercept,
      logTarget: options.logTarget,
    });
    const { model, level, robust } = options;
    const results = model === 'ols' ? fitOls(design, { level, robust }) : fitGlm(design, { model, level });
    return { results, design, range, options };
  } catch (error) {
    throw renameError(functionName, error, range.hasHeader ? 0 : -1);
  }
}

/**
 * An engine error re-addressed to the formula: the formula's name in front (in place of "solveLeastSquares: ", the
 * only engine function that still names itself in its errors; buildDesign, fitOls and fitGlm say what is wrong), and
 * "row N" (a row of the grid given to the engine, whose header row is 1) shifted by `rowShift` to a row of the ranges.
 * Cost: O(length of the message).
 */
export function renameError(functionName: string, error: unknown, rowShift: number): Error {
  const message = error instanceof Error ? error.message : String(error);
  const renamed = message
    .replace(/^solveLeastSquares: /, `${functionName}: `)
    .replace(/\brow (\d+)\b/g, (_, row: string) => `row ${Number(row) + rowShift}`);
  return new Error(renamed.startsWith(`${functionName}: `) ? renamed : `${functionName}: ${renamed}`, { cause: error });
}
