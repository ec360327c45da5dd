/**
 * The wiring between the spreadsheet-family API objects: the shared context and document model, the maps from
 * an API object back to what it stands for (so that `setActiveSheet(sheet)` or `copyTo(range)` can accept only
 * the fake's own objects), and the factories each module registers so that they can make each other's objects.
 */

import { Rect } from './a1';
import { FakeContext, signatureMismatch } from './context';
import {
  CELL_LIMIT_MESSAGE,
  ChartModel,
  ConditionalRuleModel,
  MAX_CELLS,
  SheetModel,
  SheetRect,
  SpreadsheetModel,
} from './models';
import {
  FakeConditionalFormatRule,
  FakeEmbeddedChart,
  FakeEmbeddedChartBuilder,
  FakeRange,
  FakeSheet,
  FakeSpreadsheet,
} from './types';

/** Shared state and factories of one fake spreadsheet's API objects. */
export interface Env {
  ctx: FakeContext;
  book: SpreadsheetModel;
  /** The one Spreadsheet API object of `book`. */
  spreadsheet: FakeSpreadsheet;
  sheetOf: WeakMap<object, SheetModel>;
  rangeOf: WeakMap<object, SheetRect>;
  chartOf: WeakMap<object, ChartModel>;
  ruleOf: WeakMap<object, ConditionalRuleModel>;
  makeSheet(model: SheetModel): FakeSheet;
  makeRange(sheet: SheetModel, rect: Rect): FakeRange;
  makeChart(model: ChartModel): FakeEmbeddedChart;
  makeChartBuilder(sheet: SheetModel, model?: ChartModel): FakeEmbeddedChartBuilder;
  makeRule(model: ConditionalRuleModel): FakeConditionalFormatRule;
}

/** Throws unless the sheet still exists in the spreadsheet. */
export function requireLiveSheet(env: Env, sheet: SheetModel): void {
  if (sheet.deleted) env.ctx.fail('This sheet has been deleted.');
}

/** The sheet model behind a Sheet API object, or a signature-mismatch exception naming `method`. */
export function sheetArgument(env: Env, value: unknown, method: string): SheetModel {
  const model = typeof value === 'object' && value !== null ? env.sheetOf.get(value) : undefined;
  return model ?? signatureMismatch(env.ctx, method, [value]);
}

/** The rectangle behind a Range API object, or a signature-mismatch exception naming `method`. */
export function rangeArgument(env: Env, value: unknown, method: string): SheetRect {
  const ref = typeof value === 'object' && value !== null ? env.rangeOf.get(value) : undefined;
  return ref ?? signatureMismatch(env.ctx, method, [value]);
}

/**
 * Validates a rectangle on a sheet the way `Sheet.getRange(row, column, numRows, numColumns)` does and returns
 * it with integer coordinates.
 */
export function checkedRect(
  env: Env,
  sheet: SheetModel,
  method: string,
  args: { row: unknown; col: unknown; numRows: unknown; numCols: unknown },
  given?: readonly unknown[],
): Rect {
  const { ctx } = env;
  const values = [args.row, args.col, args.numRows, args.numCols];
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) signatureMismatch(ctx, method, given ?? values);
  const [row, col, numRows, numCols] = values.map((v) => Math.trunc(v as number)) as [number, number, number, number];
  if (row < 1) ctx.fail('The starting row of the range is too small.');
  if (col < 1) ctx.fail('The starting column of the range is too small.');
  if (numRows < 1) ctx.fail('The number of rows in the range must be at least 1.');
  if (numCols < 1) ctx.fail('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols) {
    ctx.fail('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { row, col, numRows, numCols };
}

/** Throws when a rectangle no longer fits its sheet (rows or columns were deleted since the Range was made). */
export function requireInside(env: Env, sheet: SheetModel, rect: Rect): void {
  requireLiveSheet(env, sheet);
  if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.col + rect.numCols - 1 > sheet.maxCols) {
    env.ctx.fail('The coordinates of the range are outside the dimensions of the sheet.');
  }
}

/**
 * Throws Sheets' exception when adding `cells` grid cells (a new or copied sheet, inserted rows or columns) would
 * take the spreadsheet past its 10,000,000 cells, hidden sheets included. Nothing has changed when it throws.
 */
export function requireCellRoom(env: Env, cells: number): void {
  if (cells > 0 && env.book.totalCells() + cells > MAX_CELLS) env.ctx.fail(CELL_LIMIT_MESSAGE);
}
