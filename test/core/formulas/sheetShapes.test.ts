import { join } from 'node:path';
import { isHeaderCell, rangeToGrid, tikfitCoef, tikfitR2, tikfitTable } from '../../../src/core/formulas';
import {
  caseAvailable,
  caseRanges,
  expectClose,
  fixtureFolder,
  formulaCases,
  pick,
  readSheet,
  type FormulaCase,
} from './sheetData';

// Ranges as Sheets passes them to custom functions: bare values for one cell, "" for blanks, booleans for checkboxes.

describe('header detection', () => {
  test('a header row exactly when known_y starts with text that is not a number (nor NA-like)', () => {
    expect(isHeaderCell('sales')).toBe(true);
    expect(isHeaderCell(' sales ')).toBe(true);
    for (const cell of ['12', ' 1e3 ', '', '  ', 12, true, new Date(0)]) expect(isHeaderCell(cell)).toBe(false);
    // "Text that is not a number", exactly: missing-value spellings too.
    for (const cell of ['NA', 'n/a', '-']) expect(isHeaderCell(cell)).toBe(true);
  });

  test('names from the header row, X<k> for a blank header, and X1…Xk and y without one', () => {
    const withHeader = rangeToGrid(
      'F',
      [['sales'], [1], [2]],
      [
        ['a', '', 'c'],
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
    expect(withHeader.grid[0]).toEqual(['sales', 'a', 'X2', 'c']);
    expect(withHeader.columns).toEqual([
      { name: 'a', header: 'a' },
      { name: 'X2', header: '' },
      { name: 'c', header: 'c' },
    ]);
    expect(withHeader).toMatchObject({ hasHeader: true, target: 'sales', firstDataRow: 2 });
    const without = rangeToGrid(
      'F',
      [[1], [2]],
      [
        [1, 'u', 3],
        [4, 'v', 6],
      ],
    );
    expect(without.grid).toEqual([
      ['y', 'X1', 'X2', 'X3'],
      [1, 1, 'u', 3],
      [2, 4, 'v', 6],
    ]);
    expect(without).toMatchObject({ hasHeader: false, target: 'y', firstDataRow: 1 });
  });

  test('bare values are 1×1 ranges', () => {
    expect(rangeToGrid('F', 5, 'a').grid).toEqual([
      ['y', 'X1'],
      [5, 'a'],
    ]);
    expect(() => tikfitR2(5, 3)).toThrow(
      'TIKFIT_R2: 1 row cannot estimate 2 parameters; use more rows or fewer columns',
    );
  });
});

const numeric = formulaCases.find((c) => c.name === 'numeric') as FormulaCase;
const blanks = formulaCases.find((c) => c.name === 'numeric-blanks') as FormulaCase;

test('blank cells drop their rows, and n says how many were used (R: complete.cases)', () => {
  const full = caseRanges(numeric);
  const holed = caseRanges(blanks);
  const table = tikfitTable(holed.knownY, holed.knownX);
  expect(table[table.length - 1]).toEqual(['n', blanks.expected.n, '', '', '', '', '']);
  expect(blanks.expected.n).toBe(numeric.expected.n - 4);
  expect(tikfitTable(full.knownY, full.knownX).slice(-1)[0]?.[1]).toBe(numeric.expected.n);
  expectClose(
    tikfitCoef(holed.knownY, holed.knownX, 'x1'),
    blanks.expected.coefficients[1]?.estimate as number,
    'x1 with blanks',
  );
  // NA-like text counts as blank too.
  const na = holed.knownX.map((row) => row.map((cell) => (cell === '' ? 'N/A' : cell)));
  expect(tikfitCoef(holed.knownY, na, 'x1')).toBe(tikfitCoef(holed.knownY, holed.knownX, 'x1'));
});

test('numbers given as text in the cells give the same fit', () => {
  const { knownY, knownX } = caseRanges(numeric);
  const asText = knownX.map((row) => row.map((cell) => (typeof cell === 'number' ? ` ${String(cell)} ` : cell)));
  expect(tikfitTable(knownY, asText)).toEqual(tikfitTable(knownY, knownX));
});

const article = formulaCases.find((c) => c.name === 'article');
(article !== undefined && caseAvailable(article) ? test : test.skip)(
  'checkboxes (booleans) count as 0/1: the article with hasCover, hasDescription, reply as booleans',
  () => {
    const c = article as FormulaCase;
    const { knownY, knownX } = caseRanges(c);
    const header = knownX[0] as string[];
    const flags = ['hasCover', 'hasDescription', 'reply'].map((name) => header.indexOf(name));
    const boxes = knownX.map((row, i) =>
      i === 0 ? row : row.map((cell, j) => (flags.includes(j) ? cell === 1 : cell)),
    );
    expect(boxes[1]?.filter((cell) => typeof cell === 'boolean')).toHaveLength(3);
    const table = tikfitTable(knownY, boxes, c.options);
    c.expected.coefficients.forEach((k, j) =>
      expectClose(table[1 + j]?.[1], k.estimate as number, `${k.name} with booleans`),
    );
    expect(table).toEqual(tikfitTable(knownY, knownX, c.options));
  },
);

test('a level90 fit changes only the intervals', () => {
  const factor = readSheet(join(fixtureFolder, 'factor.csv'));
  const y = pick(factor, ['y']);
  const x = pick(factor, ['x', 'group']);
  const t95 = tikfitTable(y, x);
  const t90 = tikfitTable(y, x, 'level=0.9');
  expect(t90.map((row) => row.slice(0, 5))).toEqual(t95.map((row) => row.slice(0, 5)));
  expect(Number(t90[2]?.[5])).toBeGreaterThan(Number(t95[2]?.[5]));
});
