import { columnInfo, type ColumnInfo, type ColumnKind } from './columnInfo';
import { sheetStyles, styleOfVotes, styleVote, type NumberStyle } from './parseNumber';
import { typedColumnInfo } from './typedColumnInfo';
import type { TypedTable } from './typedColumns';

/**
 * The data as TikFit's steps pass it along: checked once, each column classified once (on first use) and the
 * classification kept until a step changes that column. Rows are row-major arrays that a step never changes in
 * place: a step that changes cells makes new rows and a new table (`deriveTable`).
 *
 * `rowSources` and `columnSources` say where each row and column came from in the sheet or file the table was
 * first made of, so that a message can name the row the user sees, and the add-on can write back only what changed.
 */
export interface Table {
  /** Trimmed headers, unique and non-blank. */
  readonly names: readonly string[];
  /** Data rows (below the header), each of `names.length` cells. */
  readonly rows: readonly (readonly unknown[])[];
  /** For each row, its index among the original data rows (0 is the first row below the header). */
  readonly rowSources: readonly number[];
  /** For each column, its index among the original columns, or null for a column a step added. */
  readonly columnSources: readonly (number | null)[];
  /**
   * Each column's number style: its own when its text tells, else the sheet's (decided from the columns that do).
   */
  readonly styles: readonly NumberStyle[];
  /** Column classifications, filled on first use. */
  readonly infos: (ColumnInfo | undefined)[];
  /**
   * Kinds decided before a step dropped rows: a column keeps its kind (a view count with one typo among 20 rows
   * stays numeric when a step leaves 17 of them), and only its values are read again.
   */
  readonly kinds: readonly (ColumnKind | undefined)[];
}

/**
 * Checks a grid (header row first) and makes a table of it. Headers are trimmed with inner runs of spaces
 * collapsed. Cost: O(cells) for the number style; columns are classified later, once each.
 * @throws Error, in the user's words, for an empty grid, a blank or repeated header, or a row of another length.
 */
export function tableFromGrid(grid: readonly (readonly unknown[])[]): Table {
  if (grid.length === 0) throw new Error('The data is empty: put a header row and your data on the sheet');
  const names = (grid[0] as readonly unknown[]).map((cell) =>
    cell === null || cell === undefined ? '' : String(cell).replace(/\s+/g, ' ').trim(),
  );
  if (names.length === 0) throw new Error('The header row is empty: put one name per column in the first row');
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === '') throw new Error(`Column ${columnLetter(j)} has no header: give it a name in row 1`);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new Error(
        `The header "${name}" appears twice (columns ${columnLetter(earlier)} and ${columnLetter(j)}): rename one of them`,
      );
    }
    seen.set(name, j);
  });
  for (let i = 1; i < grid.length; i++) {
    const length = (grid[i] as readonly unknown[]).length;
    if (length !== names.length)
      throw new Error(`Row ${i + 1} has ${length} cells but the header has ${names.length}: fix that row`);
  }
  const rows = grid.slice(1);
  // numberStyleOf of each column, with the votes counted in one pass over the rows (row by row: see infoOf).
  const dotOnly = new Int32Array(names.length);
  const commaOnly = new Int32Array(names.length);
  for (const row of rows) {
    for (let j = 0; j < names.length; j++) {
      const vote = styleVote(row[j]);
      if (vote === 'dot') dotOnly[j] = (dotOnly[j] as number) + 1;
      else if (vote === 'comma') commaOnly[j] = (commaOnly[j] as number) + 1;
    }
  }
  const styles = names.map((_, j) => styleOfVotes(dotOnly[j] as number, commaOnly[j] as number));
  return {
    names,
    rows,
    rowSources: rows.map((_, i) => i),
    columnSources: names.map((_, j) => j),
    styles: sheetStyles(styles),
    infos: names.map(() => undefined),
    kinds: names.map(() => undefined),
  };
}

/**
 * A table made of typed columns (the byte reader's, src/core/io/typedCsv.ts) instead of a grid of strings: each
 * row's cells are its plain numbers as numbers and its other cells as their level's text (one string per distinct
 * text, shared by the rows), and every column's classification is filled in from the typed column
 * (`typedColumnInfo`, equal to `columnInfo`) instead of parsing each cell again. The steps after it see the same
 * kinds, numbers, labels and strays as from the grid of the same file; a plain number is a number cell, as a
 * sheet's are. At 330,000 × 30, papaparse's grid of strings, its number-style votes and the first classification
 * of every column took about a fifth of `tikfit run` (bench/pipeline-one.mjs).
 * Cost: O(cells), plus a row array per row.
 */
export function tableFromTyped(typed: TypedTable): Table {
  const { names, rows: n, columns } = typed;
  const width = names.length;
  const rows: unknown[][] = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) {
    // One allocation of the row's length: pushing grew each row's store to 41 cells for 30 (0.03 GB at 330,000 rows).
    const row: unknown[] = new Array<unknown>(width);
    for (let j = 0; j < width; j++) {
      const column = columns[j] as TypedTable['columns'][number];
      const code = column.codes[i] as number;
      row[j] = code < 0 ? column.numbers[i] : column.levels[code];
    }
    rows[i] = row;
  }
  const styles = typed.styles.slice();
  return {
    names: names.slice(),
    rows,
    rowSources: rows.map((_, i) => i),
    columnSources: names.map((_, j) => j),
    styles,
    // typedColumnInfo reads a whole number as typeTextCell types it, and "-0" as the number 0, where the text "-0"
    // is a label of its own: such a column is classified from its cells.
    infos: columns.map((column, j) =>
      column.levels.includes('-0') ? undefined : typedColumnInfo(column, styles[j] as NumberStyle),
    ),
    kinds: names.map(() => undefined),
  };
}

/** The table as a grid, header first (rows are shared, not copied). Cost: O(rows). */
export function tableToGrid(table: Table): unknown[][] {
  return [table.names.slice(), ...(table.rows as unknown[][])];
}

/** One column's cells. Cost: O(rows). */
export function columnCellsOf(table: Table, j: number): unknown[] {
  const cells: unknown[] = new Array(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) cells[i] = (table.rows[i] as readonly unknown[])[j];
  return cells;
}

/** How many columns `infoOf` reads in one pass over the rows. */
const COLUMNS_PER_PASS = 8;

/**
 * A column's classification, computed once per table and column. The first call reads this column and the next
 * columns not yet classified (up to COLUMNS_PER_PASS) in one pass over the rows: reading one column at a time walks
 * every row array once per column, which took longer than classifying the cells (bench/pipeline-one.mjs at
 * 100,000 × 30: columnCellsOf 0.9 s of columnInfo's 4.6 s, the row-by-column loops of the steps more).
 * Cost: O(rows) the first time, O(1) after.
 */
export function infoOf(table: Table, j: number): ColumnInfo {
  const known = table.infos[j];
  if (known !== undefined) return known;
  const pending = [j];
  for (let k = j + 1; k < table.names.length && pending.length < COLUMNS_PER_PASS; k++)
    if (table.infos[k] === undefined) pending.push(k);
  const n = table.rows.length;
  const cells = pending.map(() => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const row = table.rows[i] as readonly unknown[];
    for (let m = 0; m < pending.length; m++) (cells[m] as unknown[])[i] = row[pending[m] as number];
  }
  pending.forEach((k, m) => {
    table.infos[k] = columnInfo(cells[m] as unknown[], table.styles[k] ?? 'dot', table.kinds[k]);
  });
  return table.infos[j] as ColumnInfo;
}

/**
 * A new table from an old one: new rows (or the same), with the classifications of the columns not listed in
 * `changed` kept when the rows are the same. A step that knows a changed column's new classification without
 * reading its cells again (the mean filled into a numeric column's blanks) gives it in `infos`, which applies only
 * when the rows are the same. When rows were dropped, every column keeps the kind it had (see `Table.kinds`) and
 * its values are read again on first use. Cost: O(columns).
 */
export function deriveTable(
  table: Table,
  change: {
    rows?: readonly (readonly unknown[])[];
    rowSources?: readonly number[];
    changed?: Iterable<number>;
    infos?: ReadonlyMap<number, ColumnInfo>;
  },
): Table {
  const sameRows = change.rows === undefined || change.rowSources === undefined;
  const infos = sameRows ? table.infos.slice() : table.names.map(() => undefined);
  const kinds = sameRows ? table.kinds : table.names.map((_, j) => table.kinds[j] ?? infoOf(table, j).kind);
  for (const j of change.changed ?? []) infos[j] = undefined;
  if (sameRows) for (const [j, info] of change.infos ?? []) infos[j] = info;
  return {
    ...table,
    rows: change.rows ?? table.rows,
    rowSources: change.rowSources ?? table.rowSources,
    infos,
    kinds,
  };
}

/**
 * A step's new rows, copied on write: rows the step does not change stay the old table's arrays (a step never changes
 * a row in place, so tables may share them), and a row is copied the first time one of its cells is set. Copying
 * every row for every step made each step allocate a whole grid (a quarter of the recipe's time went to garbage
 * collection at 100,000 × 30 in bench/pipeline-one.mjs).
 */
export interface RowWriter {
  /** The rows as they are now (a new array after `keep`). */
  readonly rows: unknown[][];
  /** Sets a cell of row i, copying the row first if this writer has not yet. */
  set(i: number, j: number, value: unknown): void;
  /** Keeps only the rows at these indices, in this order (rows already copied stay copied). */
  keep(indices: readonly number[]): void;
}

/** A `RowWriter` over a table's rows. Cost: O(rows) for the array of references. */
export function rowWriter(rows: readonly (readonly unknown[])[]): RowWriter {
  let out = rows.slice() as unknown[][];
  let copied = new Uint8Array(out.length);
  return {
    get rows() {
      return out;
    },
    set(i, j, value) {
      if (copied[i] === 0) {
        out[i] = (out[i] as unknown[]).slice();
        copied[i] = 1;
      }
      (out[i] as unknown[])[j] = value;
    },
    keep(indices) {
      const before = out;
      const flags = copied;
      out = indices.map((i) => before[i] as unknown[]);
      copied = Uint8Array.from(indices, (i) => flags[i] as number);
    },
  };
}

/** The index of a column by name, or -1. Cost: O(columns). */
export function findColumn(table: Table, name: string): number {
  return table.names.indexOf(name);
}

/**
 * The index of a column the user named.
 * @throws Error naming the column, what it was named for, and the columns there are.
 */
export function requireColumn(table: Table, name: string, role: string): number {
  const j = table.names.indexOf(name);
  if (j < 0) throw new Error(`There is no column "${name}" (${role}); the columns are ${listNames(table.names)}`);
  return j;
}

/** The spreadsheet row number of a table row (the header is row 1). */
export function sheetRow(table: Table, row: number): number {
  return (table.rowSources[row] ?? row) + 2;
}

/** 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function listNames(names: readonly string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}

/**
 * A table step used on a grid: the grid is checked and made a table, the step runs, and its table is returned as a
 * grid. For tests and callers that hold grids. Cost: the step's, plus O(cells) for the check.
 */
export function onGrid<O, R>(
  step: (table: Table, options?: O) => { table: Table; report: R },
): (grid: readonly (readonly unknown[])[], options?: O) => { grid: unknown[][]; report: R } {
  return (grid, options) => {
    const result = step(tableFromGrid(grid), options);
    return { grid: tableToGrid(result.table), report: result.report };
  };
}

/** A new table with a column added at `at` (a new column: its source is null). Cost: O(rows). */
export function insertColumn(table: Table, at: number, name: string, cells: readonly unknown[]): Table {
  const splice = <T>(list: readonly T[], item: T): T[] => [...list.slice(0, at), item, ...list.slice(at)];
  return {
    names: splice(table.names, name),
    rows: table.rows.map((row, i) => splice(row, cells[i])),
    rowSources: table.rowSources,
    columnSources: splice(table.columnSources, null),
    styles: splice<NumberStyle>(table.styles, 'dot'),
    infos: splice<ColumnInfo | undefined>(table.infos, undefined),
    kinds: splice<ColumnKind | undefined>(table.kinds, undefined),
  };
}
