/**
 * The sidebar's pure logic: the steps it offers, the options the user edits, the roles it shows and how numbers
 * are written. No DOM, so jest can test it in node.
 */
import type { ColumnRole, ColumnSummary, FormulaConfirm, ModelReport, ProfileReport, StepOptions, StepReport } from '../src/addon/api';

/** The step buttons, in the order the sidebar shows them. */
export type StepKey = 'recipe' | 'clean' | 'impute' | 'encode' | 'fit' | 'undo';

export const STEP_KEYS: readonly StepKey[] = ['recipe', 'clean', 'impute', 'encode', 'fit', 'undo'];

/** The steps that change the sheet in place, and so may ask before replacing formulas. */
export const IN_PLACE_STEPS: readonly StepKey[] = ['recipe', 'clean', 'impute', 'encode'];

/** What the sidebar shows after a step answered: its one-line result, or its question about formulas. */
export type StepOutcome = { kind: 'done'; message: string } | { kind: 'confirm'; confirm: FormulaConfirm };

/** A step's answer as the sidebar shows it. */
export function stepOutcome(report: StepReport): StepOutcome {
  return report.confirm !== undefined ? { kind: 'confirm', confirm: report.confirm } : { kind: 'done', message: report.message };
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
  return next;
}

/**
 * The role to show for `column` under the options being edited: the target, ignored when excluded, otherwise the
 * server's role — or, when the server's role was target or ignored but the user has since changed that, the role
 * that the column's kind implies.
 */
export function displayRole(column: ColumnSummary, options: StepOptions): ColumnRole {
  if (options.target !== undefined && column.name === options.target) return 'target';
  if (options.exclude?.includes(column.name)) return 'ignored';
  if (column.role !== 'target' && column.role !== 'ignored') return column.role;
  switch (column.kind) {
    case 'numeric':
    case 'binary':
    case 'categorical':
      return column.kind;
    default:
      return 'ignored';
  }
}

/** Columns offered as the target: the numeric ones, plus the current target whatever its kind. */
export function targetChoices(profile: ProfileReport, target: string | undefined): string[] {
  const names = profile.columns.filter((c) => c.kind === 'numeric' || c.name === target).map((c) => c.name);
  if (target !== undefined && target !== '' && !names.includes(target)) names.unshift(target);
  return names;
}

/** What a number input may hold. */
export interface NumberRule {
  label: string;
  min: number;
  /** Largest allowed value; exclusive when `maxExclusive`. */
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
}

export const NUMBER_RULES = {
  seed: { label: 'Seed', min: 0, integer: true },
  testFraction: { label: 'Test fraction', min: 0, max: 1, maxExclusive: true },
  folds: { label: 'Folds', min: 0, max: 100, integer: true },
  rareThreshold: { label: 'Rare threshold', min: 0, integer: true },
} as const satisfies Record<string, NumberRule>;

export type NumberOption = keyof typeof NUMBER_RULES;

/** Parses a number input's text; returns the number, or an error message for the user. */
export function parseNumberInput(text: string, rule: NumberRule): number | { error: string } {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${rule.label} must be a number` };
  if (rule.integer && !Number.isInteger(value)) return { error: `${rule.label} must be a whole number` };
  if (value < rule.min) return { error: `${rule.label} must be at least ${rule.min}` };
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) {
    return { error: `${rule.label} must be ${rule.maxExclusive ? 'below' : 'at most'} ${rule.max}` };
  }
  return value;
}

/** A number with `digits` decimals, or an em dash for null / non-finite. */
export function formatNumber(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A follower count error: one decimal below 100, whole numbers above. */
export function formatFollowers(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(Math.abs(value) >= 100 ? 0 : 1) : '—';
}

/** The key numbers of a model report as label/value pairs, in display order. */
export function modelNumbers(report: ModelReport): { label: string; value: string }[] {
  const cv = report.evaluation.cvRmseLog;
  const cvValue = cv.mean === null ? '—' : cv.sd === null ? formatNumber(cv.mean, 3) : `${formatNumber(cv.mean, 3)} ± ${formatNumber(cv.sd, 3)}`;
  return [
    { label: 'Rows used (n)', value: String(report.n) },
    { label: 'R²', value: formatNumber(report.rSquared, 3) },
    { label: 'Adjusted R²', value: formatNumber(report.adjRSquared, 3) },
    { label: 'Test RMSE (followers)', value: formatFollowers(report.evaluation.testRmseFollowers) },
    { label: 'Test RMSE (log scale)', value: formatNumber(report.evaluation.testRmseLog, 3) },
    { label: 'Test MAE (followers)', value: formatFollowers(report.evaluation.testMaeFollowers) },
    { label: cv.folds >= 2 ? `CV RMSE, log (${cv.folds} folds)` : 'CV RMSE, log', value: cvValue },
  ];
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
