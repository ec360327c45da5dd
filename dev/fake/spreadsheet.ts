/**
 * The fake `Spreadsheet` (its sheets, the active sheet, inserting and deleting sheets, toasts) and the fake
 * `SpreadsheetApp` global that leads to it.
 */

import { instrument, signatureMismatch } from './context';
import { makeEnum } from './enums';
import { Env, requireCellRoom, sheetArgument } from './env';
import { makeCriteriaBuilder } from './filters';
import { SheetModel } from './models';
import { checkSheetName, copyChartsAndRules, duplicateSheetMessage, rangeFromA1 } from './sheet';
import {
  FakeBooleanCriteriaName,
  FakeConditionalFormatRuleBuilder,
  FakeCopyPasteTypeName,
  FakeInsertSheetOptions,
  FakeSpreadsheet,
  FakeSpreadsheetApp,
  FakeUiApi,
} from './types';

/** Options of the Spreadsheet object that are not part of the document model. */
export interface SpreadsheetSettings {
  timeZone: string;
  locale: string;
}

/** The default name of a new sheet: "Sheet<n>" with the smallest n from the sheet count + 1 that is free. */
function defaultSheetName(env: Env): string {
  for (let k = env.book.sheets.length + 1; ; k += 1) {
    const name = `Sheet${k}`;
    if (!env.book.findSheet(name)) return name;
  }
}

/** The size of a new sheet. */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

/** Adds a sheet to the model at a 0-based position and returns it; the caller names and fills it. */
export function addSheetModel(env: Env, name: string, index: number): SheetModel {
  const sheet = new SheetModel(name, env.book.nextSheetId());
  env.book.sheets.splice(index, 0, sheet);
  return sheet;
}

/** The Spreadsheet API object and its uninstrumented methods (for SpreadsheetApp's shortcuts, counted once). */
export interface SpreadsheetParts {
  spreadsheet: FakeSpreadsheet;
  raw: Pick<FakeSpreadsheet, 'getActiveSheet' | 'getActiveRange' | 'setActiveSheet'>;
}

/** Makes the one Spreadsheet API object of the environment's spreadsheet. */
export function makeSpreadsheet(env: Env, settings: SpreadsheetSettings): SpreadsheetParts {
  const { ctx, book } = env;

  const activeSheet = (): SheetModel => {
    if (!book.active || book.active.deleted) book.active = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];
    if (!book.active) return ctx.fail('The spreadsheet has no sheets.');
    return book.active;
  };

  const insertSheet = (...args: unknown[]) => {
    let name: string | undefined;
    let index: number | undefined;
    let options: FakeInsertSheetOptions | undefined;
    const [a, b, c] = args;
    const isOptions = (v: unknown): v is FakeInsertSheetOptions =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') {
        index = b;
        if (isOptions(c)) options = c;
      } else if (isOptions(b)) options = b;
      else if (b !== undefined) return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.insertSheet', args);
    } else if (typeof a === 'number') {
      index = a;
      if (isOptions(b)) options = b;
    } else if (isOptions(a)) options = a;
    else if (a !== undefined) return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.insertSheet', args);

    if (name !== undefined && book.findSheet(name)) ctx.fail(duplicateSheetMessage(name));
    const finalName = name === undefined ? defaultSheetName(env) : checkSheetName(env, name);
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > book.sheets.length)) {
      ctx.fail(`The sheet index ${index} is out of range.`);
    }
    const template =
      options?.template === undefined
        ? undefined
        : sheetArgument(env, options.template, 'SpreadsheetApp.Spreadsheet.insertSheet');
    // A new sheet has 1,000 rows and 26 columns; one made from a template has the template's whole grid.
    requireCellRoom(env, template === undefined ? NEW_SHEET_ROWS * NEW_SHEET_COLUMNS : template.gridCells());
    // Without an index the new sheet goes right after the active sheet.
    const position = index ?? book.sheets.indexOf(activeSheet()) + 1;
    const sheet = addSheetModel(env, finalName, position);
    if (template !== undefined) {
      template.copyContentInto(sheet);
      copyChartsAndRules(env, template, sheet);
    }
    book.active = sheet;
    book.activeRange = undefined;
    return env.makeSheet(sheet);
  };

  const api = {
    getId: () => book.id,
    getName: () => book.name,
    rename: (newName: unknown) => {
      if (typeof newName !== 'string') return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.rename', [newName]);
      book.name = newName;
    },
    getUrl: () => `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
    getSpreadsheetTimeZone: () => settings.timeZone,
    getSpreadsheetLocale: () => settings.locale,
    getActiveSheet: () => env.makeSheet(activeSheet()),
    setActiveSheet: (sheet: unknown) => {
      const model = sheetArgument(env, sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
      if (model.deleted) ctx.fail('This sheet has been deleted.');
      book.active = model;
      book.activeRange = undefined;
      return env.makeSheet(model);
    },
    getActiveRange: () => {
      const sheet = activeSheet();
      return env.makeRange(sheet, book.activeRange ?? { row: 1, col: 1, numRows: 1, numCols: 1 });
    },
    getSheets: () => book.sheets.map((s) => env.makeSheet(s)),
    getNumSheets: () => book.sheets.length,
    getSheetByName: (name: unknown) => {
      if (typeof name !== 'string') return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.getSheetByName', [name]);
      const sheet = book.findSheet(name);
      return sheet ? env.makeSheet(sheet) : null;
    },
    getSheetById: (id: unknown) => {
      if (typeof id !== 'number') return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.getSheetById', [id]);
      const sheet = book.findSheetById(id);
      return sheet ? env.makeSheet(sheet) : null;
    },
    insertSheet,
    deleteSheet: (sheet: unknown) => {
      const model = sheetArgument(env, sheet, 'SpreadsheetApp.Spreadsheet.deleteSheet');
      if (model.deleted) ctx.fail('This sheet has been deleted.');
      const remaining = book.sheets.filter((s) => s !== model);
      if (!remaining.some((s) => !s.hidden)) ctx.fail("You can't remove all the sheets in a document.");
      const index = book.sheets.indexOf(model);
      book.sheets = remaining;
      model.deleted = true;
      if (book.active === model) {
        book.active =
          remaining.slice(Math.max(0, index - 1)).find((s) => !s.hidden) ?? remaining.find((s) => !s.hidden);
        book.activeRange = undefined;
      }
    },
    moveActiveSheet: (pos: unknown) => {
      if (typeof pos !== 'number' || pos < 1 || pos > book.sheets.length)
        return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.moveActiveSheet', [pos]);
      const sheet = activeSheet();
      book.sheets = book.sheets.filter((s) => s !== sheet);
      book.sheets.splice(Math.trunc(pos) - 1, 0, sheet);
    },
    getRange: (a1Notation: unknown) => {
      if (typeof a1Notation !== 'string')
        return signatureMismatch(ctx, 'SpreadsheetApp.Spreadsheet.getRange', [a1Notation]);
      return rangeFromA1(env, a1Notation, activeSheet, 'SpreadsheetApp.Spreadsheet.getRange');
    },
    getDataRange: () => {
      const sheet = activeSheet();
      return env.makeRange(sheet, {
        row: 1,
        col: 1,
        numRows: Math.max(1, sheet.lastRow()),
        numCols: Math.max(1, sheet.lastColumn()),
      });
    },
    getLastRow: () => activeSheet().lastRow(),
    getLastColumn: () => activeSheet().lastColumn(),
    toast: (msg: unknown, title?: unknown, timeoutSeconds?: unknown) => {
      ctx.toasts.push({
        message: String(msg),
        title: title === undefined || title === null ? '' : String(title),
        timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : 5,
      });
    },
  };
  const raw = { ...api } as unknown as FakeSpreadsheet;
  return { spreadsheet: instrument(ctx, 'Spreadsheet', api) as unknown as FakeSpreadsheet, raw };
}

/** The `SpreadsheetApp.BooleanCriteria` member names. */
export const BOOLEAN_CRITERIA: readonly FakeBooleanCriteriaName[] = [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
];

/** Shared enums of the Spreadsheet service. */
export const SPREADSHEET_ENUMS = {
  BooleanCriteria: makeEnum(BOOLEAN_CRITERIA),
  CopyPasteType: makeEnum<FakeCopyPasteTypeName>([
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  ]),
  Dimension: makeEnum(['COLUMNS', 'ROWS'] as const),
  WrapStrategy: makeEnum(['WRAP', 'OVERFLOW', 'CLIP'] as const),
};

/** Makes the `SpreadsheetApp` global. */
export function makeSpreadsheetApp(
  env: Env,
  raw: SpreadsheetParts['raw'],
  ui: () => FakeUiApi,
  newRule: () => FakeConditionalFormatRuleBuilder,
): FakeSpreadsheetApp {
  const { ctx, book } = env;
  const api = {
    getActive: () => env.spreadsheet,
    getActiveSpreadsheet: () => env.spreadsheet,
    getActiveSheet: () => raw.getActiveSheet(),
    getActiveRange: () => raw.getActiveRange(),
    setActiveSheet: (sheet: unknown) => raw.setActiveSheet(sheet as never),
    openById: (id: unknown) => {
      if (typeof id !== 'string') return signatureMismatch(ctx, 'SpreadsheetApp.openById', [id]);
      if (id !== book.id)
        ctx.fail('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
      return env.spreadsheet;
    },
    getUi: () => ui(),
    flush: () => undefined,
    newConditionalFormatRule: () => newRule(),
    newFilterCriteria: () => makeCriteriaBuilder(ctx),
  };
  const app = instrument(ctx, 'SpreadsheetApp', api);
  return Object.assign(app, SPREADSHEET_ENUMS) as unknown as FakeSpreadsheetApp;
}
