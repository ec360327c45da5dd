import { readCsv } from '../../src/cli/readCsv';
import { filledValueText } from '../../src/core/pipeline/readableNumbers';
import type { ModelReport, ProfileReport, StepOptions, StepReport } from '../../src/addon/api';
import { loadAddonWithFake, type AddonWithFake } from '../helpers/addonVm';
import { creatorLogs, creatorsFolder, type CreatorLog } from '../helpers/creators';
import { join } from 'node:path';

// Issue 9: the add-on on creator logs it was never shown, driven the way the sidebar drives it — getProfile(), then
// Clean, Impute, Encode and Fit with the profile's settings and the target it suggests — through the built bundle in
// a bare V8 context over the Apps Script fake.

/** The log as a sheet: typed as Sheets types an import (en_US), with its formula columns as formulas. */
function sheetOf(log: CreatorLog): unknown[][] {
  const grid: unknown[][] = readCsv(join(creatorsFolder, log.file));
  for (const { column, template } of log.formulaColumns) {
    const j = log.columns.indexOf(column);
    for (let i = 1; i < grid.length; i++) {
      const row = grid[i] as unknown[];
      row[j] = { formula: template.replace(/\{row\}/g, String(i + 1)), value: Number(row[j]) };
    }
  }
  return grid;
}

function load(log: CreatorLog): AddonWithFake {
  const loaded = loadAddonWithFake();
  // The fake types text as en_US does; a sheet from a decimal-comma locale is loaded as the text it holds (the fake
  // has no de_DE parsing), which is what a paste of plain text gives.
  loaded.fake.setSheetValues('Sheet1', sheetOf(log) as never, { parse: !log.decimalComma });
  loaded.fake.resetCalls();
  return loaded;
}

describe.each(creatorLogs.map((log) => [log.file, log] as const))('the sidebar flow on %s', (_file, log) => {
  const loaded = load(log);
  const original = loaded.fake.getSheetGrid('Sheet1');
  const profile = loaded.call<ProfileReport>('getProfile');
  // What the sidebar sends: the profile's settings, as they are.
  const options: StepOptions = JSON.parse(JSON.stringify(profile.settings)) as StepOptions;
  const steps = (['applyClean', 'applyImpute', 'applyEncode'] as const).map((name) =>
    loaded.call<StepReport>(name, options),
  );
  const afterSteps = loaded.fake.getSheetGrid('Sheet1');
  const model = loaded.call<ModelReport>('runModel', options);
  const coefficients = (
    model.details as { model: { coefficients: { name: string; estimate: number; pValue: number }[] } }
  ).model.coefficients;
  const terms = coefficients.map((c) => c.name);

  test('the profile suggests the target, and no setting names a column the sheet lacks', () => {
    expect(profile.suggestedTarget).toBe(log.target);
    expect(profile.settings.target).toBe(log.target);
    expect(profile.settings.zeroMissing).toEqual([]);
    expect(profile.notes).toEqual([]);
  });

  test('every numeric column is a term, and the rows are kept', () => {
    for (const column of log.numericColumns) expect(terms).toContain(column);
    expect(afterSteps.values.length - 1).toBeGreaterThanOrEqual(0.9 * log.rows);
    const split = (model.details as { steps: { step: string; train?: number; test?: number }[] }).steps.find(
      (s) => s.step === 'split',
    );
    expect((split?.train ?? 0) + (split?.test ?? 0)).toBeGreaterThanOrEqual(0.9 * log.rows);
    expect(model.n).toBe(split?.train);
  });

  test('the planted effect has the right sign', () => {
    const effect = coefficients.find((c) => c.name === log.plantedEffect.column);
    expect(Math.sign(effect?.estimate ?? 0)).toBe(log.plantedEffect.sign);
    expect(effect?.pValue).toBeLessThan(1e-4);
  });

  test('each bad cell is named in a warning, as each step left it: missing after Clean, replaced after Impute', () => {
    for (const bad of log.badCells) {
      const cell = `${bad.column}, row ${bad.row}: "${bad.text}"`;
      expect(steps[0]?.warnings).toContain(
        `${cell} is not a number; it counts as missing until you type the right number or Impute fills it`,
      );
      // Impute wrote the mean over the text in the sheet; from then on the warning quotes the text it replaced.
      const j = afterSteps.values[0]?.indexOf(bad.column) ?? -1;
      const mean = filledValueText(afterSteps.values[bad.row - 1]?.[j] as number);
      const replaced = `${cell} was not a number; Impute replaced it with the mean (${mean}): type the right number there if you know it`;
      for (const warnings of [steps[1]?.warnings, steps[2]?.warnings, model.warnings]) {
        expect(warnings).toContain(replaced);
        expect((warnings ?? []).filter((w) => w.startsWith(cell))).toEqual([replaced]);
      }
    }
  });

  test('every column left out is shown with its reason', () => {
    const reasons = new Map(profile.columns.filter((c) => c.leftOut !== undefined).map((c) => [c.name, c.leftOut]));
    for (const column of [...log.dateColumns, ...log.identifierColumns, ...log.emptyColumns])
      expect(reasons.get(column)).toBeTruthy();
    for (const column of log.numericColumns) expect(reasons.has(column)).toBe(false);
  });

  (log.formulaColumns.length > 0 ? test : test.skip)(
    'formula cells are still formulas after Clean, Impute and Encode',
    () => {
      for (const { column, template } of log.formulaColumns) {
        const j = afterSteps.values[0]?.indexOf(column) ?? -1;
        expect(j).toBeGreaterThanOrEqual(0);
        // Rows are kept in order (rare levels are lumped), so each formula still points at its own row.
        for (let i = 1; i < afterSteps.values.length; i++)
          expect(afterSteps.formulas[i]?.[j]).toBe(
            template
              .replace(/\{row\}/g, String(i + 1))
              .replace(/[A-Z]+(?=\d)/g, (letters) =>
                shiftedLetters(letters, original.values[0] as unknown[], afterSteps.values[0] as unknown[]),
              ),
          );
      }
    },
  );

  test('step by step says what Run all says: the same warnings, in the same words', () => {
    const all = load(log).call<ModelReport>('runRecipe', options);
    expect(all.n).toBe(model.n);
    expect([...model.warnings].sort()).toEqual([...all.warnings].sort());
    expect(model.findings).toEqual(all.findings);
  });

  test('three undos restore the sheet exactly', () => {
    for (let k = 0; k < 3; k++) loaded.call('undoLastStep');
    expect(loaded.fake.getSheetGrid('Sheet1')).toEqual(original);
  });
});

/** The letter of the column that `letters` named before the steps, after them (Encode moves columns). */
function shiftedLetters(letters: string, before: unknown[], after: unknown[]): string {
  const index = [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const moved = after.indexOf(before[index]);
  let n = moved + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
