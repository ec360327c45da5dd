/**
 * Backups for "Undo last step". Before an in-place step, the sheet's data range — only the cells in use, not the empty
 * rows and columns of its grid, which Sheets would count toward its 10,000,000 cells — is copied into a hidden sheet
 * of exactly that size (values, formulas, formats, notes and column widths), and what the copy cannot hold is
 * recorded: the sheet's grid size, its frozen rows and columns, and its filter with each column's criteria. Undo puts
 * all of it back and deletes the backup. The newest five are kept.
 */
import { formatCount, MAX_CELLS, spreadsheetCells } from './cellLimit';
import { deleteProperty, fitsProperty, putProperty, readProperty } from './documentStore';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SNAPSHOTS_KEY = 'tikfit.snapshots';
/** Where a backup's filter is kept, by the backup sheet's id. */
const BACKUP_KEY = 'tikfit.backup';
/** How many snapshots are kept; older backup sheets are deleted. */
export const SNAPSHOTS_KEPT = 5;
export const BACKUP_PREFIX = 'TikFit backup';
/** The size of a sheet `insertSheet` makes: a backup takes this many cells for a moment, however small it ends. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

/** What DocumentProperties records about one snapshot (the copy itself is a hidden sheet). */
export interface SnapshotRecord {
  backup: string;
  /** The backup sheet's id (absent in records made before backups held only the data range). */
  backupId?: number;
  sheetId: number;
  sheetName: string;
  step: string;
  at: string;
  /** The data range copied: rows and columns from A1. */
  rows?: number;
  columns?: number;
  /** The sheet's grid and frozen rows and columns when the backup was taken. */
  maxRows?: number;
  maxColumns?: number;
  frozenRows?: number;
  frozenColumns?: number;
}

/** A filter as kept for undo: its range and, by sheet column, its criteria. */
interface KeptFilter {
  range: string;
  columns: KeptCriteria[];
  /** True when some criteria did not fit Google's 9 KB and were not kept. */
  partial?: boolean;
}

interface KeptCriteria {
  column: number;
  hidden: string[] | null;
  visible: string[] | null;
  type: string | null;
  values: unknown[];
}

/** A sheet of the spreadsheet as a step's planning needs it, read once. */
export interface SheetInfo {
  sheet: Sheet;
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
}

/** Every sheet's id, name and grid size. Cost: 1 + 4 × sheets service calls. */
export function describeSheets(spreadsheet: Spreadsheet): SheetInfo[] {
  return spreadsheet.getSheets().map((sheet) => ({
    sheet,
    id: sheet.getSheetId(),
    name: sheet.getName(),
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
  }));
}

/** A sheet's grid and what a backup records of its layout. */
export interface SheetShape {
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
}

/** The snapshots recorded for this document, oldest first. */
export function listSnapshots(): SnapshotRecord[] {
  const list = readProperty(SNAPSHOTS_KEY);
  return Array.isArray(list) ? (list as SnapshotRecord[]) : [];
}

/** Saves the list (a few hundred bytes a record; the oldest are dropped should it ever pass 9 KB). */
function saveSnapshots(spreadsheet: Spreadsheet, list: SnapshotRecord[]): void {
  const kept = list.slice();
  while (kept.length > 0 && !putProperty(SNAPSHOTS_KEY, JSON.stringify(kept))) {
    const oldest = kept.shift() as SnapshotRecord;
    deleteBackup(spreadsheet, oldest);
  }
  if (kept.length === 0) deleteProperty(SNAPSHOTS_KEY);
}

/** A record's backup among the sheets as read, by id (or by name for older records); undefined when it is gone. */
function backupInfo(record: SnapshotRecord, sheets: readonly SheetInfo[]): SheetInfo | undefined {
  return sheets.find((s) => (record.backupId !== undefined ? s.id === record.backupId : s.name === record.backup));
}

/** The backup sheet of a record, by id (or by name for older records), or null when it is gone. */
function backupSheet(spreadsheet: Spreadsheet, record: SnapshotRecord, sheets?: readonly SheetInfo[]): Sheet | null {
  if (sheets !== undefined) return backupInfo(record, sheets)?.sheet ?? null;
  if (record.backupId !== undefined)
    return spreadsheet.getSheets().find((s) => s.getSheetId() === record.backupId) ?? null;
  return spreadsheet.getSheetByName(record.backup);
}

/** Deletes a record's backup sheet (if it is still there) and its kept filter; true when a sheet was deleted. */
function deleteBackup(spreadsheet: Spreadsheet, record: SnapshotRecord, sheets?: readonly SheetInfo[]): boolean {
  const backup = backupSheet(spreadsheet, record, sheets);
  if (backup !== null) spreadsheet.deleteSheet(backup);
  if (record.backupId !== undefined) deleteProperty(`${BACKUP_KEY}.${record.backupId}`);
  return backup !== null;
}

/** The cells a record's backup sheet holds (0 when it is gone). */
export function backupCells(record: SnapshotRecord, sheets: readonly SheetInfo[]): number {
  const found = backupInfo(record, sheets);
  return found === undefined ? 0 : found.maxRows * found.maxColumns;
}

/**
 * Forgets the snapshots whose sheet or backup was deleted (deleting the backup of a deleted sheet, which no undo can
 * use), and deletes hidden backup sheets that no snapshot names (left by an execution that stopped halfway).
 * Returns the sheets that are left. Cost: one service call per record or sheet removed.
 */
export function tidySnapshots(spreadsheet: Spreadsheet, sheets: readonly SheetInfo[]): SheetInfo[] {
  const list = listSnapshots();
  const ids = new Set(sheets.map((s) => s.id));
  const kept: SnapshotRecord[] = [];
  const gone = new Set<number>();
  for (const record of list) {
    const backup = backupSheet(spreadsheet, record, sheets);
    if (backup !== null && ids.has(record.sheetId)) {
      kept.push(record);
      continue;
    }
    const info = sheets.find((s) => s.sheet === backup);
    if (info !== undefined) gone.add(info.id);
    deleteBackup(spreadsheet, record, sheets);
  }
  const named = new Set(kept.map((r) => r.backupId ?? r.backup));
  for (const info of sheets) {
    if (gone.has(info.id) || !/^TikFit backup \d+$/.test(info.name) || named.has(info.id) || named.has(info.name))
      continue;
    if (!info.sheet.isSheetHidden()) continue;
    spreadsheet.deleteSheet(info.sheet);
    gone.add(info.id);
  }
  if (kept.length !== list.length) saveSnapshots(spreadsheet, kept);
  return sheets.filter((s) => !gone.has(s.id));
}

/**
 * Deletes the oldest backups: `count` of them, or as many as keep five once a new one is made. Call before
 * `takeSnapshot`, so that the new copy never needs room the old ones still take.
 */
export function dropOldestSnapshots(spreadsheet: Spreadsheet, count: number, sheets?: readonly SheetInfo[]): number {
  const list = listSnapshots();
  const drop = Math.max(count, list.length - (SNAPSHOTS_KEPT - 1));
  if (drop <= 0) return 0;
  let deleted = 0;
  for (const record of list.slice(0, drop)) if (deleteBackup(spreadsheet, record, sheets)) deleted += 1;
  saveSnapshots(spreadsheet, list.slice(drop));
  return deleted;
}

/** A filter's criteria, kept as plain data (Dates as { date: epoch ms }). */
function keepCriteria(column: number, criteria: GoogleAppsScript.Spreadsheet.FilterCriteria): KeptCriteria {
  const type = criteria.getCriteriaType();
  return {
    column,
    hidden: criteria.getHiddenValues(),
    visible: criteria.getVisibleValues(),
    type: type === null || type === undefined ? null : String(type),
    values: (criteria.getCriteriaValues() ?? []).map((v: unknown) =>
      Object.prototype.toString.call(v) === '[object Date]' ? { date: (v as Date).getTime() } : v,
    ),
  };
}

/** The sheet's filter as plain data, or null when it has none. Cost: 2 calls plus one per filter column. */
function keepFilter(sheet: Sheet): KeptFilter | null {
  const filter = sheet.getFilter();
  if (filter === null) return null;
  const range = filter.getRange();
  const columns: KeptCriteria[] = [];
  const first = range.getColumn();
  for (let c = first; c < first + range.getNumColumns(); c++) {
    const criteria = filter.getColumnFilterCriteria(c);
    if (criteria !== null) columns.push(keepCriteria(c, criteria));
  }
  return { range: range.getA1Notation(), columns };
}

/** Puts a kept filter back on a sheet (removing the one it has). */
function restoreFilter(sheet: Sheet, kept: KeptFilter | null): void {
  const current = sheet.getFilter();
  if (current !== null) current.remove();
  if (kept === null) return;
  const filter = sheet.getRange(kept.range).createFilter();
  for (const c of kept.columns) {
    const builder = SpreadsheetApp.newFilterCriteria();
    if (c.hidden !== null) builder.setHiddenValues(c.hidden);
    if (c.visible !== null) builder.setVisibleValues(c.visible);
    if (c.type !== null) {
      const values = c.values.map((v) =>
        v !== null && typeof v === 'object' && 'date' in v ? new Date((v as { date: number }).date) : v,
      );
      const criteria = (
        SpreadsheetApp.BooleanCriteria as unknown as Record<
          string,
          GoogleAppsScript.Spreadsheet.BooleanCriteria | undefined
        >
      )[c.type];
      if (criteria !== undefined) builder.withCriteria(criteria, values);
    }
    filter.setColumnFilterCriteria(c.column, builder.build());
  }
}

/**
 * Gives a sheet `rows` × `columns` (from its size now, `from`, when known), deleting before inserting so that it never
 * holds more cells than it must.
 */
function resize(sheet: Sheet, rows: number, columns: number, from?: { maxRows: number; maxColumns: number }): void {
  const maxRows = from?.maxRows ?? sheet.getMaxRows();
  const maxColumns = from?.maxColumns ?? sheet.getMaxColumns();
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** What `takeSnapshot` may be told, to spare reading it again. */
export interface SnapshotContext {
  /** The sheet's grid and frozen rows and columns now. */
  shape?: SheetShape;
  /** The sheets' names (the backup's must differ; a name since deleted only skips a number). */
  sheetNames?: readonly string[];
  /** The sheet's id. */
  sheetId?: number;
  /** How many sheets the spreadsheet has. */
  sheetCount?: number;
  /** The active sheet (it stays active). */
  active?: Sheet;
}

/**
 * Copies a sheet's data range (`area`: rows and columns from A1) exactly — values, formulas, formats, notes, column
 * widths — into a new hidden backup sheet of that size, records the grid size, frozen rows and columns and filter, and
 * keeps the newest five (call `dropOldestSnapshots` first). The active sheet stays active.
 * Cost: about 12 service calls, plus one per filter column, whatever the size.
 */
export function takeSnapshot(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  step: string,
  area: { rows: number; columns: number },
  context: SnapshotContext = {},
): SnapshotRecord {
  const list = listSnapshots();
  const used = new Set(list.map((s) => s.backup.toLowerCase()));
  const names = context.sheetNames ?? spreadsheet.getSheets().map((s) => s.getName());
  for (const name of names) used.add(name.toLowerCase());
  let number = 1;
  while (used.has(`${BACKUP_PREFIX} ${number}`.toLowerCase())) number++;
  const shape = context.shape ?? {
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
    frozenRows: sheet.getFrozenRows(),
    frozenColumns: sheet.getFrozenColumns(),
  };
  const active = context.active ?? spreadsheet.getActiveSheet();
  const backupName = `${BACKUP_PREFIX} ${number}`;
  const copy = spreadsheet.insertSheet(backupName, context.sheetCount ?? spreadsheet.getNumSheets());
  // To one cell, then to the data's size: the same calls whatever the size, and never more cells than needed.
  copy.deleteRows(2, NEW_SHEET_ROWS - 1);
  copy.deleteColumns(2, NEW_SHEET_COLUMNS - 1);
  if (area.rows > 1) copy.insertRowsAfter(1, area.rows - 1);
  if (area.columns > 1) copy.insertColumnsAfter(1, area.columns - 1);
  const source = sheet.getRange(1, 1, area.rows, area.columns);
  const target = copy.getRange(1, 1, area.rows, area.columns);
  source.copyTo(target);
  source.copyTo(target, SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
  spreadsheet.setActiveSheet(active);
  copy.hideSheet();
  const record: SnapshotRecord = {
    backup: backupName,
    backupId: copy.getSheetId(),
    sheetId: context.sheetId ?? sheet.getSheetId(),
    sheetName: sheet.getName(),
    step,
    at: new Date().toISOString(),
    rows: area.rows,
    columns: area.columns,
    ...shape,
  };
  const filter = keepFilter(sheet);
  if (filter !== null) {
    const key = `${BACKUP_KEY}.${record.backupId}`;
    // Criteria that would take the record past Google's 9 KB (long lists of hidden values) are not kept.
    while (filter.columns.length > 0 && !fitsProperty(key, JSON.stringify(filter))) {
      filter.columns.pop();
      filter.partial = true;
    }
    putProperty(key, JSON.stringify(filter));
  }
  list.push(record);
  saveSnapshots(spreadsheet, list.slice(Math.max(0, list.length - SNAPSHOTS_KEPT)));
  for (const old of list.slice(0, Math.max(0, list.length - SNAPSHOTS_KEPT))) deleteBackup(spreadsheet, old);
  return record;
}

/** Deletes a snapshot just taken (the step it was for changed nothing). */
export function discardSnapshot(spreadsheet: Spreadsheet, record: SnapshotRecord): void {
  deleteBackup(spreadsheet, record);
  saveSnapshots(
    spreadsheet,
    listSnapshots().filter((r) => !(r.backupId === record.backupId && r.backup === record.backup)),
  );
}

function keptFilter(record: SnapshotRecord): KeptFilter | null {
  if (record.backupId === undefined) return null;
  return (readProperty(`${BACKUP_KEY}.${record.backupId}`) as KeptFilter | undefined) ?? null;
}

/**
 * Restores the sheet of the newest snapshot exactly as it was — its data range (values, formulas, formats, notes),
 * column widths, grid size, frozen rows and columns and filter — and deletes that backup. Returns the record and
 * whether some filter criteria could not be kept. Cost: about 20 service calls, plus one per sheet and per filter
 * column.
 * @throws Error when there is nothing to undo, or the original or its backup sheet was deleted.
 */
export function restoreLastSnapshot(spreadsheet: Spreadsheet): SnapshotRecord & { filterPartial?: boolean } {
  const list = listSnapshots();
  const record = list.pop();
  if (record === undefined) throw new Error('TikFit: there is nothing to undo');
  const backup = backupSheet(spreadsheet, record);
  const original = spreadsheet.getSheets().find((s) => s.getSheetId() === record.sheetId) ?? null;
  if (backup === null || original === null) {
    deleteBackup(spreadsheet, record);
    saveSnapshots(spreadsheet, list);
    throw new Error(
      `TikFit: cannot undo "${record.step}": ` +
        (backup === null
          ? `its backup sheet "${record.backup}" was deleted`
          : `the sheet "${record.sheetName}" was deleted`),
    );
  }
  // Records from before backups held only the data range: the backup is the whole sheet.
  const rows = record.rows ?? backup.getMaxRows();
  const columns = record.columns ?? backup.getMaxColumns();
  const maxRows = record.maxRows ?? backup.getMaxRows();
  const maxColumns = record.maxColumns ?? backup.getMaxColumns();
  // Undo gives the sheet back its grid; when that grid no longer fits beside what the spreadsheet holds now, say so
  // before changing anything.
  const growth = maxRows * maxColumns - original.getMaxRows() * original.getMaxColumns();
  if (growth > 0) {
    const now = spreadsheetCells(spreadsheet);
    if (now + growth > MAX_CELLS) {
      throw new Error(
        `TikFit: cannot undo "${record.step}": ` +
          `"${record.sheetName}" would grow back by ${formatCount(growth)} cells, ` +
          `but the spreadsheet already holds ${formatCount(now)} of Google Sheets' ${formatCount(MAX_CELLS)}; ` +
          'nothing was changed. Delete sheets you do not need, and try again.',
      );
    }
  }
  const filter = keptFilter(record);
  restoreFilter(original, null);
  // What the step may have written: the data range now, and the one it came from.
  const written = original.getDataRange();
  resize(original, Math.max(maxRows, 1), Math.max(maxColumns, 1));
  const clearRows = Math.min(Math.max(rows, written.getNumRows()), original.getMaxRows());
  const clearColumns = Math.min(Math.max(columns, written.getNumColumns()), original.getMaxColumns());
  const area = original.getRange(1, 1, clearRows, clearColumns);
  area.clear();
  area.clearNote();
  const source = backup.getRange(1, 1, rows, columns);
  const target = original.getRange(1, 1, rows, columns);
  source.copyTo(target);
  source.copyTo(target, SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
  if (record.frozenRows !== undefined && original.getFrozenRows() !== record.frozenRows)
    original.setFrozenRows(record.frozenRows);
  if (record.frozenColumns !== undefined && original.getFrozenColumns() !== record.frozenColumns)
    original.setFrozenColumns(record.frozenColumns);
  restoreFilter(original, filter);
  deleteBackup(spreadsheet, record);
  saveSnapshots(spreadsheet, list);
  return filter?.partial === true ? { ...record, filterPartial: true } : record;
}
