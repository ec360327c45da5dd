import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctDigits } from '../helpers/digits';
import { loadNist, nistCsv } from '../helpers/nist';
import { describeWithShared, projectRoot } from '../helpers/shared';

// Acceptance runs fits exactly this way: `tikfit fit file.csv --target y [--no-intercept] --json`, columns
// y, x1..xk with powers precomputed. Same floors as test/core/model/nist.test.ts and exactFixtures.test.ts (sources and
// tolerances are explained there): 9 digits (Filip 7.5 and 7), exact problems 11 and 10.
const cli = join(projectRoot, 'dist', 'cli.js');
const folder = mkdtempSync(join(tmpdir(), 'tikfit-accuracy-'));

interface FitJson {
  rank: number;
  residualStdError: number | null;
  coefficients: { name: string; estimate: number; stdError: number; aliased: boolean }[];
}

function fitFile(path: string, intercept: boolean): FitJson {
  const args = [cli, 'fit', path, '--target', 'y', '--json', ...(intercept ? [] : ['--no-intercept'])];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as FitJson;
}

describeWithShared('data/nist/certified.json')('NIST StRD through the command line', () => {
  test.each(loadNist().map((d) => [d.name, d] as const))('%s', (name, d) => {
    const path = join(folder, `${name}.csv`);
    writeFileSync(path, nistCsv(d));
    const json = fitFile(path, d.intercept);
    expect(json.rank).toBe(d.nParams);
    json.coefficients.forEach((c, j) => {
      expect(correctDigits(c.estimate, d.coefficients[j] as number)).toBeGreaterThanOrEqual(name === 'Filip' ? 7.5 : 9);
      const certified = d.stderrs[j] as number;
      if (certified === 0) expect(Math.abs(c.stdError)).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.estimate)));
      else expect(correctDigits(c.stdError, certified)).toBeGreaterThanOrEqual(name === 'Filip' ? 7 : 9);
    });
  });
});

describe('exact rational solutions through the command line', () => {
  const exactFolder = join(projectRoot, 'test', 'fixtures', 'exact');
  const cases = JSON.parse(readFileSync(join(exactFolder, 'exact-fixtures.json'), 'utf8')) as {
    name: string;
    csv: string;
    intercept: boolean;
    coefficients: number[];
    stdErrors: number[];
  }[];
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const json = fitFile(join(exactFolder, c.csv), c.intercept);
    json.coefficients.forEach((k, j) => {
      expect(correctDigits(k.estimate, c.coefficients[j] as number)).toBeGreaterThanOrEqual(11);
      const se = c.stdErrors[j] as number;
      if (se === 0) expect(Math.abs(k.stdError)).toBeLessThan(1e-12 * Math.max(1, Math.abs(k.estimate)));
      else expect(correctDigits(k.stdError, se)).toBeGreaterThanOrEqual(10);
    });
  });
});
