import { runInNewContext } from 'node:vm';
import {
  columnInfo,
  distinctAtMostTwo,
  firstNonNumber,
  MOSTLY_SHARE,
  textOf,
} from '../../../src/core/cells/columnInfo';
import { isMissingValue } from '../../../src/core/cells/missingValue';

// Each column is classified once (issue 9): numeric | binary | categorical | identifier | date | empty, with the
// 90% "mostly numeric" rule whose other cells are strays, treated as missing and named by row.

const kind = (cells: readonly unknown[]): string => columnInfo(cells, 'dot').kind;
const values = (cells: readonly unknown[]): number[] => Array.from(columnInfo(cells, 'dot').values ?? []);
const digits = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));

describe('columnInfo: the 90% rule at its edge', () => {
  test('the threshold is 90%', () => {
    expect(MOSTLY_SHARE).toBe(0.9);
  });

  test('9 numbers of 10 make a numeric column; the one stray is missing and named by its row', () => {
    const info = columnInfo([...digits(9), '1O24'], 'dot');
    expect(info.kind).toBe('numeric');
    expect(info.strays).toEqual([{ row: 9, text: '1O24' }]);
    expect(Array.from(info.values ?? [])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, NaN]);
    expect(info).toMatchObject({ present: 10, missing: 0, distinct: 9 });
  });

  test('the stray is named where it is, trimmed', () => {
    const info = columnInfo(['1', ' n/a yet ', ...digits(8)], 'dot');
    expect(info.strays).toEqual([{ row: 1, text: 'n/a yet' }]);
  });

  test('8 numbers of 10 do not: the column is text (an identifier here, a category when labels repeat)', () => {
    expect(kind([...digits(8), 'x', 'y'])).toBe('identifier');
    expect(columnInfo([...digits(8), 'x', 'y'], 'dot')).toMatchObject({ values: null, strays: [] });
    expect(kind(['1', '1', '1', '2', '2', '2', '2', '1', 'x', 'x'])).toBe('categorical');
  });

  test('exactly 90% is enough: 18 numbers of 20', () => {
    const info = columnInfo([...digits(18), 'a', 'b'], 'dot');
    expect(info.kind).toBe('numeric');
    expect(info.strays.map((s) => s.row)).toEqual([18, 19]);
  });

  test('blank cells and missing tokens are neither numbers nor strays, and do not count in the share', () => {
    const info = columnInfo([...digits(9), '1O24', '', 'NA', null, '-'], 'dot');
    expect(info).toMatchObject({ kind: 'numeric', present: 10, missing: 4 });
    expect(info.strays).toEqual([{ row: 9, text: '1O24' }]);
  });

  test('formatted numbers count as numbers, and are counted', () => {
    const info = columnInfo(['1,234', '9.0%', '$5', '5', ' 7 '], 'dot');
    expect(info.kind).toBe('numeric');
    expect(Array.from(info.values ?? [])).toEqual([1234, 0.09, 5, 5, 7]);
    expect(info.formatted).toBe(3);
    expect(info.fractional).toBe(true);
  });

  test('the style decides how text numbers read', () => {
    expect(values(['1.234', '2.5'])).toEqual([1.234, 2.5]);
    expect(Array.from(columnInfo(['1.234', '12,5'], 'comma').values ?? [])).toEqual([1234, 12.5]);
    expect(columnInfo(['1.234', '12,5'], 'comma').style).toBe('comma');
    // In the dot style, "12,5" is not a number: 1 of 2 is not mostly numbers.
    expect(columnInfo(['1.234', '12,5'], 'dot').kind).toBe('identifier');
  });
});

describe('columnInfo: numeric fields', () => {
  test('zeros, fractions and distinct values', () => {
    expect(columnInfo([0, '0', 3, 4, 4], 'dot')).toMatchObject({
      kind: 'numeric',
      zeros: 2,
      fractional: false,
      distinct: 3,
    });
    expect(columnInfo([0, 0.5, 1], 'dot')).toMatchObject({ kind: 'numeric', zeros: 1, fractional: true });
  });

  test('a non-finite number is read, and the first one is pointed out', () => {
    const info = columnInfo(['1', 'Inf', '-inf', '2'], 'dot');
    expect(info.kind).toBe('numeric');
    expect(info.nonFinite).toEqual({ row: 1, text: 'Inf' });
    expect(columnInfo(['1', '2'], 'dot').nonFinite).toBeNull();
  });
});

describe('columnInfo: binary columns, checkboxes included', () => {
  test('numbers that are all 0 or 1, as numbers, text, booleans (checkboxes) or TRUE/FALSE text', () => {
    expect(kind([0, 1, 1, 0])).toBe('binary');
    expect(kind(['0', ' 1 ', '1.0', ''])).toBe('binary');
    expect(kind([true, false, true, true])).toBe('binary');
    expect(kind([true, false, 1, 'NA'])).toBe('binary');
    expect(kind(['TRUE', 'FALSE', 'TRUE', 'FALSE'])).toBe('binary');
    expect(kind(['true', 'False', 0, 1])).toBe('binary');
    expect(kind([1, 1, 1])).toBe('binary');
    expect(values([true, false, 'TRUE', 'false', ''])).toEqual([1, 0, 1, 0, NaN]);
  });

  test('a checkbox column with one stray in ten is still binary, the stray named', () => {
    const info = columnInfo([true, false, true, true, false, true, false, true, true, 'maybe'], 'dot');
    expect(info.kind).toBe('binary');
    expect(info.strays).toEqual([{ row: 9, text: 'maybe' }]);
    expect(info.zeros).toBe(3);
  });

  test('any other number makes it numeric', () => {
    expect(kind([0, 1, 2])).toBe('numeric');
    expect(kind([true, false, 0.5])).toBe('numeric');
  });
});

describe('columnInfo: dates', () => {
  const day = (d: number): Date => new Date(Date.UTC(2025, 0, d));

  test('Dates, ISO text, m/d/yyyy text and named months make a date column, read as milliseconds', () => {
    const info = columnInfo(
      [day(6), '2025-01-07', '1/8/2025', 'Jan 9, 2025', runInNewContext('new Date(Date.UTC(2025, 0, 10))')],
      'dot',
    );
    expect(info.kind).toBe('date');
    expect(Array.from(info.values ?? [])).toEqual([6, 7, 8, 9, 10].map((d) => Date.UTC(2025, 0, d)));
    expect(info).toMatchObject({ present: 5, missing: 0, distinct: 5, strays: [] });
  });

  test('a date column with few distinct dates is still a date column, never an identifier or a category', () => {
    expect(kind([day(1), day(1), day(1), '', day(1)])).toBe('date');
    expect(kind(['2025-01-06', '2025-01-06', '2025-01-07', '2025-01-07'])).toBe('date');
  });

  test('9 dates of 10: the one stray is missing and named; 8 of 10 is text', () => {
    const nine = [...Array.from({ length: 9 }, (_, i) => day(i + 1)), 'soon'];
    const info = columnInfo(nine, 'dot');
    expect(info.kind).toBe('date');
    expect(info.strays).toEqual([{ row: 9, text: 'soon' }]);
    expect(Number.isNaN(info.values?.[9])).toBe(true);
    expect(kind([...Array.from({ length: 8 }, (_, i) => `2025-01-0${i + 1}`), 'soon', 'later'])).toBe('identifier');
  });

  test('numbers come first: a number is never read as a date, and a Date among numbers is a stray', () => {
    expect(kind(['45000', '45001', '45002'])).toBe('numeric');
    const info = columnInfo([...digits(9), day(1)], 'dot');
    expect(info.kind).toBe('numeric');
    expect(info.strays.map((s) => s.row)).toEqual([9]);
  });
});

describe('columnInfo: text columns; only text can be an identifier', () => {
  test('identifier when distinct labels exceed half of the cells with a value; exactly half is categorical', () => {
    expect(kind(['a', 'b', 'a', 'b'])).toBe('categorical'); // 2 distinct of 4
    expect(kind(['a', 'b', 'c', 'a'])).toBe('identifier'); // 3 of 4
    expect(kind(['Video one', 'Video two', 'Video three'])).toBe('identifier');
    // Missing cells do not count: 2 distinct of 3 present.
    expect(kind(['a', 'b', 'a', '', 'NA', null])).toBe('identifier');
    // A single text value is an identifier (1 > 0.5).
    expect(kind(['only'])).toBe('identifier');
  });

  test('distinct labels are compared after trimming and case-folding (case variants are one label to clean)', () => {
    expect(kind(['a', ' a', 'a ', 'b'])).toBe('categorical');
    expect(kind(['a', 'A', 'b', 'B'])).toBe('categorical');
    expect(kind(['Yes', 'yes', 'YES', 'No', 'no'])).toBe('categorical');
    expect(kind(['a', 'b', 'c', 'A'])).toBe('identifier');
    expect(columnInfo(['Yes', 'yes', 'YES', 'No', 'no'], 'dot').distinct).toBe(2);
  });

  test('numbers and dates that are all distinct are numeric and date columns, not identifiers', () => {
    expect(kind(digits(50))).toBe('numeric');
    expect(kind(Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 0, i + 1))))).toBe('date');
  });

  test('text columns have no values and no strays', () => {
    expect(columnInfo(['a', 'b', 'a', 'b', '1', '1'], 'dot')).toMatchObject({
      kind: 'categorical',
      values: null,
      strays: [],
      formatted: 0,
      zeros: 0,
    });
  });
});

describe('columnInfo: empty columns', () => {
  test('no cells, or only blanks and missing tokens', () => {
    expect(kind([])).toBe('empty');
    const info = columnInfo(['', '  ', 'NA', 'n/a', 'NULL', 'none', 'NaN', '-', null, undefined, NaN], 'dot');
    expect(info).toMatchObject({ kind: 'empty', present: 0, missing: 11, values: null, strays: [], distinct: 0 });
  });
});

describe('textOf and firstNonNumber', () => {
  test('textOf trims text and writes numbers and booleans as text', () => {
    expect(textOf('  info ')).toBe('info');
    expect(textOf(3.5)).toBe('3.5');
    expect(textOf(true)).toBe('true');
    expect(textOf(null)).toBe('null');
  });

  test('firstNonNumber finds the first cell with a value that is not a number in the style', () => {
    expect(firstNonNumber(['1', '', 'NA', ' abc ', 'x'], 'dot')).toEqual({ row: 3, text: 'abc' });
    expect(firstNonNumber(['1', '2,5'], 'dot')).toEqual({ row: 1, text: '2,5' });
    expect(firstNonNumber(['1', '2,5'], 'comma')).toBeNull();
    expect(firstNonNumber(['', null], 'dot')).toBeNull();
  });
});

describe('columnInfo: each distinct text read once, and the counts that need not read every value', () => {
  // A seeded column of repeated texts (labels, numbers as text, tokens, dates) and number cells, with more distinct
  // texts than columnInfo remembers (4,096), so that the cells past that are read one by one.
  const mixed = (seed: number, rows: number): unknown[] => {
    let state = seed;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const texts = ['NA', ' n/a', 'None', 'nan', '-', '', 'Humor', ' humor ', 'nature', 'Nature', '1,234', '$5', '12%'];
    return Array.from({ length: rows }, (_, i) => {
      const r = next();
      if (r < 0.3) return texts[Math.floor(next() * texts.length)];
      if (r < 0.5) return `title ${i}`;
      if (r < 0.7) return String(Math.floor(next() * 50));
      if (r < 0.8) return `2024-01-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      return Math.floor(next() * 50);
    });
  };

  test('a text reads the same at its first and its last occurrence, remembered or not', () => {
    for (const seed of [1, 2, 3]) {
      const cells = mixed(seed, 12_000);
      for (const style of ['dot', 'comma'] as const) {
        const once = columnInfo(cells, style);
        const twice = columnInfo([...cells, ...cells], style);
        expect(Array.from(twice.values ?? []).slice(cells.length)).toEqual(Array.from(once.values ?? []));
        expect([twice.kind, twice.present, twice.missing, twice.formatted, twice.strays.length]).toEqual([
          once.kind,
          2 * once.present,
          2 * once.missing,
          2 * once.formatted,
          2 * once.strays.length,
        ]);
      }
    }
  });

  test('distinctAtMostTwo is the distinct count capped at 2, for every kind', () => {
    const columns: unknown[][] = [
      [],
      ['', 'NA'],
      [3, '3', ' 3 ', 'NA'],
      [0, -0, ''],
      [0, 1, 1],
      [1, 1, 1, 1],
      ['a', 'A', ' a'],
      ['a', 'b', 'a'],
      ['2024-01-01', '2024-01-01', ''],
      ['2024-01-01', '2024-01-02'],
      [Infinity, Infinity, 'NA'],
      [5, 5, 5, 5, 5, 5, 5, 5, 5, 'x'],
      ...[1, 2, 3].map((seed) => mixed(seed, 500)),
    ];
    for (const cells of columns) {
      const info = columnInfo(cells, 'dot');
      expect(distinctAtMostTwo(info)).toBe(Math.min(info.distinct, 2));
    }
  });
});

describe('isMissingValue: labels that start with a letter', () => {
  test('the missing tokens in any case still are missing; other words are values', () => {
    for (const token of ['NA', 'na', 'Na', 'N/A', 'n/a', 'NULL', 'Null', 'None', 'NONE', 'NaN', 'nan', ' none ', '-'])
      expect(isMissingValue(token)).toBe(true);
    for (const label of ['a', 'Humor', 'z', 'Z', 'nature', 'No', 'n', 'Nan2', 'category 3', 'é', '_', 'none yet'])
      expect(isMissingValue(label)).toBe(false);
  });
});
