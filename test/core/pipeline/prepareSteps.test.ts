import { tableFromGrid } from '../../../src/core/cells/table';
import {
  checkTarget,
  cleanStep,
  describeLeftOut,
  encodeStep,
  imputeStep,
  planColumns,
  reportOf,
  resolveTarget,
  strayWarnings,
  type PrepareSettings,
} from '../../../src/core/pipeline/prepareSteps';
import { expectUserError } from '../../helpers/userError';

// The preparation steps the command line and the add-on share (issue 9): each takes a Table and returns the new
// table, its reports (one typed union told apart by .step), a one-line message and warnings; every column the model
// leaves out has a reason.

// Ten rows: a title, dates, an empty column, a constant, a code column of mostly numbers, a sparse column, one the
// user leaves out, a topic, view counts with one typo (sheet row 6), and the target with one blank.
const grid: unknown[][] = [
  ['title', 'posted', 'empty', 'same', 'code', 'sparse', 'mine', 'topic', 'views', 'Followers gained'],
];
for (let i = 0; i < 10; i++) {
  grid.push([
    `Video ${i}`,
    `2025-01-${String(i + 1).padStart(2, '0')}`,
    '',
    'x',
    i < 6 ? String(i * 10) : (['a1', 'b2', 'c3', 'd4'][i - 6] as string),
    i < 3 ? String(i) : '',
    String(i % 3),
    ['tips', 'vlog', 'tips', 'review', 'vlog', 'tips', 'vlog', 'tips', 'review', 'vlog'][i],
    i === 4 ? '1O24' : String(100 + i * 13),
    i === 2 ? '' : String(i * 2 + (i % 3)),
  ]);
}
const settings: PrepareSettings = {
  target: 'Followers gained',
  rareThreshold: 2,
  rare: 'lump',
  zeroMissing: [],
  maxMissingShare: 0.5,
  applyTypoMerges: false,
  exclude: ['mine'],
};

describe('planColumns: every column left out has its reason', () => {
  const plan = planColumns(tableFromGrid(grid), settings);

  test('identifier, date, empty, constant, not numeric (the cell quoted), mostly missing, excluded by you', () => {
    expect(plan.leftOutColumns).toEqual([
      { column: 'title', reason: 'identifier', detail: 'mostly distinct text, such as a title' },
      {
        column: 'posted',
        reason: 'date',
        detail: 'dates are not a predictor; choose it as the trend to use days since the first video',
      },
      { column: 'empty', reason: 'empty', detail: 'no values' },
      { column: 'same', reason: 'constant', detail: 'the same value in every row' },
      {
        column: 'code',
        reason: 'not numeric',
        detail: 'not numeric: "a1" in row 8 is not a number; fix the cells that are not numbers',
      },
      { column: 'sparse', reason: 'mostly missing', detail: 'missing in 7 of 10 rows' },
      { column: 'mine', reason: 'excluded by you', detail: 'left out at your request' },
    ]);
    expect(plan.excluded).toEqual(['sparse', 'mine']);
    expect(plan.ignored.map((c) => c.column)).toEqual(['title', 'posted', 'empty', 'same', 'code']);
    expect([...plan.leftOut]).toEqual(plan.leftOutColumns.map((c) => c.column));
  });

  test('the target, numeric columns with a stray, and categorical columns stay in', () => {
    for (const name of ['Followers gained', 'views', 'topic']) expect(plan.leftOut.has(name)).toBe(false);
  });

  test('the trend column is not left out; include keeps a mostly-missing column but never makes a date a predictor', () => {
    expect(planColumns(tableFromGrid(grid), { ...settings, trend: 'posted' }).leftOut.has('posted')).toBe(false);
    const included = planColumns(tableFromGrid(grid), { ...settings, include: ['sparse', 'posted'] });
    expect(included.leftOut.has('sparse')).toBe(false);
    expect(included.leftOutColumns.find((c) => c.column === 'posted')?.reason).toBe('date');
  });

  test('a column named to leave out or keep must exist', () => {
    expectUserError(
      () => planColumns(tableFromGrid(grid), { ...settings, exclude: ['nope'] }),
      /^There is no column "nope" \(named to leave out\); the columns are title, posted, /,
    );
    expectUserError(
      () => planColumns(tableFromGrid(grid), { ...settings, include: ['nope'] }),
      /^There is no column "nope" \(named to keep\); the columns are title, /,
    );
  });

  test('describeLeftOut lists them in words', () => {
    expect(describeLeftOut(plan.leftOutColumns.slice(2, 4))).toBe(
      'empty (no values); same (the same value in every row)',
    );
  });
});

describe('the steps: a table in, a table and typed reports out', () => {
  const cleaned = cleanStep(tableFromGrid(grid), settings);
  const imputed = imputeStep(cleaned.table, settings);
  const encoded = encodeStep(imputed.table, settings);

  test("each step's reports are told apart by .step", () => {
    expect(cleaned.reports.map((r) => r.step)).toEqual(['clean', 'missing', 'rare']);
    expect(imputed.reports.map((r) => r.step)).toEqual(['exclude', 'impute']);
    expect(encoded.reports.map((r) => r.step)).toEqual(['encode']);
    expect(reportOf(imputed.reports, 'exclude')).toEqual({
      step: 'exclude',
      leftOut: planColumns(cleaned.table, settings).leftOutColumns,
      maxMissingShare: 0.5,
    });
    expect(reportOf(imputed.reports, 'encode')).toBeUndefined();
  });

  test('the clean step lumps rare levels by the settings and says so', () => {
    expect(reportOf(cleaned.reports, 'rare')).toEqual({
      step: 'rare',
      threshold: 2,
      policy: 'lump',
      columns: [{ column: 'topic', rareLevels: [{ level: 'review', count: 2 }], rowsDropped: 0, cellsLumped: 2 }],
      rowsBefore: 10,
      rowsAfter: 10,
    });
    expect(cleaned.message).toBe('Trimmed 0 cells; lumped 2 rare labels into Other');
  });

  test('the cell that is not a number is named, by column and sheet row, by Clean and by Impute, each as it left it', () => {
    const missing =
      'views, row 6: "1O24" is not a number; it counts as missing until you type the right number or Impute fills it';
    expect(strayWarnings(tableFromGrid(grid), settings, () => ({ fate: 'missing' }))).toEqual({
      warnings: [missing],
      pending: [missing],
    });
    expect(cleaned.warnings).toContain(missing);
    expect(cleaned.pending).toEqual([missing]);
    // The mean of the other nine: (100 + 113 + … + 217 − 152) / 9 = 1433 / 9.
    expect(imputed.warnings).toContain(
      'views, row 6: "1O24" is not a number; the model used the mean (159.2) in its place: correct the cell to use the real number',
    );
    expect(imputed.warnings).not.toContain(missing);
    expect(imputed.pending).toEqual([]);
    expect(reportOf(imputed.reports, 'impute')?.columns.find((c) => c.column === 'views')).toMatchObject({
      imputed: 1,
      strays: [{ row: 6, text: '1O24' }],
    });
  });

  test('impute fills the modelled columns only, and warns loudly about the target', () => {
    const impute = reportOf(imputed.reports, 'impute');
    expect(impute?.columns.map((c) => c.column)).toEqual(['views', 'Followers gained']);
    expect(imputed.warnings.join('\n')).toMatch(
      /^IMPUTED TARGET: 1 of 10 Followers gained values \(10%\) were missing and set to the mode/m,
    );
    expect(imputed.message).toMatch(
      /^Filled views 1 \(mean [\d.]+\), Followers gained 1 \(mode \d+\); left out sparse, mine$/,
    );
  });

  test('encode one-hot encodes the categorical predictors, and nothing left out', () => {
    expect(reportOf(encoded.reports, 'encode')?.columns).toEqual([
      { column: 'topic', reference: 'tips', dummies: ['topic_Other', 'topic_vlog'] },
    ]);
    expect(encoded.table.names).toEqual([
      'title',
      'posted',
      'empty',
      'same',
      'code',
      'sparse',
      'mine',
      'topic_Other',
      'topic_vlog',
      'views',
      'Followers gained',
    ]);
    expect(encoded.message).toBe('Encoded topic → 2 columns (reference tips)');
  });

  test('no step changes its input table', () => {
    const table = tableFromGrid(grid);
    const before = structuredClone(table.rows);
    cleanStep(table, settings);
    imputeStep(table, settings);
    encodeStep(table, settings);
    expect(table.rows).toEqual(before);
  });
});

describe('the target', () => {
  const table = tableFromGrid(grid);

  test("resolveTarget: the one named, else the recipe's where the sheet has it, else the guess", () => {
    expect(resolveTarget(table, 'views')).toBe('views');
    expect(resolveTarget(table, undefined, 'views')).toBe('views');
    expect(resolveTarget(table, undefined, 'newFollowers')).toBe('Followers gained');
    expect(resolveTarget(table, undefined)).toBe('Followers gained');
  });

  test('errors name the column and the fix', () => {
    expectUserError(
      () => resolveTarget(table, 'nope'),
      /^There is no column "nope" \(the column to explain\); the columns are /,
    );
    expectUserError(
      () => resolveTarget(tableFromGrid([['a'], ['x']]), undefined),
      'No column holds numbers, so there is nothing to explain: add a column of counts such as new followers',
    );
    expectUserError(
      () => checkTarget(table, 'topic'),
      'The column to explain, "topic", is not a column of numbers ("tips" in row 2 is not a number): choose another column or fix its cells',
    );
    expectUserError(
      () => checkTarget(table, 'empty'),
      'The column to explain, "empty", is not a column of numbers (it has no values): choose another column or fix its cells',
    );
    expect(() => checkTarget(table, 'views')).not.toThrow();
  });

  test('every step checks the target exists', () => {
    expectUserError(
      () => cleanStep(table, { ...settings, target: 'nope' }),
      /^There is no column "nope" \(the column to explain\)/,
    );
    expectUserError(
      () => imputeStep(table, { ...settings, target: 'nope' }),
      /^There is no column "nope" \(the column to explain\)/,
    );
  });
});

test('a sheet whose only numbers are 0/1 columns still has a column to explain (the last of them)', () => {
  const table = tableFromGrid([
    ['a', 'b', 'c'],
    [1, 'x', true],
    [0, 'y', false],
    [1, 'x', false],
  ]);
  expect(resolveTarget(table, undefined)).toBe('c');
});
