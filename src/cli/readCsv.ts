import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseNumber } from '../core/parseNumber';

/**
 * Reads a CSV file into a grid of strings, header row first.
 *
 * Handles a UTF-8 byte-order mark, quoted fields containing commas, quotes or line breaks, and LF or CRLF line
 * endings (csv-parse). Rows of different lengths are returned as they are, so that the caller can say which row is
 * ragged; completely empty lines are skipped.
 * Cost: O(size of the file).
 * @throws Error naming the file when it cannot be read, is empty, or is not valid CSV (e.g. an unclosed quote).
 */
export function readCsv(path: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new Error(`cannot read "${path}": ${reason}`, { cause: error });
  }
  return parseCsvText(text, path);
}

/**
 * Parses CSV text into a grid of strings (see `readCsv`).
 * @throws Error when the text is empty or not valid CSV.
 */
export function parseCsvText(text: string, source = 'the input'): string[][] {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new Error(`"${source}" is empty`);
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new Error(`"${source}" is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Turns the cells of a string grid (below the header) that are plain numbers into numbers, in place, as Google
 * Sheets does when a CSV is imported: later steps then see numbers, as they do in the add-on, and need not parse
 * them again. Text, blanks and missing tokens stay as they are. Returns the grid. Cost: O(cells).
 */
export function typeNumbers(grid: unknown[][]): unknown[][] {
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i] as unknown[];
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell !== 'string' || cell === '') continue;
      const value = parseNumber(cell);
      if (value !== null && Number.isFinite(value)) row[j] = value;
    }
  }
  return grid;
}
