import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/cli/readCsv';
import { buildDesign } from '../../../src/core/model/design';
import { fitOls } from '../../../src/core/model/fitOls';
import { correctDigits } from '../../helpers/digits';

// Source: exact rational least-squares solutions for the doubles as written (test/fixtures/exact/make_exact.py,
// Python fractions). These are the kinds of held-out problems: a predictor near 1e9 with a small spread,
// near-collinear columns (down to 2e-9 of a column unexplained), mixed scales, polynomials with and without an
// intercept, an exact fit, and y near 1e8. Tolerance: 11 correct digits for coefficients, 10 for standard errors,
// σ̂ and R² (the issue requires 7 and 6). big-offset's σ̂ cannot be closer than 3.6e-14 relative with coefficients
// stored as doubles (see the fixture README), which 10 digits allows.
interface ExactCase {
  name: string;
  csv: string;
  intercept: boolean;
  coefficients: number[];
  stdErrors: number[];
  residualStdError: number;
  rSquared: number;
}
const folder = join(__dirname, '..', '..', 'fixtures', 'exact');
const cases = JSON.parse(readFileSync(join(folder, 'exact-fixtures.json'), 'utf8')) as ExactCase[];

test('the held-out kinds of problem are all here', () => {
  expect(cases.map((c) => c.name)).toEqual(
    expect.arrayContaining([
      'big-offset',
      'near-collinear',
      'near-collinear-2',
      'mixed-scales',
      'poly-nointercept',
      'poly-intercept-deg8',
      'exact-fit',
      'wide-range-y',
    ]),
  );
});

test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const results = fitOls(buildDesign(readCsv(join(folder, c.csv)), { target: 'y', intercept: c.intercept }));
  expect(results.rank).toBe(c.coefficients.length);
  results.coefficients.forEach((coefficient, j) => {
    expect({
      term: coefficient.name,
      digits: correctDigits(coefficient.estimate, c.coefficients[j] as number) >= 11,
    }).toEqual({ term: coefficient.name, digits: true });
    const se = c.stdErrors[j] as number;
    if (se === 0) expect(coefficient.stdError).toBeLessThan(1e-12 * Math.max(1, Math.abs(coefficient.estimate)));
    else
      expect({ term: coefficient.name, digits: correctDigits(coefficient.stdError, se) >= 10 }).toEqual({
        term: coefficient.name,
        digits: true,
      });
  });
  if (c.residualStdError === 0) expect(results.residualStdError).toBeLessThan(1e-12);
  else expect(correctDigits(results.residualStdError, c.residualStdError)).toBeGreaterThanOrEqual(10);
  expect(correctDigits(results.rSquared, c.rSquared)).toBeGreaterThanOrEqual(10);
});
