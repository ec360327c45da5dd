import { tableFromGrid } from '../../../src/core/cells/table';
import {
  cleanStep,
  encodeStep,
  followedBy,
  imputeStep,
  type PrepareSettings,
  type StepResult,
} from '../../../src/core/pipeline/prepareSteps';
import { runRecipe } from '../../../src/core/pipeline/runRecipe';
import { profileGrid } from '../../../src/core/prepare/profileGrid';

// A cell that is not a number ("1O24" among view counts) is named by every step, each saying what is true once it is
// done: Clean leaves it missing, Impute fills it (in the sheet when the add-on writes back, else only for the model)
// or drops its row, a column left out keeps it as typed; and a later step's word on it replaces an earlier one's.

// Ten videos (sheet rows 2–11): views 100…1000 with "1O24" in sheet row 4, likes 10…100 with "l0" in sheet row 7,
// a column the user leaves out with "x" in sheet row 9, a topic, and the target.
const grid: unknown[][] = [['topic', 'views', 'likes', 'hidden', 'Follows']];
for (let i = 0; i < 10; i++)
  grid.push([
    i % 2 === 0 ? 'tips' : 'vlog',
    i === 2 ? '1O24' : String(100 * (i + 1)),
    i === 5 ? 'l0' : String(10 * (i + 1)),
    i === 7 ? 'x' : String(i + 1),
    String(i + 5),
  ]);
const settings: PrepareSettings = {
  target: 'Follows',
  rareThreshold: 0,
  rare: 'lump',
  zeroMissing: [],
  maxMissingShare: 0.5,
  applyTypoMerges: false,
  exclude: ['hidden'],
};
const hidden = 'hidden, row 9: "x" is not a number; hidden is not in the model, so the cell is left as it is';
const stillMissing = (column: string, row: number, text: string): string =>
  `${column}, row ${row}: "${text}" is not a number; it counts as missing until you type the right number or Impute fills it`;

/** Clean, Impute and Encode one after another, and their warnings as the add-on's record and the recipe join them. */
function steps(
  chosen: PrepareSettings,
  data: unknown[][] = grid,
): { cleaned: StepResult; imputed: StepResult; encoded: StepResult } {
  const cleaned = cleanStep(tableFromGrid(data), chosen);
  const imputed = imputeStep(cleaned.table, chosen);
  return { cleaned, imputed, encoded: encodeStep(imputed.table, chosen) };
}

describe('what each step says of a cell that is not a number', () => {
  test('Clean: still missing until Impute runs; a column left out keeps the cell as typed', () => {
    const { cleaned } = steps(settings);
    const strays = [stillMissing('views', 4, '1O24'), stillMissing('likes', 7, 'l0'), hidden];
    expect(cleaned.warnings).toEqual(strays);
    expect(cleaned.pending).toEqual(strays);
  });

  test('Impute for the model only (the command line, Fit regression): the mean stands in, the file is not changed', () => {
    const { cleaned, imputed, encoded } = steps(settings);
    // Means of the other nine: (5500 − 300) / 9 = 577.8 and (550 − 60) / 9 = 54.44.
    const views =
      'views, row 4: "1O24" is not a number; the model used the mean (577.8) in its place: correct the cell to use the real number';
    const likes =
      'likes, row 7: "l0" is not a number; the model used the mean (54.44) in its place: correct the cell to use the real number';
    expect(imputed.warnings.slice(0, 3)).toEqual([views, likes, hidden]);
    expect(imputed.pending).toEqual([hidden]);
    expect(encoded.warnings).toEqual([hidden]);
    // Joined step after step: Clean's "counts as missing" gives way, and each cell is named once.
    const joined = followedBy(followedBy(cleaned, imputed), encoded);
    expect(joined.warnings.filter((w) => /^(views|likes|hidden), row/.test(w))).toEqual([views, likes, hidden]);
    expect(joined.pending).toEqual([hidden]);
  });

  test("Impute in the sheet (the add-on's): the typed text is quoted, and the value that replaced it given", () => {
    const { imputed, encoded } = steps({ ...settings, writesBack: true });
    expect(imputed.warnings.slice(0, 2)).toEqual([
      'views, row 4: "1O24" was not a number; Impute replaced it with the mean (577.8): type the right number there if you know it',
      'likes, row 7: "l0" was not a number; Impute replaced it with the mean (54.44): type the right number there if you know it',
    ]);
    // Encode reads the sheet Impute left: only the column left out still holds text.
    expect(encoded.warnings).toEqual([hidden]);
  });

  test('a row dropped as the user chose: named where it was; a row below it, where it is once the sheet is written', () => {
    const drop: PrepareSettings = { ...settings, impute: { views: 'drop' } };
    // Likes' mean without the dropped row (30): (550 − 60 − 30) / 8 = 57.5, to 4 significant digits.
    expect(steps(drop).imputed.warnings.slice(0, 2)).toEqual([
      'views, row 4: "1O24" is not a number; the row is left out, as you chose for rows missing views: correct the cell to keep it',
      'likes, row 7: "l0" is not a number; the model used the mean (57.50) in its place: correct the cell to use the real number',
    ]);
    const { imputed, encoded } = steps({ ...drop, writesBack: true });
    expect(imputed.warnings.slice(0, 3)).toEqual([
      'views, row 4: "1O24" was not a number; Impute deleted the row, as you chose for rows missing views: undo to get it back',
      'likes, row 6: "l0" was not a number; Impute replaced it with the mean (57.50): type the right number there if you know it',
      'hidden, row 8: "x" is not a number; hidden is not in the model, so the cell is left as it is',
    ]);
    expect(encoded.warnings).toEqual([
      'hidden, row 8: "x" is not a number; hidden is not in the model, so the cell is left as it is',
    ]);
  });

  test('a constant fills with its value; a row another column drops is said to go for that column', () => {
    const chosen: PrepareSettings = { ...settings, impute: { likes: 'drop', views: { constant: 0 } } };
    expect(steps(chosen).imputed.warnings.slice(0, 2)).toEqual([
      'views, row 4: "1O24" is not a number; the model used 0 in its place: correct the cell to use the real number',
      'likes, row 7: "l0" is not a number; the row is left out, as you chose for rows missing likes: correct the cell to keep it',
    ]);
    // Views' typo moved to sheet row 7, where likes has one too: likes' drop takes the row, views and all.
    const other = grid.map((row) => row.slice());
    (other[3] as unknown[])[1] = '300';
    (other[6] as unknown[])[1] = '6OO';
    const both = imputeStep(cleanStep(tableFromGrid(other), chosen).table, chosen);
    expect(both.warnings.filter((w) => w.includes('row 7'))).toEqual([
      'views, row 7: "6OO" is not a number; the row is left out, as you chose for rows missing likes: correct the cell to keep it',
      'likes, row 7: "l0" is not a number; the row is left out, as you chose for rows missing likes: correct the cell to keep it',
    ]);
  });
});

describe("a formula's error is mended where the formula reads, not typed over", () => {
  // Rate = likes / views: "#DIV/0!" in sheet row 5, where views is 0 (as a spreadsheet export holds it).
  const rated: unknown[][] = [['rate', 'Follows']];
  for (let i = 0; i < 10; i++) rated.push([i === 3 ? '#DIV/0!' : String((i + 1) / 100), String(i + 5)]);
  const chosen: PrepareSettings = { ...settings, exclude: [] };
  const cleaned = cleanStep(tableFromGrid(rated), chosen);

  test('still missing, then filled for the model or in the sheet', () => {
    // The mean of the other nine: (0.55 − 0.04) / 9 = 0.05667.
    expect(cleaned.warnings).toEqual([
      `rate, row 5: "#DIV/0!" is a formula's error, not a number; it counts as missing until you fix what the formula reads or Impute fills it`,
    ]);
    expect(imputeStep(cleaned.table, chosen).warnings[0]).toBe(
      `rate, row 5: "#DIV/0!" is a formula's error, not a number; the model used the mean (0.05667) in its place: fix what the formula reads to use the real number`,
    );
    expect(imputeStep(cleaned.table, { ...chosen, writesBack: true }).warnings[0]).toBe(
      `rate, row 5: "#DIV/0!" was a formula's error, not a number; Impute replaced it with the mean (0.05667): to get the formula back, undo and fix what it reads`,
    );
  });
});

describe('a date that is not one, in the trend column: Impute fills no date, the trend gives the row the average day', () => {
  const dated: unknown[][] = [['posted', 'Follows']];
  for (let i = 0; i < 10; i++) dated.push([i === 6 ? 'soon' : `2025-01-${String(i + 1).padStart(2, '0')}`, String(i)]);
  const trend =
    'posted, row 8: "soon" is not a date; the trend gives that row the average day: type the right date to use it';

  test('each step says so, and it stays pending: the cell is as typed', () => {
    const chosen: PrepareSettings = { ...settings, exclude: [], trend: 'posted' };
    const { cleaned, imputed, encoded } = steps(chosen, dated);
    for (const step of [cleaned, imputed, encoded]) {
      expect(step.warnings.filter((w) => w.startsWith('posted'))).toEqual([trend]);
      expect(step.pending).toEqual([trend]);
    }
    expect(runRecipe(dated, { target: 'Follows', trend: 'posted', testFraction: 0, folds: 0 }).json.warnings).toEqual(
      expect.arrayContaining([trend, '1 row has no date in "posted"; it was given the average day']),
    );
  });

  test('not the trend: the column is not in the model; before any step, missing until the right date is typed', () => {
    expect(steps({ ...settings, exclude: [] }, dated).imputed.warnings[0]).toBe(
      'posted, row 8: "soon" is not a date; posted is not in the model, so the cell is left as it is',
    );
    expect(profileGrid(dated).suggestions).toContain(
      'posted, row 8: "soon" is not a date; it counts as missing until you type the right date',
    );
  });
});
