type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The data range of a sheet as TikFit reads it: one getValues, one getMergedRanges. */
export interface SheetData {
  grid: unknown[][];
  rows: number;
  columns: number;
}

/** The data range as an in-place step reads it: also its formulas ("" where none) and number formats. */
export interface SheetDataForStep extends SheetData {
  formulas: string[][];
  numberFormats: string[][];
}

/** Options of `readSheetData`. */
export interface ReadOptions {
  /** Accept a sheet with a header row and no data (the profile does; steps do not). */
  allowHeaderOnly?: boolean;
}

function readRange(sheet: Sheet, options: ReadOptions): { range: Range; data: SheetData } {
  const range = sheet.getDataRange();
  const grid = range.getValues() as unknown[][];
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || grid.every((row) => row.every((cell) => cell === ''))) {
    throw new Error(`TikFit: the sheet "${sheet.getName()}" is empty; put a header row and your data on it`);
  }
  if (rows < 2 && !options.allowHeaderOnly)
    throw new Error(`TikFit: the sheet "${sheet.getName()}" has a header row but no data below it`);
  const merged = range.getMergedRanges();
  if (merged.length > 0) {
    const names = merged.slice(0, 5).map((m) => m.getA1Notation());
    throw new Error(
      `TikFit: the data has merged cells (${names.join(', ')}${merged.length > 5 ? ', …' : ''}); ` +
        'unmerge them (Format → Merge cells → Unmerge) and try again',
    );
  }
  return { range, data: { grid, rows, columns } };
}

/**
 * Reads a sheet's data range (formula cells as their values), refusing what TikFit cannot work on: an empty sheet,
 * a header without data (unless allowed), merged cells. Cost: 3 service calls.
 * @throws Error naming the problem (and the merged cells).
 */
export function readSheetData(sheet: Sheet, options: ReadOptions = {}): SheetData {
  return readRange(sheet, options).data;
}

/**
 * Reads a sheet's data range for an in-place step: as `readSheetData`, plus the formulas and number formats, so
 * that the step can keep the formulas it does not change and ask about the ones it would. Cost: 5 service calls.
 * @throws Error as `readSheetData`.
 */
export function readSheetForStep(sheet: Sheet): SheetDataForStep {
  const { range, data } = readRange(sheet, {});
  return { ...data, formulas: range.getFormulas(), numberFormats: range.getNumberFormats() };
}
