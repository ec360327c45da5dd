/**
 * CSV text in and out of grids, shared by the command line, the local preview and the tests: bytes to text (UTF-8,
 * or UTF-16 by its byte-order mark), text to a grid of strings (papaparse), and whole numbers typed once.
 */
import Papa from 'papaparse';
import { typeTextCell } from '../cells/typedColumns';

/**
 * The text of a file's bytes: UTF-16 (little or big endian) when its byte-order mark says so, else UTF-8, checked.
 * @throws Error naming the file and the first byte that is not UTF-8, and what to do.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new Error(
      `"${source}" is not UTF-8 text ` +
        `(byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${at}, ` +
        `line ${lineOf(bytes, at)}); save it as "CSV UTF-8" and try again`,
    );
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. Cost: O(bytes). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection on whole-prefix validity (a cut inside a sequence is invalid too, so the
  // answer is then refined by up to 3 bytes).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  let at = lo;
  while (at > 0 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at--;
  return at;
}

function lineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
 * steps need not parse them again (see `typeTextCell`). Text,
 * blanks and missing tokens stay as they are. Returns the grid. Cost: O(cells).
 */
export function typeNumbers(grid: unknown[][]): unknown[][] {
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i] as unknown[];
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell === 'string') row[j] = typeTextCell(cell);
    }
  }
  return grid;
}
