import { buildDesign } from '../../../src/core/model/design';
import { codePointCompare } from '../../../src/core/cells/codePointCompare';
import { fitOls } from '../../../src/core/model/fitOls';
import { isMissingValue } from '../../../src/core/cells/missingValue';
import { parseNumber } from '../../../src/core/cells/parseNumber';
import { expectUserError } from '../../helpers/userError';

const grid = [
  ['y', 'x', 'group', 'flag'],
  ['1', '2', 'b', 'TRUE'],
  ['2', '3', 'a', 'false'],
  ['3', 'NA', 'c', 'true'],
  ['4', '5', 'a', 'FALSE'],
  [5, 7, 'b', true],
  ['6', '8', '', 'true'],
  ['7', '9.5', 'c', false],
];

describe('buildDesign', () => {
  test('numeric columns as they are, text one-hot against the first level, booleans as 0/1, missing rows dropped', () => {
    const design = buildDesign(grid, { target: 'y' });
    expect(design.terms).toEqual(['Intercept', 'x', 'group_b', 'group_c', 'flag']);
    expect(design.rows).toBe(5);
    expect(design.rowsDropped).toBe(2);
    expect(Array.from(design.rowIndex)).toEqual([1, 2, 4, 5, 7]);
    const column = (k: number): number[] => Array.from(design.x.subarray(k * design.rows, (k + 1) * design.rows));
    expect(column(0)).toEqual([1, 1, 1, 1, 1]);
    expect(column(1)).toEqual([2, 3, 5, 7, 9.5]);
    expect(column(2)).toEqual([1, 0, 0, 1, 0]);
    expect(column(3)).toEqual([0, 0, 0, 0, 1]);
    expect(column(4)).toEqual([1, 0, 0, 1, 0]);
    expect(design.predictors.find((p) => p.name === 'group')).toMatchObject({
      kind: 'categorical',
      levels: ['a', 'b', 'c'],
      reference: 'a',
    });
    expect(design.warnings[0]).toMatch(
      /2 of 7 rows were left out because of missing values; most missing: x \(1\), group \(1\)/,
    );
  });

  test('with no row left out: every row in order, a text column and log1p(target) read from every row', () => {
    const complete = grid.filter((_, i) => i !== 3 && i !== 6);
    for (const logTarget of [false, true]) {
      const design = buildDesign(complete, { target: 'y', logTarget });
      expect(design.rowsDropped).toBe(0);
      expect(Array.from(design.rowIndex)).toEqual([1, 2, 3, 4, 5]);
      [1, 2, 4, 5, 7].forEach((y, r) => expect(design.y[r]).toBeCloseTo(logTarget ? Math.log1p(y) : y, 14));
      expect(Array.from(design.x.subarray(2 * 5, 3 * 5))).toEqual([1, 0, 0, 1, 0]); // group_b
      expect(Array.from(design.x.subarray(5, 2 * 5))).toEqual([2, 3, 5, 7, 9.5]);
    }
  });

  test('log1p target, no intercept, exclusions and a chosen reference level', () => {
    const design = buildDesign(grid, {
      target: 'y',
      intercept: false,
      logTarget: true,
      exclude: ['flag'],
      referenceLevels: { group: 'c' },
    });
    expect(design.terms).toEqual(['x', 'group_a', 'group_b']);
    expect(design.y[0]).toBe(Math.log1p(1));
  });

  test('levels sort by code point, not UTF-16 units or locale', () => {
    const g = [['y', 'g'], ...['é', 'Z', 'a', '😀', '\uff01', 'a', 'Z'].map((level, i) => [String(i), level])];
    const design = buildDesign(g, { target: 'y' });
    expect(design.predictors[0]?.levels).toEqual(['Z', 'a', 'é', '\uff01', '😀']);
    expect(design.terms.slice(1)).toEqual(['g_a', 'g_é', 'g_\uff01', 'g_😀']);
  });

  // The grid's shape is checked by tableFromGrid, in the user's words (issue 9).
  test.each([
    [[], 'The data is empty: put a header row and your data on the sheet'],
    [[['y', 'x']], 'There is a header but no data rows: put your data below the header'],
    [
      [
        ['y', ''],
        ['1', '2'],
      ],
      'Column B has no header: give it a name in row 1',
    ],
    [
      [
        ['y', 'y'],
        ['1', '2'],
      ],
      'The header "y" appears twice (columns A and B): rename one of them',
    ],
    [[['y', 'x'], ['1', '2'], ['3']], 'Row 3 has 1 cell but the header has 2: fix that row'],
  ])("rejects a badly shaped grid in the user's words: %#", (bad, message) => {
    expectUserError(() => buildDesign(bad as unknown[][], { target: 'target' }), message);
  });

  test.each([
    [
      [
        ['y', 'x'],
        ['1', '2'],
      ],
      /no column "target"/,
    ],
    [
      [
        ['target', 'x'],
        ['1', '2'],
        ['abc', '3'],
      ],
      /target "target" is not numeric \(row 3: "abc"\)/,
    ],
    [
      [
        ['target', 'x'],
        ['1', 'Inf'],
        ['2', '3'],
      ],
      /non-finite number \(Inf\) in row 2/,
    ],
    [
      [
        ['target', 'x'],
        ['1', new Date(0)],
        ['2', '3'],
      ],
      /has a date in row 2/,
    ],
    // A target with no values at all: every row is missing it.
    [
      [
        ['target', 'x'],
        ['', '1'],
        ['NA', '3'],
      ],
      /no rows are left/,
    ],
  ])('rejects bad grids: %#', (bad, message) => {
    expect(() => buildDesign(bad as unknown[][], { target: 'target' })).toThrow(message);
  });

  test('log1p of a value at or below −1 is refused', () => {
    expect(() =>
      buildDesign(
        [
          ['y', 'x'],
          ['-1', '1'],
          ['2', '2'],
        ],
        { target: 'y', logTarget: true },
      ),
    ).toThrow(/the log target needs values above −1/);
  });

  test('a single-level text column is left out with a warning', () => {
    const design = buildDesign(
      [
        ['y', 'x', 'g'],
        ['1', '1', 'a'],
        ['2', '3', 'a'],
        ['4', '4', 'a'],
      ],
      { target: 'y' },
    );
    expect(design.terms).toEqual(['Intercept', 'x']);
    expect(design.warnings.join()).toMatch(/"g" has a single level/);
  });
});

describe('buildDesign reads cells with the one cell rule (issue 9)', () => {
  // y and x over 10 rows; x is typed with separators, a percent and a currency sign, and row 11 holds a typo.
  const typed = [
    ['y', 'x', 'posted'],
    ...['1,000', '2,500', '50%', '$3', '4', '5', '6', '7', '8', '1O24'].map((x, i) => [
      String(2 * i + 1),
      x,
      `2025-01-${String(i + 1).padStart(2, '0')}`,
    ]),
  ];

  test('a mostly-numeric column stays numeric: its one stray cell is missing, named with its sheet row', () => {
    const design = buildDesign(typed, { target: 'y' });
    expect(design.terms).toEqual(['Intercept', 'x']);
    expect(Array.from(design.x.subarray(design.rows, 2 * design.rows))).toEqual([1000, 2500, 0.5, 3, 4, 5, 6, 7, 8]);
    expect(design.rowsDropped).toBe(1);
    // A fit of the data as it is fills nothing: the row goes, and the warning says so.
    expect(design.warnings).toContain(
      'x, row 11: "1O24" is not a number; the fit leaves that row out: correct the cell to use the row',
    );
  });

  test('a date column is never a predictor: it is left out with a warning', () => {
    const design = buildDesign(typed, { target: 'y' });
    expect(design.predictors.map((p) => p.name)).toEqual(['x']);
    expect(design.warnings).toContain('"posted" holds dates, which are not a predictor; it was left out');
  });

  test('two strays in 10 (80% numbers) make a text column, not a numeric one', () => {
    const text = typed.map((row, i) => (i === 9 ? [row[0], 'nine', row[2]] : row));
    const design = buildDesign(text, { target: 'y' });
    expect(design.predictors.find((p) => p.name === 'x')?.kind).toBe('categorical');
  });
});

describe('fitOls on designs', () => {
  test('fewer rows than parameters, a constant target, and a bad level are refused', () => {
    expect(() =>
      fitOls(
        buildDesign(
          [
            ['y', 'a', 'b'],
            ['1', '2', '3'],
            ['2', '3', '5'],
          ],
          { target: 'y' },
        ),
      ),
    ).toThrow(/2 rows cannot estimate 3 parameters/);
    expect(() =>
      fitOls(
        buildDesign(
          [
            ['y', 'a'],
            ['1', '2'],
            ['1', '3'],
            ['1', '5'],
          ],
          { target: 'y' },
        ),
      ),
    ).toThrow(/target "y" is constant/);
    expect(() =>
      fitOls(
        buildDesign(
          [
            ['y', 'a'],
            ['1', '2'],
            ['2', '3'],
            ['4', '5'],
          ],
          { target: 'y' },
        ),
        { level: 1 },
      ),
    ).toThrow(/confidence level/);
  });

  test('zero residual degrees of freedom: estimates, but null inference and a warning', () => {
    const json = fitOls(
      buildDesign(
        [
          ['y', 'a'],
          ['1', '2'],
          ['3', '3'],
        ],
        { target: 'y' },
      ),
    ).toJSON();
    expect(json.dfResidual).toBe(0);
    expect(json.coefficients.map((c) => c.estimate)).toEqual([-3, 2]);
    expect(json.coefficients.every((c) => c.stdError === null && c.pValue === null && c.ciLower === null)).toBe(true);
    expect(json.residualStdError).toBeNull();
    expect(json.warnings.join()).toMatch(/No residual degrees of freedom/);
  });

  test('a constant column beside the intercept is reported as aliased with null statistics, like R', () => {
    const g = [['y', 'x', 'c'], ...Array.from({ length: 8 }, (_, i) => [String(i * 2 + (i % 3)), String(i), '5'])];
    const json = fitOls(buildDesign(g, { target: 'y' })).toJSON();
    expect(json.rank).toBe(2);
    expect(json.dfResidual).toBe(6);
    expect(json.coefficients[2]).toEqual({
      name: 'c',
      estimate: null,
      stdError: null,
      tStat: null,
      pValue: null,
      ciLower: null,
      ciUpper: null,
      vif: null,
      aliased: true,
    });
    expect(json.warnings.join()).toMatch(/1 term is aliased .*: c/);
  });

  test('results are cached: the same table object comes back', () => {
    const results = fitOls(buildDesign(grid, { target: 'y' }));
    expect(results.coefficients).toBe(results.coefficients);
  });
});

describe('cell readers', () => {
  test.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['1e-3', 0.001],
    ['.5', 0.5],
    [true, 1],
    [false, 0],
    [7, 7],
    ['0x10', null],
    ['1_000', null],
    ['', null],
    ['abc', null],
    ['-Inf', -Infinity],
    ['1e400', Infinity],
  ])('parseNumber(%p) is %p', (cell, expected) => expect(parseNumber(cell)).toBe(expected));

  test.each([[''], ['  '], ['NA'], ['n/a'], ['NULL'], ['None'], ['nan'], ['-'], [null], [undefined], [NaN]])(
    '%p is missing',
    (cell) => {
      expect(isMissingValue(cell)).toBe(true);
    },
  );
  test.each([['0'], [0], ['none of these'], [false], ['-1']])('%p is a value', (cell) =>
    expect(isMissingValue(cell)).toBe(false),
  );

  test('codePointCompare orders astral characters after the BMP', () => {
    expect(['😀', '\uff01', 'b', 'a'].sort(codePointCompare)).toEqual(['a', 'b', '\uff01', '😀']);
    expect(codePointCompare('ab', 'a')).toBeGreaterThan(0);
    expect(codePointCompare('a', 'a')).toBe(0);
  });
});
