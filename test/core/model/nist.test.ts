import { parseCsvText } from '../../../src/core/io/csv';
import { buildDesign } from '../../../src/core/model/design';
import { fitOls } from '../../../src/core/model/fitOls';
import { correctDigits } from '../../helpers/digits';
import { loadNist, nistCsv } from '../../helpers/nist';
import { describeWithShared } from '../../helpers/shared';

// Source: NIST StRD certified values (../shared/data/nist/certified.json). Tolerance, as log relative error
// (correct significant digits): the issue requires 7 for coefficients and 6 for standard errors, aiming at 9.
// We require 9 and 9 everywhere except Filip, whose powers x¹…x¹⁰ are rounded to doubles before fitting: an exact
// rational solve of those rounded inputs agrees with the certified values to only 7.6 digits, so no method can do
// better than about that there. Filip must reach 7.5 (coefficients) and 7 (standard errors). Wampler 1–2 are exact
// fits with certified standard errors of 0: ours must be below 1e-12 relative to the coefficients.
describeWithShared('data/nist/certified.json')('NIST StRD linear regression', () => {
  const datasets = loadNist();
  test('all eleven datasets are there', () => {
    expect(datasets.map((d) => d.name).sort()).toEqual(
      [
        'Filip',
        'Longley',
        'NoInt1',
        'NoInt2',
        'Norris',
        'Pontius',
        'Wampler1',
        'Wampler2',
        'Wampler3',
        'Wampler4',
        'Wampler5',
      ].sort(),
    );
  });
  test.each(datasets.map((d) => [d.name, d] as const))('%s', (name, d) => {
    const design = buildDesign(parseCsvText(nistCsv(d)), { target: 'y', intercept: d.intercept });
    const results = fitOls(design);
    expect(results.rank).toBe(d.nParams);
    expect(results.coefficients.some((c) => c.aliased)).toBe(false);
    const coefficientFloor = name === 'Filip' ? 7.5 : 9;
    const errorFloor = name === 'Filip' ? 7 : 9;
    results.coefficients.forEach((c, j) => {
      expect(correctDigits(c.estimate, d.coefficients[j] as number)).toBeGreaterThanOrEqual(coefficientFloor);
      const certified = d.stderrs[j] as number;
      if (certified === 0) {
        expect(c.stdError).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.estimate)));
      } else {
        expect(correctDigits(c.stdError, certified)).toBeGreaterThanOrEqual(errorFloor);
      }
    });
    if (d.residualSD === 0) {
      expect(results.residualStdError).toBeLessThan(1e-12);
    } else {
      expect(correctDigits(results.residualStdError, d.residualSD)).toBeGreaterThanOrEqual(errorFloor);
    }
    expect(correctDigits(results.rSquared, d.rSquared)).toBeGreaterThanOrEqual(errorFloor);
  });
});
