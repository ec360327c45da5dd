/** A1 notation: column letters, cell and range references, as Sheets reads and writes them. */

/** A rectangle of cells, 1-based and inclusive of its first row and column. */
export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Column letters of a 1-based column number: 1 → A, 26 → Z, 27 → AA. */
export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 1-based column number of column letters (any case): A → 1, AA → 27. */
export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A1 notation of a rectangle: "B2" for one cell, "A1:C3" otherwise. */
export function rectToA1(rect: Rect): string {
  const start = `${columnToLetters(rect.col)}${rect.row}`;
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  return `${start}:${columnToLetters(rect.col + rect.numCols - 1)}${rect.row + rect.numRows - 1}`;
}

/** The result of splitting "Sheet1!A1:B2" into its optional sheet name and its range part. */
export interface SplitA1 {
  sheetName: string | undefined;
  range: string;
}

/** Splits an optional sheet prefix ("Sheet1!" or "'My sheet'!") off an A1 reference. */
export function splitSheetPrefix(a1: string): SplitA1 {
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(a1);
  if (quoted) return { sheetName: (quoted[1] ?? '').replace(/''/g, "'"), range: quoted[2] ?? '' };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), range: a1.slice(bang + 1) };
  return { sheetName: undefined, range: a1 };
}

interface Endpoint {
  col: number | undefined;
  row: number | undefined;
}

function parseEndpoint(text: string): Endpoint | undefined {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text);
  if (!m) return undefined;
  const letters = m[1] ?? '';
  const digits = m[2] ?? '';
  if (letters === '' && digits === '') return undefined;
  const row = digits === '' ? undefined : Number(digits);
  if (row === 0) return undefined;
  return { col: letters === '' ? undefined : lettersToColumn(letters), row };
}

/**
 * The rectangle of an A1 range (without sheet prefix) on a sheet of the given size: "B2", "A1:C3", whole
 * columns "A:C", whole rows "2:4", open-ended "A2:C". Undefined when the text is not A1 notation.
 */
export function parseA1Range(text: string, maxRows: number, maxCols: number): Rect | undefined {
  const parts = text.trim().split(':');
  if (parts.length < 1 || parts.length > 2) return undefined;
  const a = parseEndpoint(parts[0] ?? '');
  if (!a) return undefined;
  const b = parts.length === 2 ? parseEndpoint(parts[1] ?? '') : a;
  if (!b) return undefined;
  if (parts.length === 1 && (a.col === undefined || a.row === undefined)) return undefined;
  // A whole-row reference needs rows on both ends, a whole-column one columns on both ends.
  if ((a.col === undefined) !== (b.col === undefined) && a.col === undefined) return undefined;
  if (a.row === undefined && b.row === undefined && (a.col === undefined || b.col === undefined)) return undefined;
  const c1 = a.col ?? 1;
  const c2 = b.col ?? (a.col === undefined ? maxCols : a.col);
  const r1 = a.row ?? 1;
  const r2 = b.row ?? maxRows;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
