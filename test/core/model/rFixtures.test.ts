import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/cli/readCsv';
import { buildDesign } from '../../../src/core/model/design';
import { fitOls } from '../../../src/core/model/fitOls';
import type { OlsJson } from '../../../src/core/model/olsResults';
import { relativeError } from '../../helpers/digits';
import { projectRoot } from '../../helpers/shared';

// Source: R's lm(), confint(), logLik(), AIC(), BIC(), hand-written VIF and HC3 in base R, produced by
// test/fixtures/r/make_fixtures.R. Tolerance: 1e-9 relative for every statistic (the contract); p-values
// below 1e-12 are compared with 1e-9 · max(1, |t|·df/10), because a p-value's relative error is about df·|t| times
// the relative error of t (see the fixtures' README).
/** R's coefficient rows have the shape of `tikfit fit --json`'s. */
type RCoefficient = OlsJson['coefficients'][number];
interface RCase {
  name: string;
  csv: string;
  csvFromProjectRoot: boolean;
  target: string;
  intercept: boolean;
  logTarget: boolean;
  exclude: string[];
  level: number;
  expected: Record<string, number | null> & { coefficients: RCoefficient[] };
  robust?: { type: 'hc3'; stdError: number[]; tStat: number[]; pValue: number[]; ciLower: number[]; ciUpper: number[] };
}
const fixtureFolder = join(__dirname, '..', '..', 'fixtures', 'r');
const fixture = JSON.parse(readFileSync(join(fixtureFolder, 'lm-fixtures.json'), 'utf8')) as { cases: RCase[] };

function csvPath(c: RCase): string {
  return c.csvFromProjectRoot ? join(projectRoot, c.csv) : join(fixtureFolder, c.csv);
}

function expectClose(actual: number | null, expected: number | null, label: string, tolerance = 1e-9): void {
  if (expected === null) {
    expect({ label, actual }).toEqual({ label, actual: null });
    return;
  }
  expect({
    label,
    ok: actual !== null && relativeError(actual, expected) <= tolerance,
    actual,
    expected,
  }).toMatchObject({ label, ok: true });
}

describe.each(fixture.cases.map((c) => [c.name, c] as const))('R lm() fixture %s', (name, c) => {
  const available = existsSync(csvPath(c));
  if (!available)
    process.stderr.write(
      `NOTE: skipping R fixture "${name}": ${csvPath(c)} is absent (../shared is not beside this clone)\n`,
    );
  (available ? test : test.skip)('matches R to 1e-9 relative', () => {
    const design = buildDesign(readCsv(csvPath(c)), {
      target: c.target,
      intercept: c.intercept,
      logTarget: c.logTarget,
      exclude: c.exclude,
    });
    const results = fitOls(design, { level: c.level, robust: c.robust ? 'hc3' : 'classical' });
    const json = results.toJSON();
    const e = c.expected;
    expect(json.n).toBe(e.n);
    expect(json.rank).toBe(e.rank);
    expect(json.dfResidual).toBe(e.dfResidual);
    for (const key of [
      'rSquared',
      'adjRSquared',
      'residualStdError',
      'fStatistic',
      'logLikelihood',
      'aic',
      'bic',
    ] as const) {
      expectClose(json[key], e[key] as number | null, key);
    }
    expectClose(json.fPValue, e.fPValue as number | null, 'fPValue', (e.fPValue as number) < 1e-12 ? 1e-8 : 1e-9);
    expect(json.coefficients.map((k) => k.name)).toEqual(e.coefficients.map((k) => k.name));
    json.coefficients.forEach((actual, j) => {
      const expected = e.coefficients[j] as RCoefficient;
      expect(actual.aliased).toBe(expected.aliased);
      const tiny = expected.pValue !== null && expected.pValue < 1e-12;
      const pTolerance = tiny ? 1e-9 * Math.max(1, (Math.abs(expected.tStat as number) * json.dfResidual) / 10) : 1e-9;
      expectClose(actual.estimate, expected.estimate, `${actual.name} estimate`);
      expectClose(actual.vif, expected.vif, `${actual.name} vif`);
      if (c.robust) {
        expectClose(actual.stdError, c.robust.stdError[j] as number, `${actual.name} HC3 stdError`);
        expectClose(actual.tStat, c.robust.tStat[j] as number, `${actual.name} HC3 t`);
        expectClose(actual.pValue, c.robust.pValue[j] as number, `${actual.name} HC3 p`, pTolerance);
        expectClose(actual.ciLower, c.robust.ciLower[j] as number, `${actual.name} HC3 ciLower`);
        expectClose(actual.ciUpper, c.robust.ciUpper[j] as number, `${actual.name} HC3 ciUpper`);
      } else {
        expectClose(actual.stdError, expected.stdError, `${actual.name} stdError`);
        expectClose(actual.tStat, expected.tStat, `${actual.name} t`);
        expectClose(actual.pValue, expected.pValue, `${actual.name} p`, pTolerance);
        expectClose(actual.ciLower, expected.ciLower, `${actual.name} ciLower`);
        expectClose(actual.ciUpper, expected.ciUpper, `${actual.name} ciUpper`);
      }
    });
  });
});

test('the fixtures cover what the issue asks for', () => {
  const names = fixture.cases.map((c) => c.name);
  expect(names).toEqual(
    expect.arrayContaining(['numeric', 'factor', 'nointercept', 'aliased', 'tinyp', 'article', 'hc3']),
  );
  const tiny = fixture.cases.find((c) => c.name === 'tinyp') as RCase;
  expect(Math.min(...tiny.expected.coefficients.map((k) => k.pValue ?? 1))).toBeLessThan(1e-20);
  const aliased = fixture.cases.find((c) => c.name === 'aliased') as RCase;
  expect(aliased.expected.coefficients.some((k) => k.aliased)).toBe(true);
});
