import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { creatorLogs, creatorsFolder } from '../helpers/creators';
import { projectRoot } from '../helpers/shared';
import { significantText } from '../../src/core/pipeline/readableNumbers';
import type { ImputeReport } from '../../src/core/prepare/imputeColumns';

// Issue 9: `tikfit run` on creator logs it was never shown (test/fixtures/creators), with nothing but the file: the
// target is guessed, every numeric column is a term, the rows are kept, and every cell and column set aside is named.
const cli = join(projectRoot, 'dist', 'cli.js');

interface RunJson {
  target: string;
  rows: { input: number; modeled: number };
  model: { coefficients: { name: string; estimate: number; pValue: number }[] };
  leftOut: { column: string; reason: string; detail: string }[];
  warnings: string[];
  trend: string | null;
  steps: { step: string }[];
}

function runJson(file: string, ...flags: string[]): RunJson {
  const result = spawnSync(
    process.execPath,
    [cli, 'run', join(creatorsFolder, file), '--test-fraction', '0', '--json', ...flags],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`tikfit run ${file} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as RunJson;
}

describe.each(creatorLogs.map((log) => [log.file, log] as const))('tikfit run on %s', (_file, log) => {
  const json = runJson(log.file);
  const terms = json.model.coefficients.map((c) => c.name);

  test('the target is guessed from the headers', () => {
    expect(json.target).toBe(log.target);
  });

  test('every numeric column is a term', () => {
    for (const column of log.numericColumns) expect(terms).toContain(column);
  });

  test('every category is encoded, and dates, identifiers and empty columns are left out with their reason', () => {
    for (const column of log.categoryColumns) expect(terms.some((t) => t.startsWith(`${column}_`))).toBe(true);
    const reasons = new Map(json.leftOut.map((c) => [c.column, c.reason]));
    for (const column of log.dateColumns) expect(reasons.get(column)).toBe('date');
    for (const column of log.identifierColumns) expect(reasons.get(column)).toBe('identifier');
    for (const column of log.emptyColumns) expect(reasons.get(column)).toBe('empty');
    // Nothing else is left out: every column is a term, the target, or listed with a reason.
    const accounted = new Set([
      ...terms.map((t) => log.categoryColumns.find((c) => t.startsWith(`${c}_`)) ?? t),
      json.target,
      ...reasons.keys(),
    ]);
    for (const column of log.columns) expect(accounted).toContain(column);
  });

  test('at least 90% of rows are kept', () => {
    expect(json.rows.input).toBe(log.rows);
    expect(json.rows.modeled).toBeGreaterThanOrEqual(0.9 * log.rows);
  });

  test('the planted effect has the right sign, clearly', () => {
    const effect = json.model.coefficients.find((c) => c.name === log.plantedEffect.column);
    expect(effect).toBeDefined();
    expect(Math.sign(effect?.estimate ?? 0)).toBe(log.plantedEffect.sign);
    expect(effect?.pValue).toBeLessThan(1e-4);
  });

  test('each bad cell is named in a warning with its column, row and text, and what the model used instead', () => {
    for (const bad of log.badCells) {
      // The file is not changed: the mean stands in for the model only (once; Clean's "counts as missing" gave way).
      const cell = `${bad.column}, row ${bad.row}: "${bad.text}"`;
      const impute = json.steps.find((s) => s.step === 'impute') as unknown as ImputeReport;
      const mean = impute.columns.find((c) => c.column === bad.column)?.value as number;
      expect(json.warnings.filter((w) => w.startsWith(cell))).toEqual([
        `${cell} is not a number; the model used the mean (${significantText(mean)}) in its place: correct the cell to use the real number`,
      ]);
    }
    // No cell of a numeric column that a person would read as a number is called "not a number".
    expect(json.warnings.filter((w) => / is not a number;/.test(w))).toHaveLength(log.badCells.length);
  });

  (log.dateColumns.length > 0 ? test : test.skip)('--trend uses the date column as days since the first video', () => {
    const date = log.dateColumns[0] as string;
    const trended = runJson(log.file, '--trend', date);
    expect(trended.trend).toBe(date);
    expect(trended.model.coefficients.map((c) => c.name)).toContain(`Days since first (${date})`);
    expect(trended.leftOut.map((c) => c.column)).not.toContain(date);
  });
});

test('a column that is not a date cannot be the trend; the message names it and says what to do', () => {
  const log = creatorLogs[0];
  const result = spawnSync(
    process.execPath,
    [cli, 'run', join(creatorsFolder, log?.file ?? ''), '--trend', log?.numericColumns[0] ?? ''],
    { encoding: 'utf8' },
  );
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`"${log?.numericColumns[0]}" does not hold dates`);
  expect(result.stderr).not.toMatch(/runRecipe|prepareSettingsFor|resolveTarget/);
});
