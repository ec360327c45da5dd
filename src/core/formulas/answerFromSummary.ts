import { findTerm } from './findTerm';
import type { FitSummary } from './summarizeForCache';

/** A per-term statistic a formula returns. */
export type TermStatistic = 'estimate' | 'stdError' | 'tStat' | 'pValue';

/** A whole-model statistic a formula returns. */
export type ModelStatistic = 'rSquared' | 'adjRSquared' | 'residualStdError';

const TERM_WORDS: Record<TermStatistic, string> = {
  estimate: 'estimate',
  stdError: 'standard error',
  tStat: 't statistic',
  pValue: 'p-value',
};
const MODEL_WORDS: Record<ModelStatistic, string> = {
  rSquared: 'R²',
  adjRSquared: 'adjusted R²',
  residualStdError: 'residual standard error',
};

/**
 * Why a statistic of this fit is undefined, for an error message. Cost: O(1).
 */
export function undefinedReason(summary: Pick<FitSummary, 'dfResidual' | 'options'>): string {
  if (summary.dfResidual === 0) return 'there are no residual degrees of freedom (as many parameters as rows used)';
  if (summary.options.robust === 'hc3')
    return 'HC3 is undefined when a row has leverage 1 (a level seen in only one row?)';
  return 'it is not a finite number';
}

/**
 * One statistic of one term (see `findTerm` for how `term` is read), from a summary.
 *
 * Cost: O(terms).
 * @throws Error naming the function when the term is not found, is aliased (it has no estimate), or the statistic is
 *   undefined (no residual degrees of freedom; HC3 at leverage 1).
 */
export function termStatistic(
  functionName: string,
  summary: FitSummary,
  term: unknown,
  statistic: TermStatistic,
): number {
  const j = findTerm(functionName, summary, term);
  const name = summary.terms[j] as string;
  const word = statistic === 'tStat' && summary.options.model !== 'ols' ? 'z statistic' : TERM_WORDS[statistic];
  if (summary.aliased[j])
    throw new Error(
      `${functionName}: "${name}" is aliased (an exact combination of other terms), so it has no ${word}`,
    );
  const value = summary[statistic][j];
  if (value === null || value === undefined)
    throw new Error(`${functionName}: the ${word} of "${name}" is undefined: ${undefinedReason(summary)}`);
  return value;
}

/**
 * R², adjusted R² or σ̂ (on the fitted scale) from a summary of a least-squares fit.
 *
 * Cost: O(1).
 * @throws Error naming the function for a count model (it has none of these), or when the statistic is undefined
 *   (adjusted R² and σ̂ with no residual degrees of freedom).
 */
export function modelStatistic(functionName: string, summary: FitSummary, statistic: ModelStatistic): number {
  const { model } = summary.options;
  if (model !== 'ols')
    throw new Error(
      `${functionName}: a count model (model=${model}) has no ${MODEL_WORDS[statistic]}; ` +
        'TIKFIT with the same options gives its deviance and AIC',
    );
  const value = summary[statistic];
  if (value === null)
    throw new Error(
      `${functionName}: the ${MODEL_WORDS[statistic]} is undefined: ${undefinedReason({ ...summary, options: { ...summary.options, robust: 'classical' } })}`,
    );
  return value;
}
