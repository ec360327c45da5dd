/**
 * Writing an in-place step's result back into the sheet, touching only what the step changed. The step's result
 * says where every output row and column came from (`GridChange`); the sheet is first given the same shape with
 * Sheets' own operations — dropped rows deleted, replaced columns deleted, new columns inserted — so that Sheets
 * moves formulas, notes, formats and references from other sheets with their cells, and then only the cells whose
 * value changed are written.
 *
 * Formulas the step does not change stay formulas (a like-rate column `=C2/B2` survives Clean, Impute and Encode,
 * its references moved by Sheets). A formula the step would change — its value differs, its column is replaced, or
 * a deletion would turn a reference of it into #REF! — is written as a value only when the caller says so
 * (`convertFormulas`); `planChanges` lists those cells first, so that the caller can ask before touching anything.
 */
import { sheetsText } from '../core/cells/safeText';
import { isDateValue } from '../core/cells/isDateValue';
import { columnLetter } from '../core/cells/table';
import type { FormulaConfirm } from './api';
import { breaksOnDelete, lowerBound } from './formulaReferences';
import type { SheetData, SheetDataForStep } from './sheetData';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A step's new grid and where it came from: for each output data row (0-based, below the header) the index of the
 * input data row it came from (rows are only dropped, never reordered or added), and for each output column the
 * index of the input column it came from, or null for a new column. Input columns come out in their order.
 */
export interface GridChange {
  grid: readonly (readonly unknown[])[];
  rowSources: readonly number[];
  columnSources: readonly (number | null)[];
}

/** What writing a step's result will do, decided before anything is written. */
export interface ChangePlan {
  /** A1 cells (as the sheet is now) of the formulas the step would replace by values, row by row. */
  formulaCells: string[];
  /** Sheet rows (1-based, ascending) to delete. */
  deletedRows: number[];
  /** Sheet columns (1-based, ascending, as the sheet is now) to delete. */
  deletedColumns: number[];
  /** Runs of new columns: insert `count` columns right after input column `after` (0-based; -1: before the first). */
  insertedColumns: { after: number; count: number }[];
  /** The grid to end with, and per output cell whether it is written and whether it stays a formula. */
  grid: readonly (readonly unknown[])[];
  /** For each output column, the output rows (0-based, header 0) whose cell is written. */
  changedRows: number[][];
  /** For each output column, the output rows holding a formula that stays. */
  formulaRows: number[][];
  /** For each output cell that keeps its old value, that value (rewritten as it is when a block covers it). */
  keep: (k: number, j: number) => unknown;
  /**
   * The number format, as read before the step, of the cell output cell (k, j) is written into; undefined for a new
   * column, whose cells are read when written.
   */
  numberFormat: (k: number, j: number) => string | undefined;
  /** For each output column, whether it is new (inserted by the step). */
  newColumns: readonly boolean[];
}

/** What writing did, for the step's report and the tests. */
export interface WriteSummary {
  rowsDeleted: number;
  columnsDeleted: number;
  columnsInserted: number;
  cellsWritten: number;
  /** Formula cells written as values (0 unless `convertFormulas`). */
  formulasReplaced: number;
  /** setValues calls. */
  writes: number;
}

/** An empty cell as getValues gives it (""), or no value at all. */
export function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

/** Whether a cell holds the same value before and after (Dates by time; blanks alike). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBlank(a) && isBlank(b)) return true;
  if (isDateValue(a) && isDateValue(b)) return a.getTime() === b.getTime();
  return false;
}

/**
 * Checks that a change fits the sheet it came from.
 * @throws Error when the sources are not increasing, out of range, or of the wrong length.
 */
function checkChange(before: SheetData, change: GridChange): void {
  const fail = (what: string): never => {
    throw new Error(`TikFit: the step's result does not fit the sheet (${what}); nothing was changed`);
  };
  const dataRows = before.rows - 1;
  if (change.grid.length !== change.rowSources.length + 1) fail('row count');
  let previous = -1;
  for (const source of change.rowSources) {
    if (!Number.isInteger(source) || source <= previous || source >= dataRows) fail('row sources');
    previous = source;
  }
  previous = -1;
  for (const source of change.columnSources) {
    if (source === null) continue;
    if (!Number.isInteger(source) || source <= previous || source >= before.columns) fail('column sources');
    previous = source;
  }
  for (const row of change.grid) if (row.length !== change.columnSources.length) fail('row length');
}

/**
 * Decides what writing `change` over the sheet read as `before` will do, without touching the sheet: which rows
 * and columns go, which columns come, which cells are written, and which formulas would be replaced by values.
 * Cost: O(cells), plus reading each formula once.
 * @throws Error when the change does not fit the sheet.
 */
export function planChanges(before: SheetDataForStep, change: GridChange, sheetName: string): ChangePlan {
  checkChange(before, change);
  const outRows = change.grid.length;
  const outColumns = change.columnSources.length;
  // Input (sheet) row i → output row, or -1 when dropped; the header stays.
  const outRowOf = new Int32Array(before.rows).fill(-1);
  outRowOf[0] = 0;
  change.rowSources.forEach((source, k) => {
    outRowOf[source + 1] = k + 1;
  });
  const outColumnOf = new Int32Array(before.columns).fill(-1);
  change.columnSources.forEach((source, j) => {
    if (source !== null) outColumnOf[source] = j;
  });
  const deletedRows: number[] = [];
  for (let i = 1; i < before.rows; i++) if (outRowOf[i] === -1) deletedRows.push(i + 1);
  const deletedColumns: number[] = [];
  for (let j = 0; j < before.columns; j++) if (outColumnOf[j] === -1) deletedColumns.push(j + 1);

  const insertedColumns: { after: number; count: number }[] = [];
  let lastKept = -1;
  change.columnSources.forEach((source) => {
    if (source !== null) {
      lastKept = source;
      return;
    }
    const run = insertedColumns[insertedColumns.length - 1];
    if (run !== undefined && run.after === lastKept) run.count += 1;
    else insertedColumns.push({ after: lastKept, count: 1 });
  });

  // Formulas: kept where the step leaves them be, else listed (and written as values if allowed).
  const formulaCells: string[] = [];
  const forced = new Set<number>(); // output cells k * outColumns + j whose formula is replaced by its value
  const formulaRows: number[][] = Array.from({ length: outColumns }, () => []);
  before.formulas.forEach((line, i) => {
    const k = outRowOf[i] as number;
    if (k === -1) return; // the row goes, and its formulas with it
    line.forEach((formula, j) => {
      if (formula === '') return;
      const jj = outColumnOf[j] as number;
      const a1 = `${columnLetter(j)}${i + 1}`;
      if (jj === -1) {
        formulaCells.push(a1);
        return;
      }
      const unchanged = sameValue((before.grid[i] as unknown[])[j], (change.grid[k] as readonly unknown[])[jj]);
      if (unchanged && !breaksOnDelete(formula, sheetName, deletedRows, deletedColumns)) {
        (formulaRows[jj] as number[]).push(k);
        return;
      }
      formulaCells.push(a1);
      forced.add(k * outColumns + jj);
    });
  });

  const sourceRow = (k: number): number => (k === 0 ? 0 : (change.rowSources[k - 1] as number) + 1);
  const changedRows: number[][] = Array.from({ length: outColumns }, () => []);
  for (let jj = 0; jj < outColumns; jj++) {
    const source = change.columnSources[jj] as number | null;
    const rows = changedRows[jj] as number[];
    for (let k = 0; k < outRows; k++) {
      const value = (change.grid[k] as readonly unknown[])[jj];
      if (source === null) {
        if (!isBlank(value)) rows.push(k);
      } else if (
        forced.has(k * outColumns + jj) ||
        !sameValue((before.grid[sourceRow(k)] as unknown[])[source], value)
      ) {
        rows.push(k);
      }
    }
  }

  const keep = (k: number, jj: number): unknown => {
    const value = (change.grid[k] as readonly unknown[])[jj];
    return isBlank(value) ? '' : value;
  };
  const numberFormat = (k: number, jj: number): string | undefined => {
    const source = change.columnSources[jj];
    return source === null || source === undefined ? undefined : before.numberFormats[sourceRow(k)]?.[source];
  };
  return {
    formulaCells,
    deletedRows,
    deletedColumns,
    insertedColumns,
    grid: change.grid,
    changedRows,
    formulaRows,
    keep,
    numberFormat,
    newColumns: change.columnSources.map((source) => source === null),
  };
}

/** Consecutive numbers grouped: [2,3,4,7] → [[2,3],[7,1]] as [start, count]. */
function blocks(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] + last[1] === n) last[1] += 1;
    else out.push([n, 1]);
  }
  return out;
}

/** Is output row k of column j written? (binary search over the sorted list) */
function contains(sorted: readonly number[], value: number): boolean {
  return sorted[lowerBound(sorted, value)] === value;
}

/**
 * Gives the sheet the plan's shape and writes its changed cells: dropped rows are deleted bottom-up in contiguous
 * blocks, new columns inserted and replaced ones deleted (so Sheets moves every reference), then each contiguous
 * block of changed columns without a formula that stays is written with one setValues over the rows where it
 * changed, and a column holding formulas that stay gets one setValues per run of changed cells between them.
 * Every string, changed or rewritten unchanged inside a block, is written as the text it is (`sheetsText`: an
 * apostrophe, except in a plain-text cell), so Sheets never reads a label such as `1-2`, `007`, `TRUE` or `=…` as a
 * date, number, boolean or formula; numbers, booleans and dates keep their type. A block over new columns reads
 * their number formats first (one more call), since Sheets may give inserted columns their neighbour's format.
 * Formula cells the step would change are written as values; the caller must have asked first.
 *
 * Cost: 2 calls per write (a block of changed columns, or a run between formulas that stay; 3 when the block covers
 * new columns, whose number formats are read); when rows go, 2 more
 * and one per block of dropped rows; when columns change, 1 or 2 more and one per run of new or deleted columns.
 * With no formulas and no dropped rows it does not grow with the rows.
 */
export function writeChangedCells(sheet: Sheet, plan: ChangePlan): WriteSummary {
  const summary: WriteSummary = {
    rowsDeleted: plan.deletedRows.length,
    columnsDeleted: plan.deletedColumns.length,
    columnsInserted: 0,
    cellsWritten: 0,
    formulasReplaced: plan.formulaCells.length,
    writes: 0,
  };
  if (plan.deletedRows.length > 0) {
    // Sheets refuses to delete every row that is not frozen: keep one blank row below when that would happen.
    const maxRows = sheet.getMaxRows();
    if (maxRows - plan.deletedRows.length <= sheet.getFrozenRows()) sheet.insertRowsAfter(maxRows, 1);
    for (const [start, count] of blocks(plan.deletedRows).reverse()) sheet.deleteRows(start, count);
  }
  if (plan.insertedColumns.length > 0 || plan.deletedColumns.length > 0) {
    let maxColumns = sheet.getMaxColumns();
    // New columns go right after the input column before them; the input columns to their right move along.
    let inserted = 0;
    for (const run of plan.insertedColumns) {
      const at = run.after + 2 + inserted; // the 1-based position of the first new column
      if (at <= maxColumns) sheet.insertColumnsBefore(at, run.count);
      else sheet.insertColumnsAfter(at - 1, run.count);
      inserted += run.count;
      maxColumns += run.count;
    }
    summary.columnsInserted = inserted;
    if (plan.deletedColumns.length > 0) {
      // As with rows: Sheets refuses to delete every column that is not frozen.
      if (maxColumns - plan.deletedColumns.length <= sheet.getFrozenColumns()) sheet.insertColumnsAfter(maxColumns, 1);
      const shifted = plan.deletedColumns.map(
        (column) =>
          column + plan.insertedColumns.filter((run) => run.after + 1 < column).reduce((n, run) => n + run.count, 0),
      );
      for (const [start, count] of blocks(shifted).reverse()) sheet.deleteColumns(start, count);
    }
  }

  const width = plan.changedRows.length;
  const isNew = plan.newColumns;
  const write = (row: number, column: number, rows: number, columns: number): void => {
    const range = sheet.getRange(row + 1, column + 1, rows, columns);
    const formats = isNew.slice(column, column + columns).some(Boolean) ? range.getNumberFormats() : undefined;
    const values: unknown[][] = [];
    for (let k = row; k < row + rows; k++) {
      const line: unknown[] = [];
      for (let j = column; j < column + columns; j++) {
        const changed = contains(plan.changedRows[j] as number[], k);
        const value = changed ? (plan.grid[k] as readonly unknown[])[j] : plan.keep(k, j);
        const format = isNew[j] ? formats?.[k - row]?.[j - column] : plan.numberFormat(k, j);
        line.push(sheetsText(value, format));
        if (changed) summary.cellsWritten += 1;
      }
      values.push(line);
    }
    range.setValues(values);
    summary.writes += 1;
  };
  let j = 0;
  while (j < width) {
    const rows = plan.changedRows[j] as number[];
    if (rows.length === 0) {
      j += 1;
      continue;
    }
    const kept = plan.formulaRows[j] as number[];
    if (kept.length > 0) {
      // Runs of changed cells between the formulas that stay.
      let first = -1;
      let last = -1;
      let f = 0;
      for (const k of rows) {
        while (f < kept.length && (kept[f] as number) < k) f += 1;
        const barrier = f > 0 ? (kept[f - 1] as number) : -1;
        if (first !== -1 && barrier > last) {
          write(first, j, last - first + 1, 1);
          first = -1;
        }
        if (first === -1) first = k;
        last = k;
      }
      if (first !== -1) write(first, j, last - first + 1, 1);
      j += 1;
      continue;
    }
    // A block of adjacent changed columns without formulas that stay: one write over the rows where they changed.
    let end = j;
    let top = rows[0] as number;
    let bottom = rows[rows.length - 1] as number;
    while (
      end + 1 < width &&
      (plan.changedRows[end + 1] as number[]).length > 0 &&
      (plan.formulaRows[end + 1] as number[]).length === 0
    ) {
      end += 1;
      const next = plan.changedRows[end] as number[];
      top = Math.min(top, next[0] as number);
      bottom = Math.max(bottom, next[next.length - 1] as number);
    }
    write(top, j, bottom - top + 1, end - j + 1);
    j = end + 1;
  }
  return summary;
}

/** The question a step asks before replacing formulas by values, naming at most 8 of their cells. */
export function formulaQuestion(stepName: string, cells: readonly string[]): FormulaConfirm {
  const shown = cells.slice(0, 8);
  const list = `${shown.join(', ')}${cells.length > shown.length ? ', …' : ''}`;
  const one = cells.length === 1;
  return {
    formulas: cells.length,
    cells: shown,
    question:
      `Replace ${cells.length} formula${one ? '' : 's'} with ${one ? 'a value' : 'values'} (${list})? ` +
      `${stepName} would change what ${one ? 'it shows' : 'they show'}.`,
  };
}
