import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relativeError } from '../helpers/digits';
import { projectRoot } from '../helpers/shared';

// `tikfit fit --model ols|poisson|nb` through the built bundle (dist/cli.js), as users run it. Reference values:
// R's glm(family = poisson) and MASS::glm.nb on MASS's epil (test/fixtures/r/glm_fixtures.R), to 1e-7 relative.
const cli = join(projectRoot, 'dist', 'cli.js');
const epil = join(projectRoot, 'test', 'fixtures', 'r', 'epil.csv');
const fixture = JSON.parse(readFileSync(join(projectRoot, 'test', 'fixtures', 'r', 'glm-fixtures.json'), 'utf8')) as {
  cases: {
    name: string;
    expected: Record<
      'poisson' | 'nb',
      {
        deviance: number;
        nullDeviance: number;
        aic: number;
        theta?: number;
        coefficients: { name: string; estimate: number; stdError: number }[];
      }
    >;
  }[];
};
const rEpil = fixture.cases.find((c) => c.name === 'epil')?.expected as (typeof fixture.cases)[number]['expected'];

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tikfit fit --model', () => {
  test.each(['poisson', 'nb'] as const)(
    "--model %s --json: one object with the count model's keys and R's numbers",
    (model) => {
      const { code, stdout, stderr } = run('fit', epil, '--target', 'y', '--model', model, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      for (const key of [
        'model',
        'theta',
        'deviance',
        'nullDeviance',
        'aic',
        'bic',
        'logLikelihood',
        'iterations',
        'converged',
        'coefficients',
        'warnings',
        'timingsMs',
      ])
        expect(json).toHaveProperty(key);
      expect(json.model).toBe(model);
      expect(Object.keys(json.coefficients[0])).toEqual([
        'name',
        'estimate',
        'stdError',
        'zStat',
        'pValue',
        'ciLower',
        'ciUpper',
        'expEstimate',
        'expCiLower',
        'expCiUpper',
        'aliased',
      ]);
      const r = rEpil[model];
      for (const key of ['deviance', 'nullDeviance', 'aic'] as const)
        expect(relativeError(json[key], r[key])).toBeLessThan(1e-7);
      if (model === 'nb') expect(relativeError(json.theta, r.theta as number)).toBeLessThan(1e-7);
      else expect(json.theta).toBeNull();
      json.coefficients.forEach(
        (k: { name: string; estimate: number; stdError: number; expEstimate: number }, j: number) => {
          expect(k.name).toBe(r.coefficients[j]?.name);
          expect(relativeError(k.estimate, r.coefficients[j]?.estimate as number)).toBeLessThan(1e-7);
          expect(relativeError(k.stdError, r.coefficients[j]?.stdError as number)).toBeLessThan(1e-7);
          expect(k.expEstimate).toBeCloseTo(Math.exp(k.estimate), 12);
        },
      );
    },
  );

  test('the report reads like summary(glm.nb)', () => {
    const { code, stdout } = run('fit', epil, '--target', 'y', '--model', 'nb');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Negative binomial regression of y \(log link\)/);
    expect(stdout).toMatch(/Estimate\s+Std\. Error\s+z value\s+Pr\(>\|z\|\)\s+exp\(Estimate\)\s+95% CI low\s+CI high/);
    expect(stdout).toMatch(/^base\s+0\.02682\s+0\.001752\s+15\.3\s+\S+\s+\*\*\*\s+1\.027/m);
    expect(stdout).toMatch(/^Residual deviance: 265\.416 on 231 degrees of freedom/m);
    expect(stdout).toMatch(/^Theta: 2\.43094/m);
  });

  test('least squares stays the default, and says so in the JSON', () => {
    const json = JSON.parse(run('fit', epil, '--target', 'y', '--json').stdout);
    expect(json.model).toBe('ols');
    expect(json).toHaveProperty('rSquared');
  });

  test.each([
    [['--model', 'logit'], /--model takes ols or poisson or nb, got "logit"/],
    [
      ['--model', 'nb', '--log-target'],
      /--log-target is for least squares: a negative binomial model explains the counts themselves/,
    ],
    [
      ['--model', 'poisson', '--robust', 'hc3'],
      /--robust hc3 is for least squares; a Poisson model reports Wald standard errors/,
    ],
  ])('refused in one line: %p', (extra, message) => {
    const { code, stdout, stderr } = run('fit', epil, '--target', 'y', ...extra);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  test('a negative target is refused for a count model', () => {
    const { code, stderr } = run(
      'fit',
      join(projectRoot, 'test', 'fixtures', 'r', 'nointercept.csv'),
      '--target',
      'x2',
      '--model',
      'poisson',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/a count model needs counts, but "x2" has -?\d/);
  });
});
