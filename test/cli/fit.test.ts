import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { projectRoot } from '../helpers/shared';

// These run the built bundle (dist/cli.js), as users and scripts do; `npm test` builds it first.
const cli = join(projectRoot, 'dist', 'cli.js');
const folder = mkdtempSync(join(tmpdir(), 'tikfit-cli-'));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const factorCsv = join(projectRoot, 'test', 'fixtures', 'r', 'factor.csv');

describe('tikfit fit --json', () => {
  test('prints exactly one JSON object with the contract keys, Intercept first, nulls for undefined', () => {
    const { code, stdout, stderr } = run(
      'fit',
      join(projectRoot, 'test', 'fixtures', 'r', 'aliased.csv'),
      '--target',
      'y',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout);
    for (const key of [
      'n',
      'rank',
      'dfResidual',
      'rowsDropped',
      'rSquared',
      'adjRSquared',
      'residualStdError',
      'fStatistic',
      'fPValue',
      'logLikelihood',
      'aic',
      'bic',
      'conditionNumber',
      'coefficients',
      'warnings',
      'timingsMs',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(Object.keys(json.timingsMs)).toEqual(['read', 'prepare', 'fit', 'total']);
    expect(json.coefficients[0].name).toBe('Intercept');
    expect(Object.keys(json.coefficients[0])).toEqual([
      'name',
      'estimate',
      'stdError',
      'tStat',
      'pValue',
      'ciLower',
      'ciUpper',
      'vif',
      'aliased',
    ]);
    const aliased = json.coefficients.find((c: { aliased: boolean }) => c.aliased);
    expect(aliased).toMatchObject({ name: 'x3', estimate: null, stdError: null, pValue: null, vif: null });
  });

  test('options: --no-intercept, --log-target, --exclude, --level, --robust hc3', () => {
    const base = JSON.parse(run('fit', factorCsv, '--target', 'y', '--json').stdout);
    const options = JSON.parse(
      run(
        'fit',
        factorCsv,
        '--target',
        'x',
        '--no-intercept',
        '--exclude',
        'group',
        '--level',
        '0.9',
        '--robust',
        'hc3',
        '--json',
      ).stdout,
    );
    expect(options.coefficients.map((c: { name: string }) => c.name)).toEqual(['y']);
    expect(options.level).toBe(0.9);
    expect(options.standardErrors).toBe('hc3');
    expect(base.coefficients.map((c: { name: string }) => c.name)).toEqual([
      'Intercept',
      'x',
      'group_Tech',
      'group_data analytics',
      'group_humor',
    ]);
  });
});

describe('readable report', () => {
  test('looks like summary(lm): table, marks, statistics', () => {
    const { code, stdout } = run('fit', factorCsv, '--target', 'y');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Estimate\s+Std\. Error\s+t value\s+Pr\(>\|t\|\)/);
    expect(stdout).toMatch(/^x\s+1\.05\s+0\.111\s+9\.46\s+3\.87e-13\s+\*\*\*/m);
    expect(stdout).toMatch(/Residual standard error: 2\.346 on 55 degrees of freedom/);
    expect(stdout).toMatch(/F-statistic: 23\.68 on 4 and 55 DF/);
  });
});

describe('CSV dialects', () => {
  test('BOM, CRLF, and quoted fields with commas and newlines all parse', () => {
    const path = file('dialect.csv', '\uFEFFy,x,"label, with comma"\r\n1,2,"a\nb"\r\n2,3,c\r\n4,5,"a\nb"\r\n5,7,c\r\n');
    const json = JSON.parse(run('fit', path, '--target', 'y', '--json').stdout);
    expect(json.n).toBe(4);
    expect(json.coefficients.map((c: { name: string }) => c.name)).toEqual(['Intercept', 'x', 'label, with comma_c']);
  });
});

describe('bad input: one line, exit code 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['fit', join(folder, 'nope.csv'), '--target', 'y'], /cannot read ".*nope\.csv": no such file/],
    ['empty file', ['fit', file('empty.csv', ''), '--target', 'y'], /is empty/],
    ['header only', ['fit', file('header.csv', 'y,x\n'), '--target', 'y'], /header but no data rows/],
    ['unknown target', ['fit', factorCsv, '--target', 'z'], /there is no column "z"/],
    ['non-numeric target', ['fit', factorCsv, '--target', 'group'], /target "group" is not numeric/],
    [
      'fewer rows than parameters',
      ['fit', file('few.csv', 'y,a,b\n1,2,3\n2,3,1\n'), '--target', 'y'],
      /2 rows cannot estimate 3 parameters/,
    ],
    ['constant target', ['fit', file('constant.csv', 'y,a\n1,2\n1,3\n1,4\n'), '--target', 'y'], /constant/],
    [
      'non-finite number',
      ['fit', file('inf.csv', 'y,a\n1,2\n2,Inf\n3,4\n'), '--target', 'y'],
      /non-finite number \(Inf\) in row 3/,
    ],
    [
      'an unclosed quote',
      ['fit', file('quote.csv', 'y,x\n1,"abc\n2,3\n'), '--target', 'y'],
      /is not valid CSV: quoted field unterminated/,
    ],
    [
      'ragged rows',
      ['fit', file('ragged.csv', 'y,a\n1,2\n2,3,4\n3,4\n'), '--target', 'y'],
      /Row 3 has 3 cells but the header has 2: fix that row/,
    ],
    ['no target flag', ['fit', factorCsv], /--target <column> is required/],
    ['unknown flag', ['fit', factorCsv, '--target', 'y', '--bogus'], /Unknown option '--bogus'/],
    [
      'bad level',
      ['fit', factorCsv, '--target', 'y', '--level', '95'],
      /--level takes a number above 0 and below 1, got "95"/,
    ],
    [
      'bad robust',
      ['fit', factorCsv, '--target', 'y', '--robust', 'hc1'],
      /--robust takes classical or hc3, got "hc1"/,
    ],
    ['unknown command', ['fot'], /unknown command "fot"/],
  ];
  test.each(cases)('%s', (_name, args, message) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    // Issue 9: no internal function name (cleanGrid:, buildDesign:) after the command's own prefix.
    expect(stderr).not.toMatch(/error: \w+: /);
  });
});

describe('main() in process', () => {
  test('--help prints usage and exits 0', () => {
    let out = '';
    expect(main(['--help'], { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
    expect(out).toMatch(/tikfit fit <file\.csv> --target <col>/);
  });
});
