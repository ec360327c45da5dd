/**
 * The fake `Sheet`: ranges by coordinates or A1 notation, the data range, inserting and deleting rows and
 * columns, clearing, hiding, copying to a spreadsheet, frozen rows, column widths, charts and conditional
 * format rules.
 */

import { parseA1Range, splitSheetPrefix } from './a1';
import { parseInput } from './cells';
import { instrument, signatureMismatch } from './context';
import { displayValue } from './display';
import { Env, checkedRect, requireCellRoom, requireLiveSheet } from './env';
import {
  ChartModel,
  ConditionalRuleModel,
  Dimension,
  SheetModel,
  SheetRect,
  shiftRectForDelete,
  shiftRectForInsert,
} from './models';
import { getFilter } from './filters';
import { applyParsed, clearRect, clearWhat } from './range';
import { moveReferences } from './references';
import { FakeClearOptions, FakeRange, FakeSheet } from './types';

/** Sheets' message for a duplicate sheet name. */
export function duplicateSheetMessage(name: string): string {
  return `A sheet with the name "${name}" already exists. Please enter another name.`;
}

/** Checks a new sheet name: not empty, at most 100 characters, not used by another sheet (ignoring case). */
export function checkSheetName(env: Env, name: unknown, except?: SheetModel): string {
  if (typeof name !== 'string') return signatureMismatch(env.ctx, 'SpreadsheetApp.Sheet.setName', [name]);
  if (name.trim() === '') env.ctx.fail('Sheet names cannot be empty.');
  if (name.length > 100) env.ctx.fail('Sheet names cannot be longer than 100 characters.');
  const other = env.book.findSheet(name);
  if (other && other !== except) env.ctx.fail(duplicateSheetMessage(name));
  return name;
}

/** Copies a sheet's charts and rules onto `copy`, pointing their ranges on the source at the copy. */
export function copyChartsAndRules(env: Env, source: SheetModel, copy: SheetModel): void {
  const remap = (r: SheetRect): SheetRect => ({ sheet: r.sheet === source ? copy : r.sheet, rect: { ...r.rect } });
  copy.charts = source.charts.map((c): ChartModel => ({
    ...c,
    chartId: env.book.nextChartId(),
    ranges: c.ranges.map(remap),
    options: new Map(c.options),
  }));
  copy.rules = source.rules.map((r): ConditionalRuleModel => ({
    ...r,
    ranges: r.ranges.map(remap),
    criteriaValues: [...r.criteriaValues],
  }));
}

/** The first name of "base", "base 2", "base 3", … that no sheet uses. */
export function uniqueSheetName(env: Env, base: string): string {
  if (!env.book.findSheet(base)) return base;
  for (let k = 2; ; k += 1) {
    const candidate = `${base} ${k}`;
    if (!env.book.findSheet(candidate)) return candidate;
  }
}

/** Makes a Sheet API object for a sheet model (a new object each call, as Apps Script does). */
/**
 * The range an A1 reference names, as Sheet.getRange and Spreadsheet.getRange read one: on `current()` unless it
 * names a sheet ("'My sheet'!B2:C5"), checked as `method` checks its ranges.
 */
export function rangeFromA1(env: Env, a1: string, current: () => SheetModel, method: string): FakeRange {
  const split = splitSheetPrefix(a1);
  const target = split.sheetName === undefined ? current() : env.book.findSheet(split.sheetName);
  const rect = target ? parseA1Range(split.range, target.maxRows, target.maxCols) : undefined;
  if (!target || !rect) return env.ctx.fail('Range not found');
  return env.makeRange(
    target,
    checkedRect(env, target, method, { row: rect.row, col: rect.col, numRows: rect.numRows, numCols: rect.numCols }),
  );
}

export function makeSheet(env: Env, sheet: SheetModel): FakeSheet {
  const { ctx, book } = env;
  const live = (): void => requireLiveSheet(env, sheet);

  const insert = (dim: Dimension, at: number, count: unknown, method: string): void => {
    live();
    const max = dim === 'rows' ? sheet.maxRows : sheet.maxCols;
    if (typeof count !== 'number' || !Number.isFinite(count) || !Number.isFinite(at))
      signatureMismatch(ctx, `SpreadsheetApp.Sheet.${method}`, [at, count]);
    const n = Math.trunc(count as number);
    if (n < 1) ctx.fail(`The number of ${dim} to insert must be at least 1.`);
    if (at < 1 || at > max + 1) ctx.fail('The coordinates of the range are outside the dimensions of the sheet.');
    requireCellRoom(env, n * (dim === 'rows' ? sheet.maxCols : sheet.maxRows));
    sheet.insert(dim, at, n);
    book.shiftReferences(sheet, (r) => shiftRectForInsert(r, dim, at, n));
    moveReferences(book, sheet, { kind: 'insert', dim, at, count: n });
    if (dim === 'rows' && at <= sheet.frozenRows) sheet.frozenRows += n;
    if (dim === 'columns' && at <= sheet.frozenColumns) sheet.frozenColumns += n;
  };

  const remove = (dim: Dimension, start: unknown, count: unknown, method: string): void => {
    live();
    if (typeof start !== 'number' || typeof count !== 'number' || !Number.isFinite(start) || !Number.isFinite(count)) {
      signatureMismatch(ctx, `SpreadsheetApp.Sheet.${method}`, [start, count]);
    }
    const s = Math.trunc(start as number);
    const n = Math.trunc(count as number);
    const max = dim === 'rows' ? sheet.maxRows : sheet.maxCols;
    if (s < 1 || n < 1 || s + n - 1 > max) ctx.fail(`Those ${dim} are out of bounds.`);
    if (n >= max) ctx.fail(`You can't delete all the ${dim} on the sheet.`);
    const frozen = dim === 'rows' ? sheet.frozenRows : sheet.frozenColumns;
    if (frozen > 0 && max - n <= frozen) ctx.fail(`Sorry, it is not possible to delete all non-frozen ${dim}.`);
    sheet.remove(dim, s, n);
    book.shiftReferences(sheet, (r) => shiftRectForDelete(r, dim, s, n));
    moveReferences(book, sheet, { kind: 'delete', dim, at: s, count: n });
    const overlap = (frozen: number): number => Math.max(0, Math.min(s + n - 1, frozen) - s + 1);
    if (dim === 'rows') sheet.frozenRows -= overlap(sheet.frozenRows);
    else sheet.frozenColumns -= overlap(sheet.frozenColumns);
  };

  const whole = () => ({ row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols });

  const checkColumns = (start: unknown, count: unknown, method: string): [number, number] => {
    const r = checkedRect(env, sheet, `SpreadsheetApp.Sheet.${method}`, {
      row: 1,
      col: start,
      numRows: 1,
      numCols: count,
    });
    return [r.col, r.numCols];
  };

  const autoResize = (startColumn: unknown, numColumns: unknown, method: string): void => {
    live();
    const [start, n] = checkColumns(startColumn, numColumns, method);
    for (let c = start; c < start + n; c += 1) {
      let longest = 0;
      for (const line of sheet.rows) {
        const cell = line?.[c - 1];
        if (cell) longest = Math.max(longest, displayValue(cell.value, cell.format?.numberFormat, ctx.timeZone).length);
      }
      // Roughly what Sheets picks: 7 px a character of 10-pt Arial plus padding, at least 21 px.
      sheet.columnWidths.set(c, Math.max(21, longest * 7 + 10));
    }
  };

  const api = {
    getName: () => {
      live();
      return sheet.name;
    },
    getSheetName: () => {
      live();
      return sheet.name;
    },
    setName: (name: unknown) => {
      live();
      sheet.name = checkSheetName(env, name, sheet);
      return self;
    },
    getSheetId: () => {
      live();
      return sheet.sheetId;
    },
    getIndex: () => {
      live();
      return book.sheets.indexOf(sheet) + 1;
    },
    getParent: () => {
      live();
      return env.spreadsheet;
    },
    getRange: (...args: unknown[]) => {
      live();
      const [a, b, c, d] = args;
      if (typeof a === 'string' && args.length === 1) {
        return rangeFromA1(env, a, () => sheet, 'SpreadsheetApp.Sheet.getRange');
      }
      if (args.length < 2 || args.length > 4) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.getRange', args);
      const rect = checkedRect(
        env,
        sheet,
        'SpreadsheetApp.Sheet.getRange',
        { row: a, col: b, numRows: c ?? 1, numCols: d ?? 1 },
        args,
      );
      return env.makeRange(sheet, rect);
    },
    getDataRange: () => {
      live();
      return env.makeRange(sheet, {
        row: 1,
        col: 1,
        numRows: Math.max(1, sheet.lastRow()),
        numCols: Math.max(1, sheet.lastColumn()),
      });
    },
    getLastRow: () => {
      live();
      return sheet.lastRow();
    },
    getLastColumn: () => {
      live();
      return sheet.lastColumn();
    },
    getMaxRows: () => {
      live();
      return sheet.maxRows;
    },
    getMaxColumns: () => {
      live();
      return sheet.maxCols;
    },
    appendRow: (rowContents: unknown) => {
      live();
      if (!Array.isArray(rowContents)) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.appendRow', [rowContents]);
      const row = sheet.lastRow() + 1;
      const parsed = rowContents.map(
        (v: unknown, j: number) =>
          parseInput(ctx, v, sheet.cell(row, j + 1)?.format?.numberFormat) ??
          signatureMismatch(ctx, 'SpreadsheetApp.Sheet.appendRow', [rowContents]),
      );
      // Appending grows the sheet when it is full.
      const rows = Math.max(row, sheet.maxRows);
      const columns = Math.max(parsed.length, sheet.maxCols);
      requireCellRoom(env, rows * columns - sheet.gridCells());
      if (row > sheet.maxRows) sheet.maxRows = row;
      if (parsed.length > sheet.maxCols) sheet.maxCols = parsed.length;
      parsed.forEach((p, j) => applyParsed(sheet, row, j + 1, p));
      return self;
    },
    insertRowsAfter: (afterPosition: number, howMany: unknown) => {
      insert('rows', afterPosition + 1, howMany, 'insertRowsAfter');
      return self;
    },
    insertRowsBefore: (beforePosition: number, howMany: unknown) => {
      insert('rows', beforePosition, howMany, 'insertRowsBefore');
      return self;
    },
    insertRowAfter: (afterPosition: number) => {
      insert('rows', afterPosition + 1, 1, 'insertRowAfter');
      return self;
    },
    insertRowBefore: (beforePosition: number) => {
      insert('rows', beforePosition, 1, 'insertRowBefore');
      return self;
    },
    insertRows: (rowIndex: number, numRows?: number) => {
      insert('rows', rowIndex, numRows ?? 1, 'insertRows');
    },
    insertColumnsAfter: (afterPosition: number, howMany: unknown) => {
      insert('columns', afterPosition + 1, howMany, 'insertColumnsAfter');
      return self;
    },
    insertColumnsBefore: (beforePosition: number, howMany: unknown) => {
      insert('columns', beforePosition, howMany, 'insertColumnsBefore');
      return self;
    },
    insertColumnAfter: (afterPosition: number) => {
      insert('columns', afterPosition + 1, 1, 'insertColumnAfter');
      return self;
    },
    insertColumnBefore: (beforePosition: number) => {
      insert('columns', beforePosition, 1, 'insertColumnBefore');
      return self;
    },
    insertColumns: (columnIndex: number, numColumns?: number) => {
      insert('columns', columnIndex, numColumns ?? 1, 'insertColumns');
    },
    deleteRow: (rowPosition: unknown) => {
      remove('rows', rowPosition, 1, 'deleteRow');
      return self;
    },
    deleteRows: (rowPosition: unknown, howMany: unknown) => {
      remove('rows', rowPosition, howMany, 'deleteRows');
    },
    deleteColumn: (columnPosition: unknown) => {
      remove('columns', columnPosition, 1, 'deleteColumn');
      return self;
    },
    deleteColumns: (columnPosition: unknown, howMany: unknown) => {
      remove('columns', columnPosition, howMany, 'deleteColumns');
    },
    clear: (options?: FakeClearOptions) => {
      live();
      clearRect(sheet, whole(), clearWhat(options));
      return self;
    },
    clearContents: () => {
      live();
      clearRect(sheet, whole(), { contents: true, formats: false, notes: false });
      return self;
    },
    clearFormats: () => {
      live();
      clearRect(sheet, whole(), { contents: false, formats: true, notes: false });
      return self;
    },
    clearNotes: () => {
      live();
      clearRect(sheet, whole(), { contents: false, formats: false, notes: true });
      return self;
    },
    hideSheet: () => {
      live();
      if (!sheet.hidden && book.sheets.filter((s) => !s.hidden).length <= 1)
        ctx.fail("You can't hide all the sheets in a document.");
      sheet.hidden = true;
      if (book.active === sheet) book.active = book.sheets.find((s) => !s.hidden);
      return self;
    },
    showSheet: () => {
      live();
      sheet.hidden = false;
      return self;
    },
    isSheetHidden: () => {
      live();
      return sheet.hidden;
    },
    copyTo: (spreadsheet: unknown) => {
      live();
      if (spreadsheet !== env.spreadsheet) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.copyTo', [spreadsheet]);
      // The copy has the whole grid, empty rows and columns included.
      requireCellRoom(env, sheet.gridCells());
      const copy = new SheetModel(uniqueSheetName(env, `Copy of ${sheet.name}`), book.nextSheetId());
      sheet.copyContentInto(copy);
      copyChartsAndRules(env, sheet, copy);
      book.sheets.push(copy);
      return env.makeSheet(copy);
    },
    activate: () => {
      live();
      book.active = sheet;
      book.activeRange = undefined;
      return self;
    },
    setFrozenRows: (rows: unknown) => {
      live();
      if (typeof rows !== 'number' || rows < 0)
        return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setFrozenRows', [rows]);
      if (rows >= sheet.maxRows) ctx.fail("You can't freeze all visible rows on the sheet.");
      sheet.frozenRows = Math.trunc(rows);
    },
    getFrozenRows: () => {
      live();
      return sheet.frozenRows;
    },
    setFrozenColumns: (columns: unknown) => {
      live();
      if (typeof columns !== 'number' || columns < 0)
        return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setFrozenColumns', [columns]);
      if (columns >= sheet.maxCols) ctx.fail("You can't freeze all visible columns on the sheet.");
      sheet.frozenColumns = Math.trunc(columns);
    },
    getFrozenColumns: () => {
      live();
      return sheet.frozenColumns;
    },
    autoResizeColumns: (startColumn: unknown, numColumns: unknown) => {
      autoResize(startColumn, numColumns, 'autoResizeColumns');
      return self;
    },
    autoResizeColumn: (columnPosition: unknown) => {
      autoResize(columnPosition, 1, 'autoResizeColumn');
      return self;
    },
    setColumnWidth: (columnPosition: unknown, width: unknown) => {
      live();
      const [col] = checkColumns(columnPosition, 1, 'setColumnWidth');
      if (typeof width !== 'number' || width < 0)
        return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setColumnWidth', [columnPosition, width]);
      sheet.columnWidths.set(col, width);
      return self;
    },
    setColumnWidths: (startColumn: unknown, numColumns: unknown, width: unknown) => {
      live();
      const [start, n] = checkColumns(startColumn, numColumns, 'setColumnWidths');
      if (typeof width !== 'number' || width < 0)
        return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setColumnWidths', [startColumn, numColumns, width]);
      for (let c = start; c < start + n; c += 1) sheet.columnWidths.set(c, width);
      return self;
    },
    getColumnWidth: (columnPosition: unknown) => {
      live();
      const [col] = checkColumns(columnPosition, 1, 'getColumnWidth');
      return sheet.columnWidths.get(col) ?? 100;
    },
    getFilter: () => getFilter(env, sheet),
    setTabColor: (color: unknown) => {
      live();
      sheet.tabColor = color === null || color === undefined ? null : String(color);
      return self;
    },
    getTabColor: () => {
      live();
      return sheet.tabColor;
    },
    getCharts: () => {
      live();
      return sheet.charts.map((c) => env.makeChart(c));
    },
    newChart: () => {
      live();
      return env.makeChartBuilder(sheet);
    },
    insertChart: (chart: unknown) => {
      live();
      const model = typeof chart === 'object' && chart !== null ? env.chartOf.get(chart) : undefined;
      if (!model) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.insertChart', [chart]);
      if (model.chartId !== 0) {
        // Inserting a chart object a second time inserts another chart.
        sheet.charts.push({
          ...model,
          chartId: book.nextChartId(),
          ranges: model.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
          options: new Map(model.options),
        });
        return;
      }
      model.chartId = book.nextChartId();
      sheet.charts.push(model);
    },
    updateChart: (chart: unknown) => {
      live();
      const model = typeof chart === 'object' && chart !== null ? env.chartOf.get(chart) : undefined;
      if (!model) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.updateChart', [chart]);
      const index = sheet.charts.findIndex((c) => c.chartId === model.chartId);
      if (index < 0) ctx.fail('The chart is not on this sheet.');
      sheet.charts[index] = model;
    },
    removeChart: (chart: unknown) => {
      live();
      const model = typeof chart === 'object' && chart !== null ? env.chartOf.get(chart) : undefined;
      if (!model) return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.removeChart', [chart]);
      sheet.charts = sheet.charts.filter((c) => c.chartId !== model.chartId);
    },
    getConditionalFormatRules: () => {
      live();
      return sheet.rules.map((r) => env.makeRule(r));
    },
    setConditionalFormatRules: (rules: unknown) => {
      live();
      if (!Array.isArray(rules))
        return signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
      const models = rules.map((r: unknown) => {
        const model = typeof r === 'object' && r !== null ? env.ruleOf.get(r) : undefined;
        return model ?? signatureMismatch(ctx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
      });
      sheet.rules = models.map((m) => ({
        ...m,
        ranges: m.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
        criteriaValues: [...m.criteriaValues],
      }));
    },
    clearConditionalFormatRules: () => {
      live();
      sheet.rules = [];
    },
  };

  const self = instrument(ctx, 'Sheet', api) as unknown as FakeSheet;
  env.sheetOf.set(self, sheet);
  return self;
}
