import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relativeError } from '../helpers/digits';
import { describeWithShared, projectRoot, sharedRoot } from '../helpers/shared';

// `tikfit run --model poisson|nb` (issue 13): the recipe with a count model, through the built bundle. The article's
// raw export against MASS::glm.nb on the same design, prepared by R from the raw file (test/fixtures/r/
// recipe_nb_article.R writes recipe-nb-article.json); a creator log for the rest.
const cli = join(projectRoot, 'dist', 'cli.js');
const EXPORT = 'data/tiktok/tik-tok-analytics-2022-unprocessed.csv';
const creatorLog = join(projectRoot, 'test', 'fixtures', 'creators', 'checkboxes-dates.csv');

interface Coefficient {
  name: string;
  estimate: number;
  stdError: number;
  zStat: number;
  pValue: number;
  expEstimate: number;
  expCiLower: number;
  expCiUpper: number;
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runJson(...args: string[]): ReturnType<typeof JSON.parse> {
  const { code, stdout, stderr } = run(...args, '--json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describeWithShared(EXPORT)("tikfit run --model nb on the article's raw export", () => {
  const r = JSON.parse(readFileSync(join(projectRoot, 'test', 'fixtures', 'r', 'recipe-nb-article.json'), 'utf8')) as {
    n: number;
    zeros: number;
    imputedWatched: number;
    theta: number;
    deviance: number;
    nullDeviance: number;
    aic: number;
    coefficients: Coefficient[];
  };
  const file = join(sharedRoot, EXPORT);

  test('fits all 119 rows with the 105 zeros of newFollowers as zeros, and matches MASS::glm.nb', () => {
    const json = runJson('run', file, '--recipe', 'article', '--model', 'nb', '--test-fraction', '0');
    expect(json.rows).toMatchObject({ modeled: r.n, train: r.n, test: 0 });
    // Only watchedFullVideo was filled in: the target's zeros are data under a count model.
    expect(json.imputed).toEqual({ watchedFullVideo: r.imputedWatched });
    expect(r.zeros).toBe(105);
    expect(json.logTransformed).not.toContain('newFollowers');
    expect(json.model.model).toBe('nb');
    // θ: R itself stops at theta.ml's iteration limit (θ ≈ 7,647, SE ≈ 96,000: the counts are nearly Poisson), and
    // so does TikFit, with its warning; measured 7.4 digits, held to 1e-6. The rest measured 10.4 digits or more.
    expect(relativeError(json.model.theta, r.theta)).toBeLessThan(1e-6);
    expect(json.warnings.some((w: string) => w.includes('θ did not settle'))).toBe(true);
    for (const key of ['deviance', 'nullDeviance', 'aic'] as const)
      expect(relativeError(json.model[key], r[key])).toBeLessThan(1e-7);
    expect(json.model.coefficients.map((c: Coefficient) => c.name.replace(/ \[.*\]$/, ''))).toEqual(
      r.coefficients.map((c) => c.name),
    );
    r.coefficients.forEach((expected, k) => {
      const got = json.model.coefficients[k] as Coefficient;
      // subject_data analytics diverges (no follower in its rows; TikFit warns): R's value is where IRLS stopped, and
      // TikFit stops at the same place.
      for (const key of ['estimate', 'stdError', 'zStat', 'pValue', 'expEstimate', 'expCiLower', 'expCiUpper'] as const)
        expect(relativeError(got[key], expected[key])).toBeLessThan(1e-7);
    });
  });

  test('the default model is unchanged: 119 rows, 44 + 105 imputed, 7 excluded, 16 terms', () => {
    const json = runJson('run', file, '--recipe', 'article', '--test-fraction', '0');
    expect(json.model.model).toBe('ols');
    expect(json.rows.modeled).toBe(119);
    expect(json.imputed).toEqual({ watchedFullVideo: 44, newFollowers: 105 });
    expect(json.excluded).toHaveLength(7);
    expect(json.model.coefficients).toHaveLength(16);
  });
});

describe('tikfit run --model on a creator log', () => {
  test.each(['poisson', 'nb'] as const)(
    '--model %s: the count model, its error in counts, findings with intervals',
    (model) => {
      const json = runJson('run', creatorLog, '--model', model);
      expect(json.model.model).toBe(model);
      for (const key of ['theta', 'deviance', 'nullDeviance']) expect(json.model).toHaveProperty(key);
      for (const key of ['zStat', 'expEstimate', 'expCiLower', 'expCiUpper'])
        expect(json.model.coefficients[1]).toHaveProperty(key);
      if (model === 'nb') expect(json.model.theta).toBeGreaterThan(0);
      else expect(json.model.theta).toBeNull();
      expect(json.evaluation.testRmseLog).toBeNull();
      expect(json.evaluation.testRmseFollowers).toBeGreaterThan(0);
      expect(json.evaluation.cvRmseLog.mean).toBeNull();
      expect(json.evaluation.cvRmseFollowers.folds).toBe(5);
      expect(json.evaluation.cvRmseFollowers.mean).toBeGreaterThan(0);
      expect(json.steps.find((s: { step: string }) => s.step === 'transform').target).toBe('Fans gained');
      expect(json.findings.length).toBeGreaterThan(0);
      for (const finding of json.findings) expect(finding).toMatch(/\(95% CI .+; p [<=] /);
      // exp(estimate) and its interval are those of the coefficient table.
      for (const c of json.model.coefficients as Coefficient[]) {
        expect(relativeError(c.expEstimate, Math.exp(c.estimate))).toBeLessThan(1e-12);
        expect(c.expCiLower).toBeLessThanOrEqual(c.expEstimate);
        expect(c.expCiUpper).toBeGreaterThanOrEqual(c.expEstimate);
      }
    },
  );

  test('the report names the model, the deviance and the error in counts; --help lists --model', () => {
    const { code, stdout } = run('run', creatorLog, '--model', 'nb');
    expect(code).toBe(0);
    expect(stdout).toMatch(/The model: negative binomial \(θ [\d.,]+\), log link, of Fans gained as counts/);
    expect(stdout).toMatch(/Cross-validation \(5 folds\): RMSE [\d.,]+ ± [\d.,]+ Fans gained \(expected counts\)/);
    expect(stdout).toContain('z value');
    expect(stdout).toContain('exp(Estimate)');
    expect(run('run', '--help').stdout).toMatch(/--model/);
  });

  test('a negative target is refused under a count model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tikfit-counts-'));
    try {
      const file = join(dir, 'negative.csv');
      const rows = Array.from({ length: 30 }, (_, i) => `${i * 10},${(i % 7) - 2}`);
      writeFileSync(file, ['views,newFollowers', ...rows].join('\n') + '\n');
      const { code, stderr } = run('run', file, '--target', 'newFollowers', '--model', 'nb');
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/negative value \(-[12]\); a count model needs counts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
