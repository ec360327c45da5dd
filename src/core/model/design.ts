import { isMissingText, isMissingValue } from '../cells/missingValue';
import { isDateValue } from '../cells/isDateValue';
import { parseNumber } from '../cells/parseNumber';
import { infoOf, tableFromGrid } from '../cells/table';
import type { ColumnInfo } from '../cells/columnInfo';
import { typedColumnInfo } from '../cells/typedColumnInfo';
import { typeTextCell, type TypedColumn, type TypedTable } from '../cells/typedColumns';
import { toLogScale } from './logTarget';
import { ownEntry } from '../prepare/grid';
import { strayWarning } from '../prepare/profileGrid';
import { dummyName, treatmentCoding } from './treatmentCoding';

/** How to turn a grid into a regression design. */
export interface DesignOptions {
  /** The target column's header. */
  target: string;
  /** Fit an intercept (default true). */
  intercept?: boolean;
  /** Model log1p(target) instead of the target (default false). */
  logTarget?: boolean;
  /** Headers of columns to leave out of the model. */
  exclude?: readonly string[];
  /** Reference level per categorical column; by default the first level in code-point order. */
  referenceLevels?: Readonly<Record<string, string>>;
}

/** What became of one input column. */
export interface DesignColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** For categorical columns: every level seen in the modelled rows, in code-point order. */
  levels?: string[];
  /**
   * For categorical columns: the level that has no dummy. Absent for the first text column of a model without an
   * intercept, which gets a dummy for every level (R's `y ~ f - 1`).
   */
  reference?: string;
  /** Names of the design columns (terms) this column produced. */
  terms: string[];
  /** Rows left out because this column's cell was missing. */
  missing: number;
}

/** A numeric regression problem built from a grid, with a record of how it was built. */
export interface Design {
  /** Rows used. */
  rows: number;
  /** Design columns (terms), including the intercept. */
  columns: number;
  /** Column-major rows×columns design matrix. */
  x: Float64Array;
  /** The response as modelled (log1p(target) when `logTarget`). */
  y: Float64Array;
  /** Term names, in column order: Intercept, then the columns in file order with dummies in level order. */
  terms: string[];
  target: string;
  hasIntercept: boolean;
  logTarget: boolean;
  /** The input columns used as predictors, in file order. */
  predictors: DesignColumn[];
  /** Rows in the grid below the header. */
  inputRows: number;
  /** Rows left out because a used cell was missing. */
  rowsDropped: number;
  /** For each used row, its index in the grid (1-based row 1 is the first data row; 0 is the header). */
  rowIndex: Int32Array;
  warnings: string[];
}

/**
 * Builds the design matrix of a linear model from a grid whose first row is the header.
 *
 * Numeric columns enter as they are (booleans and TRUE/FALSE text count as 1/0). Text columns are one-hot encoded
 * against a reference level, by default the first in code-point order, with dummies named `<column>_<level>`, as
 * R's treatment contrasts do with C-locale level order. Without an intercept the first text column keeps every
 * level (one dummy each, as R's `y ~ f - 1`: dropping a level there would fit another model) and later text columns
 * drop their reference. A row with a missing value in the target or any used column is left out and counted: in a
 * number column a blank or any missing token (see `isMissingValue`), in a text column only a blank, NA or N/A (see
 * `isMissingText`), so that a category called "none" or "-" is a level. Levels are those of the rows kept, as R's
 * model.frame does.
 *
 * Cost: O(rows × columns) time, plus one Float64Array of rows × terms.
 * @throws Error naming the problem for: an empty grid, a header without data, blank or duplicate headers, an
 *   unknown target or excluded column, a non-numeric target, a Date in a used column, a non-finite number, ragged
 *   rows, log1p of a target value ≤ −1, or no rows left.
 */
export function buildDesign(grid: readonly (readonly unknown[])[], options: DesignOptions): Design {
  if (grid.length === 1) throw new Error('There is a header but no data rows: put your data below the header');
  const table = tableFromGrid(grid); // empty grid, blank or duplicate headers, ragged rows
  const cell = (i: number, j: number): unknown => (grid[i + 1] as readonly unknown[])[j];
  return designFrom(
    {
      names: table.names,
      rows: grid.length - 1,
      info: (j) => infoOf(table, j),
      firstDate: (j) => {
        for (let i = 0; i < grid.length - 1; i++) if (isDateValue(cell(i, j))) return i;
        return -1;
      },
      hasText: (j) => grid.slice(1).some((row) => !isMissingText(row[j])),
      allNumbers: () => false,
      labels: (j) => labelsOf(grid.length - 1, (i) => cell(i, j)),
      firstNonNumber: (j) => {
        for (let i = 0; i < grid.length - 1; i++) {
          const raw = cell(i, j);
          if (!isMissingValue(raw) && parseNumber(raw) === null) return { row: i + 2, text: String(raw) };
        }
        return { row: 0, text: '' };
      },
    },
    options,
  );
}

/**
 * `buildDesign` on typed columns (see `readTypedCsv`): the same design, warnings and messages as `buildDesign` on
 * the grid of the same file after `typeNumbers`, without a grid. The shared cell rules run once per level.
 * Cost: O(rows × columns) time, plus one Float64Array of rows × terms.
 * @throws Error as `buildDesign`.
 */
export function buildTypedDesign(table: TypedTable, options: DesignOptions): Design {
  const infos: (ColumnInfo | undefined)[] = [];
  const levelCell = (column: TypedColumn, i: number): unknown => {
    const code = column.codes[i] as number;
    return code < 0 ? column.numbers[i] : typeTextCell(column.levels[code] as string);
  };
  const firstLevel = (j: number, test: (cell: unknown) => boolean): number => {
    const column = table.columns[j] as TypedColumn;
    const hits = column.levels.map((level) => test(typeTextCell(level)));
    if (!hits.includes(true)) return -1;
    return column.codes.findIndex((code) => code >= 0 && hits[code] === true);
  };
  return designFrom(
    {
      names: table.names,
      rows: table.rows,
      info: (j) => (infos[j] ??= typedColumnInfo(table.columns[j] as TypedColumn, table.styles[j] ?? 'dot')),
      firstDate: () => -1, // a file holds no Date cells
      hasText: (j) => firstLevel(j, (cell) => !isMissingText(cell)) >= 0,
      allNumbers: (j) => (table.columns[j] as TypedColumn).levels.length === 0, // plain numbers only
      labels: (j) => typedLabels(table.columns[j] as TypedColumn),
      firstNonNumber: (j) => {
        const i = firstLevel(j, (cell) => !isMissingValue(cell) && parseNumber(cell) === null);
        return i < 0
          ? { row: 0, text: '' }
          : { row: i + 2, text: String(levelCell(table.columns[j] as TypedColumn, i)) };
      },
    },
    options,
  );
}

/** `labelsOf` a typed column, with the text rules run once per level. Cost: O(rows + levels). */
function typedLabels(column: TypedColumn): Labels {
  const byText = labelsOf(column.levels.length, (k) => typeTextCell(column.levels[k] as string));
  const codes = new Int32Array(column.codes.length);
  const index = new Map(byText.texts.map((text, k) => [text, k] as const));
  for (let i = 0; i < codes.length; i++) {
    const code = column.codes[i] as number;
    if (code >= 0) codes[i] = byText.codes[code] as number;
    else {
      // A plain number in a text column (the reader keeps none there): labelled by its double, as a typed cell is.
      const text = String(column.numbers[i]);
      let label = index.get(text);
      if (label === undefined) {
        label = byText.texts.length;
        byText.texts.push(text);
        index.set(text, label);
      }
      codes[i] = label;
    }
  }
  return { codes, texts: byText.texts };
}

/** The columns of a table of data rows, as the design builder reads them. */
interface DesignSource {
  names: readonly string[];
  rows: number;
  info(j: number): ColumnInfo;
  /** The first row holding a Date, or -1. */
  firstDate(j: number): number;
  /** Some cell is not missing as text (see `isMissingText`). */
  hasText(j: number): boolean;
  /** Known without a look at its values: every cell is a finite number, so that none is missing. */
  allNumbers(j: number): boolean;
  /** The column as text labels (see `labelsOf`). */
  labels(j: number): Labels;
  /** The first cell that is neither missing nor a number in the dot style: its sheet row and text. */
  firstNonNumber(j: number): { row: number; text: string };
}

/** A text column: each row's label index (-1 when missing as text) and the labels. */
interface Labels {
  codes: Int32Array;
  texts: string[];
}

/** Labels of a column's cells: a cell missing as text has none, any other is labelled by its text. Cost: O(rows). */
function labelsOf(rows: number, cell: (i: number) => unknown): Labels {
  const codes = new Int32Array(rows);
  const texts: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const raw = cell(i);
    if (isMissingText(raw)) {
      codes[i] = -1;
      continue;
    }
    const text = String(raw);
    let code = index.get(text);
    if (code === undefined) {
      code = texts.length;
      texts.push(text);
      index.set(text, code);
    }
    codes[i] = code;
  }
  return { codes, texts };
}

function designFrom(source: DesignSource, options: DesignOptions): Design {
  const header = source.names;
  const width = header.length;
  const seen = new Map(header.map((h, j) => [h, j] as const));
  const targetIndex = seen.get(options.target);
  if (targetIndex === undefined)
    throw new Error(`there is no column "${options.target}"; columns are ${header.join(', ')}`);
  const excluded = new Set<number>();
  for (const column of options.exclude ?? []) {
    const index = seen.get(column);
    if (index === undefined) throw new Error(`cannot exclude "${column}": there is no such column`);
    if (index === targetIndex) throw new Error(`cannot exclude the target "${column}"`);
    excluded.add(index);
  }
  const hasIntercept = options.intercept ?? true;
  const logTarget = options.logTarget ?? false;
  const dataRows = source.rows;

  // Classify the used columns and read the target.
  const used: number[] = [];
  for (let j = 0; j < width; j++) if (j !== targetIndex && !excluded.has(j)) used.push(j);
  const numericValues = new Map<number, Float64Array>();
  const textValues = new Map<number, Labels>();
  const missingCount = new Map<number, number>();
  const warnings: string[] = [];
  // Numbers are read with TikFit's one cell rule (see columnInfo): a column of mostly numbers is numeric, and its few
  // other cells are missing, each named in a warning.
  const readNumeric = (j: number, role: string): Float64Array | null => {
    const info = source.info(j);
    if (info.kind !== 'date') {
      const i = source.firstDate(j);
      if (i >= 0)
        throw new Error(`${role} "${header[j]}" has a date in row ${i + 2}; dates are not accepted, use a number`);
    }
    // A column with no values at all is no obstacle to reading numbers: every row is then missing. (A predictor whose
    // only values are tokens such as "none" is text: see below.)
    if (info.kind === 'empty') return new Float64Array(dataRows).fill(NaN);
    if (info.values === null || info.kind === 'date') return null;
    if (info.nonFinite !== null)
      throw new Error(
        `${role} "${header[j]}" has a non-finite number (${info.nonFinite.text}) in row ${info.nonFinite.row + 2}`,
      );
    for (const stray of info.strays)
      warnings.push(
        strayWarning(header[j] as string, { row: stray.row + 2, text: stray.text }, info.kind, {
          fate: 'row left out',
        }),
      );
    return info.values;
  };
  const target = readNumeric(targetIndex, 'the target');
  if (target === null) {
    const bad = source.firstNonNumber(targetIndex);
    throw new Error(`the target "${options.target}" is not numeric (row ${bad.row}: "${bad.text}")`);
  }
  for (const j of used.slice()) {
    if (source.info(j).kind === 'date') {
      warnings.push(`"${header[j]}" holds dates, which are not a predictor; it was left out`);
      used.splice(used.indexOf(j), 1);
      continue;
    }
    const onlyTokens = source.info(j).kind === 'empty' && source.hasText(j);
    const numeric = onlyTokens ? null : readNumeric(j, 'column');
    if (numeric !== null) {
      numericValues.set(j, numeric);
      continue;
    }
    textValues.set(j, source.labels(j));
  }

  // Keep the rows where every used cell has a value. Column by column; the counts enter missingCount in the order a
  // row-by-row pass would meet them (by first missing row, the target first), which orders ties in the warning.
  const complete = new Uint8Array(dataRows).fill(1);
  const firstMissing: [row: number, position: number, j: number, count: number][] = [];
  [targetIndex, ...used].forEach((j, position) => {
    const values = j === targetIndex ? target : numericValues.get(j);
    const found =
      values === undefined
        ? markMissingCodes((textValues.get(j) as Labels).codes, complete)
        : source.allNumbers(j)
          ? { first: -1, count: 0 }
          : markNaN(values, complete);
    if (found.count > 0) firstMissing.push([found.first, position, j, found.count]);
  });
  firstMissing.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, , j, count] of firstMissing) missingCount.set(j, count);
  // The kept rows' indices, made only when a row is left out or a loop needs them: a copy of every row needs none.
  // In fresh processes on bench/fitPeers.mjs's 10,000 × 10 file, this loop and rowIndex's took 1.4–10 ms of
  // prepare's 4–25 ms (loaded machine, 2026-11-30): cold loops run interpreted.
  let keep: Int32Array | null = firstMissing.length === 0 ? null : keptRows(complete);
  const kept = (): Int32Array => (keep ??= everyRow(dataRows));
  const rows = keep === null ? dataRows : keep.length;
  if (rows === 0) throw new Error(`no rows are left: every row has a missing value in the target or a used column`);
  const rowsDropped = dataRows - rows;
  if (rowsDropped > 0) {
    const worst = [...missingCount.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([j, count]) => `${header[j]} (${count})`);
    warnings.push(
      `${rowsDropped} of ${dataRows} rows were left out because of missing values; most missing: ${worst.join(', ')}`,
    );
  }

  // Terms.
  const terms: string[] = [];
  const predictors: DesignColumn[] = [];
  const builders: ((column: Float64Array) => void)[] = [];
  if (hasIntercept) {
    terms.push('Intercept');
    builders.push((column) => column.fill(1));
  }
  let everyLevelTaken = hasIntercept; // whether a text column has been coded with all its levels, or an intercept is
  for (const j of used) {
    const columnName = header[j] as string;
    const missing = missingCount.get(j) ?? 0;
    const numeric = numericValues.get(j);
    if (numeric !== undefined) {
      terms.push(columnName);
      predictors.push({ name: columnName, kind: 'numeric', terms: [columnName], missing });
      builders.push((column) => gather(numeric, keep, column));
      continue;
    }
    const { codes, texts } = textValues.get(j) as Labels;
    const requested = ownEntry(options.referenceLevels, columnName);
    const allLevels = !everyLevelTaken && requested === undefined;
    everyLevelTaken = true;
    const { levels, reference, dummyLevels } = treatmentCoding(
      Array.from(kept(), (i) => texts[codes[i] as number] as string),
      columnName,
      { ...(requested === undefined ? {} : { requested }), allLevels },
    );
    const columnTerms = dummyLevels.map((level) => dummyName(columnName, level));
    if (levels.length === 1 && !allLevels)
      warnings.push(
        `"${columnName}" has a single level ("${reference}") in the rows used, so it cannot explain anything and was left out`,
      );
    predictors.push({
      name: columnName,
      kind: 'categorical',
      levels,
      ...(reference === undefined ? {} : { reference }),
      terms: columnTerms,
      missing,
    });
    for (const level of dummyLevels) {
      terms.push(dummyName(columnName, level));
      const code = texts.indexOf(level);
      builders.push((column) => {
        const at = kept();
        for (let r = 0; r < rows; r++) column[r] = codes[at[r] as number] === code ? 1 : 0;
      });
    }
  }
  const duplicateTerm = terms.find((term, index) => terms.indexOf(term) !== index);
  if (duplicateTerm !== undefined)
    throw new Error(`two terms would both be named "${duplicateTerm}"; rename a column or a level`);

  const columns = terms.length;
  const x = new Float64Array(rows * columns);
  builders.forEach((build, k) => build(x.subarray(k * rows, (k + 1) * rows)));
  const y = new Float64Array(rows);
  if (logTarget) {
    const at = kept();
    for (let r = 0; r < rows; r++)
      y[r] = toLogScale(target[at[r] as number] as number, options.target, (at[r] as number) + 2);
  } else gather(target, keep, y);
  let rowIndex: Int32Array | null = null;
  return {
    rows,
    columns,
    x,
    y,
    terms,
    target: options.target,
    hasIntercept,
    logTarget,
    predictors,
    inputRows: dataRows,
    rowsDropped,
    // Made when first read (by a message or the exposure column), as it is one more loop over the rows.
    get rowIndex(): Int32Array {
      if (rowIndex === null) {
        const at = kept();
        rowIndex = new Int32Array(rows);
        for (let r = 0; r < rows; r++) rowIndex[r] = (at[r] as number) + 1;
      }
      return rowIndex;
    },
    warnings,
  };
}

// The row passes of designFrom, each one loop over a typed array: `tikfit fit` on the 1e6 × 10 file of
// bench/fitPeers.mjs spent 968 ms in prepare with per-cell ternaries and an Array of kept rows, 280 ms with these
// (with typedColumnInfo's lazy zeros; medians of 3 runs on the shared machine under load, 2026-11-29).

/** Clears `complete[i]` where a value is NaN (missing); the first such row and how many. Cost: O(rows). */
function markNaN(values: Float64Array, complete: Uint8Array): { first: number; count: number } {
  let first = -1;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) {
      complete[i] = 0;
      if (count++ === 0) first = i;
    }
  }
  return { first, count };
}

/** Clears `complete[i]` where a label is missing (code -1); the first such row and how many. Cost: O(rows). */
function markMissingCodes(codes: Int32Array, complete: Uint8Array): { first: number; count: number } {
  let first = -1;
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    if ((codes[i] as number) < 0) {
      complete[i] = 0;
      if (count++ === 0) first = i;
    }
  }
  return { first, count };
}

/** The indices of the complete rows. Cost: O(rows). */
function keptRows(complete: Uint8Array): Int32Array {
  let rows = 0;
  for (let i = 0; i < complete.length; i++) rows += complete[i] as number;
  const keep = new Int32Array(rows);
  for (let i = 0, r = 0; r < rows; i++) if (complete[i] === 1) keep[r++] = i;
  return keep;
}

/** 0, 1, …, rows − 1: the rows kept when no cell is missing. Cost: O(rows). */
function everyRow(rows: number): Int32Array {
  const keep = new Int32Array(rows);
  for (let i = 0; i < rows; i++) keep[i] = i;
  return keep;
}

/** `into[r] = values[keep[r]]`; a plain copy when every row is kept (`keep` null). Cost: O(kept rows). */
function gather(values: Float64Array, keep: Int32Array | null, into: Float64Array): void {
  if (keep === null || keep.length === values.length) into.set(values);
  else for (let r = 0; r < keep.length; r++) into[r] = values[keep[r] as number] as number;
}

/** What a design made of prepared columns says of itself: the target, the intercept, the log target, warnings. */
interface PreparedDesignInfo {
  target: string;
  intercept?: boolean;
  logTarget?: boolean;
  warnings?: string[];
}

/**
 * A design over prepared columns already laid out as a design holds them: `x` column-major, rows × terms, the
 * intercept's ones first when it has one, then the named predictors. `x` is kept, not copied (the recipe writes its
 * transformed columns straight into it). Cost: O(rows × columns) for the check.
 * @throws Error when a value is not finite, or x's size does not match the names and y.
 */
export function designFromMatrix(
  x: Float64Array,
  names: readonly string[],
  y: ArrayLike<number>,
  info: PreparedDesignInfo,
): Design {
  const rows = y.length;
  const hasIntercept = info.intercept ?? true;
  const terms = [...(hasIntercept ? ['Intercept'] : []), ...names];
  if (x.length !== rows * terms.length)
    throw new Error(`The design holds ${x.length} values for ${rows} rows of ${terms.length} terms`);
  const first = hasIntercept ? 1 : 0;
  names.forEach((name, k) => {
    const offset = (k + first) * rows;
    for (let i = 0; i < rows; i++) {
      const value = x[offset + i] as number;
      // value − value is 0 for a finite value, NaN for ±Infinity and NaN.
      if (value - value !== 0)
        throw new Error(`"${name}" has a value that is not finite in row ${i + 1}: fix that cell`);
    }
  });
  const yValues = Float64Array.from(y);
  if (yValues.some((v) => !Number.isFinite(v)))
    throw new Error('The column to explain has a value that is not finite: fix that cell');
  return {
    rows,
    columns: terms.length,
    x,
    y: yValues,
    terms,
    target: info.target,
    hasIntercept,
    logTarget: info.logTarget ?? false,
    predictors: names.map((name) => ({ name, kind: 'numeric', terms: [name], missing: 0 })),
    inputRows: rows,
    rowsDropped: 0,
    rowIndex: Int32Array.from({ length: rows }, (_, i) => i + 1),
    warnings: info.warnings ?? [],
  };
}
