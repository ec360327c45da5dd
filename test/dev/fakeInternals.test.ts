import { columnToLetters, lettersToColumn, parseA1Range, rectToA1, splitSheetPrefix } from '../../dev/fake/a1';
import { parseInput } from '../../dev/fake/cells';
import { FakeContext } from '../../dev/fake/context';
import { displayValue, formatAutomatic, formatDate } from '../../dev/fake/display';
import { shiftFormula } from '../../dev/fake/formula';
import { shiftRectForDelete, shiftRectForInsert } from '../../dev/fake/models';
import { createFakeAppsScript } from '../../dev/fakeAppsScript';

const ctx = new FakeContext({ DateCtor: Date, ErrorCtor: Error, now: () => 0 });

describe('A1 notation', () => {
  test('column letters both ways', () => {
    expect([1, 26, 27, 52, 702, 703, 18278].map(columnToLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'ZZZ']);
    expect(['A', 'z', 'AA', 'ZZZ'].map(lettersToColumn)).toEqual([1, 26, 27, 18278]);
  });

  test('cells, ranges, whole columns and rows, open ends, reversed corners', () => {
    expect(parseA1Range('B3', 1000, 26)).toEqual({ row: 3, col: 2, numRows: 1, numCols: 1 });
    expect(parseA1Range('C4:A1', 1000, 26)).toEqual({ row: 1, col: 1, numRows: 4, numCols: 3 });
    expect(parseA1Range('B:D', 100, 26)).toEqual({ row: 1, col: 2, numRows: 100, numCols: 3 });
    expect(parseA1Range('2:3', 100, 10)).toEqual({ row: 2, col: 1, numRows: 2, numCols: 10 });
    expect(parseA1Range('A2:C', 100, 26)).toEqual({ row: 2, col: 1, numRows: 99, numCols: 3 });
    expect(parseA1Range('a1:$b$2', 100, 26)).toEqual({ row: 1, col: 1, numRows: 2, numCols: 2 });
    for (const bad of ['', 'A', '1', 'A0', 'ABCD1', 'A1:B2:C3', 'hello world'])
      expect(parseA1Range(bad, 100, 26)).toBeUndefined();
    expect(rectToA1({ row: 2, col: 28, numRows: 3, numCols: 1 })).toBe('AB2:AB4');
  });

  test('sheet prefixes, quoted or not', () => {
    expect(splitSheetPrefix("'My ''data'''!A1:B2")).toEqual({ sheetName: "My 'data'", range: 'A1:B2' });
    expect(splitSheetPrefix('Data!C3')).toEqual({ sheetName: 'Data', range: 'C3' });
    expect(splitSheetPrefix('C3')).toEqual({ sheetName: undefined, range: 'C3' });
  });

  test('Spreadsheet.getRange reads a sheet prefix', () => {
    const fake = createFakeAppsScript({ sheets: [{ name: 'A' }, { name: 'My data', grid: [[1, 2]] }] });
    expect(fake.spreadsheet.getRange("'My data'!A1:B1").getValues()).toEqual([[1, 2]]);
    expect(
      String(
        (() => {
          try {
            fake.spreadsheet.getRange('Nope!A1');
          } catch (e) {
            return e;
          }
          return undefined;
        })(),
      ),
    ).toBe('Exception: Range not found');
  });
});

describe('what a written value becomes', () => {
  const parse = (value: unknown, format?: string) => parseInput(ctx, value, format);

  test('numbers and their string forms', () => {
    expect(parse('12')).toEqual({ value: 12 });
    expect(parse('+12')).toEqual({ value: 12 });
    expect(parse('.5')).toEqual({ value: 0.5 });
    expect(parse('1e3')).toEqual({ value: 1000, autoFormat: '0.00E+00' });
    expect(parse('1,234,567')).toEqual({ value: 1234567, autoFormat: '#,##0' });
    expect(parse('-5%')).toEqual({ value: -0.05, autoFormat: '0%' });
    expect(parse('12.5%')).toEqual({ value: 0.125, autoFormat: '0.00%' });
    expect(parse(' 12')).toEqual({ value: ' 12' });
    expect(parse(NaN)).toEqual({ value: 'NaN' });
    expect(parse(-Infinity)).toEqual({ value: '-Infinity' });
  });

  test('booleans and dates', () => {
    expect(parse('true')).toEqual({ value: true });
    expect(parse('FALSE')).toEqual({ value: false });
    expect(parse('2024-02-30')).toEqual({ value: '2024-02-30' });
    expect(parse('2/29/2024')).toEqual({ value: { epochMs: Date.UTC(2024, 1, 29) }, autoFormat: 'M/d/yyyy' });
    expect(parse(new Date(5))).toEqual({ value: { epochMs: 5 }, autoFormat: 'M/d/yyyy H:mm:ss' });
  });

  test('formulas, implicit formulas and text', () => {
    expect(parse('=A1')).toEqual({ value: '', formula: '=A1' });
    expect(parse('-A1')).toEqual({ value: '', formula: '=-A1', implicitFormula: true });
    expect(parse('+cmd|x')).toEqual({ value: '', formula: '=+cmd|x', implicitFormula: true });
    expect(parse('@x')).toEqual({ value: '', formula: '=@x', implicitFormula: true });
    expect(parse('+')).toEqual({ value: '+' });
    expect(parse('@')).toEqual({ value: '@' });
    expect(parse("'-A1")).toEqual({ value: '-A1' });
    expect(parse('-A1', '@')).toEqual({ value: '-A1' });
    expect(parse({})).toBeUndefined();
    expect(parse([1])).toBeUndefined();
    expect(parse(() => 1)).toBeUndefined();
  });
});

describe('display', () => {
  test('automatic format', () => {
    expect([0, 42, -7.25, 1 / 3, 0.1 + 0.2, 1e20, 1.5e-12, 123456789.123].map(formatAutomatic)).toEqual([
      '0',
      '42',
      '-7.25',
      '0.3333333333',
      '0.3',
      '1E+20',
      '1.5E-12',
      '123456789.1',
    ]);
  });

  test('number patterns, dates and serial numbers', () => {
    expect(displayValue(1234.567, '#,##0.00')).toBe('1,234.57');
    expect(displayValue(-0.001, '0.00')).toBe('0.00');
    expect(displayValue(0.256, '0%')).toBe('26%');
    expect(displayValue(12345, '0.00E+00')).toBe('1.23E+04');
    expect(displayValue(45322, 'yyyy-mm-dd')).toBe('2024-01-31');
    expect(displayValue({ epochMs: Date.UTC(2024, 0, 31) }, '0')).toBe('45322');
    expect(displayValue(true, '0.00')).toBe('TRUE');
  });

  test('sections, conditions and quoted text, as the results sheet uses them', () => {
    const p = '[<0.0001]"<0.0001";0.0000';
    expect(displayValue(1.2e-11, p)).toBe('<0.0001');
    expect(displayValue(0.00012, p)).toBe('0.0001');
    expect(displayValue(0.031, p)).toBe('0.0310');
    expect(displayValue(-3, '0.0;(0.0)')).toBe('(3.0)');
    expect(displayValue(0, '0.0;(0.0);"none"')).toBe('none');
    expect(displayValue(-5, '"$"0.00')).toBe('-$5.00');
    expect(displayValue(12.5, '0.0" pts"')).toBe('12.5 pts');
    expect(displayValue(-0.00001, '0.00')).toBe('0.00');
    // A pattern the fake does not know falls back to the automatic display, never shows its own characters.
    expect(displayValue(200, '0.###############')).toBe('200');
    expect(displayValue(0.25, '0.0##')).toBe('0.25');
    expect(formatDate(Date.UTC(2024, 6, 4, 15, 5, 9), 'yyyy-MM-dd HH:mm:ss')).toBe('2024-07-04 15:05:09');
    expect(formatDate(Date.UTC(2024, 6, 4, 15, 5, 9), 'mmm d, yyyy h:mm am/pm')).toBe('Jul 4, 2024 3:05 PM');
  });
});

describe('moving formulas', () => {
  test('relative references move, absolute parts stay, strings and functions are left alone', () => {
    expect(shiftFormula('=A1+$B$2+C$3+$D4', 2, 1)).toBe('=B3+$B$2+D$3+$D6');
    expect(shiftFormula('=SUM(A1:B2)&"A1"', 1, 0)).toBe('=SUM(A2:B3)&"A1"');
    expect(shiftFormula('=LOG10(A1)+ATAN2(B1,C1)', 1, 1)).toBe('=LOG10(B2)+ATAN2(C2,D2)');
    expect(shiftFormula("='My sheet'!A1+Data!B2", 1, 0)).toBe("='My sheet'!A2+Data!B3");
    expect(shiftFormula('=A1', -1, 0)).toBe('=#REF!');
  });
});

describe('moving rectangles', () => {
  test('inserts move or grow, deletes move, shrink or remove', () => {
    const rect = { row: 5, col: 2, numRows: 3, numCols: 2 };
    expect(shiftRectForInsert(rect, 'rows', 5, 2)).toEqual({ ...rect, row: 7 });
    expect(shiftRectForInsert(rect, 'rows', 6, 2)).toEqual({ ...rect, numRows: 5 });
    expect(shiftRectForInsert(rect, 'columns', 4, 1)).toEqual(rect);
    expect(shiftRectForDelete(rect, 'rows', 1, 2)).toEqual({ ...rect, row: 3 });
    expect(shiftRectForDelete(rect, 'rows', 6, 5)).toEqual({ ...rect, numRows: 1 });
    expect(shiftRectForDelete(rect, 'rows', 4, 2)).toEqual({ ...rect, row: 4, numRows: 2 });
    expect(shiftRectForDelete(rect, 'columns', 2, 2)).toBeUndefined();
  });
});

describe('scale', () => {
  test('a 20,000 × 20 sheet is read and written quickly', () => {
    const grid = Array.from({ length: 20000 }, (_, i) =>
      Array.from({ length: 20 }, (_u, j) => (j === 0 ? `id${i}` : i + j / 10)),
    );
    const fake = createFakeAppsScript({ sheets: [{ name: 'Big', grid }] });
    const started = Date.now();
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getDataRange();
    const values = range.getValues();
    range.setValues(values);
    expect(values.length).toBe(20000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
