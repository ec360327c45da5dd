import { markMissing } from '../../../src/core/prepare/markMissing';
import type { Grid } from '../../../src/core/prepare/grid';
import { column, expectInputUnchanged, expectUserError, malformedGrids } from './gridCases';

describe('markMissing: tokens', () => {
  const tokens = [
    'NA',
    'na',
    'Na',
    ' NA ',
    'N/A',
    'n/a',
    'N/a',
    'NULL',
    'null',
    'Null',
    'None',
    'NONE',
    'none',
    'nan',
    'NaN',
    'NAN',
    '-',
    ' - ',
  ];

  test.each(tokens)('"%s" becomes a blank cell', (token) => {
    const { grid, report } = markMissing([['x'], [token], ['7']]);
    expect(column(grid, 'x')).toEqual(['', '7']);
    expect(report.tokens).toEqual({ x: 1 });
    expect(report.missing).toEqual({ x: 1 });
  });

  test('blank and white-space cells become "" but are not counted as tokens', () => {
    const { grid, report } = markMissing([['x'], [''], ['   '], ['\t'], ['a']]);
    expect(column(grid, 'x')).toEqual(['', '', '', 'a']);
    expect(report.tokens).toEqual({});
    expect(report.missing).toEqual({ x: 3 });
  });

  test('null, undefined and a numeric NaN become ""', () => {
    const { grid, report } = markMissing([['x'], [null], [undefined], [NaN], [1]]);
    expect(column(grid, 'x')).toEqual(['', '', '', 1]);
    expect(report.missing).toEqual({ x: 3 });
  });

  test('look-alikes are values, and other cells keep their type', () => {
    const values = ['n.a.', '--', 'nil', 'Nanny', 'none yet', 'no', '0', 0, false, 'NA NA', 'N / A', 12.5];
    const { grid, report } = markMissing([['x'], ...values.map((v) => [v])]);
    expect(column(grid, 'x')).toStrictEqual(values);
    expect(report.missing).toEqual({ x: 0 });
    expect(report.tokens).toEqual({});
  });

  test('report: tokens only for columns that had some, missing for every column', () => {
    const { report } = markMissing([
      ['a', 'b', 'c'],
      ['NA', 1, ''],
      ['null', 2, 'x'],
      ['x', '-', 'y'],
    ]);
    expect(report).toEqual({ step: 'missing', tokens: { a: 2, b: 1 }, zeros: {}, missing: { a: 2, b: 1, c: 1 } });
  });
});

describe('markMissing: zeros', () => {
  const grid: Grid = [
    ['views', 'watched', 'followers'],
    [0, '0', 0],
    [10, ' 0.0 ', 3],
    ['0', 55.5, 'NA'],
    [4, -0, 0],
  ];

  test('zeros are missing only in the columns named', () => {
    const { grid: out, report } = markMissing(grid, { zeroMissing: ['watched', 'followers'] });
    expect(column(out, 'views')).toEqual([0, 10, '0', 4]);
    expect(column(out, 'watched')).toEqual(['', '', 55.5, '']);
    expect(column(out, 'followers')).toEqual(['', 3, '', '']);
    expect(report.zeros).toEqual({ watched: 3, followers: 2 });
    expect(report.tokens).toEqual({ followers: 1 });
    expect(report.missing).toEqual({ views: 0, watched: 3, followers: 3 });
  });

  test('zeros are read with the cell rule and the column\'s number style: "0,0", "0 %", "$0", FALSE', () => {
    const { grid: out, report } = markMissing(
      [
        ['rate', 'paid', 'done', 'other'],
        ['0,0', '$0', 'FALSE', '12,5'],
        ['12,5', '$5', 'TRUE', '0,0'],
        ['0 %', '$0.00', false, '3,5'],
      ],
      { zeroMissing: ['rate', 'paid', 'done'] },
    );
    expect(out.slice(1)).toEqual([
      ['', '', '', '12,5'],
      ['12,5', '$5', 'TRUE', '0,0'],
      ['', '', '', '3,5'],
    ]);
    expect(report.zeros).toEqual({ rate: 2, paid: 2, done: 2 });
  });

  test('a named column without zeros is reported with 0', () => {
    expect(markMissing([['x'], [1], [2]], { zeroMissing: ['x'] }).report.zeros).toEqual({ x: 0 });
  });

  test('without zeroMissing no zero is touched', () => {
    const { grid: out, report } = markMissing(grid);
    expect(column(out, 'watched')).toEqual(['0', ' 0.0 ', 55.5, -0]);
    expect(report.zeros).toEqual({});
  });

  test('an unknown zeroMissing column throws, naming the column, what it was named for and the columns there are', () => {
    expectUserError(
      () => markMissing(grid, { zeroMissing: ['likes'] }),
      'There is no column "likes" (named as a column whose zeros mean "not recorded"); the columns are views, watched, followers',
    );
  });
});

describe('markMissing: shape and input', () => {
  test('a single data row', () => {
    expect(
      markMissing([
        ['a', 'b'],
        ['NA', 1],
      ]).grid,
    ).toEqual([
      ['a', 'b'],
      ['', 1],
    ]);
  });

  // The brief says a header-only grid must throw; markMissing accepts it. Pinned; see the report to the lead.
  test('a header without data rows (current behaviour)', () => {
    expect(markMissing([['a', 'b']]).report.missing).toEqual({ a: 0, b: 0 });
  });

  test.each(malformedGrids)("rejects $what in the user's words, naming no internal function", ({ grid, message }) => {
    expectUserError(() => markMissing(grid), message);
  });

  test('does not change its input', () => {
    expectInputUnchanged(
      [
        ['a', 'b'],
        ['NA', 0],
        [null, '0'],
        ['x', 1],
      ],
      (g) => markMissing(g, { zeroMissing: ['b'] }),
    );
  });

  // Was a bug (the output kept the raw header row while the report used the normalised one); every step's output
  // now has the table's header, normalised once by tableFromGrid.
  test('returns the normalised header, like the other steps', () => {
    const { grid, report } = markMissing([
      [' views ', 2024],
      ['NA', 1],
    ]);
    expect(report.missing).toEqual({ views: 1, '2024': 0 });
    expect(grid[0]).toEqual(['views', '2024']);
  });
});
