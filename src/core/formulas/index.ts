import { modelStatistic, termStatistic, type ModelStatistic, type TermStatistic } from './answerFromSummary';
import { contentKey } from './contentKey';
import { fitFromRanges } from './fitFromRanges';
import { formulaTable, type TableCell } from './formulaTable';
import { formatFormulaOptions, parseFormulaOptions } from './parseFormulaOptions';
import { predictFromRanges } from './predictFromRanges';
import { isFitSummary, summarizeForCache, type FitSummary } from './summarizeForCache';

export { contentKey } from './contentKey';
export { fitFromRanges, renameError, type RangeFit } from './fitFromRanges';
export { findTerm, listTerms } from './findTerm';
export { formulaTable, TABLE_HEADER, type TableCell } from './formulaTable';
export {
  parseFormulaOptions,
  formatFormulaOptions,
  DEFAULT_FORMULA_OPTIONS,
  type FormulaOptions,
} from './parseFormulaOptions';
export { predictFromRanges } from './predictFromRanges';
export { rangeToGrid, isHeaderCell, type RangeGrid, type RangeColumn } from './rangeToGrid';
export {
  summarizeForCache,
  isFitSummary,
  FIT_SUMMARY_VERSION,
  type FitSummary,
  type FitSummaryColumn,
} from './summarizeForCache';
export { termStatistic, modelStatistic, type TermStatistic, type ModelStatistic } from './answerFromSummary';

/**
 * Where fits are remembered between formula calls. In Sheets every formula cell is its own execution with a fresh
 * load of the script, so the add-on plugs in CacheService (shared by the executions of one document) and
 * LockService. `get` may return anything it stored earlier (a value that is not a current `FitSummary` is ignored
 * and refitted).
 */
export interface FitMemo {
  get(key: string): FitSummary | undefined;
  set(key: string, summary: FitSummary): void;
  /**
   * Optional: runs `work` — look `key` up again, and on a miss fit and `set` — so that executions running at the
   * same time over the same ranges fit once: the first fits while the others wait, then find the fit in `get`. The
   * add-on holds the document lock around it. Must run `work` exactly once, and return or throw what it does.
   */
  exclusive?<T>(key: string, work: () => T): T;
}

/**
 * The summary of the fit of known_y on known_x with these options: from `memo` when it has one under the inputs'
 * `contentKey`, otherwise fitted (`fitFromRanges` → `summarizeForCache`) and stored in `memo` — inside
 * `memo.exclusive` when there is one, looking the key up once more there. Failed fits are not remembered. Every
 * TIKFIT function answers from this summary, so a fresh and a cached fit give identical answers.
 *
 * Cost: O(cells) for the key; on a miss, the fit: O(n·p²).
 * @throws Error naming the function for bad options or anything `fitFromRanges` rejects.
 */
export function fitSummaryFor(
  functionName: string,
  knownY: unknown,
  knownX: unknown,
  options: unknown,
  memo?: FitMemo,
): FitSummary {
  const parsed = parseFormulaOptions(functionName, options);
  const fit = (): FitSummary => summarizeForCache(fitFromRanges(functionName, knownY, knownX, parsed));
  if (memo === undefined) return fit();
  const key = contentKey(knownY, knownX, formatFormulaOptions(parsed));
  const lookUp = (): FitSummary | undefined => {
    const cached = memo.get(key);
    return cached !== undefined && isFitSummary(cached) ? cached : undefined;
  };
  const fitAndStore = (): FitSummary => {
    const summary = fit();
    memo.set(key, summary);
    return summary;
  };
  const hit = lookUp();
  if (hit !== undefined) return hit;
  if (memo.exclusive === undefined) return fitAndStore();
  return memo.exclusive(key, () => lookUp() ?? fitAndStore());
}

/**
 * TIKFIT(known_y, known_x, [options]): the labeled coefficient and summary table (see `formulaTable`).
 * Cost: as `fitSummaryFor`, plus O(terms). @throws Error whose message names TIKFIT.
 */
export function tikfitTable(knownY: unknown, knownX: unknown, options?: unknown, memo?: FitMemo): TableCell[][] {
  return formulaTable(fitSummaryFor('TIKFIT', knownY, knownX, options, memo));
}

function termFormula(functionName: string, statistic: TermStatistic) {
  return (knownY: unknown, knownX: unknown, term: unknown, options?: unknown, memo?: FitMemo): number =>
    termStatistic(functionName, fitSummaryFor(functionName, knownY, knownX, options, memo), term, statistic);
}

function modelFormula(functionName: string, statistic: ModelStatistic) {
  return (knownY: unknown, knownX: unknown, options?: unknown, memo?: FitMemo): number =>
    modelStatistic(functionName, fitSummaryFor(functionName, knownY, knownX, options, memo), statistic);
}

/**
 * TIKFIT_COEF(known_y, known_x, term, [options]): a term's estimate (see `findTerm` for `term`).
 * Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_COEF.
 */
export const tikfitCoef: (
  knownY: unknown,
  knownX: unknown,
  term: unknown,
  options?: unknown,
  memo?: FitMemo,
) => number = termFormula('TIKFIT_COEF', 'estimate');
/**
 * TIKFIT_STDERR(known_y, known_x, term, [options]): a term's standard error (classical, or HC3 with robust=hc3).
 * Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_STDERR.
 */
export const tikfitStdErr: (
  knownY: unknown,
  knownX: unknown,
  term: unknown,
  options?: unknown,
  memo?: FitMemo,
) => number = termFormula('TIKFIT_STDERR', 'stdError');
/**
 * TIKFIT_TSTAT(known_y, known_x, term, [options]): a term's t statistic (its Wald z for a count model).
 * Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_TSTAT.
 */
export const tikfitTStat: (
  knownY: unknown,
  knownX: unknown,
  term: unknown,
  options?: unknown,
  memo?: FitMemo,
) => number = termFormula('TIKFIT_TSTAT', 'tStat');
/** TIKFIT_PVALUE(known_y, known_x, term, [options]): a term's two-sided p-value. Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_PVALUE. */
export const tikfitPValue: (
  knownY: unknown,
  knownX: unknown,
  term: unknown,
  options?: unknown,
  memo?: FitMemo,
) => number = termFormula('TIKFIT_PVALUE', 'pValue');
/**
 * TIKFIT_R2(known_y, known_x, [options]): R² (uncentred with intercept=false, as R); least squares only.
 * Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_R2.
 */
export const tikfitR2: (knownY: unknown, knownX: unknown, options?: unknown, memo?: FitMemo) => number = modelFormula(
  'TIKFIT_R2',
  'rSquared',
);
/**
 * TIKFIT_ADJR2(known_y, known_x, [options]): adjusted R²; least squares only.
 * Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_ADJR2.
 */
export const tikfitAdjR2: (knownY: unknown, knownX: unknown, options?: unknown, memo?: FitMemo) => number =
  modelFormula('TIKFIT_ADJR2', 'adjRSquared');
/**
 * TIKFIT_RMSE(known_y, known_x, [options]): σ̂, the in-sample residual standard error on the fitted scale
 * (of log1p(y) with log-target); least squares only. Cost: as `fitSummaryFor`. @throws Error naming TIKFIT_RMSE.
 */
export const tikfitRmse: (knownY: unknown, knownX: unknown, options?: unknown, memo?: FitMemo) => number = modelFormula(
  'TIKFIT_RMSE',
  'residualStdError',
);

/**
 * TIKFIT_PREDICT(known_y, known_x, new_x, [options]): one prediction per row of new_x, in the target's units (an
 * expected count with model=poisson|nb; see `predictFromRanges`).
 * Cost: as `fitSummaryFor`, plus O(rows of new_x × terms). @throws Error naming TIKFIT_PREDICT.
 */
export function tikfitPredict(
  knownY: unknown,
  knownX: unknown,
  newX: unknown,
  options?: unknown,
  memo?: FitMemo,
): (number | string)[][] {
  return predictFromRanges('TIKFIT_PREDICT', fitSummaryFor('TIKFIT_PREDICT', knownY, knownX, options, memo), newX);
}
