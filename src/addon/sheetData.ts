import { safeGrid } from '../core/safeText';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The data range of a sheet as TikFit reads it: one getValues, one getFormulas, one getMergedRanges. */
export interface SheetData {
  grid: unknown[][];
  rows: number;
  columns: number;
}

/**
 * Reads a sheet's data range for an in-place step, refusing what TikFit would damage: merged cells, and formulas
 * (TikFit writes values, so they would be flattened) unless `convertFormulas` is set. Cost: 4 service calls.
 * @throws Error naming the cells when the range is empty, header-only, merged, or holds formulas.
 */
export function readSheetData(sheet: Sheet, options: { convertFormulas?: boolean; allowHeaderOnly?: boolean } = {}): SheetData {
  const range = sheet.getDataRange();
  const grid = range.getValues() as unknown[][];
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || grid.every((row) => row.every((cell) => cell === ''))) {
    throw new Error(`TikFit: the sheet "${sheet.getName()}" is empty; put a header row and your data on it`);
  }
  if (rows < 2 && !options.allowHeaderOnly) throw new Error(`TikFit: the sheet "${sheet.getName()}" has a header row but no data below it`);
  const merged = range.getMergedRanges();
  if (merged.length > 0) {
    const names = merged.slice(0, 5).map((m) => m.getA1Notation());
    throw new Error(`TikFit: the data has merged cells (${names.join(', ')}${merged.length > 5 ? ', …' : ''}); unmerge them (Format → Merge cells → Unmerge) and try again`);
  }
  if (!options.convertFormulas) {
    const formulas = range.getFormulas();
    const cells: string[] = [];
    formulas.forEach((row, i) => row.forEach((formula, j) => {
      if (formula !== '') cells.push(`${columnLetter(j + 1)}${i + 1}`);
    }));
    if (cells.length > 0) {
      throw new Error(
        `TikFit: the data has formulas in ${cells.slice(0, 8).join(', ')}${cells.length > 8 ? `, … (${cells.length} cells)` : ''}. ` +
          'TikFit writes values, so it would replace them; copy and paste them as values first, or turn on "convert formulas to values"',
      );
    }
  }
  return { grid, rows, columns };
}

/**
 * Writes a grid over a sheet's data, resizing the sheet: columns and rows are added when the grid is larger,
 * and the ones it no longer needs are deleted. Every string is written formula-safe (see `safeCell`).
 * Cost: at most 7 service calls, whatever the size.
 */
export function writeSheetData(sheet: Sheet, previous: { rows: number; columns: number }, grid: readonly (readonly unknown[])[]): void {
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  sheet.getRange(1, 1, previous.rows, previous.columns).clearContent();
  sheet.getRange(1, 1, rows, columns).setValues(safeGrid(grid));
  // The data range no longer reaches the freed rows and columns; remove them so the sheet matches the data.
  if (previous.columns > columns) sheet.deleteColumns(columns + 1, previous.columns - columns);
  if (previous.rows > rows) sheet.deleteRows(rows + 1, previous.rows - rows);
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  let n = column;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
