/**
 * typedCsv's loop over rows of plain numbers (`readNumberRows`, its reference in JavaScript) as a small WebAssembly
 * function, for the command line in Node.
 *
 * Why: in a fresh process the JavaScript loop runs in V8's interpreter until TurboFan has compiled it, which took
 * 5–22 ms of a 10,000 × 10 file's 17–22 ms read (node --trace-opt, bench/fitPeers.mjs against pandas' read_csv at
 * about 22 ms, 2026-11-30). WebAssembly is compiled before it runs, by V8's baseline compiler in well under a
 * millisecond, so every row is read at compiled speed. The module is written here as bytes (there is no assembler
 * among the dependencies); its few dozen instructions do exactly what readNumberRows does, cell for cell, and
 * test/core/io/numberRowsWasm.test.ts checks the two against each other on generated files.
 *
 * The cell shape, the stops and the value are readNumberRows': `-?\d+(\.\d*)?` with fewer than 2^53 in its digits
 * and at most 22 after the point, read as digits / 10^k (Clinger's fast path), IEEE double arithmetic in both.
 */

/** Where a run of rows stopped, as readNumberRows' module state says it. */
export interface RowsStop {
  /** The row it stopped in. */
  row: number;
  /** The position it stopped at. */
  end: number;
  /** The column of that row reached (0 at the start of a row). */
  column: number;
  /** True when it stopped at a line end that is not a whole row's. */
  atLineEnd: boolean;
  /** Rows it ended with LF, and with CRLF. */
  lf: number;
  crlf: number;
}

/** A file's bytes in WebAssembly memory, with the kernel that reads plain numbers from them. */
export interface NumberRowsKernel {
  /**
   * Reads as readNumberRows does from `pos` (row `row`, column `j`) up to row `limit`, writing each number into
   * `numbers[column][row]`. Cost: O(bytes read) plus a copy of the numbers read.
   */
  read(pos: number, row: number, j: number, limit: number, numbers: readonly Float64Array[]): RowsStop;
}

/** Files up to this size go through the kernel (their bytes are copied into its memory); larger ones are read by
 * readNumberRows, which the engine has compiled after the first few thousand rows anyway. */
export const KERNEL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of numbers the kernel writes per call before they are copied out: a few hundred rows a call, so that V8
 * tiers the function up from its baseline code to optimized code after the first calls (WebAssembly has no
 * on-stack replacement: a call runs to its end in the code it started in). readTypedCsv of the 10,000 × 10 file in
 * fresh processes, medians of 8 alternating runs on the loaded machine (2026-11-30): 15.5 ms with 32 KB a call,
 * about 20 ms with 4 MB (the whole file in one call), 24 ms with readNumberRows.
 */
const OUT_BYTES = 32 * 1024;

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

/** A mutable global of the module. */
interface WasmGlobal {
  value: number;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/**
 * The kernel over `bytes` (which end with LF, see typedCsv's withLineEnd) for `width` columns, `fast[j]` 1 where
 * column j may hold plain numbers; null when WebAssembly is not available or the file is larger than
 * KERNEL_MAX_BYTES.
 */
export function numberRowsKernel(bytes: Uint8Array, width: number, fast: Uint8Array): NumberRowsKernel | null {
  if (bytes.length > KERNEL_MAX_BYTES || wasm === undefined) return null;
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  const chunk = Math.max(64, Math.floor(OUT_BYTES / (8 * Math.max(1, width))));
  const fastBase = bytes.length;
  const powBase = align8(fastBase + width);
  const outBase = powBase + 8 * POWERS.length;
  const size = outBase + 8 * width * chunk;
  const memory = new wasm.Memory({ initial: Math.ceil(size / 65536) });
  const api = new wasm.Instance(compiled, { tikfit: { memory } }).exports as unknown as KernelExports;
  const heap = new Uint8Array(memory.buffer);
  heap.set(bytes, 0);
  heap.set(fast.subarray(0, width), fastBase);
  new Float64Array(memory.buffer, powBase, POWERS.length).set(POWERS);
  const out = new Float64Array(memory.buffer, outBase, width * chunk); // the memory never grows
  return {
    read(pos, row, j, limit, numbers) {
      const startRow = row;
      const startColumn = j;
      api.lf.value = 0;
      api.crlf.value = 0;
      const stop = api.readRows(
        pos,
        row,
        j,
        Math.min(limit, row + chunk),
        width,
        bytes.length,
        fastBase,
        powBase,
        outBase,
        chunk,
      );
      const column = api.runColumn.value;
      if (stop === startRow) {
        // Stopped in the row it started in: cells startColumn … column − 1 of that row.
        for (let k = startColumn; k < column; k++) (numbers[k] as Float64Array)[startRow] = out[k * chunk] as number;
      } else {
        // Rows startRow … stop − 1, less the columns before startColumn in startRow, and the cells before `column`
        // in the row it stopped in.
        for (let k = 0; k < width; k++) {
          const from = k < startColumn ? startRow + 1 : startRow;
          const to = k < column ? stop + 1 : stop;
          if (to <= from) continue;
          const at = k * chunk + from - startRow;
          (numbers[k] as Float64Array).set(out.subarray(at, at + to - from), from);
        }
      }
      return {
        row: stop,
        end: api.runEnd.value,
        column,
        atLineEnd: api.runAtLineEnd.value !== 0,
        lf: api.lf.value,
        crlf: api.crlf.value,
      };
    },
  };
}

interface KernelExports {
  readRows(...args: number[]): number;
  runEnd: WasmGlobal;
  runColumn: WasmGlobal;
  runAtLineEnd: WasmGlobal;
  lf: WasmGlobal;
  crlf: WasmGlobal;
}

/** 10^0 … 10^22, each exact in a double. */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

function align8(n: number): number {
  return (n + 7) & ~7;
}

// WebAssembly opcodes used below (WebAssembly Core Specification 1.0, section 5.4).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const F64_LOAD = 0x2b;
const I32_LOAD8_U = 0x2d;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_EQZ = 0x45;
const I32_EQ = 0x46;
const I32_NE = 0x47;
const I32_LT_S = 0x48;
const I32_LT_U = 0x49;
const I32_GT_S = 0x4a;
const I32_GE_S = 0x4e;
const F64_GE = 0x66;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_OR = 0x72;
const I32_SHL = 0x74;
const F64_NEG = 0x9a;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const F64_DIV = 0xa3;
const F64_CONVERT_I32_U = 0xb8;
const VOID = 0x40;
const I32 = 0x7f;
const F64 = 0x7c;

/** Unsigned and signed LEB128. */
function unsigned(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function signed(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function f64(value: number): number[] {
  return Array.from(new Uint8Array(Float64Array.of(value).buffer));
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsigned(body.length), ...body];
}

function name(text: string): number[] {
  return [...unsigned(text.length), ...Array.from(text, (ch) => ch.charCodeAt(0))];
}

// The function's parameters and locals.
const POS = 0;
const ROW = 1;
const J = 2;
const LIMIT = 3;
const WIDTH = 4;
const LENGTH = 5;
const FAST_BASE = 6;
const POW_BASE = 7;
const OUT_BASE = 8;
const CHUNK = 9;
const AT = 10;
const I = 11;
const C = 12;
const NEGATIVE = 13;
const DIGITS = 14;
const POINT = 15;
const FRACTION = 16;
const START_ROW = 17;
const MANTISSA = 18;
const VALUE = 19;
// The globals.
const RUN_END = 0;
const RUN_COLUMN = 1;
const RUN_AT_LINE_END = 2;
const LINES_LF = 3;
const LINES_CRLF = 4;

const get = (local: number): number[] => [LOCAL_GET, local];
const set = (local: number): number[] => [LOCAL_SET, local];
const i32 = (value: number): number[] => [I32_CONST, ...signed(value)];
/** readNumberRows' stopRun(row, column, end, atLineEnd): the globals set, and the row returned. */
const stop = (end: number[], column: number[], atLineEnd: number): number[] => [
  ...end,
  GLOBAL_SET,
  RUN_END,
  ...column,
  GLOBAL_SET,
  RUN_COLUMN,
  ...i32(atLineEnd),
  GLOBAL_SET,
  RUN_AT_LINE_END,
  ...get(ROW),
  RETURN,
];
const increment = (global: number): number[] => [GLOBAL_GET, global, ...i32(1), I32_ADD, GLOBAL_SET, global];

const load8 = [I32_LOAD8_U, 0, 0];
const plus = (local: number, n: number): number[] => [...get(local), ...i32(n), I32_ADD];
const equals = (local: number, n: number): number[] => [...get(local), ...i32(n), I32_EQ];
const differs = (local: number, n: number): number[] => [...get(local), ...i32(n), I32_NE];

/**
 * The body of readRows, statement for statement readNumberRows' loop (see typedCsv.ts); one statement a line, as
 * assembly is written.
 */
function body(): number[] {
  // prettier-ignore
  return [
    get(ROW), set(START_ROW), get(POS), set(AT),
    LOOP, VOID, // each row
      // if (!(row < limit && at < length)) stop at the row's start
      get(ROW), get(LIMIT), I32_GE_S, get(AT), get(LENGTH), I32_GE_S, I32_OR,
      IF, VOID, stop(get(AT), i32(0), 0), END,
      LOOP, VOID, // each cell of the row
        // if (j === width || fast[j] !== 1) stop at the cell
        get(J), get(WIDTH), I32_EQ, get(FAST_BASE), get(J), I32_ADD, load8, i32(1), I32_NE, I32_OR,
        IF, VOID, stop(get(AT), get(J), 0), END,
        // i = at; c = bytes[i]; negative = c === '-', and then c = bytes[++i]
        get(AT), LOCAL_TEE, I, load8, set(C),
        equals(C, 45), LOCAL_TEE, NEGATIVE,
        IF, VOID, plus(I, 1), LOCAL_TEE, I, load8, set(C), END,
        // digits = i; mantissa = 0; point = -1
        get(I), set(DIGITS), F64_CONST, f64(0), set(MANTISSA), i32(-1), set(POINT),
        BLOCK, VOID, // the digits' end
          LOOP, VOID, // each digit or the point
            get(C), i32(48), I32_SUB, i32(10), I32_LT_U,
            IF, VOID,
              // mantissa = mantissa * 10 + (c − 48)
              get(MANTISSA), F64_CONST, f64(10), F64_MUL, get(C), i32(48), I32_SUB, F64_CONVERT_I32_U,
              F64_ADD, set(MANTISSA),
            ELSE,
              // else if (c === '.' && point < 0) point = i; else break
              equals(C, 46), get(POINT), i32(0), I32_LT_S, I32_AND, I32_EQZ, BR_IF, 2,
              get(I), set(POINT),
            END,
            plus(I, 1), LOCAL_TEE, I, load8, set(C),
            BR, 0,
          END,
        END,
        // fraction digits = point < 0 ? 0 : i − point − 1
        get(POINT), i32(0), I32_LT_S,
        IF, I32, i32(0), ELSE, get(I), get(POINT), I32_SUB, i32(1), I32_SUB, END,
        set(FRACTION),
        // if (point === digits || i === digits || !delimited || mantissa >= 2^53 || fraction > 22) stop at the cell
        get(POINT), get(DIGITS), I32_EQ, get(I), get(DIGITS), I32_EQ, I32_OR,
        differs(C, 44), differs(C, 10), I32_AND, differs(C, 13), I32_AND, I32_OR,
        get(MANTISSA), F64_CONST, f64(2 ** 53), F64_GE, I32_OR,
        get(FRACTION), i32(22), I32_GT_S, I32_OR,
        IF, VOID, stop(get(AT), get(J), 0), END,
        // value = mantissa / 10^fraction, negated after a '-'
        get(MANTISSA), get(POW_BASE), get(FRACTION), i32(3), I32_SHL, I32_ADD, F64_LOAD, 3, 0, F64_DIV,
        set(VALUE),
        get(NEGATIVE), IF, VOID, get(VALUE), F64_NEG, set(VALUE), END,
        // out[j·chunk + row − startRow] = value; j++
        get(OUT_BASE), get(J), get(CHUNK), I32_MUL, get(ROW), I32_ADD, get(START_ROW), I32_SUB,
        i32(3), I32_SHL, I32_ADD, get(VALUE), F64_STORE, 3, 0,
        plus(J, 1), set(J),
        // a comma: the row's next cell
        equals(C, 44), IF, VOID, plus(I, 1), set(AT), BR, 1, END,
        // the line ends after the cell: LF, CRLF, else too few cells or a bare CR
        get(J), get(WIDTH), I32_EQ, equals(C, 10), I32_AND,
        IF, VOID,
          increment(LINES_LF), plus(I, 1), set(AT),
        ELSE,
          get(J), get(WIDTH), I32_EQ, plus(I, 1), load8, i32(10), I32_EQ, I32_AND,
          IF, VOID,
            increment(LINES_CRLF), plus(I, 2), set(AT),
          ELSE,
            stop(get(I), get(J), 1),
          END,
        END,
      END, // the row's cells
      // the next row, from its first cell
      i32(0), set(J), plus(ROW, 1), set(ROW),
      BR, 0,
    END, // the rows
    get(ROW),
    END, // the function
  ].flat(3) as number[];
}

/** The module: one function, readRows, five mutable i32 globals, and memory imported as tikfit.memory. */
function moduleBytes(): Uint8Array {
  const params = 10;
  const type = section(1, [1, 0x60, ...unsigned(params), ...Array<number>(params).fill(I32), 1, I32]);
  const imports = section(2, [1, ...name('tikfit'), ...name('memory'), 0x02, 0x00, 0x01]);
  const functions = section(3, [1, 0]);
  const globalEntry = [I32, 1, ...i32(0), END];
  const globals = section(6, [5, ...globalEntry, ...globalEntry, ...globalEntry, ...globalEntry, ...globalEntry]);
  const exported: [string, number, number][] = [
    ['readRows', 0x00, 0],
    ['runEnd', 0x03, RUN_END],
    ['runColumn', 0x03, RUN_COLUMN],
    ['runAtLineEnd', 0x03, RUN_AT_LINE_END],
    ['lf', 0x03, LINES_LF],
    ['crlf', 0x03, LINES_CRLF],
  ];
  const exportSection = section(7, [
    exported.length,
    ...exported.flatMap(([text, kind, index]) => [...name(text), kind, index]),
  ]);
  // Locals after the parameters: eight i32 (at … startRow), two f64 (mantissa, value).
  const code = [2, 8, I32, 2, F64, ...body()];
  const codeSection = section(10, [1, ...unsigned(code.length), ...code]);
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...type,
    ...imports,
    ...functions,
    ...globals,
    ...exportSection,
    ...codeSection,
  ]);
}
