import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { isDateValue } from '../cells/isDateValue';
import { normalizeRange } from './normalizeRange';

/** Bound once: the checks below run once per cell, and a bare V8 context looks globals up on every use. */
const isFiniteNumber = Number.isFinite;

/** One known_x column: the name its terms carry, and the header text it had ("" when blank or absent). */
export interface RangeColumn {
  name: string;
  header: string;
}

/** known_y and known_x as one grid that `buildDesign` reads, with how it was read. */
export interface RangeGrid {
  /** Header row [y name, x names…], then one row per data row: y first, then the x cells as they came. */
  grid: unknown[][];
  /** True when both ranges start with a header row. */
  hasHeader: boolean;
  /** The response's name: known_y's header, or "y". */
  target: string;
  /** The known_x columns in order. */
  columns: RangeColumn[];
  /** Row of the ranges (1-based) holding the first data row: 2 with a header row, 1 without. */
  firstDataRow: number;
}

/**
 * True when a range's first cell makes it start with a header row: exactly when it is text that is not a number
 * (after trimming), as the formulas' contract says — so a header named "NA" counts too. A blank cell ("") is no
 * text. Cost: O(length of the text).
 */
export function isHeaderCell(cell: unknown): boolean {
  return typeof cell === 'string' && cell.trim() !== '' && parseNumber(cell) === null;
}

/**
 * Reads the known_y and known_x arguments of a formula into a grid for `buildDesign`.
 *
 * known_y must be one column and known_x must have as many rows. Both start with a header row exactly when known_y's
 * first cell is a header cell (see `isHeaderCell`); then y is named by its header and each x column by its header
 * (X<k> for a blank one); otherwise y is "y" and the x columns X1…Xk. Row numbers in messages count the rows of
 * the ranges from 1, the header row included.
 *
 * Cost: O(cells) time; the grid holds references to the cells, not copies.
 * @throws Error naming the function for: a missing, empty or ragged range; known_y with more than one column;
 *   different heights; duplicate names; a date anywhere in known_y or known_x; a non-numeric or non-finite value in
 *   known_y; a non-finite number in known_x.
 */
export function rangeToGrid(functionName: string, knownY: unknown, knownX: unknown): RangeGrid {
  const y = normalizeRange(functionName, 'known_y', knownY);
  const x = normalizeRange(functionName, 'known_x', knownX);
  const yWidth = (y[0] as readonly unknown[]).length;
  if (yWidth !== 1) throw new Error(`${functionName}: known_y must be a single column, but it has ${yWidth} columns`);
  const hasHeader = isHeaderCell((y[0] as readonly unknown[])[0]);
  if (y.length !== x.length) {
    const hint = hasHeader && y.length === x.length + 1 ? ' (select the header row in both ranges or in neither)' : '';
    throw new Error(
      `${functionName}: known_y has ${y.length} row${y.length === 1 ? '' : 's'} but known_x has ${x.length}${hint}`,
    );
  }
  const width = (x[0] as readonly unknown[]).length;
  const target = hasHeader ? String((y[0] as readonly unknown[])[0]).trim() : 'y';
  const columns: RangeColumn[] = [];
  for (let j = 0; j < width; j++) {
    const raw = hasHeader ? (x[0] as readonly unknown[])[j] : '';
    const header = raw === null || raw === undefined ? '' : String(raw).trim();
    columns.push({ name: header === '' ? `X${j + 1}` : header, header });
  }
  const seen = new Map<string, number>();
  columns.forEach((column, j) => {
    const earlier = seen.get(column.name);
    if (earlier !== undefined)
      throw new Error(
        `${functionName}: known_x has two columns named "${column.name}" (columns ${earlier + 1} and ${j + 1}); rename one`,
      );
    seen.set(column.name, j);
  });
  const clash = seen.get(target);
  if (clash !== undefined)
    throw new Error(`${functionName}: "${target}" names both known_y and column ${clash + 1} of known_x`);

  const first = hasHeader ? 1 : 0;
  for (let i = first; i < y.length; i++) {
    const cell = (y[i] as readonly unknown[])[0];
    if (typeof cell === 'number') {
      // The common case, without the text and date checks. NaN reads as missing, as isMissingValue says.
      if (cell === cell && !isFiniteNumber(cell))
        throw new Error(`${functionName}: known_y has a non-finite number (${String(cell)}) in row ${i + 1}`);
      continue;
    }
    if (isDateValue(cell))
      throw new Error(`${functionName}: known_y has a date in row ${i + 1}; dates are not accepted, use a number`);
    if (isMissingValue(cell)) continue;
    const value = parseNumber(cell);
    if (value === null) throw new Error(`${functionName}: known_y is not numeric (row ${i + 1}: "${String(cell)}")`);
    if (!Number.isFinite(value))
      throw new Error(`${functionName}: known_y has a non-finite number (${String(cell)}) in row ${i + 1}`);
  }
  for (let j = 0; j < width; j++) {
    for (let i = first; i < x.length; i++) {
      const cell = (x[i] as readonly unknown[])[j];
      if (typeof cell === 'number' && (cell !== cell || isFiniteNumber(cell))) continue; // the common case; NaN counts as missing
      const name = (columns[j] as RangeColumn).name;
      if (isDateValue(cell))
        throw new Error(
          `${functionName}: column "${name}" has a date in row ${i + 1}; dates are not accepted as predictors`,
        );
      const value = parseNumber(cell);
      if (value !== null && !Number.isFinite(value))
        throw new Error(`${functionName}: column "${name}" has a non-finite number (${String(cell)}) in row ${i + 1}`);
    }
  }

  const grid: unknown[][] = [[target, ...columns.map((c) => c.name)]];
  for (let i = first; i < y.length; i++) grid.push([(y[i] as readonly unknown[])[0], ...(x[i] as readonly unknown[])]);
  return { grid, hasHeader, target, columns, firstDataRow: first + 1 };
}
