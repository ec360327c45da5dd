import { columnInfo, type ColumnInfo, type ColumnKind } from './columnInfo';
import { sheetStyles, styleOfVotes, styleVote, type NumberStyle } from './parseNumber';
import { typedColumnInfo } from './typedColumnInfo';
import type { TypedTable } from './typedColumns';

/**
 * The data as TikFit's steps pass it along: checked once, each column classified once (on first use) and the
 * classification kept until a step changes that column. The cells are held column by column (`columns`): the steps
 * read and write a column at a time, and a step that changes cells makes new columns (copied on write, see
 * `columnWriter`) and a new table (`deriveTable`), never changing a column in place. `rows`, the same cells row by
 * row, is made on first use (the add-on writes rows to the sheet; the recipe never asks for them). At 330,000 × 30
 * in bench/pipeline-one.mjs, a row array per row, copied by each step that changed a cell of it, made the steps'
 * garbage collection a large share of `tikfit run`.
 *
 * `rowSources` and `columnSources` say where each row and column came from in the sheet or file the table was
 * first made of, so that a message can name the row the user sees, and the add-on can write back only what changed.
 */
export interface Table {
  /** Trimmed headers, unique and non-blank. */
  readonly names: readonly string[];
  /** Each column's cells, top to bottom (`rowCount` of them). Never changed in place. */
  readonly columns: readonly (readonly unknown[])[];
  /** How many data rows there are. */
  readonly rowCount: number;
  /** Data rows (below the header), each of `names.length` cells: made from `columns` on first use. */
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

/** A table's fields besides its cells. */
type TableFields = Omit<Table, 'columns' | 'rows' | 'rowCount'>;

/** A table's cells: by column, by row, or by column when first asked for (`makeColumns`). */
type TableCells =
  | { columns: readonly (readonly unknown[])[] }
  | { rows: readonly (readonly unknown[])[] }
  | { makeColumns: () => readonly (readonly unknown[])[] };

/**
 * A table of its cells given by column or by row: the other arrangement is made on first use and kept. Its row count
 * is that of `rowSources`. Cost: O(1); O(cells) when the other arrangement is first asked for.
 */
export function makeTable(fields: TableFields, cells: TableCells): Table {
  const rowCount = fields.rowSources.length;
  const width = fields.names.length;
  let columns = 'columns' in cells ? cells.columns : null;
  let rows = 'rows' in cells ? cells.rows : null;
  const columnsNow = (): readonly (readonly unknown[])[] => {
    if (columns === null)
      columns =
        'makeColumns' in cells
          ? cells.makeColumns()
          : transpose(rows as readonly (readonly unknown[])[], width, rowCount);
    return columns;
  };
  return {
    names: fields.names,
    get columns(): readonly (readonly unknown[])[] {
      return columnsNow();
    },
    rowCount,
    get rows(): readonly (readonly unknown[])[] {
      if (rows === null) rows = transpose(columnsNow(), rowCount, width);
      return rows;
    },
    rowSources: fields.rowSources,
    columnSources: fields.columnSources,
    styles: fields.styles,
    infos: fields.infos,
    kinds: fields.kinds,
  };
}

/** `lines` (each `across` long, `count` of them) turned a quarter: `across` arrays of `count`. Cost: O(cells). */
function transpose(lines: readonly (readonly unknown[])[], across: number, count: number): unknown[][] {
  const out: unknown[][] = new Array<unknown[]>(across);
  // One allocation of the final length each (pushing grows a store past its length).
  for (let k = 0; k < across; k++) out[k] = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    const line = lines[i] as readonly unknown[];
    for (let k = 0; k < across; k++) (out[k] as unknown[])[i] = line[k];
  }
  return out;
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
      throw new Error(
        `Row ${i + 1} has ${length} cell${length === 1 ? '' : 's'} but the header has ${names.length}: fix that row`,
      );
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
  return makeTable(
    {
      names,
      rowSources: rows.map((_, i) => i),
      columnSources: names.map((_, j) => j),
      styles: sheetStyles(styles),
      infos: names.map(() => undefined),
      kinds: names.map(() => undefined),
    },
    { rows },
  );
}

/**
 * A table made of typed columns (the byte reader's, src/core/io/typedCsv.ts) instead of a grid of strings: each
 * column's cells are its plain numbers as numbers and its other cells as their level's text (one string per distinct
 * text, shared by the cells), and every column's classification is filled in from the typed column
 * (`typedColumnInfo`, equal to `columnInfo`) instead of parsing each cell again. The steps after it see the same
 * kinds, numbers, labels and strays as from the grid of the same file; a plain number is a number cell, as a
 * sheet's are. At 330,000 × 30, papaparse's grid of strings, its number-style votes and the first classification
 * of every column took about a fifth of `tikfit run` (bench/pipeline-one.mjs); a row array per row then took 0.7 s
 * and much of the steps' garbage collection.
 * Cost: O(cells), an array per column.
 */
export function tableFromTyped(typed: TypedTable): Table {
  const { names, rows: n, columns } = typed;
  const cells = columns.map((column): unknown[] => {
    // One allocation of the column's length; a column of plain numbers only holds unboxed doubles.
    const out: unknown[] = new Array<unknown>(n);
    const { codes, numbers, levels } = column;
    if (levels.length === 0) for (let i = 0; i < n; i++) out[i] = numbers[i];
    else
      for (let i = 0; i < n; i++) {
        const code = codes[i] as number;
        out[i] = code < 0 ? numbers[i] : levels[code];
      }
    return out;
  });
  const styles = typed.styles.slice();
  return makeTable(
    {
      names: names.slice(),
      rowSources: Array.from({ length: n }, (_, i) => i),
      columnSources: names.map((_, j) => j),
      styles,
      // typedColumnInfo reads a whole number as typeTextCell types it, and "-0" as the number 0, where the text "-0"
      // is a label of its own: such a column is classified from its cells.
      infos: columns.map((column, j) =>
        column.levels.includes('-0') ? undefined : typedColumnInfo(column, styles[j] as NumberStyle),
      ),
      kinds: names.map(() => undefined),
    },
    { columns: cells },
  );
}

/** The table as a grid, header first (rows are shared, not copied). Cost: O(rows), O(cells) the first time. */
export function tableToGrid(table: Table): unknown[][] {
  return [table.names.slice(), ...(table.rows as unknown[][])];
}

/** One column's cells (a copy). Cost: O(rows). */
export function columnCellsOf(table: Table, j: number): unknown[] {
  return (table.columns[j] as readonly unknown[]).slice();
}

/** A column's classification, computed once per table and column. Cost: O(rows) the first time, O(1) after. */
export function infoOf(table: Table, j: number): ColumnInfo {
  const known = table.infos[j];
  if (known !== undefined) return known;
  const info = columnInfo(table.columns[j] as readonly unknown[], table.styles[j] ?? 'dot', table.kinds[j]);
  table.infos[j] = info;
  return info;
}

/**
 * A new table from an old one: new columns (or the same), with the classifications of the columns not listed in
 * `changed` kept when the rows are the same. A step that knows a changed column's new classification without
 * reading its cells again (the mean filled into a numeric column's blanks) gives it in `infos`, which applies only
 * when the rows are the same. When rows were dropped (`rowSources` given), every column keeps the kind it had (see
 * `Table.kinds`) and its values are read again on first use. The cells may also be given as rows (tests do).
 * Cost: O(columns), and O(cells) for rows.
 */
export function deriveTable(
  table: Table,
  change: {
    columns?: readonly (readonly unknown[])[];
    rows?: readonly (readonly unknown[])[];
    rowSources?: readonly number[];
    changed?: Iterable<number>;
    infos?: ReadonlyMap<number, ColumnInfo>;
  },
): Table {
  const given = change.columns !== undefined || change.rows !== undefined;
  const sameRows = !given || change.rowSources === undefined;
  const infos = sameRows ? table.infos.slice() : table.names.map(() => undefined);
  const kinds = sameRows ? table.kinds : table.names.map((_, j) => table.kinds[j] ?? infoOf(table, j).kind);
  for (const j of change.changed ?? []) infos[j] = undefined;
  if (sameRows) for (const [j, info] of change.infos ?? []) infos[j] = info;
  const fields = {
    names: table.names,
    rowSources: change.rowSources ?? table.rowSources,
    columnSources: table.columnSources,
    styles: table.styles,
    infos,
    kinds,
  };
  if (change.columns !== undefined) return makeTable(fields, { columns: change.columns });
  return change.rows !== undefined
    ? makeTable(fields, { rows: change.rows })
    : makeTable(fields, { columns: table.columns });
}

/**
 * A step's new columns, copied on write: columns the step does not change stay the old table's arrays (a step never
 * changes a column in place, so tables may share them), and a column is copied the first time one of its cells is set.
 */
export interface ColumnWriter {
  /** The columns as they are now (a new array after `keep`). */
  readonly columns: unknown[][];
  /** How many rows the columns have now. */
  readonly rowCount: number;
  /** Sets the cell of column j in row i, copying the column first if this writer has not yet. */
  set(i: number, j: number, value: unknown): void;
  /** Keeps only the rows at these indices, in this order, in every column. */
  keep(indices: readonly number[]): void;
}

/** A `ColumnWriter` over a table's columns. Cost: O(columns); O(rows) per column copied, O(cells) per `keep`. */
export function columnWriter(table: Table): ColumnWriter {
  let out = table.columns.slice() as unknown[][];
  const copied = new Uint8Array(out.length);
  let rowCount = table.rowCount;
  return {
    get columns() {
      return out;
    },
    get rowCount() {
      return rowCount;
    },
    set(i, j, value) {
      if (copied[j] === 0) {
        out[j] = (out[j] as unknown[]).slice();
        copied[j] = 1;
      }
      (out[j] as unknown[])[i] = value;
    },
    keep(indices) {
      out = out.map((column) => {
        const kept: unknown[] = new Array<unknown>(indices.length);
        for (let r = 0; r < indices.length; r++) kept[r] = column[indices[r] as number];
        return kept;
      });
      copied.fill(1);
      rowCount = indices.length;
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

/** A new table with a column added at `at` (a new column: its source is null). Cost: O(columns). */
export function insertColumn(table: Table, at: number, name: string, cells: readonly unknown[]): Table {
  const splice = <T>(list: readonly T[], item: T): T[] => [...list.slice(0, at), item, ...list.slice(at)];
  return makeTable(
    {
      names: splice(table.names, name),
      rowSources: table.rowSources,
      columnSources: splice(table.columnSources, null),
      styles: splice<NumberStyle>(table.styles, 'dot'),
      infos: splice<ColumnInfo | undefined>(table.infos, undefined),
      kinds: splice<ColumnKind | undefined>(table.kinds, undefined),
    },
    { columns: splice<readonly unknown[]>(table.columns, cells.slice()) },
  );
}
