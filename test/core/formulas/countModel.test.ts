import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fitSummaryFor,
  tikfitAdjR2,
  tikfitCoef,
  tikfitPredict,
  tikfitPValue,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
  type FitSummary,
} from '../../../src/core/formulas';
import { buildDesign } from '../../../src/core/model/design';
import { fitGlm } from '../../../src/core/model/fitGlm';
import { relativeError } from '../../helpers/digits';
import { fixtureFolder, pick, readSheet } from './sheetData';

// The formulas with model=poisson and model=nb fit through the core's fitGlm (what `tikfit fit --model` prints), so
// their numbers equal the core's exactly; the core is checked against R in test/core/model/glmFixtures.test.ts, and
// here the formulas are checked against R directly too: MASS::glm.nb and glm(family = poisson) on the creator log
// (test/fixtures/r/glm_fixtures.R, case creators-formula-column) and R's predict(type = "response") on new rows
// (test/fixtures/r/predict_fixtures.R). Tolerance against R: 1e-7 relative (issue 13's bar).

interface PredictFixture {
  csv: string;
  y: string;
  x: string[];
  newX: (number | string)[][];
  cases: { options: string; expected: number[] }[];
}
interface RCoefficient {
  name: string;
  estimate: number;
  stdError: number;
  zStat: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
}
interface RFit {
  n: number;
  deviance: number;
  nullDeviance: number;
  aic: number;
  theta?: number;
  thetaStdError?: number;
  coefficients: RCoefficient[];
}
const predictFixture = JSON.parse(readFileSync(join(fixtureFolder, 'predict-fixtures.json'), 'utf8')) as PredictFixture;
const glmCase = (
  JSON.parse(readFileSync(join(fixtureFolder, 'glm-fixtures.json'), 'utf8')) as {
    cases: { name: string; expected: { poisson: RFit; nb: RFit } }[];
  }
).cases.find((c) => c.name === 'creators-formula-column') as { expected: { poisson: RFit; nb: RFit } };

const sheet = readSheet(join(fixtureFolder, predictFixture.csv));
const knownY = pick(sheet, [predictFixture.y]);
const knownX = pick(sheet, predictFixture.x);
const header = sheet[0] as string[];
const exclude = header.filter((name) => name !== predictFixture.y && !predictFixture.x.includes(name));

function expectNear(actual: unknown, expected: number, label: string, tolerance = 1e-7): void {
  const error = typeof actual === 'number' ? relativeError(actual, expected) : Infinity;
  expect({ label, ok: error <= tolerance, actual, expected }).toMatchObject({ label, ok: true });
}

describe.each(['nb', 'poisson'] as const)('model=%s in the formulas', (model) => {
  const options = `model=${model}`;
  const core = fitGlm(buildDesign(sheet, { target: predictFixture.y, exclude }), { model });
  const r = glmCase.expected[model];

  test('TIKFIT_COEF, _STDERR, _TSTAT (z), _PVALUE equal the core GLM exactly, and R to 1e-7', () => {
    const memo = new Map<string, FitSummary>();
    core.coefficients.forEach((c, j) => {
      expect(tikfitCoef(knownY, knownX, c.name, options, memo)).toBe(c.estimate);
      expect(tikfitStdErr(knownY, knownX, c.name, options, memo)).toBe(c.stdError);
      expect(tikfitTStat(knownY, knownX, c.name, options, memo)).toBe(c.zStat);
      expect(tikfitPValue(knownY, knownX, c.name, options, memo)).toBe(c.pValue);
      const k = r.coefficients[j] as RCoefficient;
      expect(k.name).toBe(c.name);
      expectNear(tikfitCoef(knownY, knownX, j, options, memo), k.estimate, `${c.name} estimate`);
      expectNear(tikfitStdErr(knownY, knownX, j, options, memo), k.stdError, `${c.name} SE`);
      expectNear(tikfitTStat(knownY, knownX, j, options, memo), k.zStat, `${c.name} z`);
      expectNear(tikfitPValue(knownY, knownX, j, options, memo), k.pValue, `${c.name} p`, 1e-6);
    });
    expect(memo.size).toBe(1); // one fit for every term
  });

  test('TIKFIT spills z, the exp columns, θ, deviances, AIC and n: the core’s numbers, and R’s', () => {
    const table = tikfitTable(knownY, knownX, options);
    const p = core.coefficients.length;
    expect(table[0]).toEqual([
      'Term',
      'Estimate',
      'Std. Error',
      'z',
      'p-value',
      'CI low',
      'CI high',
      'exp(Estimate)',
      'exp(CI low)',
      'exp(CI high)',
    ]);
    expect(table.every((row) => row.length === 10)).toBe(true);
    core.coefficients.forEach((c, j) => {
      expect(table[1 + j]).toEqual([
        c.name,
        c.estimate,
        c.stdError,
        c.zStat,
        c.pValue,
        c.ciLower,
        c.ciUpper,
        c.expEstimate,
        c.expCiLower,
        c.expCiUpper,
      ]);
      const k = r.coefficients[j] as RCoefficient;
      expectNear(table[1 + j]?.[5], k.ciLower, `${c.name} CI low`);
      expectNear(table[1 + j]?.[6], k.ciUpper, `${c.name} CI high`);
    });
    const statistics = table.slice(2 + p).map((row) => [row[0], row[1]]);
    const expected: [string, number][] = [
      ...(model === 'nb'
        ? ([
            ['θ', core.theta],
            ['θ std. error', core.thetaStdError],
          ] as [string, number][])
        : []),
      ['Deviance', core.deviance],
      ['Null deviance', core.nullDeviance],
      ['AIC', core.aic],
      ['n', core.n],
    ];
    expect(statistics).toEqual(expected);
    expectNear(core.deviance, r.deviance, 'deviance');
    expectNear(core.nullDeviance, r.nullDeviance, 'null deviance');
    expectNear(core.aic, r.aic, 'AIC');
    if (model === 'nb') expectNear(core.theta, r.theta as number, 'θ');
    expect(core.n).toBe(r.n);
  });

  test('TIKFIT_PREDICT gives expected counts: R’s predict(type = "response"), and the core’s predict exactly', () => {
    const expected = predictFixture.cases.find((c) => c.options === options)?.expected as number[];
    const newX = [predictFixture.x, ...predictFixture.newX];
    const predicted = tikfitPredict(knownY, knownX, newX, options);
    expect(predicted[0]).toEqual([`Predicted ${predictFixture.y}`]);
    expected.forEach((value, i) => expectNear(predicted[1 + i]?.[0], value, `row ${i + 1}`));
    // The core's predict on the same rows, coded by hand: numbers as they are, Series as its dummies.
    const { design } = core;
    const rows = predictFixture.newX.length;
    const x = new Float64Array(rows * design.columns).fill(0);
    x.fill(1, 0, rows);
    predictFixture.newX.forEach((row, i) =>
      row.forEach((cell, k) => {
        const term = typeof cell === 'number' ? (predictFixture.x[k] as string) : `${predictFixture.x[k]}_${cell}`;
        const j = design.terms.indexOf(term);
        if (j >= 0) x[j * rows + i] = typeof cell === 'number' ? cell : 1;
      }),
    );
    expect(predicted.slice(1).map((row) => row[0])).toEqual(Array.from(core.predict(x, rows)));
  });

  test('R², adjusted R² and σ̂ are refused in one line; the summary stays small and is keyed by the model', () => {
    expect(() => tikfitR2(knownY, knownX, options)).toThrow(
      `TIKFIT_R2: a count model (model=${model}) has no R²; TIKFIT with the same options gives its deviance and AIC`,
    );
    expect(() => tikfitAdjR2(knownY, knownX, options)).toThrow(/^TIKFIT_ADJR2: a count model .* has no adjusted R²/);
    expect(() => tikfitRmse(knownY, knownX, options)).toThrow(/^TIKFIT_RMSE: a count model .* has no residual/);
    const memo = new Map<string, FitSummary>();
    const summary = fitSummaryFor('TIKFIT', knownY, knownX, options, memo);
    expect(summary.options.model).toBe(model);
    expect(summary.rSquared).toBeNull();
    expect(Buffer.byteLength(JSON.stringify(summary), 'utf8')).toBeLessThan(8 * 1024); // CacheService takes 100 KB
    fitSummaryFor('TIKFIT', knownY, knownX, 'model=ols', memo);
    fitSummaryFor('TIKFIT', knownY, knownX, ` Model = ${model.toUpperCase()} `, memo);
    expect(memo.size).toBe(2); // the model is part of the key; its spelling is not
  });
});

test('TIKFIT_PREDICT with log-target: expm1 of R’s predict(lm(log1p(y) ~ …)); log1p, the old spelling, the same', () => {
  const expected = predictFixture.cases.find((c) => c.options === 'log-target')?.expected as number[];
  const predicted = tikfitPredict(knownY, knownX, predictFixture.newX, 'log-target');
  expected.forEach((value, i) => expectNear(predicted[i]?.[0], value, `row ${i + 1}`, 1e-10));
  expect(tikfitPredict(knownY, knownX, predictFixture.newX, 'log1p')).toEqual(predicted);
});
