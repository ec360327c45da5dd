import { buildDesign } from '../../../src/core/model/design';
import { fitGlm } from '../../../src/core/model/fitGlm';
import {
  normalTwoSidedPValue,
  normalUpperQuantile,
  normalUpperTail,
} from '../../../src/core/distributions/normalDistribution';
import { digamma, trigamma } from '../../../src/core/distributions/digamma';
import { relativeError } from '../../helpers/digits';

// The count models' edges. Reference values: R 4.2 (glm, qnorm, pnorm, digamma, trigamma) where stated in a comment,
// else properties that hold exactly (a saturated one-row fit, predict = fitted values).
const counts = [
  ['y', 'x', 'g'],
  ...[0, 1, 3, 2, 5, 4, 7, 6, 9, 12, 0, 0].map((y, i) => [
    String(y),
    String(i),
    i >= 10 ? 'dead' : i % 2 === 0 ? 'a' : 'b',
  ]),
];

describe('fitGlm edges', () => {
  test('a level whose rows are all 0 is named as separation, and the fit still returns', () => {
    const results = fitGlm(buildDesign(counts, { target: 'y' }), { model: 'poisson' });
    const dead = results.coefficients.find((c) => c.name === 'g_dead');
    expect(dead?.estimate).toBeLessThan(-10);
    expect(results.allZeroLevels).toEqual(['g_dead']);
    expect(results.warnings.join('\n')).toMatch(
      /Every row of g_dead has a count of 0, so its coefficient runs off to −∞ \(separation\)/,
    );
  });

  test('one row: a saturated fit, log(y) for the intercept, 0 residual df', () => {
    const results = fitGlm(buildDesign([['y'], ['3']], { target: 'y' }), { model: 'poisson' });
    expect(results.rank).toBe(1);
    expect(results.dfResidual).toBe(0);
    expect(relativeError(results.estimates[0] as number, Math.log(3))).toBeLessThan(1e-8);
  });

  test('a constant column beside the intercept is aliased, with null statistics', () => {
    const grid = counts.map((row, i) => [...row, i === 0 ? 'c' : '5']);
    const json = fitGlm(buildDesign(grid, { target: 'y', exclude: ['g'] }), { model: 'nb' }).toJSON();
    expect(json.coefficients.find((c) => c.name === 'c')).toMatchObject({
      aliased: true,
      estimate: null,
      stdError: null,
      expEstimate: null,
    });
    expect(json.rank).toBe(2);
  });

  test('bad input is refused in words: negative counts, all zeros, a bad level, a wrong-sized offset', () => {
    expect(() =>
      fitGlm(
        buildDesign(
          [
            ['y', 'x'],
            ['1', '1'],
            ['-2', '2'],
            ['3', '3'],
          ],
          { target: 'y' },
        ),
        { model: 'poisson' },
      ),
    ).toThrow(/a count model needs counts, but "y" has -2 in row 3/);
    expect(() =>
      fitGlm(
        buildDesign(
          [
            ['y', 'x'],
            ['0', '1'],
            ['0', '2'],
          ],
          { target: 'y' },
        ),
        { model: 'nb' },
      ),
    ).toThrow(/every "y" is 0/);
    const design = buildDesign(counts, { target: 'y' });
    expect(() => fitGlm(design, { model: 'poisson', level: 1 })).toThrow(/confidence level/);
    expect(() => fitGlm(design, { model: 'poisson', offset: new Float64Array(3) })).toThrow(
      /the offset has 3 values for 12 rows/,
    );
    expect(() => fitGlm(design, { model: 'poisson', offset: new Float64Array(12).fill(-Infinity) })).toThrow(
      /offset has a value that is not finite/,
    );
  });

  test('not converging is said plainly', () => {
    const results = fitGlm(buildDesign(counts, { target: 'y', exclude: ['g'] }), {
      model: 'poisson',
      maxIterations: 1,
    });
    expect(results.converged).toBe(false);
    expect(results.warnings.join('\n')).toMatch(/did not converge in 1 iterations/);
  });

  test('predict gives the fitted counts on the design, exp(coefficient) is the factor per unit', () => {
    const design = buildDesign(counts, { target: 'y', exclude: ['g'] });
    const results = fitGlm(design, { model: 'nb' });
    const predicted = results.predict(design.x, design.rows);
    predicted.forEach((value, i) =>
      expect(relativeError(value, results.fittedValues[i] as number)).toBeLessThan(1e-12),
    );
    const x = results.coefficients[1];
    expect(x?.expEstimate).toBeCloseTo(Math.exp(x?.estimate as number), 14);
    expect(() => results.predict(new Float64Array(3), 2)).toThrow(/predict: X should hold 2×2 values/);
  });
});

describe('the normal distribution and digamma against R', () => {
  // R 4.2, print(..., digits = 17): qnorm(0.975), pnorm(-30), 2*pnorm(-1.96), digamma(0.5), trigamma(0.5),
  // digamma(1234.5).
  test.each([
    [normalUpperQuantile(0.025), 1.9599639845400536],
    [normalUpperTail(30), 4.9067139271481872e-198],
    [normalTwoSidedPValue(-1.96), 0.049995790296440856],
    [digamma(0.5), -1.9635100260214231],
    [trigamma(0.5), 4.934802200544679],
    [digamma(1234.5), 7.1180162318279976],
  ])("%p is R's %p", (actual, expected) => expect(relativeError(actual, expected)).toBeLessThan(2e-15));
  test('bad arguments', () => {
    expect(() => normalUpperQuantile(0.7)).toThrow(/normalUpperQuantile: the tail/);
    expect(() => normalUpperTail(NaN)).toThrow(/normalUpperTail: z is NaN/);
    expect(() => digamma(0)).toThrow(/digamma: x must be positive/);
    expect(normalUpperTail(-Infinity)).toBe(1);
  });
});
