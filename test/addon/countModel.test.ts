import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readCsv } from '../../src/cli/readCsv';
import type { ModelReport, ProfileReport } from '../../src/addon/api';
import { GLM_COEFFICIENT_HEADER, type GlmJson } from '../../src/core/model/glmResults';
import { loadAddonWithFake } from '../helpers/addonVm';
import { creatorsFolder } from '../helpers/creators';
import { projectRoot } from '../helpers/shared';

// Issue 13: the add-on fits a count model when the sidebar sends model: 'nb', and its results sheet holds the same
// numbers as tikfit run --model nb --json on the same file (same seed and split).

const FILE = 'youtube-shorts.csv';
const cli = join(projectRoot, 'dist', 'cli.js');

/** What `tikfit run --model nb --json` prints: the recipe's JSON, whose model is the count model's. */
function cliJson(): { model: GlmJson } {
  const result = spawnSync(process.execPath, [cli, 'run', join(creatorsFolder, FILE), '--model', 'nb', '--json'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe.each(['runRecipe', 'runModel'] as const)('%s with { model: "nb" } on a creator log', (step) => {
  const loaded = loadAddonWithFake();
  loaded.fake.setSheetValues('Sheet1', readCsv(join(creatorsFolder, FILE)) as never, { parse: true });
  const report = loaded.call<ModelReport>(step, { model: 'nb' });
  const expected = cliJson();
  const values = loaded.fake.getSheetGrid('TikFit Results').values;
  const header = values.findIndex((row) => row[0] === 'Term' && row[3] === 'z');

  test('the results sheet has z and exp columns', () => {
    expect(header).toBeGreaterThan(0);
    expect(values[header]?.slice(0, 10)).toEqual(GLM_COEFFICIENT_HEADER);
    expect(GLM_COEFFICIENT_HEADER.slice(3, 4).concat(GLM_COEFFICIENT_HEADER.slice(7))).toEqual([
      'z',
      'exp(Estimate)',
      'exp CI low',
      'exp CI high',
    ]);
    expect(report.summary.model).toBe('nb');
    expect(report.rSquared).toBeNull();
  });

  test('its numbers equal tikfit run --model nb --json', () => {
    const coefficients = expected.model.coefficients;
    expect(coefficients.length).toBeGreaterThan(2);
    coefficients.forEach((c, i) => {
      const row = values[header + 1 + i] as unknown[];
      expect(row[0]).toBe(c.name);
      const cells = [c.estimate, c.stdError, c.zStat, c.pValue, c.ciLower, c.ciUpper];
      const exp = [c.expEstimate, c.expCiLower, c.expCiUpper];
      [...cells, ...exp].forEach((v, k) => expect(row[1 + k]).toBe(v ?? ''));
    });
    const label = (text: string): unknown[] => values.find((row) => row[0] === text) as unknown[];
    expect(label('θ (dispersion)')[1]).toBe(expected.model.theta);
    expect(label('Deviance')[1]).toBe(expected.model.deviance);
    expect(label('Null deviance')[1]).toBe(expected.model.nullDeviance);
    expect(label('AIC')[1]).toBe(expected.model.aic);
  });

  test("a residual chart as R's plot() of a glm: deviance residuals against the log of the expected count", () => {
    const charts = loaded.fake.getCharts('TikFit Results');
    expect(charts.map((c) => c.chartType)).toEqual(['LINE', 'SCATTER']);
    const chart = charts[1] as (typeof charts)[number];
    expect(chart.options.title).toBe('Deviance residuals vs fitted (log of the expected count)');
    expect(values.some((row) => row[0] === 'Residual chart')).toBe(false);
    // Its data: two columns right of the coefficient chart's (R–S for a count model's A–J table), header first.
    expect(chart.ranges).toHaveLength(1);
    const match = /^TikFit Results!R1:S(\d+)$/.exec(chart.ranges[0] as string);
    expect(match).not.toBeNull();
    expect(values[0]?.slice(17, 19)).toEqual(['log expected count', 'Deviance residual']);
    const points = values.slice(1, Number(match?.[1])).map((row) => row.slice(17, 19) as number[]);
    // Every training row (this log is far below the 2,000-point cap), and the residuals are the deviance's: their
    // squares add up to the deviance the sheet reports, and each has the sign of y − μ (so not all the same).
    expect(points).toHaveLength(expected.model.n);
    const sumOfSquares = points.reduce((sum, [, r]) => sum + (r as number) ** 2, 0);
    expect(
      Math.abs(sumOfSquares - (expected.model.deviance as number)) / (expected.model.deviance as number),
    ).toBeLessThan(1e-12);
    expect(points.some(([, r]) => (r as number) > 0) && points.some(([, r]) => (r as number) < 0)).toBe(true);
    // The fitted values are log expected counts: e^η is a count of the size the target has.
    expect(points.every(([eta]) => Number.isFinite(eta) && Math.exp(eta as number) < 1e7)).toBe(true);
  });
});

describe('an exposure (offset) in the add-on', () => {
  const insurance = join(projectRoot, 'test', 'fixtures', 'r', 'insurance.csv');
  const options = { target: 'Claims', model: 'poisson', offset: 'Holders' } as const;

  test("Run all with { offset: 'Holders' } writes what tikfit run --offset Holders --json gives", () => {
    const loaded = loadAddonWithFake();
    loaded.fake.setSheetValues('Sheet1', readCsv(insurance) as never, { parse: true });
    loaded.call<ModelReport>('runRecipe', options);
    const args = ['run', insurance, '--target', 'Claims', '--model', 'poisson', '--offset', 'Holders', '--json'];
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const expected = JSON.parse(result.stdout) as { model: GlmJson };
    const values = loaded.fake.getSheetGrid('TikFit Results').values;
    const label = (text: string): unknown[] => values.find((row) => row[0] === text) as unknown[];
    expect(label('Deviance')[1]).toBe(expected.model.deviance);
    expect(label('AIC')[1]).toBe(expected.model.aic);
    const header = values.findIndex((row) => row[0] === 'Term' && row[3] === 'z');
    expected.model.coefficients.forEach((c, i) => {
      expect(values[header + 1 + i]?.slice(0, 2)).toEqual([c.name, c.estimate]);
    });
    expect(label('Holders')[1]).toBe('the exposure: log(Holders) is the offset, not a predictor');
    expect(label('Model')[1]).toBe('Poisson (log link), offset log(Holders): Claims per Holders');
    expect(values.some((row) => row[0] === '  Exposure' && row[1] === 'Holders')).toBe(true);
  });

  test('least squares with an exposure is refused in one line; a saved exposure the sheet lacks is dropped with a note', () => {
    const loaded = loadAddonWithFake();
    loaded.fake.setSheetValues('Sheet1', readCsv(insurance) as never, { parse: true });
    expect(() => loaded.call<ModelReport>('runRecipe', { ...options, model: 'ols' })).toThrow(
      /^An exposure \("Holders"\) is for a count model \(Poisson or negative binomial\); with least squares leave the exposure empty, or explain a rate instead$/,
    );
    loaded.call('saveSettings', { ...options, offset: 'Policies' });
    const profile = loaded.call<ProfileReport>('getProfile');
    expect(profile.notes).toContain(
      'The saved setting "Exposure" named "Policies", which is not a column of this sheet; it was dropped',
    );
    expect(profile.settings.offset).toBeUndefined();
  });
});

describe('the profile marks counts with many zeros', () => {
  test('whole numbers of 0 or more, at least 30% zeros: true; a fractional, negative or rarely-zero column: false', () => {
    const loaded = loadAddonWithFake();
    const grid: unknown[][] = [['views', 'share', 'change', 'fans']];
    for (let i = 0; i < 20; i++) grid.push([100 + i * 7, i === 3 ? 0 : i / 7, i < 10 ? -i : 0, i % 3 === 0 ? 0 : i]);
    loaded.fake.setSheetValues('Sheet1', grid as never, { parse: true });
    const profile = loaded.call<ProfileReport>('getProfile');
    const flags = Object.fromEntries(profile.columns.map((c) => [c.name, c.manyZeroCounts]));
    expect(flags).toEqual({ views: false, share: false, change: false, fans: true });
  });
});
