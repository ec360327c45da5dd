/**
 * The fake's document state, without any Apps Script surface: a spreadsheet's sheets, each a sparse grid of
 * cells with its size, merges, frozen rows, column widths, charts and conditional format rules. The API
 * objects (Sheet, Range, …) are thin views over these models.
 */

import { Rect } from './a1';
import { Cell, cloneCell, hasContent, isBareCell } from './cells';

/** Rows or columns. */
export type Dimension = 'rows' | 'columns';

/** A rectangle on a given sheet: what a Range, a chart's data range or a rule's range points at. */
export interface SheetRect {
  sheet: SheetModel;
  rect: Rect;
}

/** A chart inserted on a sheet. */
export interface ChartModel {
  chartId: number;
  chartType: string;
  ranges: SheetRect[];
  options: Map<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  numHeaders: number;
  transpose: boolean;
}

/** A conditional format rule: its ranges, condition and the formatting it applies. */
export interface ConditionalRuleModel {
  ranges: SheetRect[];
  criteriaType: string | undefined;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
}

/** How many cells a spreadsheet may hold, hidden sheets included (Google Drive's limit for Sheets). */
export const MAX_CELLS = 10_000_000;

/** Sheets' message when an operation would take a spreadsheet past `MAX_CELLS`. */
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;

/** A basic filter's criteria on one column (`FilterCriteria`). */
export interface FilterCriteriaModel {
  hiddenValues: string[] | null;
  visibleValues: string[] | null;
  criteriaType: string | null;
  criteriaValues: unknown[];
}

/** A sheet's basic filter: its range and the criteria by (1-based, sheet) column. */
export interface FilterModel {
  rect: Rect;
  criteria: Map<number, FilterCriteriaModel>;
}

/** A deep copy of filter criteria. */
export function cloneCriteria(c: FilterCriteriaModel): FilterCriteriaModel {
  return {
    hiddenValues: c.hiddenValues === null ? null : [...c.hiddenValues],
    visibleValues: c.visibleValues === null ? null : [...c.visibleValues],
    criteriaType: c.criteriaType,
    criteriaValues: [...c.criteriaValues],
  };
}

/** Where a rectangle goes when rows or columns are inserted: it moves, or grows when the insert is inside it. */
export function shiftRectForInsert(rect: Rect, dim: Dimension, at: number, count: number): Rect {
  const r = { ...rect };
  if (dim === 'rows') {
    if (r.row >= at) r.row += count;
    else if (r.row + r.numRows - 1 >= at) r.numRows += count;
  } else if (r.col >= at) r.col += count;
  else if (r.col + r.numCols - 1 >= at) r.numCols += count;
  return r;
}

/** Where a rectangle goes when rows or columns `start … start+count-1` are deleted; undefined when it vanishes. */
export function shiftRectForDelete(rect: Rect, dim: Dimension, start: number, count: number): Rect | undefined {
  const r = { ...rect };
  const first = dim === 'rows' ? r.row : r.col;
  const size = dim === 'rows' ? r.numRows : r.numCols;
  const last = first + size - 1;
  const end = start + count - 1;
  const removedBefore = Math.max(0, Math.min(end, first - 1) - start + 1);
  const overlap = Math.max(0, Math.min(end, last) - Math.max(start, first) + 1);
  const newSize = size - overlap;
  if (newSize <= 0) return undefined;
  const newFirst = first - removedBefore;
  if (dim === 'rows') {
    r.row = newFirst;
    r.numRows = newSize;
  } else {
    r.col = newFirst;
    r.numCols = newSize;
  }
  return r;
}

/** True when two rectangles share a cell. */
export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

/** True when `outer` contains every cell of `inner`. */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

/** One sheet's state. Rows and columns are 1-based in every method. */
export class SheetModel {
  name: string;
  readonly sheetId: number;
  hidden = false;
  deleted = false;
  maxRows: number;
  maxCols: number;
  /** rows[r-1][c-1]; missing rows and cells are empty. */
  rows: (Array<Cell | undefined> | undefined)[] = [];
  merges: Rect[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths = new Map<number, number>();
  tabColor: string | null = null;
  charts: ChartModel[] = [];
  rules: ConditionalRuleModel[] = [];
  filter: FilterModel | undefined;

  constructor(name: string, sheetId: number, maxRows = 1000, maxCols = 26) {
    this.name = name;
    this.sheetId = sheetId;
    this.maxRows = maxRows;
    this.maxCols = maxCols;
  }

  /** The cell at (row, col), or undefined when it was never written. */
  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /** The cell at (row, col), created empty when absent, for writing. */
  cellForWrite(row: number, col: number): Cell {
    let line = this.rows[row - 1];
    if (!line) {
      line = [];
      this.rows[row - 1] = line;
    }
    let cell = line[col - 1];
    if (!cell) {
      cell = { value: '' };
      line[col - 1] = cell;
    }
    return cell;
  }

  /** Replaces the cell at (row, col); an undefined or bare cell is dropped. */
  putCell(row: number, col: number, cell: Cell | undefined): void {
    if (cell === undefined || isBareCell(cell)) {
      const line = this.rows[row - 1];
      if (line && line[col - 1] !== undefined) line[col - 1] = undefined;
      return;
    }
    let line = this.rows[row - 1];
    if (!line) {
      line = [];
      this.rows[row - 1] = line;
    }
    line[col - 1] = cell;
  }

  /** The last row with content (a value or formula), 0 when the sheet has none. */
  lastRow(): number {
    for (let r = Math.min(this.rows.length, this.maxRows); r >= 1; r -= 1) {
      const line = this.rows[r - 1];
      if (line && line.some((cell) => hasContent(cell))) return r;
    }
    return 0;
  }

  /** The last column with content, 0 when the sheet has none. */
  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c -= 1) {
        if (hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts `count` empty rows or columns so that the first new one is at index `at`. */
  insert(dim: Dimension, at: number, count: number): void {
    if (dim === 'rows') {
      if (this.rows.length >= at) this.rows.splice(at - 1, 0, ...new Array<undefined>(count));
      this.maxRows += count;
    } else {
      for (const line of this.rows)
        if (line && line.length >= at) line.splice(at - 1, 0, ...new Array<undefined>(count));
      this.maxCols += count;
      const widths = new Map<number, number>();
      for (const [c, w] of this.columnWidths) widths.set(c >= at ? c + count : c, w);
      this.columnWidths = widths;
    }
    this.merges = this.merges.map((m) => shiftRectForInsert(m, dim, at, count));
    if (this.filter) {
      const rect = shiftRectForInsert(this.filter.rect, dim, at, count);
      const criteria = new Map<number, FilterCriteriaModel>();
      for (const [c, crit] of this.filter.criteria) criteria.set(dim === 'columns' && c >= at ? c + count : c, crit);
      // Changed in place: the script's Filter objects still stand for this filter.
      this.filter.rect = rect;
      this.filter.criteria = criteria;
    }
  }

  /** Deletes rows or columns `start … start+count-1`. */
  remove(dim: Dimension, start: number, count: number): void {
    if (dim === 'rows') {
      this.rows.splice(start - 1, count);
      this.maxRows -= count;
    } else {
      for (const line of this.rows) if (line) line.splice(start - 1, count);
      this.maxCols -= count;
      const widths = new Map<number, number>();
      for (const [c, w] of this.columnWidths) {
        if (c < start) widths.set(c, w);
        else if (c >= start + count) widths.set(c - count, w);
      }
      this.columnWidths = widths;
    }
    this.merges = this.merges
      .map((m) => shiftRectForDelete(m, dim, start, count))
      .filter((m): m is Rect => m !== undefined && (m.numRows > 1 || m.numCols > 1));
    if (this.filter) {
      // A filter whose every row or column is deleted goes with them; its criteria follow their columns.
      const rect = shiftRectForDelete(this.filter.rect, dim, start, count);
      if (rect === undefined) this.filter = undefined;
      else {
        const criteria = new Map<number, FilterCriteriaModel>();
        for (const [c, crit] of this.filter.criteria) {
          if (dim === 'rows' || c < start) criteria.set(c, crit);
          else if (c >= start + count) criteria.set(c - count, crit);
        }
        this.filter.rect = rect;
        this.filter.criteria = criteria;
      }
    }
  }

  /** The cells of this sheet's grid, empty ones included: what counts toward `MAX_CELLS`. */
  gridCells(): number {
    return this.maxRows * this.maxCols;
  }

  /** A deep copy of this sheet's cells, merges and layout into `target` (charts and rules are copied by the caller). */
  copyContentInto(target: SheetModel): void {
    target.maxRows = this.maxRows;
    target.maxCols = this.maxCols;
    target.rows = this.rows.map((line) =>
      line ? line.map((cell) => (cell ? cloneCell(cell) : undefined)) : undefined,
    );
    target.merges = this.merges.map((m) => ({ ...m }));
    target.frozenRows = this.frozenRows;
    target.frozenColumns = this.frozenColumns;
    target.columnWidths = new Map(this.columnWidths);
    target.tabColor = this.tabColor;
    target.filter = this.filter
      ? {
          rect: { ...this.filter.rect },
          criteria: new Map([...this.filter.criteria].map(([c, crit]) => [c, cloneCriteria(crit)])),
        }
      : undefined;
  }
}

/** A spreadsheet's state: its sheets in tab order and the active sheet and range. */
export class SpreadsheetModel {
  readonly id: string;
  name: string;
  sheets: SheetModel[] = [];
  active: SheetModel | undefined;
  activeRange: Rect | undefined;
  private sheetCount = 0;
  private chartCount = 0;

  constructor(id: string, name: string) {
    this.id = id;
    this.name = name;
  }

  /** A new sheet id: 0 for the first sheet, as in Sheets, then distinct positive integers. */
  nextSheetId(): number {
    const n = this.sheetCount;
    this.sheetCount += 1;
    return n === 0 ? 0 : (n * 1000003) % 2147483647;
  }

  /** A new chart id, distinct within the spreadsheet. */
  nextChartId(): number {
    this.chartCount += 1;
    return this.chartCount;
  }

  /** The sheet whose name equals `name` ignoring case (sheet names are unique ignoring case), if any. */
  findSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** The cells of every sheet's grid, hidden sheets included. */
  totalCells(): number {
    let total = 0;
    for (const sheet of this.sheets) total += sheet.gridCells();
    return total;
  }

  /** The sheet with this id, if any. */
  findSheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.sheetId === id);
  }

  /** Moves every chart and rule range on `sheet` after an insert or delete of rows or columns on it. */
  shiftReferences(sheet: SheetModel, shift: (rect: Rect) => Rect | undefined): void {
    for (const s of this.sheets) {
      for (const chart of s.charts) chart.ranges = shiftAll(chart.ranges, sheet, shift);
      for (const rule of s.rules) rule.ranges = shiftAll(rule.ranges, sheet, shift);
    }
  }
}

function shiftAll(ranges: SheetRect[], sheet: SheetModel, shift: (rect: Rect) => Rect | undefined): SheetRect[] {
  const out: SheetRect[] = [];
  for (const r of ranges) {
    if (r.sheet !== sheet) {
      out.push(r);
      continue;
    }
    const moved = shift(r.rect);
    if (moved) out.push({ sheet: r.sheet, rect: moved });
  }
  return out;
}
