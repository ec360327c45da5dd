import { readFileSync } from 'node:fs';
import type { ModelReport, StepReport } from '../../src/addon/api';
import { volatileFunctions } from '../../src/addon/volatileFormulas';
import { codePath, loadAddonWithFake, type AddonWithFake } from '../helpers/addonVm';

// Issue 10's platform rules, through the built bundle over the strict fake: who ran the model is never claimed (the
// manifest has no userinfo.email), text written back stays the text it was, the coefficient chart is a supported
// type, the footer's time is in the spreadsheet's time zone, volatile formulas in the data get a static status
// instead of a live cell, and the results sheet grows to fit logs longer than 1,000 rows.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function withSheet(grid: unknown[][], options: Parameters<typeof loadAddonWithFake>[0] = {}): AddonWithFake {
  const loaded = loadAddonWithFake(options);
  loaded.fake.setSheetValues('Sheet1', grid as never, { parse: true });
  loaded.fake.resetCalls();
  return loaded;
}

/** A seeded generator in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A creator log of `rows` videos: id, category (3 levels), views, likes, newFollowers from a stated model. */
function creatorLog(rows: number): (string | number)[][] {
  const next = random(7);
  const levels = ['dance', 'info', 'humor'];
  const lines: (string | number)[][] = [['video', 'category', 'views', 'likes', 'newFollowers']];
  for (let i = 0; i < rows; i++) {
    const category = levels[i % 3] as string;
    const views = Math.round(500 + next() * 20000);
    const likes = Math.round(views * (0.02 + next() * 0.08));
    const followers = Math.round(Math.exp(1 + 0.00008 * views + (category === 'info' ? 0.6 : 0) + next() * 0.5));
    lines.push([`v${i + 1}`, category, views, likes, followers]);
  }
  return lines;
}

describe('who ran the model (item 1)', () => {
  test('the bundle never asks Session for an e-mail, which needs the userinfo.email scope the manifest does not request', () => {
    const code = readFileSync(codePath, 'utf8');
    expect(code).not.toMatch(/getActiveUser|getEffectiveUser/);
    const loaded = withSheet(creatorLog(60), { userEmail: 'creator@example.com' });
    // The strict fake refuses the call under the manifest's two scopes, as Apps Script does.
    expect(() => loaded.fake.globals.Session.getActiveUser()).toThrow(
      /Required permissions: https:\/\/www\.googleapis\.com\/auth\/userinfo\.email/,
    );
    loaded.call<ModelReport>('runModel');
    const footer = loaded.fake
      .getSheetGrid('TikFit Results')
      .values.filter((row) => ['Made', 'From sheet', 'Settings'].includes(String(row[0])));
    expect(footer.map((row) => row[0])).toEqual(['Made', 'From sheet', 'Settings']);
    expect(
      footer
        .flat()
        .map(String)
        .some((cell) => /creator@example\.com|\bby\b|editor/.test(cell)),
    ).toBe(false);
  });
});

describe('text written back stays the text it was (item 5)', () => {
  // Labels Sheets would turn into a date (1-2, 3/4, March 3), a number (007, 1e5) or a boolean (TRUE) if written bare.
  const LABELS = ['1-2', '3/4', '007', 'TRUE', '1e5', 'March 3'];

  function labelLog(): { grid: unknown[][]; labels: string[] } {
    const next = random(11);
    const labels: string[] = [];
    // A numeric column headed 3/4 too: its term name goes to the results sheet.
    const grid: unknown[][] = [['video', 'cat', 'views', "'3/4", 'newFollowers']];
    for (let i = 0; i < 60; i++) {
      // 1-2 is the most frequent level; twice with trailing spaces, so Clean rewrites it; once blank, so Impute fills it.
      const label = i < 12 ? '1-2' : (LABELS[i % LABELS.length] as string);
      const written = i === 3 || i === 5 ? `${label}  ` : i === 7 ? '' : label;
      labels.push(written);
      const views = Math.round(800 + next() * 9000);
      grid.push([
        `v${i + 1}`,
        written === '' ? '' : `'${written}`,
        views,
        i === 9 ? '' : Math.round(views * 0.05),
        Math.round(5 + views * 0.002 + LABELS.indexOf(label) + next() * 3),
      ]);
    }
    return { grid, labels };
  }

  function column(loaded: AddonWithFake, header: string): unknown[] {
    const values = loaded.fake.getSheetGrid('Sheet1').values;
    const j = (values[0] as unknown[]).indexOf(header);
    expect(j).toBeGreaterThanOrEqual(0);
    return values.slice(1).map((row) => row[j]);
  }

  test('labels like 1-2, 3/4, 007, TRUE, 1e5 and March 3 stay the same text through Clean, Impute, Encode and Undo', () => {
    const { grid, labels } = labelLog();
    const loaded = withSheet(grid);
    const original = loaded.fake.getSheetGrid('Sheet1');
    expect(column(loaded, 'cat')).toEqual(labels);

    expect(loaded.call<StepReport>('applyClean').step).toBe('clean');
    const cleaned = labels.map((label) => label.trim());
    expect(column(loaded, 'cat')).toEqual(cleaned);
    const afterClean = loaded.fake.getSheetGrid('Sheet1');

    loaded.call<StepReport>('applyImpute');
    expect(column(loaded, 'cat')).toEqual(cleaned.map((label) => (label === '' ? '1-2' : label)));
    const afterImpute = loaded.fake.getSheetGrid('Sheet1');

    loaded.call<StepReport>('applyEncode');
    const header = loaded.fake.getSheetGrid('Sheet1').values[0] as unknown[];
    // Dummies against the first level in code-point order (007); every header is the text it was made as.
    expect(header).toEqual(expect.arrayContaining(['cat_1-2', 'cat_1e5', 'cat_3/4', 'cat_March 3', 'cat_TRUE']));
    expect(header.every((cell) => typeof cell === 'string')).toBe(true);
    expect(column(loaded, 'cat_3/4').every((v) => v === 0 || v === 1)).toBe(true);

    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(afterImpute);
    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(afterClean);
    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(original);
  });

  test('Run all keeps them too, and the results sheet writes every label, finding and setting as text', () => {
    const { grid } = labelLog();
    const loaded = withSheet(grid);
    loaded.call<ModelReport>('runRecipe');
    const header = loaded.fake.getSheetGrid('Sheet1').values[0] as unknown[];
    expect(header.every((cell) => typeof cell === 'string')).toBe(true);
    const results = loaded.fake.getSheetGrid('TikFit Results');
    const terms = results.values.map((row) => row[0]);
    expect(terms).toEqual(expect.arrayContaining(['3/4', 'cat_1-2', 'cat_3/4', 'cat_March 3', 'cat_TRUE', 'cat_1e5']));
    // No string the add-on wrote was read back as a date, a number or a boolean in column A (labels) or J (chart terms).
    const termColumn = results.values.map((row) => row[9]).filter((v) => v !== '');
    expect(termColumn.every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('the coefficient chart (item 6)', () => {
  test("is a line chart of each term's CI low, estimate and CI high, a type embedded charts support", () => {
    const loaded = withSheet(creatorLog(90));
    loaded.call<ModelReport>('runModel');
    const charts = loaded.fake.getCharts('TikFit Results');
    const coefficients = charts.find((c) => String(c.options.title).startsWith('Coefficients'));
    expect(coefficients?.chartType).toBe('LINE');
    expect(coefficients?.options.lineWidth).toBe(0);
    expect(coefficients?.ranges).toHaveLength(1);
    const values = loaded.fake.getSheetGrid('TikFit Results').values;
    expect(values[0]?.slice(9, 13)).toEqual(['Term', 'CI low', 'Estimate', 'CI high']);
    const header = values.findIndex((row) => row[0] === 'Term');
    const table = values
      .slice(header + 1)
      .filter((row) => row[0] !== 'Intercept' && typeof row[1] === 'number' && typeof row[5] === 'number');
    const chartRows = values
      .slice(1)
      .filter((row) => row[9] !== '')
      .map((row) => row.slice(9, 13));
    expect(chartRows).toEqual(table.map((row) => [row[0], row[5], row[1], row[6]]));
    expect(coefficients?.ranges[0]).toBe(`TikFit Results!J1:M${chartRows.length + 1}`);
    expect(
      chartRows.every(
        ([, low, estimate, high]) =>
          (low as number) <= (estimate as number) && (estimate as number) <= (high as number),
      ),
    ).toBe(true);
  });
});

describe('time zone (item 6)', () => {
  test("the footer's time is the spreadsheet's wall clock in its own zone, not the script's (Etc/UTC)", () => {
    const loaded = withSheet(creatorLog(60), { spreadsheetTimeZone: 'Asia/Kathmandu' });
    const before = Date.now();
    loaded.call<ModelReport>('runModel');
    const after = Date.now();
    // A real date-time, shown in full by its number format, with the zone beside it.
    const shown = loaded.fake.getSheetGrid('TikFit Results').displayValues.find((row) => row[0] === 'Made');
    expect(shown?.[2]).toBe('Asia/Kathmandu time');
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(shown?.[1]));
    expect(m).not.toBeNull();
    const [, y, mo, d, h, mi, s] = (m as RegExpExecArray).map(Number);
    // Kathmandu is UTC+5:45 all year.
    const instant = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) - (5 * 60 + 45) * 60000;
    expect(instant).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(instant).toBeLessThanOrEqual(after);
  });
});

describe('the data-status cell and volatile formulas (item 6)', () => {
  test('finds NOW, TODAY, RAND and the IMPORT functions, not text or longer names', () => {
    expect(
      volatileFunctions([
        ['=TODAY()-A2', ''],
        ['=rand ()*2', '="NOW()"'],
        ['=MYNOW()+SNOW(1)', '=IMPORTRANGE("x","A1")'],
        ['=Sheet2!NOW1'],
      ]),
    ).toEqual(['TODAY', 'RAND', 'IMPORTRANGE']);
    expect(volatileFunctions([['=C2/B2', '=SUM(B:B)']])).toEqual([]);
  });

  test('with TODAY() in the data, the status is written once, with a note, instead of a live TIKFIT_FINGERPRINT cell', () => {
    const grid: unknown[][] = creatorLog(60).map((row, i) => [
      ...row,
      i === 0 ? 'days since' : { formula: `=TODAY()-DATE(2025,1,${(i % 28) + 1})`, value: 100 + i },
    ]);
    const loaded = withSheet(grid);
    loaded.call<ModelReport>('runModel');
    const results = loaded.fake.getSheetGrid('TikFit Results');
    expect(results.formulas.flat().filter((f) => f.includes('TIKFIT_FINGERPRINT'))).toEqual([]);
    const row = results.values.findIndex((r) => r[0] === 'Data status');
    expect(String(results.values[row]?.[1])).toMatch(/^Not checked live: the data uses TODAY\(\)/);
    expect(results.notes[row]?.[1]).toMatch(/TODAY\(\) recalculates/);
  });

  test('without volatile functions the live cell stays', () => {
    const loaded = withSheet(creatorLog(60));
    loaded.call<ModelReport>('runModel');
    expect(
      loaded.fake
        .getSheetGrid('TikFit Results')
        .formulas.flat()
        .filter((f) => f.startsWith("=IF(TIKFIT_FINGERPRINT('Sheet1'!A1:E)")),
    ).toHaveLength(1);
  });
});

describe('logs longer than 1,000 rows (item 8)', () => {
  const ROWS = 1600;

  test('Fit regression on 1,600 rows: the results sheet grows to hold every residual', () => {
    const loaded = withSheet(creatorLog(ROWS));
    const report = loaded.call<ModelReport>('runModel');
    expect(report.n).toBe(Math.round(ROWS * 0.8)); // the training rows
    const results = loaded.fake.getSheetGrid('TikFit Results');
    const residuals = results.values.slice(1).filter((row) => typeof row[15] === 'number');
    expect(residuals).toHaveLength(Math.round(ROWS * 0.8));
    expect(results.maxRows).toBeGreaterThan(1000);
    expect(results.maxRows).toBeGreaterThanOrEqual(residuals.length + 1);
  });

  test('Run all on 1,600 rows: the data is prepared in place and the results written', () => {
    const loaded = withSheet(creatorLog(ROWS));
    const report = loaded.call<ModelReport>('runRecipe');
    expect(report.step).toBe('recipe');
    const sheet = loaded.fake.spreadsheet.getSheetByName('TikFit Results') as unknown as Sheet;
    expect(sheet.getMaxRows()).toBeGreaterThan(1000);
    expect(
      loaded.fake
        .getCharts('TikFit Results')
        .map((c) => c.chartType)
        .sort(),
    ).toEqual(['LINE', 'SCATTER']);
  });
});
