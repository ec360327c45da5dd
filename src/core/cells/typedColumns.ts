import type { NumberStyle } from './parseNumber';

/**
 * One column as a reader hands it over, without a grid of boxed cells: each cell is either a plain number, kept as
 * its double, or a text, kept once per distinct spelling (dictionary-encoded). A cell is a plain number when it is
 * unquoted ASCII as `isPlainNumber(text, 'dot')` accepts it (`-3.5`, `1e-3`, `007`) and finite; every other cell
 * (blanks, missing tokens, `1,234`, `9%`, `12,5`, words, quoted cells) is a level, read later with the shared cell
 * rules (`parseNumber`, `isMissingValue`, `parseDate`) once per level instead of once per cell.
 */
export interface TypedColumn {
  /** The header, trimmed with inner runs of spaces collapsed (as `tableFromGrid` names columns). */
  readonly name: string;
  /** Per row: the cell's number when it is a plain number (then `codes[i]` is -1), else NaN. */
  readonly numbers: Float64Array;
  /**
   * Per row: -1 for a plain number, else the index of the cell's text in `levels`. Read only: columns without levels
   * may share one array.
   */
  readonly codes: Int32Array;
  /** The distinct texts of the cells that are not plain numbers, exactly as in the file (not trimmed). */
  readonly levels: readonly string[];
  /** How many rows hold each level (same index as `levels`). */
  readonly levelCounts: Int32Array;
}

/** A file read into typed columns: the header and one typed column per header cell, all `rows` long. */
export interface TypedTable {
  readonly names: readonly string[];
  /** Data rows (below the header). */
  readonly rows: number;
  readonly columns: readonly TypedColumn[];
  /**
   * Each column's number style, decided as `tableFromGrid` decides it: its own when its text tells, else the
   * sheet's.
   */
  readonly styles: readonly NumberStyle[];
}

const wholeNumber = /^-?(?:0|[1-9]\d*)$/;

/**
 * A text cell as the readers type it: a whole number (no leading zeros, a safe integer) becomes that number, every
 * other text stays text. Only whole numbers read the same in every locale ("1.234" is 1.234 in one and 1234 in
 * another), so every other text is left for the column's own number style (see `numberStyleOf`).
 * Cost: O(length of the text).
 */
export function typeTextCell(text: string): string | number {
  if (text === '' || !wholeNumber.test(text)) return text;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}
