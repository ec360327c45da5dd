import { runInNewContext } from 'node:vm';
import {
  tikfitAdjR2,
  tikfitCoef,
  tikfitPredict,
  tikfitPValue,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
  renameError,
} from '../../../src/core/formulas';
import { fixtureFolder, pick, readSheet } from './sheetData';
import { join } from 'node:path';

// Every error a formula shows in its cell: a message that names the function and the problem, never a number.

const factor = readSheet(join(fixtureFolder, 'factor.csv'));
const aliased = readSheet(join(fixtureFolder, 'aliased.csv'));
const fy = pick(factor, ['y']);
const fx = pick(factor, ['x', 'group']);

/** A small numeric data set with a header row: y, a, b (10 rows). */
function small(rows = 10): { y: unknown[][]; x: unknown[][] } {
  const y: unknown[][] = [['sales']];
  const x: unknown[][] = [['a', 'b']];
  for (let i = 0; i < rows; i++) {
    y.push([3 + 2 * i + ((i * 7) % 5) - 2]);
    x.push([i, (i * i) % 7]);
  }
  return { y, x };
}

describe('range errors', () => {
  test('known_y with more than one column', () => {
    expect(() =>
      tikfitR2(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [[1], [2], [3]],
      ),
    ).toThrow('TIKFIT_R2: known_y must be a single column, but it has 2 columns');
  });

  test('mismatched heights, with a hint when only known_y has the header row', () => {
    const { y, x } = small();
    expect(() => tikfitR2(y.slice(1), x.slice(2))).toThrow('TIKFIT_R2: known_y has 10 rows but known_x has 9');
    expect(() => tikfitR2(y, x.slice(1))).toThrow(
      'TIKFIT_R2: known_y has 11 rows but known_x has 10 (select the header row in both ranges or in neither)',
    );
  });

  test('a non-numeric y, with its row in the range', () => {
    const { y, x } = small();
    const bad = y.map((row) => [...row]);
    (bad[3] as unknown[])[0] = 'abc';
    expect(() => tikfitCoef(bad, x, 'a')).toThrow('TIKFIT_COEF: known_y is not numeric (row 4: "abc")');
    expect(() => tikfitCoef(bad.slice(1), x.slice(1), 1)).toThrow('TIKFIT_COEF: known_y is not numeric (row 3: "abc")');
  });

  test('a date among the predictors, also from another realm (vm), and in known_y', () => {
    const { y, x } = small();
    const local = x.map((row, i) => [...row, i === 0 ? 'date' : new Date(2024, 0, i)]);
    expect(() => tikfitPValue(y, local, 'a')).toThrow(
      'TIKFIT_PVALUE: column "date" has a date in row 2; dates are not accepted as predictors',
    );
    const foreign = x.map((row, i) => [...row, i === 0 ? 'date' : i < 2 ? 5 : runInNewContext('new Date(2024, 0, 3)')]);
    expect(foreign[2]?.[2] instanceof Date).toBe(false);
    expect(() => tikfitPValue(y, foreign, 'a')).toThrow(
      'TIKFIT_PVALUE: column "date" has a date in row 3; dates are not accepted as predictors',
    );
    const yDate = y.map((row, i) => (i === 5 ? [runInNewContext('new Date(2024, 0, 3)')] : row));
    expect(() => tikfitR2(yDate, x)).toThrow(
      'TIKFIT_R2: known_y has a date in row 6; dates are not accepted, use a number',
    );
  });

  test('fewer rows than parameters', () => {
    expect(() =>
      tikfitCoef(
        [[1], [2]],
        [
          [1, 2, 3],
          [4, 5, 7],
        ],
        1,
      ),
    ).toThrow('TIKFIT_COEF: 2 rows cannot estimate 4 parameters; use more rows or fewer columns');
  });

  test('missing, empty, flat and ragged ranges', () => {
    expect(() => tikfitR2(undefined, [[1]])).toThrow('TIKFIT_R2: known_y is missing');
    expect(() => tikfitR2([], [[1]])).toThrow('TIKFIT_R2: known_y is empty');
    expect(() => tikfitR2([1, 2, 3], [[1], [2], [3]])).toThrow(
      'TIKFIT_R2: known_y must be a range (rows of cells), not a flat list',
    );
    expect(() => tikfitR2([[1], [2], [3]], [[1, 2], [2], [3, 4]])).toThrow(
      'TIKFIT_R2: known_x is not rectangular: row 2 has 1 cell but row 1 has 2',
    );
  });

  test('header problems: duplicate names, a name shared with known_y, a header without data', () => {
    const { y, x } = small();
    const dup = x.map((row, i) => [...row, i === 0 ? 'a' : 1]);
    expect(() => tikfitR2(y, dup)).toThrow(
      'TIKFIT_R2: known_x has two columns named "a" (columns 1 and 3); rename one',
    );
    const clash = x.map((row, i) => (i === 0 ? ['sales', 'b'] : row));
    expect(() => tikfitR2(y, clash)).toThrow('TIKFIT_R2: "sales" names both known_y and column 1 of known_x');
    expect(() => tikfitR2([['sales']], [['a']])).toThrow(
      'TIKFIT_R2: There is a header but no data rows: put your data below the header',
    );
  });

  test('a constant y, the log target of a value ≤ −1 (row of the range, with or without header), no complete rows', () => {
    const { y, x } = small();
    expect(() =>
      tikfitR2(
        y.map((row, i) => (i === 0 ? row : [4])),
        x,
      ),
    ).toThrow('TIKFIT_R2: the target "sales" is constant (4), so there is nothing to explain');
    const negative = y.map((row, i) => (i === 4 ? [-3] : row));
    expect(() => tikfitR2(negative, x, 'log-target')).toThrow(
      'TIKFIT_R2: the log target needs values above −1, but "sales" is -3 in row 5',
    );
    // log1p is log-target's old spelling, still read.
    expect(() => tikfitR2(negative.slice(1), x.slice(1), 'log1p')).toThrow(
      'TIKFIT_R2: the log target needs values above −1, but "y" is -3 in row 4',
    );
    // A known_y with no values at all: every row is missing it.
    expect(() =>
      tikfitR2(
        y.map((row, i) => (i === 0 ? row : [''])),
        x,
      ),
    ).toThrow('TIKFIT_R2: no rows are left');
  });
});

describe('option errors', () => {
  test('an unknown option lists the known ones', () => {
    expect(() => tikfitTable(fy, fx, 'log-target; foo=1')).toThrow(
      'TIKFIT: unknown option "foo=1"; the options are log-target, level=<between 0 and 1>, robust=hc3|none, intercept=true|false, model=ols|poisson|nb, e.g. "log-target; level=0.9; robust=hc3; intercept=false"',
    );
    expect(() => tikfitTable(fy, fx, 'log1p, level=0.9')).toThrow(
      'TIKFIT: unknown option "log1p,level=0.9"; separate settings with ";"',
    );
  });

  test('a bad level, robust or flag; a key twice; options that are not text', () => {
    expect(() => tikfitR2(fy, fx, 'level=1.5')).toThrow(
      'TIKFIT_R2: level must be a number between 0 and 1, such as level=0.9, but got "1.5"',
    );
    // The level is read with the one number rule, so "90%" is 0.9 (as Sheets stores it); 90 and 150% are not levels.
    expect(tikfitTable(fy, fx, 'level=90%')).toEqual(tikfitTable(fy, fx, 'level=0.9'));
    expect(() => tikfitR2(fy, fx, 'level=90')).toThrow(
      'TIKFIT_R2: level must be a number between 0 and 1, such as level=0.9, but got "90"',
    );
    expect(() => tikfitR2(fy, fx, 'level=150%')).toThrow(
      'TIKFIT_R2: level must be a number between 0 and 1, such as level=0.9, but got "150%"',
    );
    expect(() => tikfitR2(fy, fx, 'level')).toThrow(
      'TIKFIT_R2: level must be a number between 0 and 1, such as level=0.9, but got no value',
    );
    expect(() => tikfitR2(fy, fx, 'robust=hc1')).toThrow('TIKFIT_R2: robust must be hc3 or none, but got "hc1"');
    expect(() => tikfitR2(fy, fx, 'intercept=maybe')).toThrow(
      'TIKFIT_R2: intercept must be true or false, but got "maybe"',
    );
    expect(() => tikfitR2(fy, fx, 'level=0.9;level=0.8')).toThrow('TIKFIT_R2: the option level is given twice');
    expect(() => tikfitR2(fy, fx, 'log-target; log1p=false')).toThrow(
      'TIKFIT_R2: the option log-target is given twice',
    );
    expect(() => tikfitR2(fy, fx, 'model=negbin')).toThrow(
      'TIKFIT_R2: model must be ols or poisson or nb, such as model=nb, but got "negbin"',
    );
    expect(() => tikfitTable(fy, fx, 'model=nb; log-target')).toThrow(
      'TIKFIT: model=nb fits the counts themselves, so it takes no log-target; remove one of the two',
    );
    expect(() => tikfitTable(fy, fx, 'model=poisson; robust=hc3')).toThrow(
      'TIKFIT: robust=hc3 is for least squares, not model=poisson; remove one of the two',
    );
    expect(() => tikfitCoef(fy, fx, 'x', 0.9)).toThrow(
      'TIKFIT_COEF: options must be text such as "log-target; level=0.9; robust=hc3; intercept=false", not the number 0.9',
    );
    expect(() => tikfitCoef(fy, fx, 'x', true)).toThrow(
      'TIKFIT_COEF: options must be text such as "log-target; level=0.9; robust=hc3; intercept=false", not the boolean true',
    );
  });
});

describe('term errors', () => {
  test('an unknown term lists every term', () => {
    expect(() => tikfitPValue(fy, fx, 'group_humour')).toThrow(
      'TIKFIT_PVALUE: no term "group_humour"; terms are Intercept, x, group_Tech, group_data analytics, group_humor',
    );
  });

  test('a long list of terms is cut after 20', () => {
    const y: unknown[][] = [['y']];
    const x: unknown[][] = [Array.from({ length: 24 }, (_, j) => `v${j + 1}`)];
    for (let i = 0; i < 40; i++) {
      y.push([Math.sin(i) * 10 + i]);
      x.push(Array.from({ length: 24 }, (_, j) => Math.cos(i * (j + 1)) + ((i * (j + 3)) % 11)));
    }
    expect(() => tikfitCoef(y, x, 'v99')).toThrow(
      `TIKFIT_COEF: no term "v99"; terms are Intercept, ${Array.from({ length: 19 }, (_, j) => `v${j + 1}`).join(', ')}, … (25 in all)`,
    );
  });

  test('an aliased term has no estimate, standard error, t or p-value', () => {
    const y = pick(aliased, ['y']);
    const x = pick(aliased, ['x1', 'x2', 'x3', 'x4']);
    expect(() => tikfitCoef(y, x, 'x3')).toThrow(
      'TIKFIT_COEF: "x3" is aliased (an exact combination of other terms), so it has no estimate',
    );
    expect(() => tikfitStdErr(y, x, 'x3')).toThrow(
      'TIKFIT_STDERR: "x3" is aliased (an exact combination of other terms), so it has no standard error',
    );
    expect(() => tikfitTStat(y, x, 3)).toThrow(
      'TIKFIT_TSTAT: "x3" is aliased (an exact combination of other terms), so it has no t statistic',
    );
    expect(() => tikfitPValue(y, x, 'X3')).toThrow(
      'TIKFIT_PVALUE: "x3" is aliased (an exact combination of other terms), so it has no p-value',
    );
  });

  test('blank, wrong-typed, fractional and out-of-range terms; the intercept of a fit without one', () => {
    expect(() => tikfitCoef(fy, fx, '')).toThrow("TIKFIT_COEF: term is blank; give a term's name or number");
    expect(() => tikfitCoef(fy, fx, undefined)).toThrow('TIKFIT_COEF: term is blank');
    expect(() => tikfitCoef(fy, fx, true)).toThrow(
      "TIKFIT_COEF: term must be a term's name or number, not the boolean TRUE",
    );
    expect(() => tikfitCoef(fy, fx, new Date(0))).toThrow(
      "TIKFIT_COEF: term must be a term's name or number, not a date",
    );
    expect(() => tikfitCoef(fy, fx, [['x'], ['group']])).toThrow(
      "TIKFIT_COEF: term must be a term's name or number, not a range",
    );
    expect(() => tikfitCoef(fy, fx, 1.5)).toThrow('TIKFIT_COEF: a term number must be a whole number, but got 1.5');
    expect(() => tikfitCoef(fy, fx, 5)).toThrow(
      'TIKFIT_COEF: term 5 does not exist; terms are numbered 0 (Intercept) to 4',
    );
    expect(() => tikfitCoef(fy, fx, -1)).toThrow('TIKFIT_COEF: term -1 does not exist');
    expect(() => tikfitCoef(fy, fx, 0, 'intercept=false')).toThrow(
      'TIKFIT_COEF: term 0 is the intercept, but this fit has none (intercept=false)',
    );
    // Without an intercept the text column keeps every level, as R's y ~ x + group - 1 (issue 13): group_Career too.
    expect(() => tikfitCoef(fy, fx, 'Intercept', 'intercept=false')).toThrow(
      'TIKFIT_COEF: this fit has no intercept (intercept=false); terms are x, group_Career, group_Tech',
    );
    expect(() => tikfitCoef(fy, fx, 6, 'intercept=false')).toThrow(
      'TIKFIT_COEF: term 6 does not exist; terms are numbered 1 to 5',
    );
  });

  test('a text column is not a term: its dummies are', () => {
    expect(() => tikfitCoef(fy, fx, 'Group')).toThrow(
      'TIKFIT_COEF: "group" is a text column with one term per level other than "Career": group_Tech, group_data analytics, group_humor; name one of them',
    );
  });

  test('terms that differ only in case need the exact case', () => {
    const y = [['y'], [1], [4], [2], [3], [6], [7]];
    const x = [['g'], ['A'], ['Tech'], ['tech'], ['A'], ['Tech'], ['tech']];
    expect(tikfitCoef(y, x, 'g_Tech')).toBeCloseTo(5 - 2, 12);
    expect(tikfitCoef(y, x, 'g_tech')).toBeCloseTo(4.5 - 2, 12);
    expect(() => tikfitCoef(y, x, 'G_TECH')).toThrow(
      'TIKFIT_COEF: "G_TECH" matches "g_Tech" and "g_tech"; write it in the same case as its name',
    );
  });

  test('undefined statistics: no residual degrees of freedom, HC3 at leverage 1', () => {
    const y = [[1], [3], [2]];
    const x = [
      [1, 5],
      [2, 3],
      [4, 4],
    ];
    expect(Number.isFinite(tikfitCoef(y, x, 1))).toBe(true);
    expect(() => tikfitStdErr(y, x, 1)).toThrow(
      'TIKFIT_STDERR: the standard error of "X1" is undefined: there are no residual degrees of freedom (as many parameters as rows used)',
    );
    expect(() => tikfitAdjR2(y, x)).toThrow(
      'TIKFIT_ADJR2: the adjusted R² is undefined: there are no residual degrees of freedom (as many parameters as rows used)',
    );
    expect(() => tikfitRmse(y, x)).toThrow('TIKFIT_RMSE: the residual standard error is undefined');
    const once = fx.map((row, i) => (i === 1 ? [row[0], 'only here'] : row));
    expect(() => tikfitStdErr(fy, once, 'x', 'robust=hc3')).toThrow(
      'TIKFIT_STDERR: the standard error of "x" is undefined: HC3 is undefined when a row has leverage 1 (a level seen in only one row?)',
    );
  });
});

describe('TIKFIT_PREDICT errors', () => {
  const newRow = [[5, 'Career']];
  test('a different number of columns', () => {
    expect(() => tikfitPredict(fy, fx, [[5]])).toThrow('TIKFIT_PREDICT: new_x has 1 column but known_x has 2');
  });

  test('a level the fit did not see, with a hint when only case or spaces differ', () => {
    expect(() =>
      tikfitPredict(fy, fx, [
        [5, 'Career'],
        [2, 'sports'],
      ]),
    ).toThrow(
      'TIKFIT_PREDICT: new_x row 2: column "group" has the level "sports", which the fit did not see; its levels are Career, Tech, data analytics, humor',
    );
    expect(() =>
      tikfitPredict(fy, fx, [
        ['x', 'group'],
        [5, 'Humor '],
      ]),
    ).toThrow(
      'TIKFIT_PREDICT: new_x row 2: column "group" has the level "Humor ", which the fit did not see (did you mean "humor"? levels must match exactly)',
    );
  });

  test('text in a numeric column, a date, a mismatched header', () => {
    expect(() =>
      tikfitPredict(fy, fx, [
        [5, 'Career'],
        ['five', 'Tech'],
      ]),
    ).toThrow('TIKFIT_PREDICT: new_x row 2: column "x" is numeric in the fit, but this row has "five"');
    expect(() => tikfitPredict(fy, fx, [[runInNewContext('new Date(0)'), 'Tech']])).toThrow(
      'TIKFIT_PREDICT: new_x row 1: column "x" has a date; dates are not accepted as predictors',
    );
    expect(() => tikfitPredict(fy, fx, [['group', 'x'], ...newRow])).toThrow(
      "TIKFIT_PREDICT: new_x's first row looks like a header but does not match known_x's: x, group",
    );
  });

  test('a row that breaks an aliased term’s relation cannot be predicted', () => {
    const y = pick(aliased, ['y']);
    const x = pick(aliased, ['x1', 'x2', 'x3', 'x4']);
    expect(tikfitPredict(y, x, [[1, 2, 5, 3]])[0]?.[0]).toEqual(expect.any(Number));
    expect(() =>
      tikfitPredict(y, x, [
        [1, 2, 5, 3],
        [1, 2, 6, 3],
      ]),
    ).toThrow(
      'TIKFIT_PREDICT: new_x row 2 cannot be predicted: "x3" is aliased in the fit (an exact combination of other terms in known_x), and this row breaks that combination',
    );
  });
});

describe('renameError: an engine error re-addressed to the formula', () => {
  test("the formula's name in front, once; the one engine prefix left replaced; rows counted in the ranges", () => {
    const renamed = (message: string, shift: number): string =>
      renameError('TIKFIT_COEF', new Error(message), shift).message;
    expect(renamed('solveLeastSquares: y has 3 values for 4 rows', 0)).toBe('TIKFIT_COEF: y has 3 values for 4 rows');
    expect(renamed('"x" has a date in row 5; dates are not accepted, use a number', -1)).toBe(
      'TIKFIT_COEF: "x" has a date in row 4; dates are not accepted, use a number',
    );
    expect(renamed('TIKFIT_COEF: known_y is empty', 0)).toBe('TIKFIT_COEF: known_y is empty');
  });
});
