/**
 * A CSV file's bytes to typed columns in one pass (issue 14): plain numbers straight into a Float64Array per column,
 * every other cell into a per-column dictionary (Int32Array codes and a level table), with no grid of strings and no
 * string per number.
 *
 * Hand-written rather than a library, by bench/csvReaders.mjs (a section of `npm run bench`) on the 1e6 × 10 file
 * of `%.10g` numbers (107 MB), bytes in memory to one Float64Array per column, medians of 3 in fresh processes on
 * this 2-core machine under other work (2026-11-29): this scanner 1,843 ms (typed columns, classification
 * included), udsv 0.7.3 2,261 ms (typedCols), papaparse 5.7.1 5,959 ms, csv-parse 7.0.3 11,128 ms (strings, then
 * Number per cell). udsv comes closest but types a column by guessing from its first rows rather than by the cell
 * rules, and leaves a dictionary of the text cells to build; the others make a string per cell. The number fast
 * path (then scanPlainNumber; its common shape is now read in readNumberRows) against a string per cell: its 1e7
 * cells in 988 ms, Number(latin1Slice) of each 2,484 ms, a bare loop over the bytes 409 ms (same file, same run).
 *
 * Native builtins instead, for a file of plain numbers (tried for the 10,000 × 10 file of bench/fitPeers.mjs, where
 * a fresh process reads before the engine has compiled this scanner; 2026-11-30, loaded machine, fresh processes):
 * JSON.parse of the rows alone 12–14 ms, about pandas' whole read_csv; String split + new Float64Array(strings)
 * and split + Number per cell slower still; V8's string-to-number is 100–250 ns a cell, the compiled loop here
 * about 35. So the scanner stays; for files up to 64 MB its number loop runs as WebAssembly, compiled before it runs
 * (numberRowsWasm.ts), and readNumberRows is that loop's reference and the path for larger files.
 *
 * It reads the common shape of a file exactly: UTF-8 (with or without a byte-order mark), fields quoted or not,
 * LF or CRLF line ends (one kind throughout), every row as long as the header. Anything else — UTF-16, a stray
 * quote, a bare CR or mixed line ends, a ragged row, a file with no data rows — is read by the grid path
 * (`parseCsvText`, papaparse) and then typed, so every message and every odd case stays as it was.
 */
import { decodeText, parseCsvText } from './csv';
import { tableFromGrid } from '../cells/table';
import { sheetStyles, styleOfVotes, styleVote, type NumberStyle } from '../cells/parseNumber';
import { typedColumnInfo } from '../cells/typedColumnInfo';
import type { TypedColumn, TypedTable } from '../cells/typedColumns';
import { numberRowsKernel } from './numberRowsWasm';

/** Whether plain numbers are read by the WebAssembly kernel when it can (tests compare it with readNumberRows). */
let wasmNumbers = true;

/** Reads plain numbers with the WebAssembly kernel (true, the default) or with readNumberRows alone (false). */
export function useWasmNumbers(on: boolean): void {
  wasmNumbers = on;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads a CSV file's bytes into typed columns (see `TypedColumn`). In a column that is not numeric by the shared
 * rules, and in a column written with a decimal comma, every cell is a level (so that its text is kept as typed).
 * @throws Error, as the grid path words it, for bytes that are not UTF-8 or UTF-16 text, an empty file, invalid
 *   quoting, a header row without data rows, blank or repeated headers, or a ragged row.
 */
export function readTypedCsv(bytes: Uint8Array, source: string): TypedTable {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = utf16 ? bytes : withLineEnd(bytes);
  const first = utf16 ? null : scanCsv(text, start, null, false);
  if (first === null || first.rows === 0) return typedTableFromGrid(parseCsvText(decodeText(bytes, source), source));
  if (first.sawHigh) decodeText(bytes, source); // checks that it is UTF-8, and says where it is not
  const { names } = tableFromGrid([first.header]); // blank or repeated headers
  const levelVotes = first.columns.map((column) => {
    let dot = 0;
    let comma = 0;
    column.levels.forEach((level, k) => {
      const vote = styleVote(level);
      if (vote === 'dot') dot += column.levelCounts[k] as number;
      else if (vote === 'comma') comma += column.levelCounts[k] as number;
    });
    return { dot, comma };
  });
  // The plain numbers' votes can change a style only where some cell says comma (else every column takes the dot
  // style, see sheetStyles): only then are they counted, by a second pass that reads every cell one by one.
  const dots = levelVotes.some(({ comma }) => comma > 0) ? (scanCsv(text, start, null, true) as Scan) : null;
  const own = levelVotes.map(({ dot, comma }, j) => styleOfVotes(dot + (dots?.dotVotes[j] ?? 0), comma));
  const styles = sheetStyles(own); // as tableFromGrid: a column that does not tell takes the sheet's style
  // A plain number's text is needed where it is not read as a plain double: in a comma-style column (1.234 is
  // 1234 there) and in a column that is not numeric (its text is a label, a stray or a date's neighbour).
  const slow = first.columns.map((column, j) => {
    const plain = column.codes.length - sum(column.levelCounts);
    if (plain === 0) return false;
    if (styles[j] === 'comma' && (dots?.dotCells[j] ?? 0) > 0) return true;
    if (column.levels.length === 0) return false; // nothing but plain numbers: numeric
    const { kind } = typedColumnInfo(column, styles[j] ?? 'dot');
    return kind !== 'numeric' && kind !== 'binary';
  });
  const scan = slow.includes(true) ? (scanCsv(text, start, slow, false) as Scan) : first;
  const columns = scan.columns.map((column, j) => ({ ...column, name: names[j] as string }));
  return { names, rows: scan.rows, columns, styles };
}

/**
 * The bytes, ending with a line feed: as they are when they do, else a copy with the header's line end (LF or CRLF)
 * added, which reads as the same rows. The number scanner's loops stop at the last LF without a bounds check of
 * their own. Cost: O(1), or a copy of the bytes for a file whose last line has no line end.
 */
function withLineEnd(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  if (length === 0 || bytes[length - 1] === LF) return bytes;
  const headerEnd = bytes.indexOf(LF);
  const end = headerEnd > 0 && bytes[headerEnd - 1] === CR ? [CR, LF] : [LF];
  const copy = new Uint8Array(length + end.length);
  copy.set(bytes);
  copy.set(end, length);
  return copy;
}

/**
 * Typed columns from a grid of text (header first), every cell a level. The reader's path for files outside the
 * scanner's shape. Cost: O(cells).
 * @throws Error for a header without data rows, and as `tableFromGrid` for blank or repeated headers and ragged rows.
 */
export function typedTableFromGrid(grid: readonly (readonly string[])[]): TypedTable {
  if (grid.length === 1) throw new Error('There is a header but no data rows: put your data below the header');
  const table = tableFromGrid(grid);
  const rows = grid.length - 1;
  const columns = table.names.map((name, j): TypedColumn => {
    const levels = new Levels();
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) codes[i] = levels.code((grid[i + 1] as readonly string[])[j] as string);
    return {
      name,
      numbers: new Float64Array(rows).fill(NaN),
      codes,
      levels: levels.texts,
      levelCounts: levels.counts(),
    };
  });
  return { names: table.names, rows, columns, styles: table.styles };
}

/** A column's dictionary: each distinct text once, in order of first appearance, with how many rows hold it. */
class Levels {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private tally = new Int32Array(16);

  code(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(text);
      this.index.set(text, code);
      if (code === this.tally.length) this.tally = grow(this.tally, code * 2);
    }
    this.tally[code] = (this.tally[code] as number) + 1;
    return code;
  }

  counts(): Int32Array {
    return this.tally.slice(0, this.texts.length);
  }
}

function grow<T extends Float64Array | Int32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

function sum(values: Int32Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** What one pass over the bytes found. */
interface Scan {
  header: string[];
  rows: number;
  columns: TypedColumn[];
  /**
   * Per column: plain numbers with a decimal point, and those of them that read as numbers only with a dot. Counted
   * in full by a scan with countDots only.
   */
  dotCells: Int32Array;
  dotVotes: Int32Array;
  /** A byte ≥ 0x80 was seen (the text must then be checked as UTF-8). */
  sawHigh: boolean;
}

// Where the last field read by readField is, and what it holds (module state, so that no object is made per cell).
let fieldStart = 0;
let fieldEnd = 0;
let fieldEscaped = false;
let fieldHigh = false;

/**
 * Reads one field starting at `pos`: quoted (its quotes removed, `""` inside marked by fieldEscaped) or not.
 * Returns the position after it (at a comma, a line end or the end), or -1 when the field is outside the
 * scanner's shape (an unterminated or misplaced quote, a bare CR).
 */
function readField(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  fieldEscaped = false;
  fieldHigh = false;
  if (bytes[pos] === QUOTE) {
    let i = pos + 1;
    for (;;) {
      const q = bytes.indexOf(QUOTE, i);
      if (q < 0) return -1;
      if (bytes[q + 1] === QUOTE) {
        fieldEscaped = true;
        i = q + 2;
        continue;
      }
      fieldStart = pos + 1;
      fieldEnd = q;
      i = q + 1;
      break;
    }
    for (let k = fieldStart; k < fieldEnd; k++) if ((bytes[k] as number) >= 0x80) fieldHigh = true;
    const after = bytes[i];
    if (i === length || after === COMMA || after === LF || (after === CR && bytes[i + 1] === LF)) return i;
    return -1;
  }
  let i = pos;
  for (; i < length; i++) {
    const c = bytes[i] as number;
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE) return -1;
    if (c >= 0x80) fieldHigh = true;
  }
  fieldStart = pos;
  fieldEnd = i;
  return i;
}

const utf8 = new TextDecoder('utf-8');

/** The text of the last field read (valid UTF-8 is checked once for the whole file). */
function fieldText(bytes: Uint8Array): string {
  let text: string;
  if (!fieldHigh && fieldEnd - fieldStart <= 32) {
    text = '';
    for (let k = fieldStart; k < fieldEnd; k++) text += String.fromCharCode(bytes[k] as number);
  } else text = utf8.decode(bytes.subarray(fieldStart, fieldEnd));
  return fieldEscaped ? text.replace(/""/g, '"') : text;
}

// The last plain number scanned by scanPlainNumber.
// (Typed arrays, so that writing a double boxes nothing.)
const scanned = new Float64Array(1);
const scannedFlags = new Int32Array(1);
const DOT = 1;
const AMBIGUOUS = 2;

// Powers of ten that are exact doubles: a product or quotient of one with an integer below 2^53 is correctly
// rounded (Clinger's fast path), so it equals Number() of the text.
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Scans a plain number — what `isPlainNumber(text, 'dot')` accepts: `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` —
 * starting at `pos`, and returns the position after it, or -1 when none starts there or its value is not finite.
 * The value (equal to `Number` of its text, hence to `parseNumber` of it in the dot style) is left in
 * `scanned[0]`; `scannedFlags[0]` has DOT when it has a decimal point, and AMBIGUOUS when it also reads as a number
 * with thousands dots (`1.234`), so that it has no say in the column's style. test/core/io/typedCsv.test.ts checks both
 * against parseNumber and styleVote on random text. Cost: O(length).
 */
export function scanPlainNumber(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  let i = pos;
  let c = i < length ? (bytes[i] as number) : -1;
  const negative = c === 45;
  if (c === 45 || c === 43) c = ++i < length ? (bytes[i] as number) : -1;
  let mantissa = 0;
  let significant = 0;
  let intDigits = 0;
  const firstDigit = c;
  while (i < length && c >= 48 && c <= 57) {
    if (significant > 0 || c !== 48) {
      mantissa = mantissa * 10 + (c - 48);
      significant++;
    }
    intDigits++;
    c = ++i < length ? (bytes[i] as number) : -1;
  }
  let fracDigits = 0;
  const dot = i < length && c === 46;
  if (dot) {
    c = ++i < length ? (bytes[i] as number) : -1;
    while (i < length && c >= 48 && c <= 57) {
      if (significant > 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        significant++;
      }
      fracDigits++;
      c = ++i < length ? (bytes[i] as number) : -1;
    }
  }
  if (intDigits + fracDigits === 0) return -1;
  let exponent = 0;
  const hasExponent = i < length && (c === 101 || c === 69);
  if (hasExponent) {
    c = ++i < length ? (bytes[i] as number) : -1;
    const negativeExponent = c === 45;
    if (c === 45 || c === 43) c = ++i < length ? (bytes[i] as number) : -1;
    let expDigits = 0;
    while (i < length && c >= 48 && c <= 57) {
      if (exponent < 100000) exponent = exponent * 10 + (c - 48);
      expDigits++;
      c = ++i < length ? (bytes[i] as number) : -1;
    }
    if (expDigits === 0) return -1;
    if (negativeExponent) exponent = -exponent;
  }
  const scale = exponent - fracDigits;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (significant <= 15 && scale >= 0 && scale <= 22) value = mantissa * (POW10[scale] as number);
  else if (significant <= 15 && scale < 0 && scale >= -22) value = mantissa / (POW10[-scale] as number);
  else {
    // Long or far: the engine's own correctly rounded conversion of the text.
    let text = '';
    for (let k = negative || bytes[pos] === 43 ? pos + 1 : pos; k < i; k++)
      text += String.fromCharCode(bytes[k] as number);
    value = Number(text);
    if (value === Infinity) return -1;
  }
  scanned[0] = negative ? -value : value;
  const ambiguous = dot && !hasExponent && intDigits >= 1 && intDigits <= 3 && firstDigit !== 48 && fracDigits === 3;
  scannedFlags[0] = (dot ? DOT : 0) | (ambiguous ? AMBIGUOUS : 0);
  return i;
}

/** What readNumberRows reads into: scanCsv's number columns and line ends. */
interface NumberRun {
  width: number;
  /** Per column: 1 when its plain numbers are read as doubles (else every cell is a level). */
  fast: Uint8Array;
  numbers: Float64Array[];
  lf: number;
  crlf: number;
}

// Where readNumberRows stopped: the position, the column of its row reached, and whether the line ended there
// (module state, so that no object is made per call).
let runEnd = 0;
let runColumn = 0;
let runAtLineEnd = false;

/**
 * Reads rows of plain numbers from `pos` into `run.numbers`, as row `row` on (that row from column `j` on), until a
 * cell is not a plain number in a number column, a row has too few or too many cells or a bare CR, or `capacity`
 * rows are read. Returns the row it stopped in, with runEnd at the cell it stopped at (runColumn: its column; 0 at
 * the start of a row), or at a line end that is not a whole row's (runAtLineEnd), for scanCsv to read.
 *
 * A cell in the common shape, `-?\d+(\.\d*)?` with fewer than 2^53 in its digits and at most 22 after the point,
 * is read here (Clinger's fast path, as scanPlainNumber's); scanCsv reads any other cell. The bytes end with LF
 * (see withLineEnd), which stops the digit loop with no bounds check of its own. One small function holding the
 * whole loop of a CSV of numbers, so that the engine compiles it once and early: on the 1e6 × 10 file of
 * bench/fitPeers.mjs `tikfit fit`'s read took 2,515 ms with every cell through scanPlainNumber and its digit
 * counters, 1,965 ms with this loop (medians of 3 runs paired with pandas read_csv, 3,273 ms, on the shared machine
 * under load, 2026-11-29). In a fresh process it runs interpreted until TurboFan has compiled it (on the 10,000 ×
 * 10 file about 1,000–3,000 rows), so the smaller it is the sooner: with scanPlainNumber's call and the dot counts
 * out of it (scanCsv counts dots, and only where a cell says comma) and one digit loop instead of two, the compile
 * (node --trace-opt --no-concurrent-osr, 11 interleaved runs on the loaded machine, 2026-11-30) took a median of
 * 14.6 ms against 22.1 ms. numberRowsWasm.ts runs this loop as WebAssembly for files up to 64 MB, which needs no
 * warm-up; this function stays the reference it is tested against, and reads larger files. Cost: O(bytes read).
 */
function readNumberRows(
  bytes: Uint8Array,
  pos: number,
  row: number,
  j: number,
  capacity: number,
  run: NumberRun,
): number {
  const { width, fast, numbers } = run;
  const length = bytes.length;
  let at = pos; // the cell being read
  for (; row < capacity && at < length; row++) {
    for (;;) {
      if (j === width || fast[j] !== 1) return stopRun(row, j, at, false);
      let i = at;
      let c = bytes[i] as number;
      const negative = c === 45;
      if (negative) c = bytes[++i] as number;
      const digits = i;
      let mantissa = 0;
      let point = -1; // where the decimal point is
      for (;;) {
        if (c >= 48 && c <= 57) mantissa = mantissa * 10 + (c - 48);
        else if (c === 46 && point < 0) point = i;
        else break;
        c = bytes[++i] as number;
      }
      const fracDigits = point < 0 ? 0 : i - point - 1;
      // Anything else (no digit before the point, `1e3`, long or far, a level) is left to scanCsv.
      const delimited = c === COMMA || c === LF || c === CR;
      if (point === digits || i === digits || !delimited || mantissa >= 2 ** 53 || fracDigits > 22)
        return stopRun(row, j, at, false);
      const value = mantissa / (POW10[fracDigits] as number);
      (numbers[j] as Float64Array)[row] = negative ? -value : value;
      j++;
      if (c === COMMA) {
        at = i + 1;
        continue;
      }
      // The line ends after cell j - 1.
      if (j === width && c === LF) {
        run.lf++;
        at = i + 1;
      } else if (j === width && bytes[i + 1] === LF) {
        run.crlf++;
        at = i + 2;
      } else return stopRun(row, j, i, true); // too few cells, or a bare CR
      break;
    }
    j = 0;
  }
  return stopRun(row, 0, at, false);
}

function stopRun(row: number, column: number, end: number, atLineEnd: boolean): number {
  runEnd = end;
  runColumn = column;
  runAtLineEnd = atLineEnd;
  return row;
}

/**
 * Rows to make room for: the bytes after the header over the mean length of the first lines (up to 64 KB of them),
 * with a little to spare; the columns grow by doubling when they run out.
 */
function roomFor(bytes: Uint8Array, pos: number): number {
  const sampleEnd = Math.min(bytes.length, pos + 65536);
  let lines = 0;
  for (let at = bytes.indexOf(LF, pos); at >= 0 && at < sampleEnd; at = bytes.indexOf(LF, at + 1)) lines++;
  const lineLength = lines === 0 ? sampleEnd - pos : (sampleEnd - pos) / lines;
  return Math.ceil((1.05 * (bytes.length - pos)) / Math.max(1, lineLength)) + 16;
}

/**
 * One pass over the bytes from `start`. `slow[j]` keeps every cell of column j as a level. With `countDots` every
 * cell is read one by one (not by readNumberRows), so that the plain numbers' dots are counted. Returns null when
 * the file is outside the scanner's shape (see the file's comment).
 */
function scanCsv(bytes: Uint8Array, start: number, slow: readonly boolean[] | null, countDots: boolean): Scan | null {
  const length = bytes.length;
  let sawHigh = false;
  let crlf = 0;
  let lf = 0;
  // The header.
  const header: string[] = [];
  let pos = start;
  for (;;) {
    const end = readField(bytes, pos);
    if (end < 0) return null;
    sawHigh ||= fieldHigh;
    header.push(fieldText(bytes));
    pos = end;
    if (bytes[pos] === COMMA) {
      pos++;
      continue;
    }
    if (bytes[pos] === LF) {
      lf++;
      pos++;
    } else if (bytes[pos] === CR) {
      if (bytes[pos + 1] !== LF) return null;
      crlf++;
      pos += 2;
    }
    break;
  }
  const width = header.length;
  const room = roomFor(bytes, pos);
  let capacity = room;
  const numbers: Float64Array[] = header.map(() => new Float64Array(room));
  // A column's codes are made at its first level, filled with -1 (a plain number), so that a number writes none.
  const codes: (Int32Array | null)[] = header.map(() => null);
  const levels = header.map(() => new Levels());
  const run: NumberRun = {
    width,
    fast: Uint8Array.from(header, (_, j) => (slow === null || !slow[j] ? 1 : 0)),
    numbers,
    lf: 0,
    crlf: 0,
  };
  const dotCells = new Int32Array(width);
  const dotVotes = new Int32Array(width);
  // readNumberRows compiled ahead of time, where WebAssembly is at hand (see numberRowsWasm.ts).
  let kernel = countDots || !wasmNumbers ? null : numberRowsKernel(bytes, width, run.fast);
  let kernelCalls = 0;
  let rows = 0;
  let j = 0; // the column reached in row `rows`
  for (;;) {
    if (countDots) rows = stopRun(rows, j, pos, false);
    else if (kernel === null) rows = readNumberRows(bytes, pos, rows, j, capacity, run);
    else {
      const ran = kernel.read(pos, rows, j, capacity, numbers);
      run.lf += ran.lf;
      run.crlf += ran.crlf;
      rows = stopRun(ran.row, ran.column, ran.end, ran.atLineEnd);
      // A file with text or other non-plain cells in most rows stops the kernel cell after cell, and each call costs
      // more than readNumberRows' loop once compiled: such a file goes on with readNumberRows (which reads every
      // file as the kernel does). The 330,000-row file of bench/pipeline-one.mjs (a title, a date and two text
      // columns in every row) parsed in 3.9–4.7 s with the kernel throughout, against 2.6 s before it.
      if (++kernelCalls > 64 && kernelCalls > rows / 4) kernel = null;
    }
    pos = runEnd;
    j = runColumn;
    if (runAtLineEnd) return null; // too few cells, or a bare CR
    if (j === 0) {
      if (pos >= length) break;
      // Empty lines (nothing, or only "") are skipped, as papaparse's skipEmptyLines does.
      const c = bytes[pos] as number;
      if (c === LF || c === CR || (c === QUOTE && bytes[pos + 1] === QUOTE)) {
        const after = c === QUOTE ? pos + 2 : pos;
        const d = bytes[after];
        if (after === length || d === LF || d === CR) {
          if (after === length) break;
          if (d === CR) {
            if (bytes[after + 1] !== LF) return null;
            crlf++;
            pos = after + 2;
          } else {
            lf++;
            pos = after + 1;
          }
          continue;
        }
      }
      if (rows === capacity) {
        const old = capacity;
        capacity *= 2;
        for (let k = 0; k < width; k++) {
          numbers[k] = grow(numbers[k] as Float64Array, capacity);
          const columnCodes = codes[k] as Int32Array | null;
          if (columnCodes !== null) codes[k] = grow(columnCodes, capacity).fill(-1, old);
        }
        continue;
      }
    }
    if (j === width) return null; // more cells than the header
    // Cell j is not in readNumberRows' shape: a plain number of another form in a number column, or a level.
    let end = run.fast[j] === 1 ? scanPlainNumber(bytes, pos) : -1;
    const after = end < 0 ? -1 : (bytes[end] as number);
    if (after === COMMA || after === LF || after === CR) {
      (numbers[j] as Float64Array)[rows] = scanned[0] as number;
      const flags = scannedFlags[0] as number;
      if (flags !== 0) dotCells[j] = (dotCells[j] as number) + 1;
      if (flags === DOT) dotVotes[j] = (dotVotes[j] as number) + 1;
    } else {
      end = readField(bytes, pos);
      if (end < 0) return null;
      sawHigh ||= fieldHigh;
      (numbers[j] as Float64Array)[rows] = NaN;
      let columnCodes = codes[j] as Int32Array | null;
      if (columnCodes === null) columnCodes = codes[j] = new Int32Array(capacity).fill(-1);
      columnCodes[rows] = (levels[j] as Levels).code(fieldText(bytes));
    }
    j++;
    const c = end < length ? (bytes[end] as number) : -1;
    if (c === COMMA) {
      pos = end + 1;
      continue;
    }
    if (j !== width) return null; // fewer cells than the header
    if (c === LF) {
      lf++;
      pos = end + 1;
    } else if (c === CR) {
      if (bytes[end + 1] !== LF) return null; // a bare CR
      crlf++;
      pos = end + 2;
    } else pos = end;
    rows++;
    j = 0;
  }
  lf += run.lf;
  crlf += run.crlf;
  if (crlf > 0 && lf > 0) return null; // mixed line ends: papaparse guesses one kind, and the other stays in cells
  const columns = typedColumns(header, rows, numbers, codes, levels);
  return { header, rows, columns, dotCells, dotVotes, sawHigh };
}

/**
 * The scanner's columns, cut to `rows`. The columns of numbers alone share one array of codes (typedColumns.ts:
 * codes are never written). Out of scanCsv, so that no closure there holds its loop's variables.
 */
function typedColumns(
  header: readonly string[],
  rows: number,
  numbers: readonly Float64Array[],
  codes: readonly (Int32Array | null)[],
  levels: readonly Levels[],
): TypedColumn[] {
  let noLevels: Int32Array | null = null;
  return header.map((name, j): TypedColumn => ({
    name,
    numbers: (numbers[j] as Float64Array).subarray(0, rows),
    codes: codes[j]?.subarray(0, rows) ?? (noLevels ??= new Int32Array(rows).fill(-1)),
    levels: (levels[j] as Levels).texts,
    levelCounts: (levels[j] as Levels).counts(),
  }));
}

/**
 * What the scanner makes of a whole text: its number and its say in the column's style when the text is a plain
 * number, else null. The number is readNumberRows' (or scanPlainNumber's where that stops), the vote from the
 * cell-by-cell pass that counts dots; the two passes must read the same number. For tests and callers holding one
 * cell. Cost: O(length).
 * @throws Error when the two passes read different numbers.
 */
export function plainNumberOf(text: string): { value: number; vote: NumberStyle | null } | null {
  const bytes = new Uint8Array(text.length + 3);
  bytes.set([120, LF]); // a header, x
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x80 || code === LF || code === CR) return null;
    bytes[k + 2] = code;
  }
  bytes[text.length + 2] = LF; // a one-cell row, ending as the scanner's bytes end (see withLineEnd)
  const [read, counted] = [scanCsv(bytes, 0, null, false), scanCsv(bytes, 0, null, true)];
  const cell = (scan: Scan | null): number | null => {
    const column = scan?.columns[0];
    return scan?.rows === 1 && column?.codes[0] === -1 ? (column.numbers[0] as number) : null;
  };
  const value = cell(read);
  if (!Object.is(value, cell(counted)))
    throw new Error(`the two passes read "${text}" as ${value} and ${cell(counted)}`);
  if (value === null) return null;
  return { value, vote: (counted?.dotVotes[0] as number) > 0 ? 'dot' : null };
}
