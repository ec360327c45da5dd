import fc from 'fast-check';
import { skewness } from '../../../src/core/prepare/skewness';
import golden from '../../fixtures/pandas/skewness.json';

// Golden values from pandas' Series.skew(), made by test/fixtures/pandas/skewness.py.
describe('skewness matches pandas Series.skew()', () => {
  test('the fixture names its generator and has the cases the spec asks for', () => {
    expect(golden.generator).toMatch(/^skewness\.py with pandas /);
    expect(golden.cases.length).toBeGreaterThanOrEqual(10);
  });

  test.each(golden.cases)('$name', ({ values, pandas }) => {
    const result = skewness(values);
    if (pandas === null) expect(result).toBeNaN();
    else if (pandas === 0) expect(result).toBe(0);
    else expect(Math.abs(result - pandas)).toBeLessThanOrEqual(1e-12 * Math.abs(pandas));
  });

  // pandas zeroes sums of squared or cubed deviations below 1e-14 in absolute terms, so it calls any data with a
  // tiny spread unskewed. TikFit's skewness is scale-invariant instead; the fixture records both answers.
  test.each(golden.divergences)(
    '$name: scale-invariant, where pandas returns 0',
    ({ values, unscaled, pandas, pandasUnscaled }) => {
      expect(pandas).toBe(0);
      expect(pandasUnscaled).not.toBe(0);
      const result = skewness(values);
      expect(Math.abs(result - (pandasUnscaled as number))).toBeLessThanOrEqual(
        1e-12 * Math.abs(pandasUnscaled as number),
      );
      expect(Math.abs(result - skewness(unscaled))).toBeLessThanOrEqual(1e-12 * Math.abs(result));
    },
  );
});

describe('skewness', () => {
  test('the adjusted Fisher–Pearson formula on a small example', () => {
    // x = 1, 2, 10: mean 13/3, deviations −10/3, −7/3, 17/3; dividing by n, m2 = 146/9 and m3 = 1190/27;
    // G1 = √(n(n−1))/(n−2) · m3/m2^1.5 = √6 · m3/m2^1.5.
    const m2 = 146 / 9;
    const m3 = 1190 / 27;
    expect(skewness([1, 2, 10])).toBeCloseTo(Math.sqrt(6) * (m3 / Math.pow(m2, 1.5)), 14);
  });

  test('fewer than three values give NaN; a constant vector gives 0', () => {
    expect(skewness([])).toBeNaN();
    expect(skewness([1])).toBeNaN();
    expect(skewness([1, 2])).toBeNaN();
    expect(skewness([4, 4, 4])).toBe(0);
    expect(skewness([1e9 + 0.1, 1e9 + 0.1, 1e9 + 0.1, 1e9 + 0.1])).toBe(0);
  });

  test('accepts typed arrays', () => {
    expect(skewness(Float64Array.from([1, 2, 10]))).toBe(skewness([1, 2, 10]));
  });

  test('reflection flips the sign; a positive affine map changes nothing', () => {
    const vectors = fc
      .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 60 })
      .filter((v) => new Set(v).size > 1);
    fc.assert(
      fc.property(vectors, fc.integer({ min: 1, max: 50 }), fc.integer({ min: -500, max: 500 }), (v, scale, shift) => {
        const g = skewness(v);
        const tolerance = 1e-9 * Math.max(1, Math.abs(g));
        expect(Math.abs(skewness(v.map((x) => -x)) + g)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(skewness(v.map((x) => scale * x + shift)) - g)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
  });
});
