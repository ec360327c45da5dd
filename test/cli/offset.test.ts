import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlmJson } from '../../src/core/model/glmResults';
import type { RecipeJson } from '../../src/core/pipeline/runRecipe';
import { relativeError } from '../helpers/digits';
import { projectRoot } from '../helpers/shared';

// `tikfit fit|run --offset <column>`: a count model with log(column) as its offset, through the built bundle.
// Reference values: R 4.2's glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson) and
// MASS::glm.nb of the same on MASS's Insurance (test/fixtures/r/glm_fixtures.R, case "insurance"), to 1e-7 relative.
const cli = join(projectRoot, 'dist', 'cli.js');
const fixtures = join(projectRoot, 'test', 'fixtures', 'r');
const insurance = join(fixtures, 'insurance.csv');

interface RFit {
  deviance: number;
  nullDeviance: number;
  aic: number;
  logLikelihood: number;
  theta?: number;
  coefficients: { name: string; estimate: number; stdError: number }[];
}
const fixture = JSON.parse(readFileSync(join(fixtures, 'glm-fixtures.json'), 'utf8')) as {
  cases: { name: string; offsetLog: string | null; expected: Record<'poisson' | 'nb', RFit> }[];
};
const rInsurance = fixture.cases.find((c) => c.name === 'insurance');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tikfit <command> insurance.csv --target Claims --model <model> --offset Holders --json …`, checked and parsed. */
function insuranceJson(command: 'fit' | 'run', model: string, ...extra: string[]): unknown {
  const args = [command, insurance, '--target', 'Claims', '--model', model, '--offset', 'Holders', '--json', ...extra];
  const { code, stdout, stderr } = run(...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

/** Insurance with one Holders cell replaced (row is the sheet row: the header is row 1). */
function insuranceWith(row: number, holders: string): string {
  const lines = readFileSync(insurance, 'utf8').trimEnd().split('\n');
  const cells = (lines[row - 1] as string).split(',');
  cells[cells.length - 1] = holders;
  lines[row - 1] = cells.join(',');
  const file = join(mkdtempSync(join(tmpdir(), 'tikfit-offset-')), 'insurance.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function expectR(json: GlmJson, r: RFit): void {
  for (const key of ['deviance', 'nullDeviance', 'aic', 'logLikelihood'] as const)
    expect(relativeError(json[key] as number, r[key])).toBeLessThan(1e-7);
  // Insurance shows no overdispersion: R's θ (≈ 4.5e5) is the last of theta.ml's Newton steps at their limit, noise of
  // a diverging sequence, held to 1e-5 as in test/core/model/glmFixtures.test.ts; everything else to 1e-7.
  if (r.theta !== undefined) expect(relativeError(json.theta as number, r.theta)).toBeLessThan(1e-5);
  if (r.theta !== undefined) expect(json.warnings.join('\n')).toMatch(/θ did not settle/);
  expect(json.coefficients.map((c) => c.name).sort()).toEqual(r.coefficients.map((c) => c.name).sort());
  for (const c of r.coefficients) {
    const ours = json.coefficients.find((k) => k.name === c.name);
    expect({ name: c.name, estimate: relativeError(ours?.estimate as number, c.estimate) < 1e-7 }).toEqual({
      name: c.name,
      estimate: true,
    });
    expect({ name: c.name, stdError: relativeError(ours?.stdError as number, c.stdError) < 1e-7 }).toEqual({
      name: c.name,
      stdError: true,
    });
  }
}

describe('--offset <column>: log(column) as the offset of a count model', () => {
  test('the fixture is the one with offset(log(Holders))', () => {
    expect(rInsurance?.offsetLog).toBe('Holders');
  });

  test.each(['poisson', 'nb'] as const)("tikfit fit --model %s --offset Holders --json: R's numbers", (model) => {
    const json = insuranceJson('fit', model) as GlmJson & { offset: string };
    expect(json.offset).toBe('Holders');
    expectR(json, rInsurance?.expected[model] as RFit);
  });

  test.each(['poisson', 'nb'] as const)(
    "tikfit run --model %s --offset Holders on every row: R's numbers, Holders not a predictor",
    (model) => {
      const json = insuranceJson('run', model, '--test-fraction', '0', '--folds', '0') as RecipeJson;
      expect(json.offset).toBe('Holders');
      expect(json.leftOut).toContainEqual(expect.objectContaining({ column: 'Holders', reason: 'exposure' }));
      expect(json.model.model).toBe(model);
      expectR(json.model as GlmJson, rInsurance?.expected[model] as RFit);
    },
  );

  test('the offset changes the fit (without it the model is another one)', () => {
    const without = JSON.parse(
      run('fit', insurance, '--target', 'Claims', '--model', 'poisson', '--exclude', 'Holders', '--json').stdout,
    );
    expect(relativeError(without.deviance, rInsurance?.expected.poisson.deviance as number)).toBeGreaterThan(0.01);
  });

  test('the report names the offset', () => {
    const fit = run('fit', insurance, '--target', 'Claims', '--model', 'poisson', '--offset', 'Holders');
    expect(fit.stdout).toMatch(/^Offset: log\(Holders\), so the model explains Claims per Holders$/m);
    const recipe = run('run', insurance, '--target', 'Claims', '--model', 'nb', '--offset', 'Holders');
    expect(recipe.stdout).toMatch(/of Claims as counts per Holders \(offset log\(Holders\)\)/);
    expect(recipe.stdout).toMatch(/^- Holders: the exposure: log\(Holders\) is the offset, not a predictor$/m);
    // The findings speak of the rate: claims per holder.
    expect(recipe.stdout).toMatch(
      /^- Videos whose Group is >2l gain about \d+% more claims per holders than those whose Group is 1-1\.5l/m,
    );
  });

  test('--help lists --offset for both commands', () => {
    for (const command of ['fit', 'run'])
      expect(run(command, '--help').stdout).toMatch(
        /^ {2}--offset <column>\s+a count model only: a column of exposures/m,
      );
  });

  const zero = insuranceWith(5, '0');
  const negative = insuranceWith(9, '-3');
  const blank = insuranceWith(7, '');
  const text = insuranceWith(11, 'many');
  test.each([
    [
      'fit',
      [zero, '--model', 'nb'],
      /^The exposure "Holders" is 0 in row 5: log\(Holders\) is the offset, so every row needs a number above 0; fix the cell or leave the row out$/,
    ],
    [
      'run',
      [zero, '--model', 'poisson'],
      /^The exposure "Holders" is 0 in row 5: .*fix the cell or leave the row out$/,
    ],
    ['fit', [negative, '--model', 'poisson'], /^The exposure "Holders" is -3 in row 9: /],
    ['run', [negative, '--model', 'nb'], /^The exposure "Holders" is -3 in row 9: /],
    ['fit', [blank, '--model', 'nb'], /^The exposure "Holders" is empty in row 7: /],
    ['run', [blank, '--model', 'nb'], /^The exposure "Holders" is empty in row 7: /],
    ['fit', [text, '--model', 'poisson'], /^The exposure "Holders" is "many" in row 11: /],
    ['run', [text, '--model', 'poisson'], /^The exposure "Holders" is "many" in row 11: /],
    [
      'fit',
      [insurance, '--model', 'ols'],
      /^--offset Holders is for a count model \(--model poisson or nb\); with least squares drop --offset, or explain a rate$/,
    ],
    ['run', [insurance], /^--offset Holders is for a count model \(--model poisson or nb\); /],
  ])('tikfit %s refuses in one line: %p', (command, [file, ...extra], message) => {
    const { code, stdout, stderr } = run(
      command,
      file as string,
      '--target',
      'Claims',
      '--offset',
      'Holders',
      ...extra,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const said = (lines[0] as string).replace(`tikfit ${command}: error: `, '');
    expect(said).not.toMatch(/^\w+: /);
    expect(said).toMatch(message);
  });

  test.each(['fit', 'run'])('tikfit %s: an exposure that is not a column, or not numbers, is named', (command) => {
    const missing = run(command, insurance, '--target', 'Claims', '--model', 'nb', '--offset', 'Policies');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no column "Policies" \(the exposure\); the columns are Claims, District/);
    const notNumbers = run(command, insurance, '--target', 'Claims', '--model', 'nb', '--offset', 'Group');
    expect(notNumbers.code).toBe(2);
    expect(notNumbers.stderr).toMatch(/The exposure "Group" is not a column of numbers/);
    const target = run(command, insurance, '--target', 'Claims', '--model', 'nb', '--offset', 'Claims');
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/Claims.* is the target/);
  });
});
