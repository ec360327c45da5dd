import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseImpute } from '../../src/cli/args';
import { projectRoot } from '../helpers/shared';

const cli = join(projectRoot, 'dist', 'cli.js');
const sample = join(projectRoot, 'samples', 'tiktok-sample.csv');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tikfit run', () => {
  test('--json prints exactly one object with the documented keys', () => {
    const { code, stdout, stderr } = run('run', sample, '--recipe', 'article', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      'target',
      'rows',
      'imputed',
      'excluded',
      'leftOut',
      'trend',
      'offset',
      'logTransformed',
      'standardized',
      'encoded',
      'steps',
      'model',
      'evaluation',
      'findings',
      'warnings',
      'timingsMs',
    ]);
    expect(json.target).toBe('newFollowers');
    expect(json.trend).toBeNull();
    expect(json.leftOut.map((c: { column: string; reason: string }) => [c.column, c.reason])).toContainEqual([
      'name',
      'identifier',
    ]);
    expect(Object.keys(json.rows)).toEqual(['input', 'afterClean', 'afterRare', 'modeled', 'train', 'test']);
    expect(Object.keys(json.evaluation)).toEqual([
      'testRmseLog',
      'testRmseFollowers',
      'testMaeFollowers',
      'cvRmseLog',
      'cvRmseFollowers',
    ]);
    expect(json.model.coefficients[0].name).toBe('Intercept');
    expect(json.steps.map((s: { step: string }) => s.step)).toEqual([
      'clean',
      'missing',
      'rare',
      'exclude',
      'impute',
      'encode',
      'transform',
      'split',
    ]);
  });

  test('the readable report gives the answer first: findings, warnings, the model, then how it was computed', () => {
    const { code, stdout } = run('run', sample, '--recipe', 'article');
    expect(code).toBe(0);
    const headings = [
      'What TikFit found',
      'Warnings:',
      'The model:',
      'Test error',
      'Cross-validation (5 folds)',
      'Coefficients',
      'Not in the model:',
      'How this was computed:',
    ];
    const at = headings.map((heading) => stdout.indexOf(heading));
    expect(at.every((i, k) => i > 0 && (k === 0 || i > (at[k - 1] as number)))).toBe(true);
    expect(stdout.split('\n')[2]).toMatch(/^What TikFit found/);
    expect(stdout).toMatch(/likes \[log1p, z\]/);
    // Numbers for reading: R² to 3 decimals, p-values to 4 and "<0.0001" below, estimates to 4 significant digits.
    expect(stdout).toMatch(/R² 0\.\d{3},/);
    expect(stdout).toMatch(/^Intercept +3\.079 +0\.1560 +[\d.]+ +<0\.0001 +\*\*\*/m);
    expect(stdout).toMatch(/^category_opinion .* 0\.0310 +\* /m);
    expect(stdout).toMatch(/Videos with twice as many likes gain about \d+% more new followers/);
    expect(stdout).not.toMatch(/READ THIS FIRST/);
  });

  test('flags reach the pipeline: seed, test fraction, folds, rare policy, impute, zero-missing, exclude', () => {
    const json = JSON.parse(
      run(
        'run',
        sample,
        '--seed',
        '3',
        '--test-fraction',
        '0.1',
        '--folds',
        '3',
        '--rare',
        'lump',
        '--rare-threshold',
        '2',
        '--impute',
        'watchedFullVideo=median',
        '--zero-missing',
        'watchedFullVideo',
        '--exclude',
        'views',
        '--json',
      ).stdout,
    );
    expect(json.steps.find((s: { step: string }) => s.step === 'split')).toMatchObject({ seed: 3, testFraction: 0.1 });
    expect(json.evaluation.cvRmseLog.folds).toBe(3);
    expect(json.steps.find((s: { step: string }) => s.step === 'rare')).toMatchObject({ policy: 'lump', threshold: 2 });
    expect(json.steps.find((s: { step: string }) => s.step === 'impute').columns).toContainEqual(
      expect.objectContaining({ column: 'watchedFullVideo', method: 'median' }),
    );
    expect(json.excluded).toContain('views');
    expect(json.model.coefficients.map((c: { name: string }) => c.name)).not.toContain('views');
  });

  test('--out writes the coefficient table as CSV with the results-sheet headers', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tikfit-run-')), 'results.csv');
    expect(run('run', sample, '--recipe', 'article', '--out', out).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('Term,Estimate,Std. Error,t,p-value,CI low,CI high,VIF');
    expect(lines[1]).toMatch(/^Intercept,-?[\d.e-]+,/);
  });

  test.each([
    [['run', sample, '--recipe', 'paper'], /--recipe takes default or article, got "paper"/],
    [['run', sample, '--test-fraction', '1'], /--test-fraction takes a number at least 0 and below 1, got "1"/],
    [['run', sample, '--folds', 'x'], /--folds takes a whole number from 0 to 100, got "x"/],
    [['run', sample, '--rare', 'keep'], /--rare takes drop or lump/],
    [['run', sample, '--impute', 'views'], /--impute takes column=method pairs/],
    [
      ['run', sample, '--target', 'nope'],
      /There is no column "nope" \(the column to explain\); the columns are name, /,
    ],
  ])('bad input %p exits 2 with one line', (args, message) => {
    const { code, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/error: \w+: /);
  });
});

test('parseImpute reads methods and constants', () => {
  expect(parseImpute('a=mean, b=median,c=mode,d=drop,e=0,f=unknown')).toEqual({
    a: 'mean',
    b: 'median',
    c: 'mode',
    d: 'drop',
    e: { constant: 0 },
    f: { constant: 'unknown' },
  });
});
