import { codePointCompare } from '../codePointCompare';
import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { checkGrid, columnIndex, columnKind, labelOf, ownEntry, type Grid } from './grid';

/** How to fill one column's missing cells: a statistic of its values, a constant, or dropping those rows. */
export type ImputeMethod = 'mean' | 'median' | 'mode' | 'drop' | { constant: number | string };

/** Options for `imputeColumns`. */
export interface ImputeOptions {
  /** Per column; columns not named use `numeric` or `categorical` by their kind. */
  methods?: Readonly<Record<string, ImputeMethod>>;
  /** Default for numeric and binary columns (default 'mean'). */
  numeric?: ImputeMethod;
  /** Default for categorical columns (default 'mode'). */
  categorical?: ImputeMethod;
  /** Columns to leave alone (excluded or ignored ones). */
  skip?: readonly string[];
  /** Add a 0/1 column `<name>_missing` beside each imputed column (default false). */
  indicators?: boolean;
}

/** What `imputeColumns` did. */
export interface ImputeReport {
  step: 'impute';
  columns: { column: string; method: string; value: number | string | null; imputed: number; rowsDropped: number }[];
  rowsBefore: number;
  rowsAfter: number;
}

/**
 * Fills missing cells column by column. Mean and median are of the column's values; the mode is the most frequent
 * value, ties going to the smallest (numerically, or in code-point order for text). 'drop' removes the rows instead.
 * Empty and identifier columns are skipped. Returns a new grid. Cost: O(cells), plus a sort per median.
 * @throws Error for malformed grids, an unknown column, a mean or median of a text column, or nothing to impute from.
 */
export function imputeColumns(grid: Grid, options: ImputeOptions = {}): { grid: Grid; report: ImputeReport } {
  const header = checkGrid(grid, 'imputeColumns');
  for (const name of Object.keys(options.methods ?? {})) columnIndex(header, name, 'imputeColumns');
  const skip = new Set(options.skip ?? []);
  let rows: unknown[][] = grid.slice(1).map((row) => row.slice());
  const report: ImputeReport = { step: 'impute', columns: [], rowsBefore: rows.length, rowsAfter: 0 };
  // Which row arrays were missing each column: flags are computed from the final rows, so a later 'drop' of
  // another column cannot shift them onto the wrong rows.
  const indicatorColumns: { after: number; name: string; missingRows: Set<unknown[]> }[] = [];
  header.forEach((name, j) => {
    if (skip.has(name)) return;
    const cells = rows.map((row) => row[j]);
    const kind = columnKind(cells);
    if (kind === 'empty' || kind === 'identifier') return;
    const missing = cells.filter(isMissingValue).length;
    if (missing === 0) return;
    const isText = kind === 'categorical';
    const method = ownEntry(options.methods, name) ?? (isText ? options.categorical ?? 'mode' : options.numeric ?? 'mean');
    if (method === 'drop') {
      const before = rows.length;
      rows = rows.filter((row) => !isMissingValue(row[j]));
      report.columns.push({ column: name, method: 'drop', value: null, imputed: 0, rowsDropped: before - rows.length });
      return;
    }
    const value = imputedValue(cells, method, isText, name);
    if (options.indicators) indicatorColumns.push({ after: j, name: `${name}_missing`, missingRows: new Set(rows.filter((row) => isMissingValue(row[j]))) });
    for (const row of rows) if (isMissingValue(row[j])) row[j] = value;
    report.columns.push({ column: name, method: typeof method === 'string' ? method : 'constant', value, imputed: missing, rowsDropped: 0 });
  });
  report.rowsAfter = rows.length;
  let out: Grid = [header.slice(), ...rows];
  // Indicator columns go right after their column; insert from the right so indices stay valid.
  for (const indicator of indicatorColumns.reverse()) {
    if (header.includes(indicator.name)) throw new Error(`imputeColumns: cannot add "${indicator.name}": a column has that name already`);
    const flags = rows.map((row) => (indicator.missingRows.has(row) ? 1 : 0));
    out = out.map((row, i) => [...row.slice(0, indicator.after + 1), i === 0 ? indicator.name : flags[i - 1], ...row.slice(indicator.after + 1)]);
  }
  return { grid: out, report };
}

function imputedValue(cells: readonly unknown[], method: Exclude<ImputeMethod, 'drop'>, isText: boolean, name: string): number | string {
  if (typeof method === 'object') return method.constant;
  const present = cells.filter((cell) => !isMissingValue(cell));
  if (present.length === 0) throw new Error(`imputeColumns: "${name}" has no values to impute from`);
  if (method === 'mode') return modeOf(present, isText);
  if (isText) throw new Error(`imputeColumns: "${name}" is text, so its ${method} is undefined; use mode or a constant`);
  const values = present.map((cell) => parseNumber(cell) as number);
  if (method === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  if (method === 'median') {
    values.sort((a, b) => a - b);
    const middle = values.length >> 1;
    return values.length % 2 === 1 ? (values[middle] as number) : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
  }
  throw new Error(`imputeColumns: unknown method "${String(method)}" for "${name}"; use mean, median, mode, drop or a constant`);
}

/** The most frequent value; ties go to the smallest number, or the first text in code-point order. */
export function modeOf(cells: readonly unknown[], isText: boolean): number | string {
  const counts = new Map<string, { count: number; value: number | string }>();
  for (const cell of cells) {
    const value: number | string = isText ? labelOf(cell) : (parseNumber(cell) as number);
    const key = String(value);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, value });
  }
  let best: { count: number; value: number | string } | null = null;
  for (const entry of counts.values()) {
    if (best === null || entry.count > best.count) best = entry;
    else if (entry.count === best.count) {
      const smaller = isText ? codePointCompare(String(entry.value), String(best.value)) < 0 : (entry.value as number) < (best.value as number);
      if (smaller) best = entry;
    }
  }
  return (best as { value: number | string }).value;
}

