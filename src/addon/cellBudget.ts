/**
 * Whether an in-place step fits within Google Sheets' 10,000,000 cells, worked out before anything changes: the
 * backup it makes (a new sheet of 1,000 × 26 cells for a moment, then the data range), the cells its write adds to the
 * sheet's grid at any moment (inserted columns, before replaced ones are deleted), and what it writes elsewhere (Run
 * all's results sheet). The oldest backups are deleted first when that makes room.
 */
import { formatCount, MAX_CELLS } from './cellLimit';
import {
  backupCells,
  listSnapshots,
  NEW_SHEET_COLUMNS,
  NEW_SHEET_ROWS,
  SNAPSHOTS_KEPT,
  type SheetInfo,
  type SheetShape,
} from './snapshots';
import type { ChangePlan } from './writeChanges';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A sheet's grid as a write changes it. */
export type GridShape = SheetShape;

/**
 * The cells `writeChangedCells` adds to a sheet's grid: at its largest and at the end (negative when it shrinks).
 * It deletes dropped rows first (inserting one blank row first when only frozen ones would be left), then inserts the
 * new columns, then deletes the replaced ones (inserting one first when only frozen ones would be left).
 */
export function writeGrowth(
  grid: GridShape,
  plan: Pick<ChangePlan, 'deletedRows' | 'deletedColumns' | 'insertedColumns'>,
): { peak: number; end: number } {
  const base = grid.maxRows * grid.maxColumns;
  let rows = grid.maxRows;
  let columns = grid.maxColumns;
  let peak = 0;
  const note = (): void => {
    peak = Math.max(peak, rows * columns - base);
  };
  const deletedRows = plan.deletedRows.length;
  if (deletedRows > 0) {
    if (rows - deletedRows <= grid.frozenRows) rows += 1;
    note();
    rows -= deletedRows;
  }
  const inserted = plan.insertedColumns.reduce((n, run) => n + run.count, 0);
  const deletedColumns = plan.deletedColumns.length;
  if (inserted > 0 || deletedColumns > 0) {
    columns += inserted;
    if (deletedColumns > 0 && columns - deletedColumns <= grid.frozenColumns) columns += 1;
    note();
    columns -= deletedColumns;
  }
  const end = rows * columns - base;
  return { peak: Math.max(peak, end), end };
}

/** What a step may do, having checked it fits: how many of the oldest backups to delete before its own. */
export interface Room {
  dropBackups: number;
  /** Of those, how many go only to make room (the others go anyway, to keep five). */
  forRoom: number;
  /** The most cells the step adds while it works. */
  needed: number;
  /** The cells the spreadsheet holds before the step. */
  cells: number;
  /** The sheet's grid and frozen rows and columns, as read, and its id. */
  shape: SheetShape;
  sheetId: number;
}

/**
 * Checks that a step fits within 10,000,000 cells: its backup of `area` (the data range), its write of `plan` on
 * `sheet`, and `extra` cells written elsewhere once the sheet is written (Run all's results sheet). Counts the oldest
 * backups that must go to make room (those past the newest four always go, so that five are kept).
 * Cost: 3 service calls (the sheets' sizes are given).
 * @throws Error, one line with the numbers, when the step cannot fit even with every older backup deleted.
 */
export function roomForStep(
  sheets: readonly SheetInfo[],
  sheet: Sheet,
  stepName: string,
  area: { rows: number; columns: number },
  plan: Pick<ChangePlan, 'deletedRows' | 'deletedColumns' | 'insertedColumns'>,
  extra = 0,
  sheetId?: number,
): Room {
  const cells = sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  const id = sheetId ?? sheet.getSheetId();
  const info = sheets.find((s) => s.id === id);
  const grid: GridShape = {
    maxRows: info?.maxRows ?? sheet.getMaxRows(),
    maxColumns: info?.maxColumns ?? sheet.getMaxColumns(),
    frozenRows: sheet.getFrozenRows(),
    frozenColumns: sheet.getFrozenColumns(),
  };
  const backup = area.rows * area.columns;
  const write = writeGrowth(grid, plan);
  const needed = Math.max(NEW_SHEET_ROWS * NEW_SHEET_COLUMNS, backup, backup + write.peak, backup + write.end + extra);
  const list = listSnapshots();
  const forced = Math.max(0, list.length - (SNAPSHOTS_KEPT - 1));
  let dropBackups = forced;
  let freed = 0;
  for (let i = 0; i < dropBackups; i++) freed += backupCells(list[i] as (typeof list)[number], sheets);
  while (cells - freed + needed > MAX_CELLS && dropBackups < list.length) {
    freed += backupCells(list[dropBackups] as (typeof list)[number], sheets);
    dropBackups += 1;
  }
  if (cells - freed + needed > MAX_CELLS) {
    // Name the largest sheet: empty rows and columns count too, and are often what fills a spreadsheet.
    const largest = sheets.reduce((a, b) => (b.maxRows * b.maxColumns > a.maxRows * a.maxColumns ? b : a));
    throw new Error(
      `TikFit: ${stepName} needs room for ${formatCount(needed)} more cells while it works (its backup of ${formatCount(backup)} and its result), ` +
        `but this spreadsheet already holds ${formatCount(cells - freed)} of the ${formatCount(MAX_CELLS)} cells Google Sheets allows ` +
        `(the largest sheet, "${largest.name}", is ${formatCount(largest.maxRows)} rows × ${formatCount(largest.maxColumns)} columns, empty ones included); ` +
        'nothing was changed. Delete sheets, or empty rows and columns, you do not need, and try again.',
    );
  }
  return { dropBackups, forRoom: dropBackups - forced, needed, cells, shape: grid, sheetId: id };
}
