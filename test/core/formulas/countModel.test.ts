import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as formulas from '../../../src/core/formulas';
import { buildDesign } from '../../../src/core/model/design';
import { fitGlm } from '../../../src/core/model/fitGlm';
import type { GlmJson } from '../../../src/core/model/glmResults';
import { relativeError } from '../../helpers/digits';
import { designRows, fixtureFolder, predictExpected, predictFixture, predictFixtureRanges } from './sheetData';

// The formulas with model=poisson and model=nb fit through the core's fitGlm (what `tikfit fit --model` prints), so
// their numbers equal the core's exactly; the core is checked against R in test/core/model/glmFixtures.test.ts, and
// here the formulas are checked against R directly too: MASS::glm.nb and glm(family = poisson) on the creator log
// (test/fixtures/r/glm_fixtures.R, case creators-formula-column) and R's predict(type = "response") on new rows
// (test/fixtures/r/predict_fixtures.R). Tolerance against R: 1e-7 relative (issue 13's bar).

/** R's fit in glm-fixtures.json: the JSON of `tikfit fit --model`'s shape, R's numbers. */
type RFit = Pick<GlmJson, 'n' | 'deviance' | 'nullDeviance' | 'aic' | 'theta' | 'coefficients'>;
const glmCase = (
  JSON.parse(readFileSync(join(fixtureFolder, 'glm-fixtures.json'), 'utf8')) as {
    cases: { name: string; expected: { poisson: RFit; nb: RFit } }[];
  }
).cases.find((c) => c.name === 'creators-formula-column') as { expected: { poisson: RFit; nb: RFit } };

const { sheet, knownY, knownX, exclude } = predictFixtureRanges();
const { tikfitCoef, tikfitStdErr, tikfitTStat, tikfitPValue, tikfitTable, tikfitPredict } = formulas;

function expectNear(actual: unknown, expected: number, label: string, tolerance = 1e-7): void {
  const error = typeof actual === 'number' ? relativeError(actual, expected) : Infinity;
  expect({ label, ok: error <= tolerance, actual, expected }).toMatchObject({ label, ok: true });
}

describe.each(['nb', 'poisson'] as const)('model=%s in the formulas', (model) => {
  const options = `model=${model}`;
  const core = fitGlm(buildDesign(sheet, { target: predictFixture.y, exclude }), { model });
  const r = glmCase.expected[model];

  test('TIKFIT_COEF, _STDERR, _TSTAT (z), _PVALUE equal the core GLM exactly, and R to 1e-7', () => {
    const memo = new Map<string, formulas.FitSummary>();
    core.coefficients.forEach((c, j) => {
      expect(tikfitCoef(knownY, knownX, c.name, options, memo)).toBe(c.estimate);
      expect(tikfitStdErr(knownY, knownX, c.name, options, memo)).toBe(c.stdError);
      expect(tikfitTStat(knownY, knownX, c.name, options, memo)).toBe(c.zStat);
      expect(tikfitPValue(knownY, knownX, c.name, options, memo)).toBe(c.pValue);
      const k = r.coefficients[j] as GlmJson['coefficients'][number];
      expect(k.name).toBe(c.name);
      expectNear(tikfitCoef(knownY, knownX, j, options, memo), k.estimate as number, `${c.name} estimate`);
      expectNear(tikfitStdErr(knownY, knownX, j, options, memo), k.stdError as number, `${c.name} SE`);
      expectNear(tikfitTStat(knownY, knownX, j, options, memo), k.zStat as number, `${c.name} z`);
      expectNear(tikfitPValue(knownY, knownX, j, options, memo), k.pValue as number, `${c.name} p`, 1e-6);
    });
    expect(memo.size).toBe(1); // one fit for every term
  });

  test('TIKFIT spills z, the exp columns, θ, deviances, AIC and n: the core’s numbers, and R’s', () => {
    const table = tikfitTable(knownY, knownX, options);
    const p = core.coefficients.length;
    // Least squares' header with z for t, then the exp columns.
    expect(table[0]).toEqual([
      ...formulas.TABLE_HEADER.slice(0, 3),
      'z',
      ...formulas.TABLE_HEADER.slice(4),
      'exp(Estimate)',
      'exp CI low',
      'exp CI high',
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
      const k = r.coefficients[j] as GlmJson['coefficients'][number];
      expectNear(table[1 + j]?.[5], k.ciLower as number, `${c.name} CI low`);
      expectNear(table[1 + j]?.[6], k.ciUpper as number, `${c.name} CI high`);
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
    expectNear(core.deviance, r.deviance as number, 'deviance');
    expectNear(core.nullDeviance, r.nullDeviance as number, 'null deviance');
    expectNear(core.aic, r.aic as number, 'AIC');
    if (model === 'nb') expectNear(core.theta, r.theta as number, 'θ');
    expect(core.n).toBe(r.n);
  });

  test('TIKFIT_PREDICT gives expected counts: R’s predict(type = "response"), and the core’s predict exactly', () => {
    const expected = predictExpected(options);
    const newX = [predictFixture.x, ...predictFixture.newX];
    const predicted = tikfitPredict(knownY, knownX, newX, options);
    expect(predicted[0]).toEqual([`Predicted ${predictFixture.y}`]);
    expected.forEach((value, i) => expectNear(predicted[1 + i]?.[0], value, `row ${i + 1}`));
    // The core's predict on the same rows, coded as its design codes them.
    const rows = predictFixture.newX.length;
    const x = designRows(core.design, predictFixture.newX);
    expect(predicted.slice(1).map((row) => row[0])).toEqual(Array.from(core.predict(x, rows)));
  });

  test('R², adjusted R² and σ̂ are refused in one line; the summary stays small and is keyed by the model', () => {
    expect(() => formulas.tikfitR2(knownY, knownX, options)).toThrow(
      `TIKFIT_R2: a count model (model=${model}) has no R²; TIKFIT with the same options gives its deviance and AIC`,
    );
    expect(() => formulas.tikfitAdjR2(knownY, knownX, options)).toThrow(
      /^TIKFIT_ADJR2: a count model .* has no adjusted R²/,
    );
    expect(() => formulas.tikfitRmse(knownY, knownX, options)).toThrow(
      /^TIKFIT_RMSE: a count model .* has no residual/,
    );
    const memo = new Map<string, formulas.FitSummary>();
    const summary = formulas.fitSummaryFor('TIKFIT', knownY, knownX, options, memo);
    expect(summary.options.model).toBe(model);
    expect(summary.rSquared).toBeNull();
    expect(Buffer.byteLength(JSON.stringify(summary), 'utf8')).toBeLessThan(8 * 1024); // CacheService takes 100 KB
    formulas.fitSummaryFor('TIKFIT', knownY, knownX, 'model=ols', memo);
    formulas.fitSummaryFor('TIKFIT', knownY, knownX, ` Model = ${model.toUpperCase()} `, memo);
    expect(memo.size).toBe(2); // the model is part of the key; its spelling is not
  });
});

test('TIKFIT_PREDICT with log-target: expm1 of R’s predict(lm(log1p(y) ~ …)); log1p, the old spelling, the same', () => {
  const expected = predictExpected('log-target');
  const predicted = tikfitPredict(knownY, knownX, predictFixture.newX, 'log-target');
  expected.forEach((value, i) => expectNear(predicted[i]?.[0], value, `row ${i + 1}`, 1e-10));
  expect(tikfitPredict(knownY, knownX, predictFixture.newX, 'log1p')).toEqual(predicted);
});
