/**
 * The fake `Range`: reading and writing values, formulas, notes and formats of a rectangle of cells, merging,
 * clearing and copying, with Sheets' checks and messages.
 */

import { Rect, rectToA1 } from './a1';
import { Cell, CellFormat, FORMAT_DEFAULTS, FormatKey, ParsedInput, cloneCell, outputValue, parseInput } from './cells';
import { FakeContext, instrument, signatureMismatch } from './context';
import { displayValue } from './display';
import { FakeEnumMember } from './enums';
import { Env, checkedRect, rangeArgument, requireInside } from './env';
import { createFilter, getFilter } from './filters';
import { normalizeFormatValue } from './formats';
import { shiftFormula } from './formula';
import { SheetModel, rectContains, rectsIntersect } from './models';
import { FakeCellValue, FakeClearOptions, FakeRange } from './types';

/** The message when merging or unmerging would split an existing merge. */
export const PARTIAL_MERGE_MESSAGE = 'You must select all cells in a merged range to merge or unmerge them.';

/** Throws Sheets' exception when a 2-D array's shape does not match the range. */
export function checkShape(ctx: FakeContext, method: string, data: unknown, rect: Rect): unknown[][] {
  if (!Array.isArray(data)) return signatureMismatch(ctx, `SpreadsheetApp.Range.${method}`, [data]);
  if (data.some((row) => !Array.isArray(row))) return signatureMismatch(ctx, `SpreadsheetApp.Range.${method}`, [data]);
  const rows = data as unknown[][];
  if (rows.length !== rect.numRows) {
    ctx.fail(
      `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of rows) {
    if (row.length !== rect.numCols) {
      ctx.fail(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${rect.numCols}.`,
      );
    }
  }
  return rows;
}

/** Stores a parsed value into a cell (keeping its note and format), and Sheets' automatic number format. */
export function applyParsed(sheet: SheetModel, row: number, col: number, parsed: ParsedInput): void {
  const existing = sheet.cell(row, col);
  const cell: Cell = existing ? { ...existing } : { value: '' };
  cell.value = parsed.value;
  delete cell.formula;
  delete cell.implicitFormula;
  if (parsed.formula !== undefined) cell.formula = parsed.formula;
  if (parsed.implicitFormula) cell.implicitFormula = true;
  if (parsed.autoFormat !== undefined && cell.format?.numberFormat === undefined) {
    cell.format = { ...(cell.format ?? {}), numberFormat: parsed.autoFormat };
  }
  sheet.putCell(row, col, cell);
}

/** Parses every value of a 2-D array before anything is written, so that a bad value writes nothing. */
export function parseGrid(
  ctx: FakeContext,
  sheet: SheetModel,
  rect: Rect,
  rows: unknown[][],
  method: string,
  original: unknown,
): ParsedInput[][] {
  return rows.map((line, i) =>
    line.map((value, j) => {
      const format = sheet.cell(rect.row + i, rect.col + j)?.format?.numberFormat;
      return parseInput(ctx, value, format) ?? signatureMismatch(ctx, `SpreadsheetApp.Range.${method}`, [original]);
    }),
  );
}

/** Content-and-format operations on a rectangle, shared by Range and Sheet. */
export function clearRect(
  sheet: SheetModel,
  rect: Rect,
  what: { contents: boolean; formats: boolean; notes: boolean },
): void {
  for (let r = rect.row; r < rect.row + rect.numRows; r += 1) {
    const line = sheet.rows[r - 1];
    if (!line) continue;
    for (let c = rect.col; c < rect.col + rect.numCols && c <= line.length; c += 1) {
      const cell = line[c - 1];
      if (!cell) continue;
      const next: Cell = { ...cell };
      if (what.contents) {
        next.value = '';
        delete next.formula;
        delete next.implicitFormula;
      }
      if (what.formats) delete next.format;
      if (what.notes) delete next.note;
      sheet.putCell(r, c, next);
    }
  }
}

/** Which parts `clear(options)` clears: everything when no option is set. */
export function clearWhat(options: FakeClearOptions | undefined): {
  contents: boolean;
  formats: boolean;
  notes: boolean;
} {
  const any =
    options !== undefined &&
    options !== null &&
    (options.contentsOnly || options.formatOnly || options.commentsOnly || options.validationsOnly);
  if (!any) return { contents: true, formats: true, notes: false };
  return { contents: Boolean(options.contentsOnly), formats: Boolean(options.formatOnly), notes: false };
}

type FormatSetterSpec = [single: string, plural: string, key: FormatKey];

const FORMAT_SPECS: FormatSetterSpec[] = [
  ['NumberFormat', 'NumberFormats', 'numberFormat'],
  ['FontWeight', 'FontWeights', 'fontWeight'],
  ['FontStyle', 'FontStyles', 'fontStyle'],
  ['FontSize', 'FontSizes', 'fontSize'],
  ['FontFamily', 'FontFamilies', 'fontFamily'],
  ['Background', 'Backgrounds', 'background'],
  ['FontColor', 'FontColors', 'fontColor'],
  ['Wrap', 'Wraps', 'wrap'],
  ['HorizontalAlignment', 'HorizontalAlignments', 'horizontalAlignment'],
  ['VerticalAlignment', 'VerticalAlignments', 'verticalAlignment'],
];

function setFormat(sheet: SheetModel, row: number, col: number, key: FormatKey, value: unknown): void {
  const normalized = normalizeFormatValue(key, value);
  const existing = sheet.cell(row, col);
  const cell: Cell = existing ? { ...existing } : { value: '' };
  const format: CellFormat = { ...(cell.format ?? {}) };
  if (normalized === undefined) delete format[key];
  else (format as Record<string, unknown>)[key] = normalized;
  cell.format = format;
  sheet.putCell(row, col, cell);
}

function formatOf(sheet: SheetModel, row: number, col: number, key: FormatKey): unknown {
  return sheet.cell(row, col)?.format?.[key] ?? FORMAT_DEFAULTS[key];
}

/** Options of `Range.copyTo`, resolved. */
interface CopyMode {
  values: boolean;
  formulas: boolean;
  formats: boolean;
  notes: boolean;
  merges: boolean;
  /** The source columns' widths (PASTE_COLUMN_WIDTHS only; a normal paste keeps the destination's widths). */
  widths?: boolean;
}

function copyModeOf(env: Env, option: unknown): CopyMode {
  const all: CopyMode = { values: true, formulas: true, formats: true, notes: true, merges: true };
  if (option === undefined || option === null) return all;
  if (typeof option === 'object' && !('name' in option && typeof (option as FakeEnumMember).name === 'function')) {
    const o = option as { contentsOnly?: boolean; formatOnly?: boolean };
    if (o.contentsOnly) return { values: true, formulas: true, formats: false, notes: false, merges: false };
    if (o.formatOnly) return { values: false, formulas: false, formats: true, notes: false, merges: true };
    return all;
  }
  const name = typeof option === 'object' ? (option as FakeEnumMember).name() : String(option);
  switch (name) {
    case 'PASTE_NORMAL':
    case 'PASTE_NO_BORDERS':
      return all;
    case 'PASTE_VALUES':
      return { values: true, formulas: false, formats: false, notes: false, merges: false };
    case 'PASTE_FORMULA':
      return { values: true, formulas: true, formats: false, notes: false, merges: false };
    case 'PASTE_FORMAT':
      return { values: false, formulas: false, formats: true, notes: false, merges: true };
    case 'PASTE_COLUMN_WIDTHS':
      return { values: false, formulas: false, formats: false, notes: false, merges: false, widths: true };
    case 'PASTE_DATA_VALIDATION':
    case 'PASTE_CONDITIONAL_FORMATTING':
      return { values: false, formulas: false, formats: false, notes: false, merges: false };
    default:
      return env.ctx.fail(`Invalid argument: copyPasteType`);
  }
}

/**
 * Copies `source` to the rectangle that starts at `dest`'s top-left, as Sheets pastes: the source's size, or
 * the destination's when it is a whole multiple of the source (the source is then repeated). Relative formula
 * references move with the paste. `transposed` swaps rows and columns.
 */
export function copyRect(
  env: Env,
  src: SheetModel,
  srcRect: Rect,
  dst: SheetModel,
  dstRect: Rect,
  mode: CopyMode,
  transposed: boolean,
): void {
  const srcRows = transposed ? srcRect.numCols : srcRect.numRows;
  const srcCols = transposed ? srcRect.numRows : srcRect.numCols;
  const tileRows = dstRect.numRows > srcRows && dstRect.numRows % srcRows === 0 ? dstRect.numRows / srcRows : 1;
  const tileCols = dstRect.numCols > srcCols && dstRect.numCols % srcCols === 0 ? dstRect.numCols / srcCols : 1;
  const target: Rect = { row: dstRect.row, col: dstRect.col, numRows: srcRows * tileRows, numCols: srcCols * tileCols };
  checkedRect(env, dst, 'SpreadsheetApp.Range.copyTo', {
    row: target.row,
    col: target.col,
    numRows: target.numRows,
    numCols: target.numCols,
  });
  // Snapshot first: the source and destination may overlap.
  const snapshot: (Cell | undefined)[][] = [];
  for (let i = 0; i < srcRect.numRows; i += 1) {
    const line: (Cell | undefined)[] = [];
    for (let j = 0; j < srcRect.numCols; j += 1) {
      const cell = src.cell(srcRect.row + i, srcRect.col + j);
      line.push(cell ? cloneCell(cell) : undefined);
    }
    snapshot.push(line);
  }
  const sourceMerges = src.merges.filter((m) => rectContains(srcRect, m)).map((m) => ({ ...m }));
  if (mode.widths) {
    if (transposed) return;
    const widths = Array.from({ length: srcCols }, (_, j) => src.columnWidths.get(srcRect.col + j));
    for (let tj = 0; tj < tileCols; tj += 1) {
      widths.forEach((width, j) => {
        const col = target.col + tj * srcCols + j;
        if (width === undefined) dst.columnWidths.delete(col);
        else dst.columnWidths.set(col, width);
      });
    }
    return;
  }
  for (let ti = 0; ti < tileRows; ti += 1) {
    for (let tj = 0; tj < tileCols; tj += 1) {
      for (let i = 0; i < srcRows; i += 1) {
        for (let j = 0; j < srcCols; j += 1) {
          const si = transposed ? j : i;
          const sj = transposed ? i : j;
          const from = snapshot[si]?.[sj];
          const row = target.row + ti * srcRows + i;
          const col = target.col + tj * srcCols + j;
          const existing = dst.cell(row, col);
          const next: Cell = existing ? cloneCell(existing) : { value: '' };
          if (mode.values) {
            next.value = from?.value ?? '';
            delete next.formula;
            delete next.implicitFormula;
            if (mode.formulas && from?.formula !== undefined) {
              next.formula = shiftFormula(from.formula, row - (srcRect.row + si), col - (srcRect.col + sj));
              if (from.implicitFormula) next.implicitFormula = true;
            }
          }
          if (mode.formats) {
            if (from?.format) next.format = { ...from.format };
            else delete next.format;
          }
          if (mode.notes) {
            if (from?.note !== undefined) next.note = from.note;
            else delete next.note;
          }
          dst.putCell(row, col, next);
        }
      }
      if (mode.merges && !transposed) {
        for (const m of sourceMerges) {
          const moved: Rect = {
            row: m.row - srcRect.row + target.row + ti * srcRows,
            col: m.col - srcRect.col + target.col + tj * srcCols,
            numRows: m.numRows,
            numCols: m.numCols,
          };
          dst.merges = dst.merges.filter((x) => !rectsIntersect(x, moved));
          dst.merges.push(moved);
        }
      }
    }
  }
}

/** Makes the Range API object for a rectangle of a sheet. The rectangle must already be valid. */
export function makeRange(env: Env, sheet: SheetModel, rect: Rect): FakeRange {
  const { ctx } = env;
  const r0 = rect.row;
  const c0 = rect.col;
  const live = (): void => requireInside(env, sheet, rect);

  const grid = <T>(read: (row: number, col: number) => T): T[][] => {
    live();
    const out: T[][] = [];
    for (let i = 0; i < rect.numRows; i += 1) {
      const line: T[] = [];
      for (let j = 0; j < rect.numCols; j += 1) line.push(read(r0 + i, c0 + j));
      out.push(line);
    }
    return out;
  };
  const readValue = (row: number, col: number): FakeCellValue => outputValue(ctx, sheet.cell(row, col)?.value ?? '');
  const readDisplay = (row: number, col: number): string => {
    const cell = sheet.cell(row, col);
    return cell ? displayValue(cell.value, cell.format?.numberFormat, ctx.timeZone) : '';
  };
  const readFormula = (row: number, col: number): string => sheet.cell(row, col)?.formula ?? '';
  const readNote = (row: number, col: number): string => sheet.cell(row, col)?.note ?? '';

  const writeValues = (method: string, data: unknown): void => {
    live();
    const rows = checkShape(ctx, method, data, rect);
    const parsed = parseGrid(ctx, sheet, rect, rows, method, data);
    parsed.forEach((line, i) => line.forEach((p, j) => applyParsed(sheet, r0 + i, c0 + j, p)));
  };
  const writeFormulas = (method: string, data: unknown): void => {
    live();
    const rows = checkShape(ctx, method, data, rect);
    const parsed = rows.map((line, i) =>
      line.map((f, j) => {
        if (typeof f !== 'string' && f !== null && f !== undefined)
          return signatureMismatch(ctx, `SpreadsheetApp.Range.${method}`, [data]);
        const text = f ?? '';
        if (text.startsWith('=')) return { value: '', formula: text } as ParsedInput;
        return parseInput(ctx, text, sheet.cell(r0 + i, c0 + j)?.format?.numberFormat) ?? { value: '' };
      }),
    );
    parsed.forEach((line, i) => line.forEach((p, j) => applyParsed(sheet, r0 + i, c0 + j, p)));
  };
  const writeNotes = (method: string, data: unknown): void => {
    live();
    const rows = checkShape(ctx, method, data, rect);
    rows.forEach((line, i) =>
      line.forEach((note, j) => {
        const existing = sheet.cell(r0 + i, c0 + j);
        const cell: Cell = existing ? { ...existing } : { value: '' };
        if (note === null || note === undefined || note === '') delete cell.note;
        else cell.note = String(note);
        sheet.putCell(r0 + i, c0 + j, cell);
      }),
    );
  };

  const mergeRects = (rects: Rect[]): void => {
    live();
    for (const target of rects) {
      if (target.numRows === 1 && target.numCols === 1) continue;
      for (const m of sheet.merges) {
        if (rectsIntersect(m, target) && !rectContains(target, m)) ctx.fail(PARTIAL_MERGE_MESSAGE);
      }
    }
    for (const target of rects) {
      if (target.numRows === 1 && target.numCols === 1) continue;
      sheet.merges = sheet.merges.filter((m) => !rectContains(target, m));
      // Merging keeps only the top-left cell's content.
      for (let r = target.row; r < target.row + target.numRows; r += 1) {
        for (let c = target.col; c < target.col + target.numCols; c += 1) {
          if (r === target.row && c === target.col) continue;
          clearRect(
            sheet,
            { row: r, col: c, numRows: 1, numCols: 1 },
            { contents: true, formats: false, notes: false },
          );
        }
      }
      sheet.merges.push({ ...target });
    }
  };

  const api: Record<string, unknown> = {
    getRow: () => r0,
    getColumn: () => c0,
    getLastRow: () => r0 + rect.numRows - 1,
    getLastColumn: () => c0 + rect.numCols - 1,
    getNumRows: () => rect.numRows,
    getNumColumns: () => rect.numCols,
    getHeight: () => rect.numRows,
    getWidth: () => rect.numCols,
    getA1Notation: () => rectToA1(rect),
    getSheet: () => env.makeSheet(sheet),
    getGridId: () => sheet.sheetId,
    getCell: (row: number, column: number) => {
      live();
      const r = checkedRect(env, sheet, 'SpreadsheetApp.Range.getCell', {
        row: r0 + row - 1,
        col: c0 + column - 1,
        numRows: 1,
        numCols: 1,
      });
      return env.makeRange(sheet, r);
    },
    offset: (rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) => {
      live();
      const r = checkedRect(env, sheet, 'SpreadsheetApp.Range.offset', {
        row: r0 + rowOffset,
        col: c0 + columnOffset,
        numRows: numRows ?? rect.numRows,
        numCols: numColumns ?? rect.numCols,
      });
      return env.makeRange(sheet, r);
    },
    getValue: () => {
      live();
      return readValue(r0, c0);
    },
    getValues: () => grid(readValue),
    getDisplayValue: () => {
      live();
      return readDisplay(r0, c0);
    },
    getDisplayValues: () => grid(readDisplay),
    getFormula: () => {
      live();
      return readFormula(r0, c0);
    },
    getFormulas: () => grid(readFormula),
    setValue: (value: unknown) => {
      live();
      const parsed =
        parseInput(ctx, value, sheet.cell(r0, c0)?.format?.numberFormat) ??
        signatureMismatch(ctx, 'SpreadsheetApp.Range.setValue', [value]);
      for (let i = 0; i < rect.numRows; i += 1)
        for (let j = 0; j < rect.numCols; j += 1) applyParsed(sheet, r0 + i, c0 + j, parsed);
      return range;
    },
    setValues: (values: unknown) => {
      writeValues('setValues', values);
      return range;
    },
    setFormula: (formula: unknown) => {
      if (typeof formula !== 'string') signatureMismatch(ctx, 'SpreadsheetApp.Range.setFormula', [formula]);
      writeFormulas(
        'setFormulas',
        Array.from({ length: rect.numRows }, (_, i) =>
          Array.from({ length: rect.numCols }, (_u, j) => shiftFormula(formula as string, i, j)),
        ),
      );
      return range;
    },
    setFormulas: (formulas: unknown) => {
      writeFormulas('setFormulas', formulas);
      return range;
    },
    isBlank: () =>
      grid((row, col) => sheet.cell(row, col)).every((line) =>
        line.every((cell) => !cell || (cell.value === '' && cell.formula === undefined)),
      ),
    getNote: () => {
      live();
      return readNote(r0, c0);
    },
    getNotes: () => grid(readNote),
    setNote: (note: unknown) => {
      writeNotes(
        'setNote',
        Array.from({ length: rect.numRows }, () => new Array<unknown>(rect.numCols).fill(note)),
      );
      return range;
    },
    setNotes: (notes: unknown) => {
      writeNotes('setNotes', notes);
      return range;
    },
    clearNote: () => {
      live();
      clearRect(sheet, rect, { contents: false, formats: false, notes: true });
      return range;
    },
    merge: () => {
      mergeRects([rect]);
      return range;
    },
    mergeAcross: () => {
      mergeRects(
        Array.from({ length: rect.numRows }, (_, i) => ({ row: r0 + i, col: c0, numRows: 1, numCols: rect.numCols })),
      );
      return range;
    },
    mergeVertically: () => {
      mergeRects(
        Array.from({ length: rect.numCols }, (_, j) => ({ row: r0, col: c0 + j, numRows: rect.numRows, numCols: 1 })),
      );
      return range;
    },
    breakApart: () => {
      live();
      for (const m of sheet.merges)
        if (rectsIntersect(m, rect) && !rectContains(rect, m)) ctx.fail(PARTIAL_MERGE_MESSAGE);
      sheet.merges = sheet.merges.filter((m) => !rectContains(rect, m));
      return range;
    },
    isPartOfMerge: () => {
      live();
      return sheet.merges.some((m) => rectsIntersect(m, rect));
    },
    getMergedRanges: () => {
      live();
      return sheet.merges.filter((m) => rectsIntersect(m, rect)).map((m) => env.makeRange(sheet, { ...m }));
    },
    clear: (options?: FakeClearOptions) => {
      live();
      clearRect(sheet, rect, clearWhat(options));
      return range;
    },
    clearContent: () => {
      live();
      clearRect(sheet, rect, { contents: true, formats: false, notes: false });
      return range;
    },
    clearFormat: () => {
      live();
      clearRect(sheet, rect, { contents: false, formats: true, notes: false });
      return range;
    },
    trimWhitespace: () => {
      live();
      for (let r = r0; r < r0 + rect.numRows; r += 1) {
        for (let c = c0; c < c0 + rect.numCols; c += 1) {
          const cell = sheet.cell(r, c);
          if (!cell || cell.formula !== undefined || typeof cell.value !== 'string') continue;
          sheet.putCell(r, c, { ...cell, value: cell.value.trim().replace(/\s+/g, ' ') });
        }
      }
      return range;
    },
    copyTo: (destination: unknown, option?: unknown, transposed?: unknown) => {
      live();
      const dest = rangeArgument(env, destination, 'SpreadsheetApp.Range.copyTo');
      requireInside(env, dest.sheet, dest.rect);
      copyRect(env, sheet, rect, dest.sheet, dest.rect, copyModeOf(env, option), transposed === true);
    },
    activate: () => {
      live();
      env.book.active = sheet;
      env.book.activeRange = { ...rect };
      return range;
    },
    createFilter: () => {
      live();
      return createFilter(env, sheet, rect);
    },
    getFilter: () => {
      live();
      return getFilter(env, sheet);
    },
  };

  for (const [single, plural, key] of FORMAT_SPECS) {
    api[`get${single}`] = () => {
      live();
      return formatOf(sheet, r0, c0, key);
    };
    api[`get${plural}`] = () => grid((row, col) => formatOf(sheet, row, col, key));
    api[`set${single}`] = (value: unknown) => {
      live();
      for (let r = r0; r < r0 + rect.numRows; r += 1)
        for (let c = c0; c < c0 + rect.numCols; c += 1) setFormat(sheet, r, c, key, value);
      return range;
    };
    api[`set${plural}`] = (values: unknown) => {
      live();
      const rows = checkShape(ctx, `set${plural}`, values, rect);
      rows.forEach((line, i) => line.forEach((value, j) => setFormat(sheet, r0 + i, c0 + j, key, value)));
      return range;
    };
  }

  const range = instrument(ctx, 'Range', api) as unknown as FakeRange;
  env.rangeOf.set(range, { sheet, rect: { ...rect } });
  return range;
}
