/**
 * The recipe's options in one place: their type, their defaults (per named recipe), their allowed values, and one
 * check that every entry point uses — the command line's flags, the add-on's settings and the sidebar's controls
 * are generated from `OPTION_SPECS` (the flags' names and help words from `OPTION_FLAGS`) or checked against it, so
 * that they accept and refuse the same values.
 */
import type { ImputeMethod } from './prepare/imputeColumns';

/** How to fill one column's missing cells, by name (a constant is `{ constant }`). */
export const IMPUTE_METHODS = ['mean', 'median', 'mode', 'drop'] as const;

/** The regression models: least squares, or a count model with the log link (Poisson, negative binomial). */
export const MODELS = ['ols', 'poisson', 'nb'] as const;
export type ModelName = (typeof MODELS)[number];

/** The default model. */
export const DEFAULT_MODEL: ModelName = 'ols';

/** The standard errors least squares reports: classical, or HC3 (heteroskedasticity-consistent, MacKinnon–White). */
export const STANDARD_ERRORS = ['classical', 'hc3'] as const;
export type StandardErrorKind = (typeof STANDARD_ERRORS)[number];

/**
 * One regression's own settings beside the recipe's, with their defaults: `tikfit fit`'s --log-target, --robust and
 * --no-intercept, and the formulas' `log-target`, `robust` and `intercept` (the level is the recipes' level).
 */
export const FIT_DEFAULTS: Readonly<{ logTarget: boolean; robust: StandardErrorKind; intercept: boolean }> =
  Object.freeze({ logTarget: false, robust: 'classical', intercept: true });

/**
 * Options that only `tikfit fit` takes (none now: `tikfit run` and the add-on's sidebar take the model too).
 */
export const FIT_ONLY_OPTIONS: readonly OptionKey[] = [];

/** The named recipes. */
export const RECIPES = ['default', 'article'] as const;
export type RecipeName = (typeof RECIPES)[number];

/** Settings of the pipeline. Every field is optional; `recipeDefaults(name)` gives a named recipe's. */
export interface RecipeOptions {
  /**
   * Named defaults: 'article' explains newFollowers where the sheet has it, treats zeros in watchedFullVideo and
   * newFollowers as missing (where the sheet has them) and drops rows of rare levels. Default 'default': the target
   * is guessed from the sheet, and rare levels are lumped into "Other".
   */
  recipe?: RecipeName;
  /** The column to explain; by default guessed from the sheet (see `resolveTarget`). */
  target?: string;
  /** A date column to use as a trend term: days since the first video. */
  trend?: string;
  seed?: number;
  /** Share of rows held out for testing, in [0, 1). 0 fits on every row. */
  testFraction?: number;
  /** Folds of cross-validation on the training rows (0 or 1 to skip). */
  folds?: number;
  rareThreshold?: number;
  rare?: 'drop' | 'lump';
  /** Columns whose zeros mean "not recorded". */
  zeroMissing?: readonly string[];
  /** Imputation per column; the target defaults to its mode, numeric columns to the mean, text to the mode. */
  impute?: Readonly<Record<string, ImputeMethod>>;
  /** Predictors to leave out. */
  exclude?: readonly string[];
  /** Predictors to keep even when mostly missing. */
  include?: readonly string[];
  /** Leave out predictors missing in more than this share of rows (default 0.5). */
  maxMissingShare?: number;
  /** Apply suggested typo merges (default false: only suggested). */
  applyTypoMerges?: boolean;
  /** Confidence level (default 0.95). */
  level?: number;
  /**
   * The model (default 'ols'); 'poisson' and 'nb' fit the target's counts with a log link, zeros included (the
   * recipe's zero-missing default does not apply to the target).
   */
  model?: ModelName;
  /**
   * An exposure column for a count model (days online, policy holders): log of it is the offset, as R's
   * `offset(log(column))`, so that the model explains counts per unit of exposure. Every row needs a number above 0.
   * Least squares refuses it.
   */
  offset?: string;
  /**
   * Dummy columns encoded earlier (the add-on's in-place Encode step records them), so that findings can still
   * compare a level with its reference: "Videos about data analytics … than videos about career".
   */
  encodedBefore?: readonly { column: string; reference: string; dummies: readonly string[] }[];
}

/** The options a person sets (all but the add-on's internal `encodedBefore`). */
export type OptionKey = Exclude<keyof RecipeOptions, 'encodedBefore'>;

/** What one option takes, for checks and form controls (the command line's words are in `OPTION_FLAGS`). */
export type OptionSpec =
  | {
      kind: 'number';
      label: string;
      min: number;
      max?: number;
      minExclusive?: boolean;
      maxExclusive?: boolean;
      integer?: boolean;
    }
  | { kind: 'choice'; label: string; choices: readonly string[] }
  | { kind: 'column' | 'columns' | 'impute'; label: string }
  | { kind: 'boolean'; label: string };

/**
 * Every option's label and allowed values. The numbers' ranges are the one truth: the CLI, the add-on and the
 * sidebar's inputs (their HTML min/max) all come from here.
 */
export const OPTION_SPECS: { readonly [K in OptionKey]: OptionSpec } = {
  recipe: { kind: 'choice', label: 'Recipe', choices: RECIPES },
  target: { kind: 'column', label: 'Target' },
  trend: { kind: 'column', label: 'Trend' },
  seed: { kind: 'number', label: 'Seed', min: -2147483648, max: 2147483647, integer: true },
  testFraction: { kind: 'number', label: 'Test fraction', min: 0, max: 1, maxExclusive: true },
  folds: { kind: 'number', label: 'Folds', min: 0, max: 100, integer: true },
  rareThreshold: { kind: 'number', label: 'Rare threshold', min: 0, max: 1e9, integer: true },
  rare: { kind: 'choice', label: 'Rare levels', choices: ['drop', 'lump'] },
  zeroMissing: { kind: 'columns', label: '0 = blank' },
  impute: { kind: 'impute', label: 'Impute' },
  exclude: { kind: 'columns', label: 'Exclude' },
  include: { kind: 'columns', label: 'Include' },
  maxMissingShare: { kind: 'number', label: 'Most missing', min: 0, max: 1 },
  applyTypoMerges: { kind: 'boolean', label: 'Apply typo merges' },
  level: { kind: 'number', label: 'Confidence level', min: 0, max: 1, minExclusive: true, maxExclusive: true },
  model: { kind: 'choice', label: 'Model', choices: MODELS },
  offset: { kind: 'column', label: 'Exposure' },
};

/**
 * The command line's flag and help words for each option, kept apart from `OPTION_SPECS` so that the add-on's bundle,
 * which never prints --help, leaves them out (esbuild drops this unused table from Code.js: about 1 KB, issue 14).
 */
export const OPTION_FLAGS: { readonly [K in OptionKey]: { flag: string; help: string } } = {
  recipe: { flag: 'recipe', help: "named defaults: article is the article's own workflow" },
  target: { flag: 'target', help: 'the column to explain' },
  trend: { flag: 'trend', help: 'a date column, used as days since the first video' },
  seed: { flag: 'seed', help: 'the seed of the train/test split and the folds' },
  testFraction: { flag: 'test-fraction', help: 'share of rows held out for testing' },
  folds: { flag: 'folds', help: 'cross-validation folds on the training rows (0 or 1: none)' },
  rareThreshold: { flag: 'rare-threshold', help: 'a level with at most this many rows is rare' },
  rare: { flag: 'rare', help: 'drop their rows, or lump them into "Other"' },
  zeroMissing: { flag: 'zero-missing', help: 'columns whose zeros mean "not recorded"' },
  impute: { flag: 'impute', help: 'per column: mean, median, mode, drop, or a constant (col=mean,col2=0)' },
  exclude: { flag: 'exclude', help: 'columns to leave out of the model' },
  include: { flag: 'include', help: 'columns to keep even when mostly missing' },
  maxMissingShare: { flag: 'max-missing', help: 'leave out a predictor missing in more than this share of rows' },
  applyTypoMerges: { flag: 'merge-typos', help: 'merge labels that look like typos of a common one' },
  level: { flag: 'level', help: 'of the confidence intervals' },
  model: { flag: 'model', help: 'least squares, or a count model (log link): Poisson or negative binomial' },
  offset: {
    flag: 'offset',
    help: 'a count model only: a column of exposures (days online, holders); log of it is the offset',
  },
};

/** The settings of a named recipe. */
export function recipeDefaults(
  recipe: RecipeName,
): Required<
  Omit<RecipeOptions, 'impute' | 'exclude' | 'include' | 'encodedBefore' | 'target' | 'trend' | 'model' | 'offset'>
> &
  Pick<RecipeOptions, 'impute' | 'exclude' | 'include' | 'encodedBefore' | 'target' | 'trend' | 'model' | 'offset'> {
  return {
    recipe,
    target: recipe === 'article' ? 'newFollowers' : undefined,
    seed: 42,
    testFraction: 0.2,
    folds: 5,
    rareThreshold: 5,
    rare: recipe === 'article' ? 'drop' : 'lump',
    zeroMissing: recipe === 'article' ? ['watchedFullVideo', 'newFollowers'] : [],
    maxMissingShare: 0.5,
    applyTypoMerges: false,
    level: 0.95,
  };
}

/** A number option's allowed values in words: "a whole number from 0 to 100", "at least 0 and below 1". */
export function describeRange(spec: Extract<OptionSpec, { kind: 'number' }>): string {
  const what = spec.integer ? 'a whole number' : 'a number';
  const low = `${spec.minExclusive ? 'above' : 'at least'} ${spec.min}`;
  if (spec.max === undefined) return `${what} ${low}`;
  const high = `${spec.maxExclusive ? 'below' : 'at most'} ${spec.max}`;
  if (!spec.minExclusive && !spec.maxExclusive) return `${what} from ${spec.min} to ${spec.max}`;
  return `${what} ${low} and ${high}`;
}

/**
 * The error for a number outside an option's range, or null when it is allowed.
 */
export function numberProblem(spec: Extract<OptionSpec, { kind: 'number' }>, value: number): string | null {
  const bad =
    !Number.isFinite(value) ||
    (spec.integer === true && !Number.isInteger(value)) ||
    (spec.minExclusive ? value <= spec.min : value < spec.min) ||
    (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max));
  return bad ? `${spec.label} must be ${describeRange(spec)}, got ${String(value)}` : null;
}

/**
 * Checks options from anywhere (the command line, the sidebar, saved settings — values of any type) against
 * `OPTION_SPECS`, keeping the known keys that are set. Column names are trimmed.
 * @throws Error naming the option, what it takes and what it got.
 */
export function checkOptions(input: unknown): RecipeOptions {
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new Error('The options must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (!Object.prototype.hasOwnProperty.call(OPTION_SPECS, key)) throw new Error(`Unknown option "${key}"`);
    out[key] = checkOption(key as OptionKey, value);
  }
  return out as RecipeOptions;
}

/**
 * One option's value, checked.
 * @throws Error naming the option, what it takes and what it got.
 */
export function checkOption(key: OptionKey, value: unknown): unknown {
  const spec = OPTION_SPECS[key];
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number')
        throw new Error(`${spec.label} must be ${describeRange(spec)}, got ${JSON.stringify(value)}`);
      const problem = numberProblem(spec, value);
      if (problem !== null) throw new Error(problem);
      return value;
    }
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value))
        throw new Error(`${spec.label} must be ${spec.choices.join(' or ')}, got ${JSON.stringify(value)}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean')
        throw new Error(`${spec.label} must be true or false, got ${JSON.stringify(value)}`);
      return value;
    case 'column':
      if (typeof value !== 'string' || value.trim() === '')
        throw new Error(`${spec.label} must be a column name, got ${JSON.stringify(value)}`);
      return value.trim();
    case 'columns':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw new Error(`${spec.label} must be a list of column names`);
      return (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
    case 'impute': {
      if (typeof value !== 'object' || Array.isArray(value))
        throw new Error(`${spec.label} must map column names to mean, median, mode, drop or a constant`);
      const methods: Record<string, ImputeMethod> = {};
      for (const [column, method] of Object.entries(value as Record<string, unknown>)) {
        if ((IMPUTE_METHODS as readonly unknown[]).includes(method)) methods[column] = method as ImputeMethod;
        else if (
          method !== null &&
          typeof method === 'object' &&
          'constant' in method &&
          ['number', 'string'].includes(typeof (method as { constant: unknown }).constant)
        ) {
          methods[column] = { constant: (method as { constant: number | string }).constant };
        } else throw new Error(`The imputation for "${column}" must be mean, median, mode, drop or a constant`);
      }
      return methods;
    }
  }
}
