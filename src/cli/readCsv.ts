import { readFileSync } from 'node:fs';
import { decodeText, parseCsvText } from '../core/io/csv';
import { readTypedCsv } from '../core/io/typedCsv';
import type { TypedTable } from '../core/cells/typedColumns';
import { tableFromTyped, type Table } from '../core/cells/table';
import { fileProblem } from './writeOutput';

/**
 * Reads a CSV file into a grid of strings, header row first.
 *
 * Handles a UTF-8 byte-order mark, UTF-16 files with their byte-order mark (as Excel's "Unicode text" saves them),
 * quoted fields containing commas, quotes or line breaks, and LF or CRLF line endings (papaparse, which measured
 * about four times as fast as csv-parse on a 37 MB file here). A file that is neither (Latin-1, Windows-1252) is
 * refused with the offending byte rather than read as garbage. Rows of different lengths are returned as they are,
 * so that the caller can say which row is ragged; completely empty lines are skipped.
 * Cost: O(size of the file).
 * @throws Error naming the file when it cannot be read, is not UTF-8 or UTF-16 text, is empty, or is not valid CSV.
 */
export function readCsv(path: string): string[][] {
  const bytes = readBytes(path);
  return parseCsvText(decodeText(bytes, path), path);
}

/**
 * Reads a CSV file into typed columns (see `readTypedCsv`): the same files as `readCsv`, with the same messages.
 * Cost: O(size of the file).
 * @throws Error as `readCsv`, and for a file with a header but no data rows.
 */
export function readTypedCsvFile(path: string): TypedTable {
  return readTypedCsv(readBytes(path), path);
}

/**
 * Reads a CSV file for the recipe: a table made of typed columns (`tableFromTyped`), or, when the typed reader
 * refuses the file, the grid of strings `readCsv` gives, so that every message, and when it comes (after the
 * recipe's options are checked, for a file the table check refuses), stays as it was. Cost: O(size of the file).
 * @throws Error as `readCsv`.
 */
export function readRecipeInput(path: string): string[][] | Table {
  const bytes = readBytes(path);
  try {
    return tableFromTyped(readTypedCsv(bytes, path));
  } catch {
    return parseCsvText(decodeText(bytes, path), path);
  }
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read "${path}": ${fileProblem(error)}`, { cause: error });
  }
}
