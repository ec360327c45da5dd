type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SNAPSHOTS_KEY = 'tikfit.snapshots';
/** How many snapshots are kept; older backup sheets are deleted. */
export const SNAPSHOTS_KEPT = 5;
const BACKUP_PREFIX = 'TikFit backup';

/** What DocumentProperties records about one snapshot (the copy itself is a hidden sheet). */
export interface SnapshotRecord {
  backup: string;
  sheetId: number;
  sheetName: string;
  step: string;
  at: string;
}

/** The snapshots recorded for this document, oldest first. */
export function listSnapshots(): SnapshotRecord[] {
  const text = PropertiesService.getDocumentProperties().getProperty(SNAPSHOTS_KEY);
  if (text === null) return [];
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? (list as SnapshotRecord[]) : [];
  } catch {
    return [];
  }
}

function saveSnapshots(list: SnapshotRecord[]): void {
  PropertiesService.getDocumentProperties().setProperty(SNAPSHOTS_KEY, JSON.stringify(list));
}

/**
 * Copies a sheet, exactly (values, formulas, formats, notes, in the same cells), into a hidden backup sheet before an
 * in-place step, and records it; keeps the newest five. Cost: a handful of service calls, whatever the size.
 */
export function takeSnapshot(spreadsheet: Spreadsheet, sheet: Sheet, step: string): SnapshotRecord {
  const list = listSnapshots();
  const used = new Set(list.map((s) => s.backup));
  let number = 1;
  while (used.has(`${BACKUP_PREFIX} ${number}`) || spreadsheet.getSheetByName(`${BACKUP_PREFIX} ${number}`) !== null) number++;
  const copy = sheet.copyTo(spreadsheet);
  copy.setName(`${BACKUP_PREFIX} ${number}`);
  copy.hideSheet();
  const record: SnapshotRecord = { backup: copy.getName(), sheetId: sheet.getSheetId(), sheetName: sheet.getName(), step, at: new Date().toISOString() };
  list.push(record);
  while (list.length > SNAPSHOTS_KEPT) {
    const oldest = list.shift() as SnapshotRecord;
    const old = spreadsheet.getSheetByName(oldest.backup);
    if (old !== null) spreadsheet.deleteSheet(old);
  }
  saveSnapshots(list);
  return record;
}

/**
 * Restores the sheet of the newest snapshot exactly as it was (cells, formulas, formats and size) and deletes that
 * backup. Cost: O(1) service calls plus one per sheet to find the original by id.
 * @throws Error when there is nothing to undo, or the original or its backup sheet was deleted.
 */
export function restoreLastSnapshot(spreadsheet: Spreadsheet): SnapshotRecord {
  const list = listSnapshots();
  const record = list.pop();
  if (record === undefined) throw new Error('TikFit: there is nothing to undo');
  const backup = spreadsheet.getSheetByName(record.backup);
  const original = spreadsheet.getSheets().find((s) => s.getSheetId() === record.sheetId) ?? null;
  if (backup === null || original === null) {
    saveSnapshots(list);
    throw new Error(`TikFit: cannot undo "${record.step}": ${backup === null ? `its backup sheet "${record.backup}" was deleted` : `the sheet "${record.sheetName}" was deleted`}`);
  }
  const rows = backup.getMaxRows();
  const columns = backup.getMaxColumns();
  const currentRows = original.getMaxRows();
  const currentColumns = original.getMaxColumns();
  if (currentColumns < columns) original.insertColumnsAfter(currentColumns, columns - currentColumns);
  if (currentRows < rows) original.insertRowsAfter(currentRows, rows - currentRows);
  original.clear();
  backup.getRange(1, 1, rows, columns).copyTo(original.getRange(1, 1, rows, columns));
  if (currentColumns > columns) original.deleteColumns(columns + 1, currentColumns - columns);
  if (currentRows > rows) original.deleteRows(rows + 1, currentRows - rows);
  spreadsheet.deleteSheet(backup);
  saveSnapshots(list);
  return record;
}
