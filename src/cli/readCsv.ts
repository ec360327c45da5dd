import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

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
