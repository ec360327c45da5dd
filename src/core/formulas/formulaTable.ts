import type { FitSummary } from './summarizeForCache';

/** A cell of the TIKFIT table. */
export type TableCell = string | number;

/** The TIKFIT table's header row. */
export const TABLE_HEADER: readonly string[] = ['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high'];

/**
 * The table TIKFIT spills, 7 cells wide: the header row (Term, Estimate, Std. Error, t, p-value, CI low, CI high),
 * one row per term, a blank row, then one row each for R², Adjusted R², F, F p-value, Residual std. error and n
 * (label, value, then ""). Numbers are full-precision; an undefined statistic is "". An aliased term's row is its
 * name, "" for the estimate, "aliased" in the Std. Error column, and "" for the rest. The CI columns are at the fit's
 * level (options `level`); with log1p the estimates are on the log1p scale and "Residual std. error" is σ̂ of log1p(y).
 *
 * Cost: O(terms).
 */
export function formulaTable(summary: FitSummary): TableCell[][] {
  const width = TABLE_HEADER.length;
  const cell = (value: number | null | undefined): TableCell => (value === null || value === undefined ? '' : value);
  const rows: TableCell[][] = [[...TABLE_HEADER]];
  summary.terms.forEach((term, j) => {
    if (summary.aliased[j]) {
      rows.push([term, '', 'aliased', '', '', '', '']);
      return;
    }
    rows.push([
      term,
      cell(summary.estimate[j]),
      cell(summary.stdError[j]),
      cell(summary.tStat[j]),
      cell(summary.pValue[j]),
      cell(summary.ciLower[j]),
      cell(summary.ciUpper[j]),
    ]);
  });
  const padded = (label: string, value: TableCell): TableCell[] => [
    label,
    value,
    ...new Array<TableCell>(width - 2).fill(''),
  ];
  rows.push(new Array<TableCell>(width).fill(''));
  rows.push(padded('R²', cell(summary.rSquared)));
  rows.push(padded('Adjusted R²', cell(summary.adjRSquared)));
  rows.push(padded('F', cell(summary.fStatistic)));
  rows.push(padded('F p-value', cell(summary.fPValue)));
  rows.push(padded('Residual std. error', cell(summary.residualStdError)));
  rows.push(padded('n', summary.n));
  return rows;
}
