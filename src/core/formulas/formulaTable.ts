import { COEFFICIENT_HEADER } from '../cells/safeText';
import { GLM_COEFFICIENT_HEADER } from '../model/glmResults';
import type { FitSummary } from './summarizeForCache';

/** A cell of the TIKFIT table. */
export type TableCell = string | number;

/** The TIKFIT table's header row: the coefficient table's (as the results sheet and the CLI's CSV), less VIF. */
export const TABLE_HEADER: readonly string[] = COEFFICIENT_HEADER.slice(0, -1);

/**
 * The table TIKFIT spills. For least squares, 7 cells wide: the header row (Term, Estimate, Std. Error, t, p-value,
 * CI low, CI high), one row per term, a blank row, then one row each for R², Adjusted R², F, F p-value, Residual std.
 * error and n (label, value, then ""). For a count model (model=poisson|nb), 10 cells wide: z instead of t, then
 * exp(Estimate) and its interval (the factor on the expected count), and after the blank row θ and its standard
 * error (negative binomial only), Deviance, Null deviance, AIC and n. Numbers are full-precision; an undefined
 * statistic is "". An aliased term's row is its name, "" for the estimate, "aliased" in the Std. Error column, and ""
 * for the rest. The CI columns are at the fit's level (options `level`); with log-target the estimates are on the
 * log1p scale and "Residual std. error" is σ̂ of log1p(y); a count model's estimates are on the log scale.
 *
 * Cost: O(terms).
 */
export function formulaTable(summary: FitSummary): TableCell[][] {
  const count = summary.options.model !== 'ols';
  const header = count ? GLM_COEFFICIENT_HEADER : TABLE_HEADER;
  const width = header.length;
  const cell = (value: number | null | undefined): TableCell => (value === null || value === undefined ? '' : value);
  const exp = (value: number | null | undefined): TableCell => (typeof value === 'number' ? Math.exp(value) : '');
  const rows: TableCell[][] = [[...header]];
  summary.terms.forEach((term, j) => {
    if (summary.aliased[j]) {
      rows.push([term, '', 'aliased', ...new Array<TableCell>(width - 3).fill('')]);
      return;
    }
    const row = [
      term,
      cell(summary.estimate[j]),
      cell(summary.stdError[j]),
      cell(summary.tStat[j]),
      cell(summary.pValue[j]),
      cell(summary.ciLower[j]),
      cell(summary.ciUpper[j]),
    ];
    if (count) row.push(exp(summary.estimate[j]), exp(summary.ciLower[j]), exp(summary.ciUpper[j]));
    rows.push(row);
  });
  const padded = (label: string, value: TableCell): TableCell[] => [
    label,
    value,
    ...new Array<TableCell>(width - 2).fill(''),
  ];
  rows.push(new Array<TableCell>(width).fill(''));
  const statistics: [string, number | null][] = count
    ? [
        ...(summary.options.model === 'nb'
          ? ([
              ['θ', summary.theta],
              ['θ std. error', summary.thetaStdError],
            ] as [string, number | null][])
          : []),
        ['Deviance', summary.deviance],
        ['Null deviance', summary.nullDeviance],
        ['AIC', summary.aic],
      ]
    : [
        ['R²', summary.rSquared],
        ['Adjusted R²', summary.adjRSquared],
        ['F', summary.fStatistic],
        ['F p-value', summary.fPValue],
        ['Residual std. error', summary.residualStdError],
      ];
  for (const [label, value] of statistics) rows.push(padded(label, cell(value)));
  rows.push(padded('n', summary.n));
  return rows;
}
