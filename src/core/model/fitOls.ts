import type { Design } from './design';
import { solveLeastSquares, type LeastSquaresOptions } from '../numerics/leastSquares';
import { OlsResults, type StandardErrorKind } from './olsResults';

/** Options for `fitOls`. */
export interface FitOptions extends LeastSquaresOptions {
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  level?: number;
  /** 'classical' (default) or 'hc3' heteroskedasticity-robust standard errors. */
  robust?: StandardErrorKind;
}

/**
 * Fits y = X·b + e by ordinary least squares and returns an `OlsResults`, whose statistics are computed on demand.
 *
 * Aliased terms (exact combinations of earlier ones, found while rows remain) are set aside first, as R's lm()
 * does; only then are rows counted against terms: 3 rows with 4 terms, one of them aliased, fit rank 3 with 0
 * residual degrees of freedom, as in R (issue 13). A term reached after the rows are used up cannot be told from an
 * aliased one, so that design is refused.
 *
 * Cost: O(n·p²) for the solve (see `solveLeastSquares`); statistics add O(n·p) or O(p³), HC3 O(n·p²).
 * @throws Error when the level is not in (0, 1), the design has fewer rows than its non-aliased terms, or the
 *   target is constant.
 */
export function fitOls(design: Design, options: FitOptions = {}): OlsResults {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`The confidence level must be between 0 and 1, got ${level}`);
  const robust = options.robust ?? 'classical';
  if (robust !== 'classical' && robust !== 'hc3')
    throw new Error(`Unknown standard errors "${String(robust)}": use classical or hc3`);
  const y = design.y;
  const solution = solveLeastSquares(design.x, design.rows, design.columns, y, options);
  // Terms reached once the kept ones number as many as the rows: the QR sets them aside, but not because they are
  // combinations of earlier terms.
  let outOfRows = 0;
  let keptBefore = 0;
  for (let j = 0; j < design.columns; j++) {
    if (!solution.aliased[j]) keptBefore++;
    else if (keptBefore >= design.rows) outOfRows++;
  }
  if (outOfRows > 0) {
    const parameters = design.columns - (solution.aliased.filter(Boolean).length - outOfRows);
    throw new Error(
      `${design.rows} row${design.rows === 1 ? '' : 's'} cannot estimate ${parameters} parameters; use more rows or fewer columns`,
    );
  }
  let constant = true;
  for (let i = 1; i < y.length && constant; i++) constant = y[i] === y[0];
  if (constant) throw new Error(`the target "${design.target}" is constant (${y[0]}), so there is nothing to explain`);
  return new OlsResults(design, solution, level, robust);
}
