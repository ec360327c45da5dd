/**
 * The sidebar's pure logic: the steps it offers, the options the user edits, the roles it shows and how numbers
 * are written. No DOM, so jest can test it in node.
 */
import {
  DEFAULT_MODEL,
  describeRange,
  numberProblem,
  OPTION_SPECS,
  type ModelName,
  type OptionKey,
  type OptionSpec,
} from '../src/core/options';
import type {
  ChartTerm,
  ColumnRole,
  ColumnSummary,
  FormulaConfirm,
  ModelReport,
  ModelSummary,
  ProfileReport,
  StepOptions,
  StepReport,
} from '../src/addon/api';

/** The step buttons, in the order the sidebar shows them. */
export type StepKey = 'recipe' | 'clean' | 'impute' | 'encode' | 'fit' | 'undo';

export const STEP_KEYS: readonly StepKey[] = ['recipe', 'clean', 'impute', 'encode', 'fit', 'undo'];

/** The steps that change the sheet in place, and so may ask before replacing formulas. */
export const IN_PLACE_STEPS: readonly StepKey[] = ['recipe', 'clean', 'impute', 'encode'];

/** What the sidebar shows after a step answered: its one-line result, or its question about formulas. */
export type StepOutcome =
  { kind: 'done'; message: string; warnings: string[] } | { kind: 'confirm'; confirm: FormulaConfirm };

/** A step's answer as the sidebar shows it: its question, or its one-line result and the warnings so far. */
export function stepOutcome(report: StepReport): StepOutcome {
  return report.confirm !== undefined
    ? { kind: 'confirm', confirm: report.confirm }
    : { kind: 'done', message: report.message, warnings: report.warnings ?? [] };
}

/** The options to run a step again with once the user chose "Replace with values". */
export function replacingFormulas(options: StepOptions): StepOptions {
  return { ...copyOptions(options), convertFormulas: true };
}

/** The line shown when the user cancels instead. */
export const CANCELLED = 'Nothing was changed; the formulas stay.';

/** A copy of the saved settings to edit, dropping nulls (the server treats null as "unset" anyway). */
export function optionsFromSettings(settings: ProfileReport['settings']): StepOptions {
  const copy = JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
  for (const key of Object.keys(copy)) if (copy[key] === null) delete copy[key];
  return copy as StepOptions;
}

/** A deep copy of `options`, to send without later edits reaching the call in flight. */
export function copyOptions(options: StepOptions): StepOptions {
  return JSON.parse(JSON.stringify(options)) as StepOptions;
}

/** `list` with `name` added (at the end) or removed. */
export function toggled(list: readonly string[] | undefined, name: string, on: boolean): string[] {
  const rest = (list ?? []).filter((item) => item !== name);
  return on ? [...rest, name] : rest;
}

/** `options` with a new target, which is then no longer excluded. */
export function withTarget(options: StepOptions, target: string): StepOptions {
  const next: StepOptions = { ...options, target };
  if (options.exclude !== undefined) next.exclude = toggled(options.exclude, target, false);
  if (next.offset === target) delete next.offset;
  return next;
}

/**
 * A column's role as the sidebar shows it: the server's roles, date columns as "date" (or "trend" when chosen), and
 * a count model's exposure column as "exposure".
 */
export type DisplayRole = ColumnRole | 'date' | 'trend' | 'exposure';

/**
 * The role to show for `column` under the options being edited: the target; a date column as "trend" when it is
 * the trend, else "date"; ignored when excluded; otherwise the server's role — or, when the server's role was
 * target or ignored but the user has since changed that, the role that the column's kind implies. `saved` are the
 * settings the profile was made with (`profile.settings`): a column the server left out for what it is (an
 * identifier, empty, constant or mostly missing) rather than because `saved` excluded it stays ignored.
 */
export function displayRole(column: ColumnSummary, options: StepOptions, saved?: StepOptions): DisplayRole {
  if (options.target !== undefined && column.name === options.target) return 'target';
  if (column.kind === 'date') return options.trend === column.name ? 'trend' : 'date';
  if (options.offset === column.name) return 'exposure';
  if (options.exclude?.includes(column.name)) return 'ignored';
  if (column.role !== 'target' && column.role !== 'ignored') return column.role;
  if (column.role === 'ignored' && column.leftOut !== undefined && saved?.exclude?.includes(column.name) !== true)
    return 'ignored';
  switch (column.kind) {
    case 'numeric':
    case 'binary':
    case 'categorical':
      return column.kind;
    default:
      return 'ignored';
  }
}

/** What the user asked for when they tick "Ignore" (the server's words for it). */
export const LEFT_OUT_BY_YOU = 'left out at your request';

/**
 * Why `column` is not in the model under the options being edited, as one line ("Not in the model: mostly distinct
 * text, such as a title"), or null when it is in the model (or is the target, or the trend).
 */
export function leftOutLine(column: ColumnSummary, options: StepOptions, saved?: StepOptions): string | null {
  const role = displayRole(column, options, saved);
  let reason: string | undefined;
  if (role === 'date')
    reason = column.leftOut ?? 'dates are not a predictor; choose it as the trend to use days since the first video';
  else if (role === 'ignored') reason = options.exclude?.includes(column.name) ? LEFT_OUT_BY_YOU : column.leftOut;
  return reason === undefined ? null : `Not in the model: ${reason}`;
}

/** The most strays the server sends per column (`strays.slice(0, 20)` in getProfile). */
export const STRAYS_SENT = 20;

/** A cell's text for a one-line quote: at most `max` characters, cut with an ellipsis. */
export function shortQuote(text: string, max = 24): string {
  const chars = Array.from(text);
  return `"${
    chars.length > max
      ? `${chars
          .slice(0, max - 1)
          .join('')
          .trimEnd()}…`
      : text
  }"`;
}

/**
 * One line about the cells of a numeric (or date) column that are not numbers (or dates), quoting at most three,
 * e.g. `2 cells are not numbers (row 67: "1O24", row 70: "n/a") — treated as missing`; null when there are none.
 */
export function straysLine(column: ColumnSummary): string | null {
  const n = column.strays.length;
  if (n === 0) return null;
  const what = column.kind === 'date' ? (n === 1 ? 'a date' : 'dates') : n === 1 ? 'a number' : 'numbers';
  const quoted = column.strays.slice(0, 3).map((stray) => `row ${stray.row}: ${shortQuote(stray.text)}`);
  if (n > 3) quoted.push('…');
  const count = n >= STRAYS_SENT ? `${n} or more cells are` : n === 1 ? '1 cell is' : `${n} cells are`;
  return `${count} not ${what} (${quoted.join(', ')}) — treated as missing`;
}

/** A choice in a `<select>`: the value sent, and the label shown. */
export interface Choice {
  value: string;
  label: string;
}

/** The value of the trend select that means "no trend". */
export const NO_TREND = '';

/** The trend choices: "None", then every date column of the sheet. */
export function trendChoices(profile: ProfileReport): Choice[] {
  return [
    { value: NO_TREND, label: 'None' },
    ...profile.columns.filter((c) => c.kind === 'date').map((c) => ({ value: c.name, label: c.name })),
  ];
}

/** `options` with a new trend column (which is then no longer excluded), or without one for `NO_TREND`. */
export function withTrend(options: StepOptions, trend: string): StepOptions {
  return withColumnChoice(options, 'trend', trend);
}

/**
 * `options` with a column chosen for `key` — the trend, or a count model's exposure — which is then no longer
 * excluded, or without one for '' (None).
 */
function withColumnChoice(options: StepOptions, key: 'trend' | 'offset', name: string): StepOptions {
  const next: StepOptions = { ...options };
  if (name === '') {
    delete next[key];
    return next;
  }
  next[key] = name;
  if (options.exclude !== undefined) next.exclude = toggled(options.exclude, name, false);
  return next;
}

/** The value of the exposure select that means "no exposure". */
export const NO_EXPOSURE = '';

/**
 * The exposure choices: "None", then every numeric column but the target. A count model then explains counts per unit
 * of the exposure (log of it is the offset, as R's `offset(log(days))`).
 */
export function exposureChoices(profile: ProfileReport, options: StepOptions): Choice[] {
  return [
    { value: NO_EXPOSURE, label: 'None' },
    ...profile.columns
      .filter((c) => c.kind === 'numeric' && c.name !== options.target)
      .map((c) => ({ value: c.name, label: c.name })),
  ];
}

/** `options` with a new exposure column (which is then no longer excluded), or without one for `NO_EXPOSURE`. */
export function withExposure(options: StepOptions, offset: string): StepOptions {
  return withColumnChoice(options, 'offset', offset);
}

/**
 * The options being edited, fitted to a new profile so that they name only columns the sheet has: a target that is
 * gone becomes the profile's (the saved one, else the guess; none when the sheet has no numeric column), a trend
 * that is gone or no longer holds dates is removed, and so is an exposure that is gone or no longer numeric, and
 * columns that are gone leave exclude, include, zeroMissing and impute. Everything else is kept as it is. Pure;
 * `options` is not changed.
 */
export function optionsForProfile(options: StepOptions, profile: ProfileReport): StepOptions {
  const names = new Set(profile.columns.map((c) => c.name));
  const has = (name: string): boolean => names.has(name);
  const next = copyOptions(options);
  if (next.target === undefined || next.target === '' || !has(next.target)) {
    const target = [profile.settings.target, profile.suggestedTarget].find(
      (name): name is string => typeof name === 'string' && name !== '' && has(name),
    );
    if (target === undefined) delete next.target;
    else next.target = target;
  }
  if (next.trend !== undefined && !profile.columns.some((c) => c.name === next.trend && c.kind === 'date'))
    delete next.trend;
  if (next.offset !== undefined && !profile.columns.some((c) => c.name === next.offset && c.kind === 'numeric'))
    delete next.offset;
  for (const key of ['exclude', 'include', 'zeroMissing'] as const) {
    const list = next[key];
    if (list !== undefined) next[key] = list.filter(has);
  }
  if (next.impute !== undefined)
    next.impute = Object.fromEntries(Object.entries(next.impute).filter(([name]) => has(name)));
  return next;
}

// ---------------------------------------------------------------- the model

/** What each model is called in the Model select. */
export const MODEL_LABELS: Readonly<Record<ModelName, string>> = {
  ols: 'Least squares (log of the count)',
  nb: 'Counts: negative binomial',
  poisson: 'Counts: Poisson',
};

/** The order the Model select lists them: least squares, then the count models, negative binomial first. */
const MODEL_ORDER: readonly ModelName[] = ['ols', 'nb', 'poisson'];

/** The Model select's choices: the models core/options.ts offers (the one place they live), with their labels. */
export function modelChoices(): Choice[] {
  const spec = OPTION_SPECS.model;
  const offered = spec.kind === 'choice' ? spec.choices : [];
  const rank = (name: string): number => {
    const k = MODEL_ORDER.indexOf(name as ModelName);
    return k < 0 ? MODEL_ORDER.length : k;
  };
  return [...offered]
    .sort((a, b) => rank(a) - rank(b))
    .map((value) => ({ value, label: MODEL_LABELS[value as ModelName] ?? value }));
}

/** The model the options ask for (the default when none). */
export function modelChoice(options: StepOptions): ModelName {
  return options.model ?? DEFAULT_MODEL;
}

/**
 * `options` with the model chosen in the select; a value that is not a model changes nothing. Least squares has no
 * exposure, so choosing it drops one.
 */
export function withModel(options: StepOptions, value: string): StepOptions {
  if (!modelChoices().some((c) => c.value === value)) return options;
  const next: StepOptions = { ...options, model: value as ModelName };
  if (value === 'ols') delete next.offset;
  return next;
}

/**
 * The one-line hint beside the Model select: when the target is whole numbers with many zeros (the profile's
 * `manyZeroCounts`) and least squares is chosen, a suggestion to fit them as counts; else null.
 */
export function modelHint(profile: ProfileReport | null, options: StepOptions): string | null {
  const target = options.target;
  if (profile === null || target === undefined || target === '') return null;
  const column = profile.columns.find((c) => c.name === target);
  if (column === undefined) return null;
  if (column.manyZeroCounts === true && modelChoice(options) === 'ols') {
    const share =
      column.missing < profile.rows ? Math.round((100 * column.zeros) / (profile.rows - column.missing)) : 0;
    return `${target} is counts with many zeros (${share}%): try “${MODEL_LABELS.nb}”.`;
  }
  return null;
}

/** Columns offered as the target: the numeric ones, plus the current target whatever its kind. */
export function targetChoices(profile: ProfileReport, target: string | undefined): string[] {
  const names = profile.columns.filter((c) => c.kind === 'numeric' || c.name === target).map((c) => c.name);
  if (target !== undefined && target !== '' && !names.includes(target)) names.unshift(target);
  return names;
}

/** What a number input may hold: the option's spec from src/core/options.ts, the one place ranges live. */
export type NumberRule = Extract<OptionSpec, { kind: 'number' }>;

function numberRule(key: OptionKey): NumberRule {
  const spec = OPTION_SPECS[key];
  if (spec.kind !== 'number') throw new Error(`${key} is not a number option`);
  return spec;
}

/** The sidebar's number inputs and their rules, from core/options.ts (so the sidebar refuses what the server does). */
export const NUMBER_RULES = {
  seed: numberRule('seed'),
  testFraction: numberRule('testFraction'),
  folds: numberRule('folds'),
  rareThreshold: numberRule('rareThreshold'),
} as const;

export type NumberOption = keyof typeof NUMBER_RULES;

/** Parses a number input's text; returns the number, or an error message for the user. */
export function parseNumberInput(text: string, rule: NumberRule): number | { error: string } {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${rule.label} must be ${describeRange(rule)}` };
  const problem = numberProblem(rule, value);
  return problem === null ? value : { error: problem };
}

/** The HTML attributes of a number input for a rule: min, max and step (the browser's own hints). */
export function inputLimits(rule: NumberRule): { min: string; max: string | null; step: string } {
  return {
    min: String(rule.min),
    max: rule.max === undefined ? null : String(rule.max),
    step: rule.integer ? '1' : 'any',
  };
}

/** A number with `digits` decimals, or an em dash for null / non-finite. */
export function formatNumber(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A follower count error: one decimal below 100, whole numbers above. */
export function formatFollowers(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(Math.abs(value) >= 100 ? 0 : 1) : '—';
}

/** A model report rather than a plain step report. */
export function isModelReport(report: { step: string }): report is ModelReport {
  return 'evaluation' in report && 'findings' in report;
}

/** One line about the undo snapshots, e.g. "2 snapshots; newest before: clean". */
export function undoSummary(undo: ProfileReport['undo']): string {
  const newest = undo[0];
  if (newest === undefined) return 'Nothing to undo.';
  return `${undo.length} snapshot${undo.length === 1 ? '' : 's'}; undo restores the sheet from before “${newest.step}”.`;
}

/** One line per suggested merge, e.g. "category: “Humor” → “humor” (case, 2 cells)". */
export function mergeLine(merge: ProfileReport['merges'][number]): string {
  return `${merge.column}: “${merge.from}” → “${merge.to}” (${merge.reason}, ${merge.count} cell${merge.count === 1 ? '' : 's'})`;
}

// ---------------------------------------------------------------- the answer

/** The most terms the sidebar's coefficient chart draws (the clearest, by p-value). */
export const MAX_CHART_TERMS = 16;

/** The findings shown at once; the rest are one click away. */
export const VISIBLE_FINDINGS = 4;

/** The terms the chart draws: all of them, or the MAX_CHART_TERMS with the smallest p-values, in the model's order. */
export function chartTerms(terms: readonly ChartTerm[]): ChartTerm[] {
  if (terms.length <= MAX_CHART_TERMS) return terms.slice();
  const keep = new Set(
    terms
      .map((t, i) => ({ p: t.p, i }))
      .sort((a, b) => a.p - b.p || a.i - b.i)
      .slice(0, MAX_CHART_TERMS)
      .map((t) => t.i),
  );
  return terms.filter((_, i) => keep.has(i));
}

/** The chart's caption: what it shows, and how many terms it left out. */
export function chartCaption(summary: ModelSummary): string {
  const shown = Math.min(summary.terms.length, MAX_CHART_TERMS);
  const total = summary.terms.length + summary.omitted.terms;
  const level = `${Number((summary.level * 100).toPrecision(6))}%`;
  const some = shown < total ? ` The ${shown} clearest of ${total} terms.` : '';
  return `Estimates (dots) with ${level} intervals, on the model's scale; blue: p < 0.05.${some}`;
}

/** The three numbers the answer shows: R² (a count model: AIC), the test error in the target's units, and the rows used. */
export function keyNumbers(summary: ModelSummary): { label: string; value: string }[] {
  const test = summary.evaluation.testRmseFollowers;
  const counts = summary.counts ?? null;
  return [
    counts === null
      ? { label: 'R²', value: formatNumber(summary.rSquared, 3) }
      : { label: 'AIC', value: formatNumber(counts.aic, 1) },
    { label: `Typical error (${summary.target})`, value: test === null ? '—' : `±${formatFollowers(test)}` },
    { label: 'Rows used', value: String(summary.n) },
  ];
}

/** When and where the answer was made, and where the rest is: "Fitted on “Sheet1”, 2025-01-06 14:03. Full report…". */
export function answerSource(summary: ModelSummary, resultsSheet: string): string {
  const at = new Date(summary.at);
  const two = (value: number): string => String(value).padStart(2, '0');
  const when = Number.isNaN(at.getTime())
    ? summary.at
    : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
  return `Fitted on “${summary.sheetName}”, ${when}. Full report and charts: sheet “${resultsSheet}”.`;
}

/** The label of the collapsed findings, e.g. "2 more findings". */
export function moreFindingsLabel(count: number): string {
  return `${count} more finding${count === 1 ? '' : 's'}`;
}

/** The label of the warnings, e.g. "Warnings (3)", and of those left out of the record. */
export function warningsLabel(summary: ModelSummary): string {
  const count = summary.warnings.length + summary.omitted.warnings;
  return `Warnings (${count})`;
}

/** The "Missing target" choice under `options`: "drop" when the target's missing rows are dropped, else "fill". */
export function missingTargetChoice(options: StepOptions, target: string | undefined): 'fill' | 'drop' {
  return target !== undefined && options.impute?.[target] === 'drop' ? 'drop' : 'fill';
}

/** `options` with the target's missing rows dropped ("drop") or filled in as the recipe does ("fill"). */
export function withMissingTarget(
  options: StepOptions,
  target: string | undefined,
  choice: 'fill' | 'drop',
): StepOptions {
  if (target === undefined || target === '') return options;
  const impute: Record<string, NonNullable<StepOptions['impute']>[string]> = { ...(options.impute ?? {}) };
  if (choice === 'drop') impute[target] = 'drop';
  else delete impute[target];
  const next: StepOptions = { ...options, impute };
  if (Object.keys(impute).length === 0) delete next.impute;
  return next;
}

/** The results sheet's name (src/addon/resultsSheet.ts RESULTS_SHEET; the sidebar takes only types from src/addon). */
export const RESULTS_SHEET_NAME = 'TikFit Results';
