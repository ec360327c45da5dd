import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/cli/readCsv';
import type { Design } from '../../../src/core/model/design';
import type { OlsJson } from '../../../src/core/model/olsResults';
import { parseNumber } from '../../../src/core/cells/parseNumber';
import { relativeError } from '../../helpers/digits';
import { projectRoot } from '../../helpers/shared';

// Test data shaped as Sheets passes ranges to custom functions: 2D arrays of numbers, strings, booleans and "".

/** The fixtures' coefficient rows: `tikfit fit --json`'s shape without the VIF. */
export type FormulaCoefficient = Omit<OlsJson['coefficients'][number], 'vif'>;

export interface FormulaCase {
  name: string;
  csv: string;
  csvFromProjectRoot: boolean;
  y: string;
  x: string[];
  options: string;
  intercept: boolean;
  logTarget: boolean;
  level: number;
  robust: 'classical' | 'hc3';
  blanks: { row: number; column: string }[];
  expected: {
    n: number;
    rank: number;
    dfResidual: number;
    rSquared: number;
    adjRSquared: number;
    residualStdError: number;
    fStatistic: number;
    fPValue: number;
    coefficients: FormulaCoefficient[];
  };
  predict: { newX: (number | string)[][]; expected: number[] };
}

export const fixtureFolder = join(__dirname, '..', '..', 'fixtures', 'r');

/** The cases of formulas-fixtures.json (made by formulas-fixtures.R). */
export const formulaCases: FormulaCase[] = (
  JSON.parse(readFileSync(join(fixtureFolder, 'formulas-fixtures.json'), 'utf8')) as { cases: FormulaCase[] }
).cases;

export function csvPath(c: Pick<FormulaCase, 'csv' | 'csvFromProjectRoot'>): string {
  return c.csvFromProjectRoot ? join(projectRoot, c.csv) : join(fixtureFolder, c.csv);
}

export function caseAvailable(c: FormulaCase): boolean {
  const ok = existsSync(csvPath(c));
  if (!ok)
    process.stderr.write(
      `NOTE: skipping formula fixture "${c.name}": ${csvPath(c)} is absent (../shared is not beside this clone)\n`,
    );
  return ok;
}

/** A CSV cell as Sheets would pass it: a number when it reads as one, "" when empty, else the text. */
export function sheetValue(text: string): number | string {
  if (text.trim() === '') return '';
  const value = parseNumber(text);
  return value === null ? text : value;
}

/** A CSV file as a sheet: header row then values. */
export function readSheet(path: string): (number | string)[][] {
  const grid = readCsv(path);
  return grid.map((row, i) => (i === 0 ? row : row.map(sheetValue)));
}

/** Columns of a sheet by header, as a 2D range (header row included when `header`). */
export function pick(sheet: readonly (readonly unknown[])[], names: readonly string[], header = true): unknown[][] {
  const head = sheet[0] as readonly unknown[];
  const indices = names.map((name) => {
    const j = head.indexOf(name);
    if (j < 0) throw new Error(`no column ${name}`);
    return j;
  });
  return sheet.slice(header ? 0 : 1).map((row) => indices.map((j) => row[j]));
}

/** known_y and known_x for a fixture case, with its blanks applied, header rows included unless `header` is false. */
export function caseRanges(c: FormulaCase, header = true): { knownY: unknown[][]; knownX: unknown[][] } {
  const sheet = readSheet(csvPath(c)).map((row) => [...row]) as unknown[][];
  const head = sheet[0] as string[];
  for (const blank of c.blanks) (sheet[blank.row] as unknown[])[head.indexOf(blank.column)] = '';
  return { knownY: pick(sheet, [c.y], header), knownX: pick(sheet, c.x, header) };
}

/** Expects `actual` within `tolerance` relative of `expected`, reporting `label`. */
export function expectClose(actual: unknown, expected: number, label: string, tolerance = 1e-9): void {
  const ok = typeof actual === 'number' && relativeError(actual, expected) <= tolerance;
  expect({ label, ok, actual, expected }).toMatchObject({ label, ok: true });
}

/** predict-fixtures.json (made by predict_fixtures.R): R's predictions on new rows of a creator log, per options. */
export interface PredictFixture {
  csv: string;
  y: string;
  x: string[];
  newX: (number | string)[][];
  cases: { options: string; link: number[]; expected: number[]; theta?: number }[];
}

export const predictFixture = JSON.parse(
  readFileSync(join(fixtureFolder, 'predict-fixtures.json'), 'utf8'),
) as PredictFixture;

/** R's predictions of `predictFixture` for an options string. */
export function predictExpected(options: string): number[] {
  const found = predictFixture.cases.find((c) => c.options === options);
  if (found === undefined) throw new Error(`no predict fixture for "${options}"`);
  return found.expected;
}

/** The creator log of `predictFixture` as a sheet, its known_y and known_x (with headers), and the columns left out. */
export function predictFixtureRanges(): {
  sheet: (number | string)[][];
  knownY: unknown[][];
  knownX: unknown[][];
  exclude: string[];
} {
  const sheet = readSheet(join(fixtureFolder, predictFixture.csv));
  const header = sheet[0] as string[];
  return {
    sheet,
    knownY: pick(sheet, [predictFixture.y]),
    knownX: pick(sheet, predictFixture.x),
    exclude: header.filter((name) => name !== predictFixture.y && !predictFixture.x.includes(name)),
  };
}

/** New rows as the design's columns code them (numbers as they are, a level as its dummy), column-major. */
export function designRows(design: Design, newX: readonly (readonly (number | string)[])[]): Float64Array {
  const rows = newX.length;
  const x = new Float64Array(rows * design.columns);
  if (design.hasIntercept) x.fill(1, 0, rows);
  design.predictors.forEach((predictor, k) => {
    newX.forEach((row, i) => {
      const cell = row[k] as number | string;
      if (predictor.kind === 'numeric') x[design.terms.indexOf(predictor.name) * rows + i] = cell as number;
      else if (cell !== predictor.reference) x[design.terms.indexOf(`${predictor.name}_${cell}`) * rows + i] = 1;
    });
  });
  return x;
}
