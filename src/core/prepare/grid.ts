import { isMissingValue } from '../cells/missingValue';
import { isDateValue } from '../cells/isDateValue';
import { parseNumber } from '../cells/parseNumber';

/** A sheet-like table: the header row first, then data rows of equal length. Cells are strings, numbers or booleans. */
export type Grid = unknown[][];

/**
 * Checks that a grid has a header with unique, non-blank names and rows of the header's length, and returns the
 * trimmed header. Cost: O(rows).
 * @throws Error naming `caller` and the problem.
 */
export function checkGrid(grid: readonly (readonly unknown[])[], caller: string): string[] {
  if (grid.length === 0) throw new Error(`${caller}: the data is empty`);
  const header = (grid[0] as readonly unknown[]).map((cell) => (cell === null || cell === undefined ? '' : String(cell).replace(/\s+/g, ' ').trim()));
  if (header.length === 0) throw new Error(`${caller}: the header row is empty`);
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') throw new Error(`${caller}: column ${j + 1} has a blank header`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new Error(`${caller}: the header "${name}" appears twice (columns ${earlier + 1} and ${j + 1})`);
    seen.set(name, j);
  });
  for (let i = 1; i < grid.length; i++) {
    const length = (grid[i] as readonly unknown[]).length;
    if (length !== header.length) throw new Error(`${caller}: row ${i + 1} has ${length} fields but the header has ${header.length}`);
  }
  return header;
}

/** The index of a header, or an error listing the columns. */
export function columnIndex(header: readonly string[], name: string, caller: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`${caller}: there is no column "${name}"; columns are ${header.join(', ')}`);
  return index;
}

/** The kinds of column the profile distinguishes. */
export type ColumnKind = 'numeric' | 'binary' | 'categorical' | 'identifier' | 'empty';

/**
 * The kind of a column from its cells: empty (no values), binary (numbers that are all 0 or 1, booleans
 * included), numeric (all numbers), identifier (text whose distinct values exceed half of its non-missing cells,
 * such as a title, and any column holding a date), or categorical (other text). Cost: O(cells).
 */
export function columnKind(cells: readonly unknown[]): ColumnKind {
  let present = 0;
  let numeric = true;
  let binary = true;
  for (const cell of cells) {
    if (isMissingValue(cell)) continue;
    present++;
    // A date (Sheets passes date cells as Dates) says when a video was posted, not what it was: never a predictor.
    if (isDateValue(cell)) return 'identifier';
    const value = parseNumber(cell);
    if (value === null) {
      numeric = false;
      break;
    }
    if (value !== 0 && value !== 1) binary = false;
  }
  if (numeric) return present === 0 ? 'empty' : binary ? 'binary' : 'numeric';
  // Text: count the distinct labels (only now, since numeric columns, the common case, need no set).
  present = 0;
  const distinct = new Set<string>();
  for (const cell of cells) {
    if (isMissingValue(cell)) continue;
    if (isDateValue(cell)) return 'identifier';
    present++;
    // Case-folded, so that Yes/yes/YES/No/no counts as two labels (a categorical column to clean), not five.
    distinct.add((typeof cell === 'string' ? cell.trim() : String(cell)).toLowerCase());
  }
  return distinct.size > present / 2 ? 'identifier' : 'categorical';
}

/**
 * `record[key]` when `key` is the record's own property, else undefined: a column named "constructor" or
 * "__proto__" must not pick up Object.prototype's members from an options object.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** One column's cells, below the header. */
export function columnCells(grid: readonly (readonly unknown[])[], j: number): unknown[] {
  const cells: unknown[] = new Array(grid.length - 1);
  for (let i = 1; i < grid.length; i++) cells[i - 1] = (grid[i] as readonly unknown[])[j];
  return cells;
}

/** A cell's text for a label: trimmed string, or the number or boolean as text. */
export function labelOf(cell: unknown): string {
  return typeof cell === 'string' ? cell.trim() : String(cell);
}
