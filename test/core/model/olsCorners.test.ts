import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/cli/readCsv';
import { buildDesign } from '../../../src/core/model/design';
import { fitOls } from '../../../src/core/model/fitOls';
import { isMissingText, isMissingValue } from '../../../src/core/cells/missingValue';
import { formatFitReport, formatPValue } from '../../../src/cli/formatReport';
import { relativeError } from '../../helpers/digits';

// Source: R 4.2's lm(), summary.lm, confint, logLik, lmtest::waldtest with sandwich::vcovHC(type = "HC3") and
// car::vif, produced by test/fixtures/r/ols_corners.R. Tolerance: 1e-9 relative (the R fixtures' contract); each
// test here failed before issue 13's fixes.
interface Coefficient {
  name: string;
  estimate: number | null;
  stdError: number | null;
  tStat: number | null;
  pValue: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  aliased: boolean;
}
interface Case {
  name: string;
  csv: string;
  target: string;
  intercept: boolean;
  robust?: 'hc3';
  wald?: { fStatistic: number; numDf: number; denDf: number; pValue: number };
  gvif?: { column: string; df: number; gvif: number; gvifScaled: number }[];
  dummyVif?: Record<string, number>;
  expected: Record<string, number | null> & { coefficients: Coefficient[]; rWarnings: string[] };
}
const folder = join(__dirname, '..', '..', 'fixtures', 'r');
const fixture = JSON.parse(readFileSync(join(folder, 'ols-corners.json'), 'utf8')) as { cases: Case[] };
const byName = (name: string): Case => fixture.cases.find((c) => c.name === name) as Case;
const fit = (c: Case) =>
  fitOls(buildDesign(readCsv(join(folder, c.csv)), { target: c.target, intercept: c.intercept }), {
    robust: c.robust ?? 'classical',
  });

function close(actual: number | null, expected: number | null, label: string): void {
  expect({
    label,
    ok: actual !== null && expected !== null && relativeError(actual, expected) <= 1e-9,
    actual,
    expected,
  }).toMatchObject({ label, ok: true });
}

describe("no intercept with a text column: every level, as R's y ~ f - 1", () => {
  test.each(['nointercept-toothgrowth', 'nointercept-warpbreaks'])('%s matches R to 1e-9', (name) => {
    const c = byName(name);
    const json = fit(c).toJSON();
    expect(json.coefficients.map((k) => k.name)).toEqual(c.expected.coefficients.map((k) => k.name));
    expect(json.rank).toBe(c.expected.rank);
    for (const key of [
      'rSquared',
      'adjRSquared',
      'residualStdError',
      'fStatistic',
      'fPValue',
      'logLikelihood',
      'aic',
      'bic',
    ] as const)
      close(json[key], c.expected[key] as number, key);
    json.coefficients.forEach((k, j) => {
      const e = c.expected.coefficients[j] as Coefficient;
      for (const key of ['estimate', 'stdError', 'tStat', 'pValue', 'ciLower', 'ciUpper'] as const)
        close(k[key], e[key], `${k.name} ${key}`);
    });
  });
  test("ToothGrowth: R² 0.9586 (0.9206 was the model without supp's first level)", () => {
    expect(fit(byName('nointercept-toothgrowth')).rSquared).toBeCloseTo(0.9586, 4);
    const design = buildDesign(readCsv(join(folder, 'toothgrowth.csv')), { target: 'len', intercept: false });
    expect(design.predictors.find((p) => p.name === 'supp')).toMatchObject({
      levels: ['OJ', 'VC'],
      terms: ['supp_OJ', 'supp_VC'],
    });
    expect(design.predictors.find((p) => p.name === 'supp')?.reference).toBeUndefined();
  });
  test('a chosen reference level is respected even without an intercept', () => {
    const design = buildDesign(readCsv(join(folder, 'toothgrowth.csv')), {
      target: 'len',
      intercept: false,
      referenceLevels: { supp: 'VC' },
    });
    expect(design.terms).toEqual(['supp_OJ', 'dose']);
  });
});

describe('an essentially perfect fit (y = 2x)', () => {
  test.each(['exact-fit', 'exact-fit-nointercept'])(
    "%s: R's warning, R's estimates, no t, p or F from rounding noise",
    (name) => {
      const c = byName(name);
      expect(c.expected.rWarnings).toEqual(['essentially perfect fit: summary may be unreliable']);
      const results = fit(c);
      const json = results.toJSON();
      // R's zero coefficients come out as rounding noise (about 1e-15); TikFit's refinement gives 0 or near it.
      json.coefficients.forEach((k, j) => {
        const e = (c.expected.coefficients[j] as Coefficient).estimate as number;
        if (Math.abs(e) < 1e-12) expect(Math.abs(k.estimate as number)).toBeLessThan(1e-12);
        else close(k.estimate, e, `${k.name} estimate`);
      });
      expect(json.coefficients.every((k) => k.tStat === null && k.pValue === null)).toBe(true);
      expect(json.fStatistic).toBeNull();
      expect(json.fPValue).toBeNull();
      expect(json.warnings.join('\n')).toMatch(/Essentially perfect fit/);
      const report = formatFitReport(results);
      expect(report).not.toMatch(/^(Intercept|x|z)\s.*\*/m);
      expect(report).not.toMatch(/F-statistic/);
    },
  );
  test('a near-perfect but genuine fit keeps its p-values', () => {
    const grid = [['y', 'x'], ...Array.from({ length: 20 }, (_, i) => [String(2 * i + 1e-6 * Math.sin(i)), String(i)])];
    const results = fitOls(buildDesign(grid, { target: 'y' }));
    expect(results.essentiallyPerfectFit).toBe(false);
    expect(results.coefficients[1]?.pValue).toBeGreaterThanOrEqual(0);
  });
});

describe('under HC3 the overall test is the HC3 Wald test (lmtest::waldtest)', () => {
  test.each(['hc3-wald', 'hc3-wald-nointercept'])('%s', (name) => {
    const c = byName(name);
    const results = fit(c);
    expect(results.fTest).toBe('hc3Wald');
    const wald = c.wald as NonNullable<Case['wald']>;
    close(results.fStatistic, wald.fStatistic, 'Wald F');
    close(results.fPValue, wald.pValue, 'Wald p');
    expect([results.fNumeratorDf, results.dfResidual]).toEqual([wald.numDf, wald.denDf]);
    expect(formatFitReport(results)).toMatch(/^Wald F-statistic \(HC3 covariance\): /m);
  });
  test('the classical F keeps its label and value', () => {
    const c = byName('hc3-wald');
    const results = fitOls(buildDesign(readCsv(join(folder, c.csv)), { target: c.target }));
    expect(results.fTest).toBe('classical');
    close(results.fStatistic, c.expected.fStatistic as number, 'F');
    expect(formatFitReport(results)).toMatch(/^F-statistic: /m);
  });
});

describe('rows are counted against terms after aliased terms are found', () => {
  test('3 rows, 4 terms, one aliased: rank 3 and 0 residual df, as R', () => {
    const c = byName('rows-aliased');
    const json = fit(c).toJSON();
    expect([json.rank, json.dfResidual]).toEqual([c.expected.rank, c.expected.dfResidual]);
    expect(json.coefficients.map((k) => k.aliased)).toEqual(c.expected.coefficients.map((k) => k.aliased));
    json.coefficients.forEach((k, j) => {
      const e = c.expected.coefficients[j] as Coefficient;
      if (e.estimate === null) expect(k.estimate).toBeNull();
      else close(k.estimate, e.estimate, `${k.name} estimate`);
    });
  });
  test('terms beyond the rows are still refused', () => {
    expect(() =>
      fitOls(
        buildDesign(
          [
            ['y', 'a', 'b'],
            ['1', '2', '3'],
            ['2', '3', '7'],
          ],
          { target: 'y' },
        ),
      ),
    ).toThrow(/2 rows cannot estimate 3 parameters/);
  });
});

describe('GVIF per text column (car::vif) instead of per-dummy VIF warnings', () => {
  const c = byName('gvif-tiny-reference');
  const results = fit(c);
  test('GVIF and GVIF^(1/(2·Df)) match car::vif to 1e-9; dummy VIFs match R', () => {
    const gvif = c.gvif as NonNullable<Case['gvif']>;
    expect(results.generalizedVif.map((g) => [g.column, g.df])).toEqual(gvif.map((g) => [g.column, g.df]));
    results.generalizedVif.forEach((g, i) => {
      close(g.gvif, (gvif[i] as { gvif: number }).gvif, `${g.column} GVIF`);
      close(g.gvifScaled, (gvif[i] as { gvifScaled: number }).gvifScaled, `${g.column} GVIF^(1/(2Df))`);
    });
    for (const k of results.coefficients.slice(1))
      close(k.vif, (c.dummyVif as Record<string, number>)[k.name] as number, `${k.name} VIF`);
  });
  test('a dummy VIF over 10 from a tiny reference level is no instability warning; the tiny level is named', () => {
    expect(Math.max(...results.coefficients.slice(1).map((k) => k.vif))).toBeGreaterThan(10);
    const warnings = results.warnings.join('\n');
    expect(warnings).not.toMatch(/High variance inflation/);
    expect(warnings).toMatch(/"topic": its reference level "art" has only 3 of 120 rows/);
    expect(results.toJSON().gvif.find((g) => g.column === 'topic')).toMatchObject({ df: 3 });
    expect(formatFitReport(results)).toMatch(
      /Variance inflation of text columns \(GVIF, as car::vif\): topic 1\.04 \(3 df; GVIF\^\(1\/\(2·Df\)\) 1\.01\)/,
    );
  });
  test('no GVIF without an intercept', () => {
    expect(fit(byName('nointercept-warpbreaks')).generalizedVif).toEqual([]);
  });
});

describe('a p-value that underflows is printed as < 1e-300, never 0', () => {
  test('formatPValue', () => {
    expect(formatPValue(0)).toBe('< 1e-300');
    expect(formatPValue(5e-324)).toBe('< 1e-300');
    expect(formatPValue(2e-300)).toBe('2.00e-300');
    expect(formatPValue(NaN)).toBe('NA');
  });
  test('a fit with t near 1e9: the report says < 1e-300, the JSON keeps the number', () => {
    // R's 2 * pt(-t, 48) is 0 here too: the p-value is below the smallest double.
    const grid = [
      ['y', 'x'],
      ...Array.from({ length: 50 }, (_, i) => [String(3 * i + 1e-7 * ((i * 7919) % 13)), String(i)]),
    ];
    const results = fitOls(buildDesign(grid, { target: 'y' }));
    expect(results.coefficients[1]?.pValue).toBe(0);
    expect(results.toJSON().coefficients[1]?.pValue).toBe(0);
    expect(formatFitReport(results)).toMatch(/^x\s+3\s+\S+\s+\S+\s+< 1e-300\s+\*\*\*/m);
  });
});

describe('in a text column only blank, NA and N/A are missing', () => {
  test.each(['none', 'None', '-', 'null', 'NULL', 'nan', 'NaN'])(
    '"%s" is a level in text, missing among numbers',
    (token) => {
      expect(isMissingText(token)).toBe(false);
      expect(isMissingValue(token)).toBe(true);
    },
  );
  test.each(['', '  ', 'NA', 'n/a', ' N/A ', null, undefined, NaN])('%p is missing in both', (cell) => {
    expect(isMissingText(cell)).toBe(true);
    expect(isMissingValue(cell)).toBe(true);
  });
  test('a category called none, -, null or nan is a level of the design; NA rows are left out', () => {
    const grid = [
      ['y', 'x', 'sound'],
      ['1', '1', 'none'],
      ['2', '2', 'trending'],
      ['4', '3', '-'],
      ['3', '4', 'null'],
      ['6', '5', 'nan'],
      ['5', '6', 'NA'],
      ['7', '7', 'trending'],
      ['8', '8', 'none'],
    ];
    const design = buildDesign(grid, { target: 'y' });
    expect(design.predictors.find((p) => p.name === 'sound')?.levels).toEqual(['-', 'nan', 'none', 'null', 'trending']);
    expect(design.rows).toBe(7);
    expect(design.rowsDropped).toBe(1);
  });
  test('a number column keeps its behaviour: "none" and "-" among numbers are missing', () => {
    const grid = [
      ['y', 'x'],
      ['1', '1'],
      ['2', 'none'],
      ['4', '3'],
      ['3', '-'],
      ['6', '5'],
      ['5', '6'],
    ];
    const design = buildDesign(grid, { target: 'y' });
    expect(design.predictors[0]?.kind).toBe('numeric');
    expect(design.rows).toBe(4);
  });
  test('a text column whose only values are such tokens is a (single-level) text column, not an empty one', () => {
    const design = buildDesign(
      [
        ['y', 'x', 'g'],
        ['1', '1', 'none'],
        ['2', '3', ''],
        ['4', '4', 'none'],
      ],
      { target: 'y' },
    );
    expect(design.rows).toBe(2);
    expect(design.warnings.join()).toMatch(/"g" has a single level \("none"\)/);
  });
});
