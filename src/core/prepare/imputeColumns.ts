import { codePointCompare } from '../cells/codePointCompare';
import { lazyNumberFacts, textOf, type ColumnInfo } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { columnWriter, deriveTable, infoOf, insertColumn, onGrid, requireColumn, type Table } from '../cells/table';
import { ownEntry } from './grid';

/** How to fill one column's missing cells: a statistic of its values, a constant, or dropping those rows. */
export type ImputeMethod = 'mean' | 'median' | 'mode' | 'drop' | { constant: number | string };

/** Options for `imputeTable`. */
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

/** What `imputeTable` did. */
export interface ImputeReport {
  step: 'impute';
  columns: {
    column: string;
    method: string;
    value: number | string | null;
    imputed: number;
    rowsDropped: number;
    /** Of the cells filled (or rows dropped), those that held text that is not a number ("1O24"), with their rows. */
    strays?: { row: number; text: string }[];
  }[];
  rowsBefore: number;
  rowsAfter: number;
}

/**
 * Fills missing cells column by column. In a numeric column, a cell that is not a number ("1O24" among counts) is
 * missing too. Mean and median are of the column's values; the mode is the most frequent value, ties going to the
 * smallest (numerically, or in code-point order for text). 'drop' removes the rows instead. Empty, identifier and
 * date columns are skipped. Returns a new table. Cost: O(cells), plus a sort per median.
 * @throws Error for an unknown column, a mean or median of a text column, or nothing to impute from.
 */
export function imputeTable(table: Table, options: ImputeOptions = {}): { table: Table; report: ImputeReport } {
  const header = table.names;
  for (const name of Object.keys(options.methods ?? {})) requireColumn(table, name, 'named for imputation');
  const skip = new Set(options.skip ?? []);
  const writer = columnWriter(table);
  let rowCount = writer.rowCount;
  let sources: number[] = table.rowSources.slice();
  const report: ImputeReport = { step: 'impute', columns: [], rowsBefore: rowCount, rowsAfter: 0 };
  const changed: number[] = [];
  const filledInfos = new Map<number, ColumnInfo>();
  // Which input rows (by their index in the input) were missing each column: flags are computed for the final rows,
  // so a later 'drop' of another column cannot shift them onto the wrong rows.
  const indicatorColumns: { after: number; name: string; missingRows: Set<number> }[] = [];
  // The input rows still there, by their index in the input: a drop removes rows, so the original numbers of a
  // column are looked up through this.
  let inputIndex = Array.from({ length: rowCount }, (_, i) => i);
  header.forEach((name, j) => {
    if (skip.has(name)) return;
    const info = infoOf(table, j);
    const kind = info.kind;
    if (kind === 'empty' || kind === 'identifier' || kind === 'date') return;
    const isText = kind === 'categorical';
    const numbers = info.values;
    // Which rows miss this column, listed in a tight loop (a test per call through a closure over the changing rows
    // took 0.2 s of this step at 100,000 × 30, in a profile of bench/pipeline-one.mjs).
    const missingRows: number[] = [];
    const column = writer.columns[j] as unknown[];
    if (isText || numbers === null) {
      for (let i = 0; i < rowCount; i++) if (isMissingValue(column[i])) missingRows.push(i);
    } else {
      const index = inputIndex;
      for (let i = 0; i < rowCount; i++) {
        const v = numbers[index[i] as number] as number;
        if (v !== v) missingRows.push(i);
      }
    }
    // Nothing to fill, or nothing to fill from: a column an earlier drop left without values is skipped, so that
    // imputation never empties the table on its own.
    if (missingRows.length === 0 || missingRows.length === rowCount) return;
    const strays: { row: number; text: string }[] = [];
    for (const i of missingRows) {
      const cell = column[i];
      if (!isMissingValue(cell)) strays.push({ row: (sources[i] as number) + 2, text: textOf(cell) });
    }
    const method =
      ownEntry(options.methods, name) ?? (isText ? (options.categorical ?? 'mode') : (options.numeric ?? 'mean'));
    const entryStrays = strays.length > 0 ? { strays } : {};
    if (method === 'drop') {
      const before = rowCount;
      const drop = new Set(missingRows);
      const kept = inputIndex.map((_, i) => i).filter((i) => !drop.has(i));
      writer.keep(kept);
      rowCount = writer.rowCount;
      sources = kept.map((i) => sources[i] as number);
      inputIndex = kept.map((i) => inputIndex[i] as number);
      report.columns.push({
        column: name,
        method: 'drop',
        value: null,
        imputed: 0,
        rowsDropped: before - rowCount,
        ...entryStrays,
      });
      return;
    }
    // A numeric column's mean is summed from its values where they are, in row order as from a list of them (no
    // copy of 330,000 values per column to collect as garbage).
    const value =
      method === 'mean' && !isText && numbers !== null
        ? meanOfPresent(numbers, inputIndex, rowCount)
        : imputedValue(presentCells(column, missingRows, isText ? null : numbers, inputIndex), method, isText, name);
    for (const i of missingRows) writer.set(i, j, value);
    if (options.indicators)
      indicatorColumns.push({
        after: j,
        name: `${name}_missing`,
        missingRows: new Set(missingRows.map((i) => inputIndex[i] as number)),
      });
    changed.push(j);
    if (rowCount === report.rowsBefore) {
      const filled = filledInfo(info, missingRows, value, method === 'mode');
      if (filled !== null) filledInfos.set(j, filled);
    }
    report.columns.push({
      column: name,
      method: typeof method === 'string' ? method : 'constant',
      value,
      imputed: missingRows.length,
      rowsDropped: 0,
      ...entryStrays,
    });
  });
  report.rowsAfter = rowCount;
  const dropped = report.rowsAfter < report.rowsBefore;
  const columns = writer.columns;
  let result = deriveTable(
    table,
    dropped ? { columns, rowSources: sources } : { columns, changed, infos: filledInfos },
  );
  // Indicator columns go right after their column; insert from the right so indices stay valid.
  for (const indicator of indicatorColumns.reverse()) {
    if (header.includes(indicator.name))
      throw new Error(`Cannot add the column "${indicator.name}": a column has that name already; rename it`);
    const flags = inputIndex.map((i) => (indicator.missingRows.has(i) ? 1 : 0));
    result = insertColumn(result, indicator.after + 1, indicator.name, flags);
  }
  return { table: result, report };
}

/**
 * The cells of a column not in `missingRows` (ascending), in row order: a numeric column's values (`numbers`, read
 * through `inputIndex`; NaN exactly where a row misses it) in a Float64Array, not a list of boxed numbers (same sums,
 * less garbage); else the cells. Cost: O(rows).
 */
function presentCells(
  column: readonly unknown[],
  missingRows: readonly number[],
  numbers: Float64Array | null,
  inputIndex: readonly number[],
): Float64Array | unknown[] {
  const rows = inputIndex.length;
  if (numbers !== null) {
    const values = new Float64Array(rows - missingRows.length);
    let count = 0;
    for (let i = 0; i < rows; i++) {
      const v = numbers[inputIndex[i] as number] as number;
      if (v === v) values[count++] = v;
    }
    return values;
  }
  const cells: unknown[] = [];
  let next = 0;
  for (let i = 0; i < rows; i++) {
    if (i === missingRows[next]) next++;
    else cells.push(column[i]);
  }
  return cells;
}

/** The mean of the values (through `inputIndex`) that are not NaN, added left to right as `imputedValue` adds them. */
function meanOfPresent(numbers: Float64Array, inputIndex: readonly number[], rows: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const v = numbers[inputIndex[i] as number] as number;
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return sum / count;
}

/** `imputeTable` on a grid (header row first). */
export const imputeColumns = onGrid(imputeTable);

/**
 * A column's classification after `value` filled its missing rows (no row dropped), without reading its cells again:
 * a numeric column's values with the blanks and strays filled, a categorical column filled with its mode (one of its
 * labels) with no blank left. Null when the cells must be read again: a binary column (a mean may make it numeric), a
 * categorical one filled with a constant, or a value of another type than the column's. Cost: O(rows) for a numeric
 * column, O(1) for a categorical one.
 */
function filledInfo(
  info: ColumnInfo,
  missingRows: readonly number[],
  value: number | string,
  mode: boolean,
): ColumnInfo | null {
  const rows = info.present + info.missing;
  if (info.kind === 'categorical') return mode && info.distinct > 0 ? { ...info, present: rows, missing: 0 } : null;
  if (info.kind !== 'numeric' || typeof value !== 'number' || info.values === null) return null;
  const values = info.values.slice();
  for (const i of missingRows) values[i] = value;
  const { style, formatted, nonFinite, kind } = info;
  // In columnInfo's order; zeros, fractional and distinct counted from the filled values only when read.
  return lazyNumberFacts({ present: rows, missing: 0, style, formatted, nonFinite, kind, values, strays: [] }, values);
}

function imputedValue(
  present: ArrayLike<unknown> & Iterable<unknown>,
  method: Exclude<ImputeMethod, 'drop'>,
  isText: boolean,
  name: string,
): number | string {
  if (typeof method === 'object') return method.constant;
  if (present.length === 0)
    throw new Error(`"${name}" has no values to fill its blanks from: give it some, or leave the column out`);
  if (method === 'mode') return modeOf(present, isText);
  if (isText)
    throw new Error(`"${name}" is text, so its ${method} is undefined: impute it with the mode or a constant`);
  const values = present as unknown as number[]; // a Float64Array: reduce and sort behave the same
  if (method === 'mean') {
    let sum = 0; // left to right, as reduce adds
    for (let i = 0; i < values.length; i++) sum += values[i] as number;
    return sum / values.length;
  }
  if (method === 'median') {
    values.sort((a, b) => a - b);
    const middle = values.length >> 1;
    return values.length % 2 === 1
      ? (values[middle] as number)
      : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
  }
  throw new Error(`Unknown imputation "${String(method)}" for "${name}": use mean, median, mode, drop or a constant`);
}

/** The most frequent value; ties go to the smallest number, or the first text in code-point order. */
export function modeOf(cells: Iterable<unknown>, isText: boolean): number | string {
  const counts = new Map<string, { count: number; value: number | string }>();
  for (const cell of cells) {
    const value: number | string = isText ? textOf(cell) : (parseNumber(cell) as number);
    const key = String(value);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, value });
  }
  let best: { count: number; value: number | string } | null = null;
  for (const entry of counts.values()) {
    if (best === null || entry.count > best.count) best = entry;
    else if (entry.count === best.count) {
      const smaller = isText
        ? codePointCompare(String(entry.value), String(best.value)) < 0
        : (entry.value as number) < (best.value as number);
      if (smaller) best = entry;
    }
  }
  return (best as { value: number | string }).value;
}
