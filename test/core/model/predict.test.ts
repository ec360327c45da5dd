import { buildDesign, type Design } from '../../../src/core/model/design';
import { fitGlm } from '../../../src/core/model/fitGlm';
import { fitOls } from '../../../src/core/model/fitOls';
import type { FittedModel } from '../../../src/core/model/fittedModel';
import { relativeError } from '../../helpers/digits';
import { caseAvailable, caseRanges, designRows, formulaCases } from '../formulas/sheetData';
import { predictFixture, predictFixtureRanges } from '../formulas/sheetData';

// Source: R 4.2's predict() on new rows, made by test/fixtures/r/predict_fixtures.R (lm of log1p(y) with expm1
// back; glm poisson and MASS::glm.nb with type = "response") and test/fixtures/r/formulas-fixtures.R (lm, and
// expm1 of lm on log1p(newFollowers) for the article). Tolerances: 1e-10 relative for least squares and Poisson,
// 1e-7 for the negative binomial, whose θ R's theta.ml stops at a tolerance (the bar).

const fixture = predictFixture;

function expectAll(actual: Float64Array, expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(...expected.map((value, i) => relativeError(actual[i] as number, value)));
  expect(worst).toBeLessThan(tolerance);
}

describe('predict on new rows against R (the creator log)', () => {
  const { sheet: grid, exclude } = predictFixtureRanges();

  test.each(fixture.cases.map((c) => [c.options, c] as const))('%s', (options, c) => {
    const logTarget = options === 'log-target';
    const design = buildDesign(grid, { target: fixture.y, exclude, logTarget });
    const results: FittedModel =
      options === 'log-target' ? fitOls(design) : fitGlm(design, { model: options === 'model=nb' ? 'nb' : 'poisson' });
    const x = designRows(design, fixture.newX);
    const tolerance = options === 'model=nb' ? 1e-7 : 1e-10;
    expectAll(results.linearPredictor(x, fixture.newX.length), c.link, tolerance);
    expectAll(results.predict(x, fixture.newX.length), c.expected, tolerance);
    expect(results.predictionScale).toBe(logTarget ? 'logTarget' : 'logLink');
  });

  test('an aliased term contributes nothing, as R', () => {
    const design = buildDesign(grid, { target: fixture.y, exclude, logTarget: true });
    const withCopy: Design = {
      ...design,
      columns: design.columns + 1,
      x: Float64Array.from([...design.x, ...design.x.subarray(design.rows, 2 * design.rows)]),
      terms: [...design.terms, 'Views again'],
    };
    const plain = fitOls(design);
    const aliased = fitOls(withCopy);
    expect(aliased.solution.aliased[design.columns]).toBe(true);
    const x = designRows(design, fixture.newX);
    const xWithCopy = Float64Array.from([...x, ...x.subarray(4, 8)]);
    const a = aliased.predict(xWithCopy, 4);
    const b = plain.predict(x, 4);
    a.forEach((value, i) => expect(relativeError(value, b[i] as number)).toBeLessThan(1e-12));
  });
});

describe('OlsResults.predict against R on the formula fixtures (lm, and expm1 of lm on log1p)', () => {
  test.each(formulaCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (!caseAvailable(c)) return;
    const { knownY, knownX } = caseRanges(c);
    const grid = knownY.map((row, i) => [...row, ...(knownX[i] as unknown[])]);
    const design = buildDesign(grid, { target: c.y, intercept: c.intercept, logTarget: c.logTarget });
    const results = fitOls(design, { level: c.level, robust: c.robust });
    expect(results.predictionScale).toBe(c.logTarget ? 'logTarget' : 'identity');
    expectAll(results.predict(designRows(design, c.predict.newX), c.predict.newX.length), c.predict.expected, 1e-9);
  });
});
