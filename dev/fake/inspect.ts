/**
 * Test-side access to the document, bypassing the API (so nothing is counted or refused): loading a grid into
 * a sheet and reading a sheet back as plain arrays.
 */

import { Rect, rectToA1 } from './a1';
import { Cell, CellFormat, FORMAT_DEFAULTS, ParsedInput, StoredValue, parseInput } from './cells';
import { FakeContext } from './context';
import { displayValue } from './display';
import { ConditionalRuleModel, FilterCriteriaModel, SheetModel, SheetRect, cloneCriteria } from './models';

/** A cell to load: a value (written as a script would write it), or a formula with its computed value. */
export type FakeCellInput =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | { formula: string; value?: string | number | boolean | Date; note?: string; numberFormat?: string };

/** Rows of cells to load into a sheet, top-left at A1. */
export type FakeGridInput = readonly (readonly FakeCellInput[])[];

/** How to load a grid. */
export interface LoadOptions {
  /**
   * true (default): strings are read as Sheets reads typed text ("=…" formulas, "'…" text, "12" → 12, …).
   * false: every string is stored as literal text.
   */
  parse?: boolean;
}

/** A sheet as plain arrays, sized to its data (last row × last column with content; [] when empty). */
export interface FakeSheetGrid {
  name: string;
  sheetId: number;
  index: number;
  hidden: boolean;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** What getValues() gives (Dates of the test's realm). */
  values: (string | number | boolean | Date)[][];
  displayValues: string[][];
  /** "" where the cell has no formula. */
  formulas: string[][];
  /** true where Sheets made a formula out of a string starting with "+", "-" or "@" (spreadsheet injection). */
  implicitFormulas: boolean[][];
  notes: string[][];
  numberFormats: string[][];
  backgrounds: string[][];
  fontWeights: string[][];
  /** Merged ranges in A1 notation. */
  merges: string[];
  /** Column widths set or auto-resized, by 1-based column. */
  columnWidths: Record<number, number>;
  /** The basic filter: its range and its criteria by 1-based sheet column; null when the sheet has none. */
  filter: { range: string; criteria: Record<number, FilterCriteriaModel> } | null;
}

/** A chart as plain data. */
export interface FakeChartSnapshot {
  chartId: number;
  chartType: string;
  ranges: string[];
  options: Record<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

/** A conditional format rule as plain data. */
export type FakeRuleSnapshot = Omit<ConditionalRuleModel, 'ranges'> & { ranges: string[] };

/** The A1 notation of a sheet rectangle, with the sheet name: "Sheet1!A1:B2". */
export function sheetRectToA1(ref: SheetRect): string {
  return `${ref.sheet.name}!${rectToA1(ref.rect)}`;
}

/** Parses one cell to load. */
function parseLoadCell(ctx: FakeContext, input: FakeCellInput, parse: boolean, where: string): Cell | undefined {
  if (input !== null && typeof input === 'object' && !ctx.isDate(input)) {
    const cell: Cell = { value: '', formula: input.formula };
    if (input.value !== undefined) {
      const v = parseInput(ctx, input.value, '@');
      if (!v) throw new Error(`loadGrid: bad cached value at ${where}`);
      cell.value = v.value;
    }
    if (input.note !== undefined) cell.note = input.note;
    if (input.numberFormat !== undefined) cell.format = { numberFormat: input.numberFormat };
    return cell;
  }
  const parsed: ParsedInput | undefined =
    parse || typeof input !== 'string' ? parseInput(ctx, input, undefined) : { value: input };
  if (!parsed) throw new Error(`loadGrid: unsupported value at ${where}`);
  const cell: Cell = { value: parsed.value };
  if (parsed.formula !== undefined) cell.formula = parsed.formula;
  if (parsed.implicitFormula) cell.implicitFormula = true;
  if (parsed.autoFormat !== undefined) cell.format = { numberFormat: parsed.autoFormat };
  return cell;
}

/**
 * Replaces a sheet's cells and merges by a grid (top-left at A1), growing the sheet to fit. Charts, rules,
 * frozen rows and column widths stay.
 */
export function loadGrid(ctx: FakeContext, sheet: SheetModel, grid: FakeGridInput, options: LoadOptions = {}): void {
  const parse = options.parse !== false;
  sheet.rows = [];
  sheet.merges = [];
  grid.forEach((line, i) => {
    line.forEach((input, j) => {
      sheet.putCell(i + 1, j + 1, parseLoadCell(ctx, input, parse, `row ${i + 1}, column ${j + 1}`));
    });
  });
  const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
  sheet.maxRows = Math.max(sheet.maxRows, grid.length);
  sheet.maxCols = Math.max(sheet.maxCols, width);
}

function hostValue(value: StoredValue): string | number | boolean | Date {
  return typeof value === 'object' ? new Date(value.epochMs) : value;
}

/** A sheet as plain arrays (see `FakeSheetGrid`). */
export function snapshotSheet(sheet: SheetModel, index: number, timeZone = 'Etc/UTC'): FakeSheetGrid {
  const rows = sheet.lastRow();
  const cols = sheet.lastColumn();
  const map = <T>(read: (cell: Cell | undefined) => T): T[][] =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_u, j) => read(sheet.cell(i + 1, j + 1))));
  const format =
    <K extends keyof CellFormat>(key: K) =>
    (cell: Cell | undefined): Required<CellFormat>[K] =>
      (cell?.format?.[key] ?? FORMAT_DEFAULTS[key]) as Required<CellFormat>[K];
  return {
    name: sheet.name,
    sheetId: sheet.sheetId,
    index,
    hidden: sheet.hidden,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxCols,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    values: map((cell) => hostValue(cell?.value ?? '')),
    displayValues: map((cell) => (cell ? displayValue(cell.value, cell.format?.numberFormat, timeZone) : '')),
    formulas: map((cell) => cell?.formula ?? ''),
    implicitFormulas: map((cell) => cell?.implicitFormula === true),
    notes: map((cell) => cell?.note ?? ''),
    numberFormats: map(format('numberFormat')),
    backgrounds: map(format('background')),
    fontWeights: map(format('fontWeight')),
    merges: sheet.merges.map((m: Rect) => rectToA1(m)),
    columnWidths: Object.fromEntries(sheet.columnWidths),
    filter: sheet.filter
      ? {
          range: rectToA1(sheet.filter.rect),
          criteria: Object.fromEntries([...sheet.filter.criteria].map(([c, crit]) => [c, cloneCriteria(crit)])),
        }
      : null,
  };
}

/** The charts of a sheet as plain data. */
export function snapshotCharts(sheet: SheetModel): FakeChartSnapshot[] {
  return sheet.charts.map((c) => ({
    chartId: c.chartId,
    chartType: c.chartType,
    ranges: c.ranges.map(sheetRectToA1),
    options: Object.fromEntries(c.options),
    anchorRow: c.anchorRow,
    anchorColumn: c.anchorColumn,
    offsetX: c.offsetX,
    offsetY: c.offsetY,
  }));
}

/** The conditional format rules of a sheet as plain data. */
export function snapshotRules(sheet: SheetModel): FakeRuleSnapshot[] {
  return sheet.rules.map((r) => ({
    ranges: r.ranges.map(sheetRectToA1),
    criteriaType: r.criteriaType,
    criteriaValues: [...r.criteriaValues],
    background: r.background,
    fontColor: r.fontColor,
    bold: r.bold,
    italic: r.italic,
  }));
}
