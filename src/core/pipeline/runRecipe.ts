import { daysBetween } from '../cells/parseDate';
import { findColumn, infoOf, tableFromGrid, tableToGrid, type Table } from '../cells/table';
import { exposureOffset } from '../model/exposureOffset';
import { toLogScale } from '../model/logTarget';
import type { GlmJson, GlmResults } from '../model/glmResults';
import type { OlsJson, OlsResults } from '../model/olsResults';
import type { Grid } from '../prepare/grid';
import { checkOptions, DEFAULT_MODEL, recipeDefaults, type RecipeOptions } from '../options';
import { seededShuffle } from '../prepare/seededRandom';
import { describeFindings, inWords, type TermOrigin } from './findings';
import {
  checkTarget,
  cleanStep,
  encodeStep,
  followedBy,
  imputeStep,
  reportOf,
  resolveTarget,
  type LeftOutColumn,
  type PrepareReport,
  type PrepareSettings,
} from './prepareSteps';
import { crossValidate } from './crossValidate';
import { evaluateHeldOut } from './evaluateHeldOut';
import { fitRecipeModel, predictRecipeModel } from './recipeModel';
import type { PredictorTransform } from './transformPlan';

export { recipeDefaults, type RecipeOptions } from '../options';

/**
 * The preparation steps' settings for recipe options on a table: the named recipe's defaults under the options
 * given. The zero-missing columns the caller names must exist; a recipe's own defaults apply to those that do. The
 * target is the one named, else the recipe's where the table has it, else the guess from the table.
 * @throws Error when the named target does not exist, or no column holds numbers.
 */
export function prepareSettingsFor(options: RecipeOptions, table: Table): PrepareSettings {
  const defaults = recipeDefaults(options.recipe ?? 'default');
  const settings = { ...defaults, ...stripUndefined(options) };
  const target = resolveTarget(table, options.target, defaults.target);
  // Under a count model a zero in the target is a video that gained no followers: data, not a placeholder. The
  // recipe's own zero-missing list does not apply to the target (a list the user gives does, as given).
  const countModel = (options.model ?? DEFAULT_MODEL) !== 'ols';
  const zeroMissing =
    countModel && options.zeroMissing === undefined
      ? settings.zeroMissing.filter((name) => name.trim().toLowerCase() !== target.trim().toLowerCase())
      : settings.zeroMissing;
  return {
    target,
    trend: settings.trend,
    offset: settings.offset,
    rareThreshold: settings.rareThreshold,
    rare: settings.rare,
    zeroMissing,
    strictZeroMissing: options.zeroMissing !== undefined,
    impute: settings.impute,
    exclude: settings.exclude,
    include: settings.include,
    maxMissingShare: settings.maxMissingShare,
    applyTypoMerges: settings.applyTypoMerges,
  };
}

/** The pipeline's JSON, as `tikfit run --json` prints it. */
export interface RecipeJson {
  /** The column explained. */
  target: string;
  rows: { input: number; afterClean: number; afterRare: number; modeled: number; train: number; test: number };
  imputed: Record<string, number>;
  /** Left out by the user or for missing values. */
  excluded: string[];
  /** Every column not in the model, with its reason (identifier, date, empty, constant, not numeric, …). */
  leftOut: LeftOutColumn[];
  /** The date column used as a trend term (days since the first video), or null. */
  trend: string | null;
  /** A count model's exposure column (log of it is the offset), or null. */
  offset: string | null;
  logTransformed: string[];
  standardized: string[];
  encoded: Record<string, string[]>;
  steps: (PrepareReport | TransformReport | SplitReport)[];
  /** Least squares on log1p(target) (`model: 'ols'`), or a count model as `tikfit fit --model` prints it. */
  model: (OlsJson & { model: 'ols' }) | GlmJson;
  evaluation: {
    /** Least squares only: RMSE of log1p(target) on the held-out rows. */
    testRmseLog: number | null;
    /** In the target's units: expm1 of the log1p prediction (least squares) or the expected count (count model). */
    testRmseFollowers: number | null;
    testMaeFollowers: number | null;
    /** Least squares: k-fold CV's RMSE on the log1p scale (a count model: mean null). */
    cvRmseLog: { mean: number | null; sd: number | null; folds: number };
    /** A count model: k-fold CV's RMSE of the expected counts, in the target's units (least squares: null). */
    cvRmseFollowers: { mean: number | null; sd: number | null; folds: number } | null;
  };
  findings: string[];
  warnings: string[];
  /** Milliseconds per stage: clean (with missing values and rare levels), impute, encode, fit (transforms, split,
   * fit and test evaluation), cv. */
  timingsMs: { clean: number; impute: number; encode: number; fit: number; cv: number };
}

/** The transform step's report. */
export interface TransformReport {
  step: 'transform';
  target: string;
  predictors: {
    name: string;
    binary: boolean;
    skewness: number;
    log1p: boolean;
    mean: number | null;
    sd: number | null;
  }[];
}

/** The split step's report. */
export interface SplitReport {
  step: 'split';
  seed: number;
  testFraction: number;
  train: number;
  test: number;
}

/** Everything the pipeline produced: the prepared grid, the fit, and the JSON summary. */
export interface RecipeResult {
  /** The grid after clean, missing, rare, impute and encode (before transforms), as written back in place. */
  preparedGrid: Grid;
  /** The same as a table, with the rows and columns it came from in the input. */
  preparedTable: Table;
  /** Least squares' results, or a count model's (`'fit' in results`). */
  results: OlsResults | GlmResults;
  transforms: PredictorTransform[];
  json: RecipeJson;
}

/**
 * The article's workflow done right: clean → missing → rare levels → exclude → impute → encode → transform →
 * seeded split → OLS → evaluation on held-out rows and k-fold CV → findings in plain words and warnings.
 * Transform decisions and scaling are fitted on training rows only (in CV, on each fold's training part).
 *
 * Takes a grid (header row first), or a table a caller already made of one (its column classifications are reused).
 * `writesBack`: the caller writes the prepared table over the sheet (the add-on's Run all), which the warnings say.
 *
 * Cost: O(cells) for preparation, O(n·p²) per fit, and folds + 1 fits.
 * @throws Error naming the step and the problem (no target, non-numeric target, too few rows, ...).
 */
export function runRecipe(
  data: Grid | Table,
  options: RecipeOptions = {},
  { writesBack = false }: { writesBack?: boolean } = {},
): RecipeResult {
  const { encodedBefore: _encodedBefore, ...chosen } = options;
  checkOptions(chosen); // every option in its range (core/options.ts), as the CLI and the add-on check them
  const settings = { ...recipeDefaults(options.recipe ?? 'default'), ...stripUndefined(options) };
  const { seed, testFraction, folds, level } = settings;
  const modelName = settings.model ?? DEFAULT_MODEL;
  const countModel = modelName !== 'ols';
  const input = Array.isArray(data) ? tableFromGrid(data) : data;
  const prepare: PrepareSettings = { ...prepareSettingsFor(options, input), writesBack };
  const target = prepare.target;
  if (prepare.trend !== undefined) {
    const j = findColumn(input, prepare.trend);
    if (j < 0) throw new Error(`There is no column "${prepare.trend}" to use as the trend; choose a column of dates`);
    if (infoOf(input, j).kind !== 'date')
      throw new Error(`"${prepare.trend}" does not hold dates, so it cannot be the trend; choose a column of dates`);
  }
  if (prepare.offset !== undefined) {
    if (!countModel)
      throw new Error(
        `An exposure ("${prepare.offset}") is for a count model (Poisson or negative binomial); ` +
          'with least squares leave the exposure empty, or explain a rate instead',
      );
    if (prepare.offset === target) throw new Error(`"${target}" is the target, so it cannot be the exposure too`);
    if (prepare.offset === prepare.trend)
      throw new Error(`"${prepare.offset}" is the trend, so it cannot be the exposure too`);
  }

  // 1–6. Clean, blank missing values and placeholder zeros, rare levels, leave out, impute, encode.
  const clock = typeof performance === 'object' ? () => performance.now() : () => Date.now();
  let mark = clock();
  const lap = (): number => {
    const now = clock();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const timingsMs = { clean: 0, impute: 0, encode: 0, fit: 0, cv: 0 };
  const { prepared, afterRareRows, reports, warnings } = prepareTable(input, prepare, timingsMs, lap);
  const leftOutColumns = reportOf(reports, 'exclude')?.leftOut ?? [];
  const leftOut = new Set(leftOutColumns.map((c) => c.column));
  const excluded = leftOutColumns
    .filter((c) => c.reason === 'excluded by you' || c.reason === 'mostly missing')
    .map((c) => c.column);
  const encodeReport = reportOf(reports, 'encode');
  const steps: RecipeJson['steps'] = [...reports];
  const preparedHeader = prepared.names;
  const n = prepared.rowCount;
  if (n === 0) throw new Error('No rows are left to model');
  // 7–8. Seeded split: the test rows are order[0, testCount), the training rows the rest, in that order (each CV fold
  // a contiguous block of them). The columns stay in the table's row order and every step reads them through these
  // indices: a shuffled copy of each column held 116 MB more through the fit at 330,000 × 44 (bench/pipeline-one.mjs).
  // Where a value is checked, it is checked in the split's order, so that a message names the value it always named.
  const order = seededShuffle(n, seed);
  const numbersOf = (name: string): Float64Array => {
    const j = findColumn(prepared, name);
    const values = infoOf(prepared, j).values;
    if (values === null)
      throw new Error(`"${name}" is not a column of numbers after preparation; leave it out or fix its cells`);
    return withoutMissing(values, name);
  };
  const targetValues = numbersOf(target);
  // Least squares explains log1p(target); a count model the counts themselves, zeros included.
  if (countModel) checkCounts(targetValues, order, target, warnings);
  const y = countModel ? targetValues : new Float64Array(n);
  if (!countModel)
    for (let r = 0; r < n; r++) {
      const i = order[r] as number;
      y[i] = toLogScale(targetValues[i] as number, target);
    }
  const columns = preparedHeader
    .filter((name) => name !== target && !leftOut.has(name) && name !== prepare.trend)
    .map((name) => {
      const values = numbersOf(name);
      let nonNegative = true;
      for (let i = 0; i < values.length && nonNegative; i++) nonNegative = (values[i] as number) >= 0;
      return { name, values, nonNegative };
    });
  if (prepare.trend !== undefined) {
    const dates = infoOf(prepared, findColumn(prepared, prepare.trend)).values as Float64Array;
    const trendValues = trendDays(dates);
    if (trendValues.missing > 0)
      warnings.push(
        `${trendValues.missing} row${trendValues.missing === 1 ? ' has' : 's have'} no date in "${prepare.trend}"; ` +
          `${trendValues.missing === 1 ? 'it was' : 'they were'} given the average day`,
      );
    columns.push({ name: trendName(prepare.trend), values: trendValues.days, nonNegative: true });
  }
  // The exposure's log is the count model's offset: each row's expected count is proportional to its exposure.
  const offset =
    prepare.offset === undefined
      ? undefined
      : withoutMissing(
          exposureOffset(
            prepared,
            prepare.offset,
            Int32Array.from({ length: n }, (_, i) => i),
          ),
          prepare.offset,
        );
  const testCount = Math.floor(testFraction * n);
  const testRows = order.slice(0, testCount);
  const trainRows = order.slice(testCount);
  // Transforms fitted on the training rows, then the fit; evaluation on the held-out rows; k-fold CV.
  const info = { target, level, model: modelName, offset };
  const main = fitRecipeModel(columns, y, trainRows, info);
  const predicted = predictRecipeModel(main, columns, testRows);
  const heldOut = evaluateHeldOut(predicted, testRows, y, targetValues, countModel);
  timingsMs.fit = lap();
  const cv = crossValidate(columns, y, trainRows, folds, info, {
    transforms: main.transforms,
    design: main.results.design,
  });
  warnings.push(...cv.warnings);
  timingsMs.cv = lap();

  // Findings and warnings.
  const dummyOrigin = new Map<string, { column: string; level: string; reference: string }>();
  // Columns encoded before this run (the add-on's sheet), then this run's: a dummy named in both keeps this run's.
  for (const c of [...(options.encodedBefore ?? []), ...(encodeReport?.columns ?? [])]) {
    c.dummies.forEach((dummy) =>
      dummyOrigin.set(dummy, { column: c.column, level: dummy.slice(c.column.length + 1), reference: c.reference }),
    );
  }
  const origins: TermOrigin[] = columns.map((c, k) => {
    const origin: TermOrigin = {
      term: c.name,
      transform: main.transforms[k] as PredictorTransform,
      range: rangeOf(c.values),
    };
    const dummy = dummyOrigin.get(c.name);
    if (dummy) origin.dummy = dummy;
    return origin;
  });
  const model: RecipeJson['model'] =
    'fit' in main.results ? main.results.toJSON() : { model: 'ols', ...main.results.toJSON() };
  const findings = describeFindings(main.results.coefficients, origins, {
    // With an exposure the model explains a rate: "about 29% fewer claims per holders".
    target: prepare.offset === undefined ? target : `${target} per ${prepare.offset}`,
    logTarget: true,
    ...(countModel ? { intervalLevel: level } : {}),
  });
  if (findings.length === 0)
    findings.push(`Nothing in this data is clearly linked to ${inWords(target)} (no term has p < 0.05).`);
  warnings.push(...model.warnings);

  const imputedCounts: Record<string, number> = {};
  for (const c of reportOf(reports, 'impute')?.columns ?? []) if (c.imputed > 0) imputedCounts[c.column] = c.imputed;
  const encodedColumns: Record<string, string[]> = {};
  for (const c of encodeReport?.columns ?? []) encodedColumns[c.column] = c.dummies;
  const json: RecipeJson = {
    target,
    rows: {
      input: input.rowCount,
      afterClean: input.rowCount,
      afterRare: afterRareRows,
      modeled: n,
      train: trainRows.length,
      test: testRows.length,
    },
    imputed: imputedCounts,
    excluded,
    leftOut: leftOutColumns,
    trend: prepare.trend ?? null,
    offset: prepare.offset ?? null,
    logTransformed: main.transforms.filter((t) => t.log1p).map((t) => t.name),
    standardized: main.transforms.filter((t) => t.sd !== null).map((t) => t.name),
    encoded: encodedColumns,
    steps: [
      ...steps,
      {
        step: 'transform',
        target: countModel ? target : `log1p(${target})`,
        predictors: main.transforms.map((t) => ({
          name: t.name,
          binary: t.binary,
          skewness: t.skewness,
          log1p: t.log1p,
          mean: t.mean,
          sd: t.sd,
        })),
      },
      { step: 'split', seed, testFraction, train: trainRows.length, test: testRows.length },
    ],
    model,
    evaluation: {
      ...heldOut,
      cvRmseLog: countModel ? { mean: null, sd: null, folds: 0 } : { mean: cv.mean, sd: cv.sd, folds: cv.folds },
      cvRmseFollowers: countModel ? { mean: cv.mean, sd: cv.sd, folds: cv.folds } : null,
    },
    findings,
    warnings: [...new Set(warnings)],
    timingsMs,
  };
  let preparedGrid: Grid | null = null;
  return {
    // Made on first use: the add-on writes it, `tikfit run` does not (0.5 s at 330,000 × 30, bench/pipeline-one.mjs).
    get preparedGrid(): Grid {
      if (preparedGrid === null) preparedGrid = tableToGrid(prepared);
      return preparedGrid;
    },
    preparedTable: prepared,
    results: main.results,
    transforms: main.transforms,
    json,
  };
}

/**
 * Steps 1–6: clean (with missing values and rare levels), leave out mostly-missing predictors, impute, encode; each
 * step's time in `timingsMs`. Returns the encoded table, the rows left after rare levels, the steps' reports and
 * warnings. The tables between the steps are let go when it returns: kept to the end of `runRecipe` they held
 * about 45 MB of heap through the fit at 330,000 × 30 (bench/pipeline-one.mjs).
 * @throws Error from a step, or when the target is not a column of numbers after cleaning.
 */
function prepareTable(
  input: Table,
  prepare: PrepareSettings,
  timingsMs: RecipeJson['timingsMs'],
  lap: () => number,
): { prepared: Table; afterRareRows: number; reports: PrepareReport[]; warnings: string[] } {
  const cleaned = cleanStep(input, prepare);
  timingsMs.clean = lap();
  checkTarget(cleaned.table, prepare.target);
  const afterRareRows = cleaned.table.rowCount;
  const imputed = imputeStep(cleaned.table, prepare);
  timingsMs.impute = lap();
  const encoded = encodeStep(imputed.table, prepare);
  timingsMs.encode = lap();
  return {
    prepared: encoded.table,
    afterRareRows,
    reports: [...cleaned.reports, ...imputed.reports, ...encoded.reports],
    warnings: followedBy(followedBy(cleaned, imputed), encoded).warnings,
  };
}

/**
 * A column's values, checked to hold no missing value (NaN).
 * @throws Error naming the column when one is missing.
 */
function withoutMissing(values: Float64Array, name: string): Float64Array {
  for (let i = 0; i < values.length; i++)
    if (values[i] !== values[i])
      throw new Error(`"${name}" still has missing values after imputation; impute it or leave it out`);
  return values;
}

/**
 * A count model's target must be counts: non-negative (else an error naming the first bad value in `order`), and
 * whole numbers (else a warning, since filled-in means are not counts: the fit goes on, as R's glm.nb does with its
 * warning).
 */
function checkCounts(values: Float64Array, order: Int32Array, target: string, warnings: string[]): void {
  let fractional = 0;
  for (let r = 0; r < order.length; r++) {
    const v = values[order[r] as number] as number;
    if (v < 0)
      throw new Error(
        `"${target}" has a negative value (${v}); a count model needs counts, so use least squares (--model ols)`,
      );
    if (v !== Math.floor(v)) fractional++;
  }
  if (fractional > 0)
    warnings.push(
      `${fractional} value${fractional === 1 ? '' : 's'} of ${target} ` +
        `${fractional === 1 ? 'is not a whole number' : 'are not whole numbers'}; ` +
        'a count model expects counts (filled-in means are not)',
    );
}

/** The name of the trend term made of a date column. */
export function trendName(column: string): string {
  return `Days since first (${column})`;
}

/**
 * Days since the earliest date of a column of dates (milliseconds, NaN where missing); a missing date gets the
 * average day. Cost: O(rows).
 */
export function trendDays(dates: Float64Array): { days: Float64Array; missing: number } {
  let first = Infinity;
  for (let i = 0; i < dates.length; i++) if ((dates[i] as number) < first) first = dates[i] as number;
  const days = new Float64Array(dates.length);
  let sum = 0;
  let present = 0;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i] as number;
    if (d !== d) continue;
    days[i] = daysBetween(first, d);
    sum += days[i] as number;
    present++;
  }
  const mean = present > 0 ? sum / present : 0;
  let missing = 0;
  for (let i = 0; i < dates.length; i++) {
    if (dates[i] !== dates[i]) {
      days[i] = mean;
      missing++;
    }
  }
  return { days, missing };
}

/** The smallest and largest of some values. Cost: O(values). */
function rangeOf(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
