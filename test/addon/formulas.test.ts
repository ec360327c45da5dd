import type { ModelReport, StepReport } from '../../src/addon/api';
import type { FakeCellInput, FakeSheetGrid } from '../../dev/fakeAppsScript';
import { loadAddonWithFake, type AddonWithFake } from '../helpers/addonVm';

// Formulas in the data survive the in-place steps (issue 9, item 7), through the built add-on over the Apps Script
// fake: the steps write only the cells they change, give the sheet the step's shape with Sheets' own row and column
// operations (so Sheets moves the formulas' references), and ask before replacing a formula by a value.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const OPTIONS = { target: 'newFollowers', rare: 'drop', rareThreshold: 5, zeroMissing: [] };
const CATEGORIES = ['humor', 'info', 'tips'];

/**
 * A video log: category (text, with a rare "rare" level on rows 6, 15 and 24), newFollowers (some blank), views,
 * likes, and a like-rate column E = likes/views as a formula in every row.
 */
function videoLog(
  rate: (r: number) => FakeCellInput = (r) => ({ formula: `=D${r}/C${r}`, value: likesOf(r) / viewsOf(r) }),
): FakeCellInput[][] {
  const rows: FakeCellInput[][] = [['category', 'newFollowers', 'views', 'likes', 'likeRate']];
  for (let r = 2; r <= 31; r++) {
    const category = r % 9 === 6 ? 'rare' : (CATEGORIES[r % 3] as string);
    rows.push([category, r % 7 === 3 ? '' : 5 + ((r * 11) % 23), viewsOf(r), likesOf(r), rate(r)]);
  }
  return rows;
}

function viewsOf(r: number): number {
  return 100 + ((r * 37) % 400);
}

function likesOf(r: number): number {
  return 3 + ((r * 13) % 40);
}

function withLog(grid: FakeCellInput[][]): AddonWithFake {
  const loaded = loadAddonWithFake();
  loaded.fake.setSheetValues('Sheet1', grid);
  loaded.fake.resetCalls();
  return loaded;
}

function sheet1(loaded: AddonWithFake): FakeSheetGrid {
  return loaded.fake.getSheetGrid('Sheet1');
}

/** The column of a header, 0-based. */
function column(grid: FakeSheetGrid, name: string): number {
  const j = (grid.values[0] as unknown[]).indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return j;
}

function letter(j: number): string {
  return String.fromCharCode(65 + j);
}

/** Every data row's like-rate is still the formula likes/views of its own row, and shows that row's ratio. */
function expectLiveLikeRates(grid: FakeSheetGrid): void {
  const rate = column(grid, 'likeRate');
  const views = letter(column(grid, 'views'));
  const likes = letter(column(grid, 'likes'));
  for (let i = 1; i < grid.values.length; i++) {
    const row = grid.values[i] as unknown[];
    expect(grid.formulas[i]?.[rate]).toBe(`=${likes}${i + 1}/${views}${i + 1}`);
    expect(row[rate]).toBeCloseTo((row[column(grid, 'likes')] as number) / (row[column(grid, 'views')] as number), 12);
  }
}

describe('formulas the steps do not change stay formulas', () => {
  test('a like-rate column =D{r}/C{r} survives Clean (rows dropped), Impute and Encode (columns inserted), and undo restores each step', () => {
    const loaded = withLog(videoLog());
    const original = sheet1(loaded);

    const clean = loaded.call<StepReport>('applyClean', OPTIONS);
    expect(clean.confirm).toBeUndefined();
    const cleaned = sheet1(loaded);
    expect(cleaned.values).toHaveLength(31 - 3); // header + 30 videos − 3 rare ones
    expect(cleaned.values.some((row) => row[0] === 'rare')).toBe(false);
    expectLiveLikeRates(cleaned);
    // Rows 6, 15 and 24 went: what was row 7 is now row 6, and its formula says so.
    expect(cleaned.formulas[5]?.[4]).toBe('=D6/C6');
    expect(cleaned.values[5]?.[2]).toBe(viewsOf(7));

    const impute = loaded.call<StepReport>('applyImpute', OPTIONS);
    expect(impute.confirm).toBeUndefined();
    const imputed = sheet1(loaded);
    expect(imputed.values.map((row) => row[1]).includes('')).toBe(false);
    expectLiveLikeRates(imputed);

    const encode = loaded.call<StepReport>('applyEncode', OPTIONS);
    expect(encode.confirm).toBeUndefined();
    const encoded = sheet1(loaded);
    expect(encoded.values[0]).toEqual(['category_info', 'category_tips', 'newFollowers', 'views', 'likes', 'likeRate']);
    // A column was inserted before views and likes: the formulas now read E/D and sit in F.
    expect(encoded.formulas[1]?.[5]).toBe('=E2/D2');
    expectLiveLikeRates(encoded);
    expect(encoded.formulas.flat().filter((f) => f !== '')).toHaveLength(27);

    loaded.call('undoLastStep');
    expect(sheet1(loaded)).toEqual(imputed);
    loaded.call('undoLastStep');
    expect(sheet1(loaded)).toEqual(cleaned);
    loaded.call('undoLastStep');
    expect(sheet1(loaded)).toEqual(original);
  });

  test('a formula from another sheet into the data follows its row when Clean drops rows above it', () => {
    const loaded = withLog(videoLog());
    loaded.fake.addSheet('Notes', [[{ formula: "='Sheet1'!C10", value: viewsOf(10) }]]);
    loaded.fake.setActiveSheet('Sheet1');
    loaded.call('applyClean', OPTIONS);
    // Rows 6 (rare) went, so row 10 is row 9 now.
    expect(loaded.fake.getSheetGrid('Notes').formulas[0]?.[0]).toBe("='Sheet1'!C9");
    expect(sheet1(loaded).values[8]?.[2]).toBe(viewsOf(10));
  });
});

describe('a step that would change a formula asks first', () => {
  /** Row 9's like-rate is blank (views unknown), so Impute would fill it. */
  function withBlankRate(): AddonWithFake {
    return withLog(
      videoLog((r) =>
        r === 9
          ? { formula: `=IF(C${r}>1000,D${r}/C${r},"")`, value: '' }
          : { formula: `=D${r}/C${r}`, value: likesOf(r) / viewsOf(r) },
      ),
    );
  }

  test('Impute returns the question and changes nothing; with convertFormulas it writes a value there only; undo restores', () => {
    const loaded = withBlankRate();
    const original = sheet1(loaded);
    const asked = loaded.call<StepReport>('applyImpute', OPTIONS);
    expect(asked.confirm).toEqual({
      formulas: 1,
      cells: ['E9'],
      question: 'Replace 1 formula with a value (E9)? Impute would change what it shows.',
    });
    expect(asked.message).toBe(asked.confirm?.question);
    expect(JSON.parse(JSON.stringify(asked))).toEqual(asked);
    expect(sheet1(loaded)).toEqual(original);
    expect(loaded.fake.sheetNames()).toEqual(['Sheet1']);
    expect(
      loaded.fake.countCalls({
        method: [
          'setValues',
          'setValue',
          'deleteRows',
          'insertColumnsBefore',
          'insertColumnsAfter',
          'deleteColumns',
          'copyTo',
        ],
      }),
    ).toBe(0);

    const done = loaded.call<StepReport>('applyImpute', { ...OPTIONS, convertFormulas: true });
    expect(done.confirm).toBeUndefined();
    expect(done.message).toMatch(/; replaced 1 formula with a value$/);
    const after = sheet1(loaded);
    expect(after.formulas[8]?.[4]).toBe('');
    expect(typeof after.values[8]?.[4]).toBe('number');
    expect(after.formulas.map((row, i) => (i === 0 || i === 8 ? 'x' : row[4]))).toEqual(
      original.formulas.map((row, i) => (i === 0 || i === 8 ? 'x' : row[4])),
    );
    loaded.call('undoLastStep');
    expect(sheet1(loaded)).toEqual(original);
  });

  test('Run all asks the same, and writes no results until told', () => {
    const loaded = withBlankRate();
    const original = sheet1(loaded);
    const asked = loaded.call<ModelReport>('runRecipe', OPTIONS);
    expect(asked.confirm?.cells).toEqual(['E9']);
    expect(asked.confirm?.question).toMatch(
      /^Replace 1 formula with a value \(E9\)\? Run all would change what it shows\.$/,
    );
    expect(sheet1(loaded)).toEqual(original);
    expect(loaded.fake.sheetNames()).toEqual(['Sheet1']);
    const done = loaded.call<ModelReport>('runRecipe', { ...OPTIONS, convertFormulas: true });
    expect(done.confirm).toBeUndefined();
    expect(loaded.fake.sheetNames()).toContain('TikFit Results');
  });

  test('the menu asks with a Yes/No alert: No changes nothing, Yes replaces', () => {
    const loaded = withBlankRate();
    const original = sheet1(loaded);
    loaded.call('saveSettings', OPTIONS);
    loaded.fake.ui.queueResponse('NO');
    loaded.call('menuImpute');
    expect(loaded.fake.alerts.at(-1)).toMatchObject({
      kind: 'alert',
      title: 'TikFit: replace formulas with values?',
      prompt: 'Replace 1 formula with a value (E9)? Impute would change what it shows.',
      buttons: 'YES_NO',
      response: 'NO',
    });
    expect(loaded.fake.toasts.at(-1)?.message).toBe('Nothing was changed.');
    expect(sheet1(loaded)).toEqual(original);
    expect(loaded.fake.sheetNames()).toEqual(['Sheet1']);
    loaded.fake.ui.queueResponse('YES');
    loaded.call('menuImpute');
    expect(loaded.fake.toasts.at(-1)?.message).toMatch(/replaced 1 formula with a value$/);
    expect(sheet1(loaded).formulas[8]?.[4]).toBe('');
    expect(sheet1(loaded).formulas[9]?.[4]).toBe('=D10/C10');
  });

  test('no message points to a control that does not exist', () => {
    const loaded = withBlankRate();
    const asked = loaded.call<StepReport>('applyImpute', OPTIONS);
    expect(asked.message).not.toMatch(/convert formulas to values|turn on/i);
  });
});

describe('cost', () => {
  /** Spreadsheet calls of a Clean that trims every third label (no formulas, no rows dropped). */
  function callsFor(rows: number): Record<string, number> {
    const grid = [
      ['newFollowers', 'likes', 'category'],
      ...Array.from({ length: rows }, (_, i) => [
        i % 50,
        i % 7,
        `${['a', 'b', 'c'][i % 3] as string}${i % 3 === 0 ? ' ' : ''}`,
      ]),
    ];
    const loaded = withLog(grid);
    loaded.call('applyClean', { target: 'newFollowers', zeroMissing: [], rareThreshold: 1 });
    const sheet = loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as Sheet;
    expect(sheet.getRange(2, 3).getValue()).toBe('a');
    const counts = loaded.fake.callsByMethod();
    for (const key of Object.keys(counts))
      if (!/^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(key)) delete counts[key];
    return counts;
  }

  test('writing what Clean changed costs the same for 10 and 10,000 rows: one setValues', () => {
    const small = callsFor(10);
    expect(small['Range.setValues']).toBe(1);
    expect(callsFor(10000)).toEqual(small);
  });
});
