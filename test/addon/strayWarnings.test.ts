import type { ModelReport, StepOptions, StepReport } from '../../src/addon/api';
import { filledValueText } from '../../src/core/pipeline/readableNumbers';
import { loadAddonWithFake, type AddonWithFake } from '../helpers/addonVm';

// A creator typed "2O3" for 203 in Hearts (sheet row 14). Through the built bundle, as the sidebar calls it, each step
// and the fit say what is true of that cell once they are done: Clean leaves it missing; Impute writes the mean over
// it in the sheet, so from then on the warning quotes the text it replaced; Fit regression without Impute fills it in
// the model only; a column left out keeps it as typed. The results sheet lists what the sidebar shows.

const TYPO_ROW = 14;

/** 40 videos (sheet rows 2–41): Plays, Hearts with "2O3" in sheet row 14, a topic, and the followers gained. */
function sheet(): unknown[][] {
  const grid: unknown[][] = [['Plays', 'Hearts', 'Topic', 'Follows gained']];
  for (let i = 0; i < 40; i++) {
    const plays = 500 + ((i * 377) % 4000);
    const hearts = 20 + ((i * 53) % 300);
    grid.push([
      plays,
      i + 2 === TYPO_ROW ? '2O3' : hearts,
      ['dance', 'food', 'travel'][i % 3],
      Math.round(plays / 200 + hearts / 30 + (i % 4)),
    ]);
  }
  return grid;
}

/** The mean of Hearts without the typo, to 4 significant digits as the warning gives it. */
function heartsMean(): string {
  const values = sheet()
    .slice(1)
    .map((row) => row[1])
    .filter((v): v is number => typeof v === 'number');
  return filledValueText(values.reduce((a, b) => a + b, 0) / values.length);
}

const CELL = `Hearts, row ${TYPO_ROW}: "2O3"`;
const STILL_MISSING = `${CELL} is not a number; it counts as missing until you type the right number or Impute fills it`;
const REPLACED = `${CELL} was not a number; Impute replaced it with the mean (${heartsMean()}): type the right number there if you know it`;
const FILLED_FOR_MODEL = `${CELL} is not a number; the model used the mean (${heartsMean()}) in its place: correct the cell to use the real number`;
const LEFT_AS_IS = `${CELL} is not a number; Hearts is not in the model, so the cell is left as it is`;

function load(): AddonWithFake {
  const loaded = loadAddonWithFake();
  loaded.fake.setSheetValues('Sheet1', sheet() as never, { parse: true });
  return loaded;
}

const options: StepOptions = { target: 'Follows gained' };
const aboutTheCell = (warnings: readonly string[] | undefined): string[] =>
  (warnings ?? []).filter((w) => w.startsWith(CELL));
const hearts = (loaded: AddonWithFake): unknown => loaded.fake.getSheetGrid('Sheet1').values[TYPO_ROW - 1]?.[1];
const resultsText = (loaded: AddonWithFake): string =>
  loaded.fake
    .getSheetGrid('TikFit Results')
    .values.flat()
    .filter((v) => typeof v === 'string')
    .join('\n');

describe('the warning about a typo in a number column stays true across the steps (add-on)', () => {
  test('Clean, Impute, Encode, Fit: missing, then replaced in the sheet, quoting what the user typed', () => {
    const loaded = load();
    const clean = loaded.call<StepReport>('applyClean', options);
    expect(aboutTheCell(clean.warnings)).toEqual([STILL_MISSING]);
    expect(hearts(loaded)).toBe('2O3');
    const impute = loaded.call<StepReport>('applyImpute', options);
    expect(filledValueText(hearts(loaded) as number)).toBe(heartsMean());
    expect(aboutTheCell(impute.warnings)).toEqual([REPLACED]);
    const encode = loaded.call<StepReport>('applyEncode', options);
    expect(aboutTheCell(encode.warnings)).toEqual([REPLACED]);
    const model = loaded.call<ModelReport>('runModel', options);
    expect(aboutTheCell(model.warnings)).toEqual([REPLACED]);
    expect(resultsText(loaded)).toContain(REPLACED);
    expect(resultsText(loaded)).not.toContain('counts as missing');
  });

  test('Clean then Fit regression: the sheet keeps "2O3", and the model used the mean in its place', () => {
    const loaded = load();
    loaded.call<StepReport>('applyClean', options);
    const model = loaded.call<ModelReport>('runModel', options);
    expect(aboutTheCell(model.warnings)).toEqual([FILLED_FOR_MODEL]);
    expect(hearts(loaded)).toBe('2O3');
    expect(resultsText(loaded)).toContain(FILLED_FOR_MODEL);
  });

  test('Run all writes the mean over the typo, and says what it replaced', () => {
    const loaded = load();
    const report = loaded.call<ModelReport>('runRecipe', options);
    expect(aboutTheCell(report.warnings)).toEqual([REPLACED]);
    expect(filledValueText(hearts(loaded) as number)).toBe(heartsMean());
  });

  test('a formula that reads the typo shows #VALUE!: the warning says to fix what it reads, and what Impute put there', () => {
    const loaded = loadAddonWithFake();
    // Rate = Hearts / Plays as a formula: "#VALUE!" in row 14, where Hearts is "2O3".
    const grid = sheet().map((row, i) => {
      if (i === 0) return [...row, 'Rate'];
      const value = typeof row[1] === 'number' ? row[1] / (row[0] as number) : '#VALUE!';
      return [...row, { formula: `=B${i + 1}/A${i + 1}`, value }];
    });
    loaded.fake.setSheetValues('Sheet1', grid as never, { parse: true });
    const rate = `Rate, row ${TYPO_ROW}: "#VALUE!"`;
    const clean = loaded.call<StepReport>('applyClean', options);
    expect(clean.warnings).toContain(
      `${rate} is a formula's error, not a number; it counts as missing until you fix what the formula reads or Impute fills it`,
    );
    // Impute asks before it replaces the formula; told yes, it writes the mean and says so.
    expect(loaded.call<StepReport>('applyImpute', options).confirm).toBeDefined();
    const impute = loaded.call<StepReport>('applyImpute', { ...options, convertFormulas: true });
    const mean = filledValueText(loaded.fake.getSheetGrid('Sheet1').values[TYPO_ROW - 1]?.[4] as number);
    const replaced = `${rate} was a formula's error, not a number; Impute replaced it with the mean (${mean}): to get the formula back, undo and fix what it reads`;
    expect((impute.warnings ?? []).filter((w) => w.startsWith(rate))).toEqual([replaced]);
    expect(loaded.call<ModelReport>('runModel', options).warnings).toContain(replaced);
  });

  test('a column left out keeps the typo as typed, and every step says so once', () => {
    const loaded = load();
    const excluded: StepOptions = { ...options, exclude: ['Hearts'] };
    for (const step of ['applyClean', 'applyImpute', 'applyEncode'])
      expect(aboutTheCell(loaded.call<StepReport>(step, excluded).warnings)).toEqual([LEFT_AS_IS]);
    expect(aboutTheCell(loaded.call<ModelReport>('runModel', excluded).warnings)).toEqual([LEFT_AS_IS]);
    expect(hearts(loaded)).toBe('2O3');
  });

  test("many typos: what Encode and Fit keep of Impute's warnings fits Google's 9 KB, and says how many it left out", () => {
    // Eight columns of counts, each with ten typos in 110 rows: 80 cells Impute replaces, about 11 KB of warnings.
    const loaded = loadAddonWithFake();
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const grid: unknown[][] = [[...names, 'Follows gained']];
    for (let i = 0; i < 110; i++)
      grid.push([...names.map((_, j) => (i % 11 === j ? `${10 + i}O` : 10 + ((i * (j + 3)) % 97))), 5 + (i % 17)]);
    loaded.fake.setSheetValues('Sheet1', grid as never, { parse: true });
    loaded.call<StepReport>('applyClean', options);
    const impute = loaded.call<StepReport>('applyImpute', options);
    const all = impute.warnings ?? [];
    expect(all.filter((w) => w.includes('Impute replaced it'))).toHaveLength(80);
    // Encode adds none of its own: it says the first of Impute's that fit, and how many more there were.
    const encode = loaded.call<StepReport>('applyEncode', options).warnings ?? [];
    const kept = encode.length - 1;
    expect(kept).toBeGreaterThan(40);
    expect(encode).toEqual([
      ...all.slice(0, kept),
      `${all.length - kept} more warnings of the steps before are not kept here (Google keeps 9 KB for them): each step showed them when it ran`,
    ]);
    // Fit regression says them first, as Encode did.
    expect(loaded.call<ModelReport>('runModel', options).warnings.slice(0, encode.length)).toEqual(encode);
  });
});
