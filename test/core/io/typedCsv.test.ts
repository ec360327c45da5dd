import fc from 'fast-check';
import { columnInfo } from '../../../src/core/cells/columnInfo';
import { isPlainNumber, parseNumber, styleVote } from '../../../src/core/cells/parseNumber';
import { columnCellsOf, tableFromGrid } from '../../../src/core/cells/table';
import { typedColumnInfo } from '../../../src/core/cells/typedColumnInfo';
import type { TypedColumn } from '../../../src/core/cells/typedColumns';
import { parseCsvText, typeNumbers } from '../../../src/core/io/csv';
import { plainNumberOf, readTypedCsv } from '../../../src/core/io/typedCsv';
import { buildDesign, buildTypedDesign } from '../../../src/core/model/design';

// The typed reader must read every file as the grid path does (papaparse, typeNumbers, columnInfo, buildDesign):
// same numbers, same strays, same kinds, same messages. Its one hand-written number parser must agree with
// parseNumber on every plain number and defer everything else.

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the scanner’s plain numbers agree with parseNumber', () => {
  const numberish = fc.string({ unit: fc.constantFrom(...'0123456789+-.eE ,x%$'.split('')), maxLength: 24 });

  test('on random text: a plain finite number is read exactly as parseNumber reads it, anything else is left', () => {
    fc.assert(
      fc.property(numberish, (text) => {
        const read = plainNumberOf(text);
        const plain = isPlainNumber(text, 'dot') && Number.isFinite(Number(text));
        expect(read !== null).toBe(plain);
        if (read !== null) {
          expect(Object.is(read.value, parseNumber(text, 'dot'))).toBe(true);
          expect(read.vote).toBe(styleVote(text));
        }
      }),
      { numRuns: 8000 },
    );
  });

  test('on doubles as programs write them (shortest, fixed, exponent, 17 digits)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (x, digits) => {
        for (const text of [
          String(x),
          x.toExponential(),
          x.toPrecision(17),
          x.toFixed(digits),
          x.toExponential(digits),
        ]) {
          const read = plainNumberOf(text);
          if (!isPlainNumber(text, 'dot') || !Number.isFinite(Number(text))) continue; // 'Infinity', '1e+21'…
          expect(read).not.toBeNull();
          expect(Object.is(read?.value, parseNumber(text, 'dot'))).toBe(true);
          expect(read?.vote).toBe(styleVote(text));
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('thousands-dot look-alikes have no say in the style; others vote dot', () => {
    expect(plainNumberOf('1.234')).toEqual({ value: 1.234, vote: null });
    expect(plainNumberOf('-123.456')).toEqual({ value: -123.456, vote: null });
    expect(plainNumberOf('0.234')).toEqual({ value: 0.234, vote: 'dot' });
    expect(plainNumberOf('1.2345')).toEqual({ value: 1.2345, vote: 'dot' });
    expect(plainNumberOf('1e400')).toBeNull();
    expect(plainNumberOf('12345678901234567890123')).toEqual({ value: Number('12345678901234567890123'), vote: null });
  });
});

// Cells a hand-typed log holds, each as it is written in the file.
const CELLS = [
  '0',
  '1',
  '-0',
  '7',
  '42',
  '007',
  '1.5',
  '1.50',
  '-2.25',
  '.5',
  '5.',
  '+3',
  '1e3',
  '2.5E-3',
  '1.234',
  '12.345',
  '1234.5',
  '99999999999999999999',
  '',
  ' ',
  'NA',
  'n/a',
  'null',
  'none',
  '-',
  'nan',
  'x',
  'humor',
  'Humor',
  ' info ',
  'TRUE',
  'false',
  '2025-01-06',
  '2/1/2025',
  '9%',
  'Inf',
  '1O24',
  '"1,234"',
  '"12,5"',
  '"1.234,5"',
  '"$5"',
  '"a, b"',
  '"say ""hi"""',
  '"7"',
  '"line\nbreak"',
  'é',
  '粉丝',
];

/** A CSV text from rows of cells (each already written as in a file), with its line ends and maybe a BOM. */
const csvText = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 1, max: 14 }),
    seeds: fc.array(fc.nat({ max: CELLS.length * 8 - 1 }), { minLength: 60, maxLength: 60 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    lastBreak: fc.boolean(),
  })
  .map(({ width, rows, seeds, crlf, bom, lastBreak }) => {
    const eol = crlf ? '\r\n' : '\n';
    const header = Array.from({ length: width }, (_, j) => `c${j}`);
    // Each column draws from a few cells, so that the kinds vary: mostly numbers, mostly text, mixed.
    const lines = [header.join(',')];
    for (let i = 0; i < rows; i++) {
      const cells = header.map((_, j) => {
        const seed = seeds[(i * width + j) % seeds.length] as number;
        const pool = (seeds[j] as number) % 3;
        const index = pool === 0 ? seed % 8 : pool === 1 ? seed % CELLS.length : (seed % 20) + 20;
        return CELLS[index % CELLS.length] as string;
      });
      lines.push(cells.join(','));
    }
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (lastBreak ? eol : '');
  });

function gridOutcome(text: string) {
  try {
    const grid = typeNumbers(parseCsvText(text, 'f.csv'));
    if (grid.length === 1) return { error: 'There is a header but no data rows: put your data below the header' };
    const table = tableFromGrid(grid);
    return { table, infos: table.names.map((_, j) => columnInfo(columnCellsOf(table, j), table.styles[j] ?? 'dot')) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function typedOutcome(text: string) {
  try {
    const table = readTypedCsv(bytesOf(text), 'f.csv');
    return { table, infos: table.columns.map((column, j) => typedColumnInfo(column, table.styles[j] ?? 'dot')) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const comparable = (info: ReturnType<typeof columnInfo>) => ({
  ...info,
  values: info.values === null ? null : Array.from(info.values),
  distinct: info.distinct,
});

describe('readTypedCsv reads a file as the grid path does', () => {
  test('random files: same styles, same classification of every column, same design or the same message', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const grid = gridOutcome(text);
        const typed = typedOutcome(text);
        expect(typed.error).toBe(grid.error);
        if (grid.table === undefined || typed.table === undefined) return;
        expect(typed.table.names).toEqual(grid.table.names);
        expect(typed.table.rows).toBe(grid.table.rows.length);
        expect(typed.table.styles).toEqual(grid.table.styles);
        expect(typed.infos.map(comparable)).toEqual(grid.infos.map(comparable));
        for (const target of typed.table.names) {
          let expected: unknown;
          let actual: unknown;
          try {
            expected = buildDesign(typeNumbers(parseCsvText(text)), { target });
          } catch (error) {
            expected = (error as Error).message;
          }
          try {
            actual = buildTypedDesign(typed.table, { target });
          } catch (error) {
            actual = (error as Error).message;
          }
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('the fast path and the dictionary: numbers in Float64Array, text as codes with one level per spelling', () => {
    const table = readTypedCsv(bytesOf('y,cat\r\n1.5,humor\r\n-2,info\r\n3e2,humor\r\nNA,"info"\r\n'), 'f.csv');
    const [y, cat] = table.columns;
    expect(Array.from(y?.numbers ?? [])).toEqual([1.5, -2, 300, NaN]);
    expect(Array.from(y?.codes ?? [])).toEqual([-1, -1, -1, 0]);
    expect(y?.levels).toEqual(['NA']);
    expect(cat?.levels).toEqual(['humor', 'info']);
    expect(Array.from(cat?.codes ?? [])).toEqual([0, 1, 0, 1]);
    expect(Array.from(cat?.levelCounts ?? [])).toEqual([2, 2]);
  });

  test('in a decimal-comma sheet a column of plain 1.234s is read with thousands dots, as the grid path reads it', () => {
    const text = 'y,views\n"1,5",1.234\n"2,5",2.345\n"3,25",1.000\n';
    const table = readTypedCsv(bytesOf(text), 'f.csv');
    expect(table.styles).toEqual(['comma', 'comma']);
    const info = typedColumnInfo(table.columns[1] as TypedColumn, 'comma');
    expect(Array.from(info.values ?? [])).toEqual([1234, 2345, 1000]);
    expect(buildTypedDesign(table, { target: 'y' })).toEqual(
      buildDesign(typeNumbers(parseCsvText(text)), { target: 'y' }),
    );
  });

  test('a text column keeps its numbers as typed ("1.50", not 1.5)', () => {
    const table = readTypedCsv(bytesOf('y,size\n1,1.50\n2,a\n3,b\n4,1.50\n5,c\n'), 'f.csv');
    expect(table.columns[1]?.levels).toEqual(['1.50', 'a', 'b', 'c']);
  });

  test('messages of the grid path: not UTF-8, empty, bad quotes, ragged, header only', () => {
    expect(() => readTypedCsv(new Uint8Array([0x79, 0x0a, 0xe9, 0x0a]), 'a.csv')).toThrow(
      '"a.csv" is not UTF-8 text (byte 0xE9 at offset 2, line 2); save it as "CSV UTF-8" and try again',
    );
    expect(() => readTypedCsv(bytesOf(' \n\n'), 'a.csv')).toThrow('"a.csv" is empty');
    expect(() => readTypedCsv(bytesOf('y,x\n1,"2\n'), 'a.csv')).toThrow(/is not valid CSV: quoted field unterminated/);
    expect(() => readTypedCsv(bytesOf('y,x\n1,2\n3\n'), 'a.csv')).toThrow(
      'Row 3 has 1 cell but the header has 2: fix that row',
    );
    expect(() => readTypedCsv(bytesOf('y,x\n'), 'a.csv')).toThrow('There is a header but no data rows');
  });
});
