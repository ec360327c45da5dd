import type { ColumnInfo, ColumnKind } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import { distinctAtMostTwo, firstNonNumber } from '../cells/columnInfo';
import { parseNumber } from '../cells/parseNumber';
import { columnCellsOf, findColumn, infoOf, requireColumn, sheetRow, type Table } from '../cells/table';
import { cleanTable, type CleanReport } from '../prepare/cleanGrid';
import { encodeTable, type EncodeReport } from '../prepare/encodeColumns';
import { imputeTable, type ImputeMethod, type ImputeReport } from '../prepare/imputeColumns';
import { markMissingInTable, type MissingReport } from '../prepare/markMissing';
import { guessTarget, strayWarning, type StrayFate } from '../prepare/profileGrid';
import { handleRareLevelsInTable, MAX_RARE_DROP_SHARE, type RareReport } from '../prepare/rareLevels';
import { filledValueText } from './readableNumbers';

/** The settings the preparation steps read (a subset of the recipe's). */
export interface PrepareSettings {
  target: string;
  rareThreshold: number;
  rare: 'drop' | 'lump';
  /** Columns whose zeros mean "not recorded"; `strictZeroMissing` says whether each must exist. */
  zeroMissing: readonly string[];
  strictZeroMissing?: boolean;
  impute?: Readonly<Record<string, ImputeMethod>>;
  exclude?: readonly string[];
  include?: readonly string[];
  maxMissingShare: number;
  applyTypoMerges: boolean;
  /** A date column to use as a trend term (days since the first video); it is then not left out. */
  trend?: string;
  /** A count model's exposure column (log of it is the offset): not a predictor, and never imputed. */
  offset?: string;
  /**
   * The steps' tables are written over the sheet (the add-on's Clean, Impute, Encode and Run all): a warning then
   * says that Impute replaced a cell in the sheet, and numbers rows as the sheet does once the step has written.
   */
  writesBack?: boolean;
}

/** Why a column is not in the model. */
export type LeftOutReason =
  'identifier' | 'date' | 'empty' | 'constant' | 'not numeric' | 'mostly missing' | 'excluded by you' | 'exposure';

/** A column the model leaves out, why, and the reason in words. */
export interface LeftOutColumn {
  column: string;
  reason: LeftOutReason;
  /** One line for people, e.g. `missing in 180 of 189 rows`. */
  detail: string;
}

/** What the exclude step decided. */
export interface ExcludeReport {
  step: 'exclude';
  /** Every column that is not in the model, with its reason. */
  leftOut: LeftOutColumn[];
  maxMissingShare: number;
}

/** Every step's report: one typed union, told apart by `step`. */
export type PrepareReport = CleanReport | MissingReport | RareReport | ExcludeReport | ImputeReport | EncodeReport;

/** One step's result: the new table, its reports, a one-line summary for people, and warnings. */
export interface StepResult extends StepWarnings {
  table: Table;
  reports: PrepareReport[];
  message: string;
}

/**
 * Warnings of steps run one after another. `pending` are those of `warnings` about cells the steps left as typed
 * (not numbers, still missing or in a column not in the model): the next step reads those cells again and says what
 * became of them (see `followedBy`).
 */
export interface StepWarnings {
  warnings: string[];
  pending: string[];
}

/**
 * The warnings after one more step: the earlier steps' warnings about cells left as typed give way to what the step
 * says about them now (Impute filled "2O3" with the mean, say); the others add up, each once. Cost: O(warnings).
 */
export function followedBy(earlier: StepWarnings, step: StepWarnings): StepWarnings {
  const stale = new Set(earlier.pending);
  const warnings = [...new Set([...earlier.warnings.filter((w) => !stale.has(w)), ...step.warnings])];
  return { warnings, pending: step.pending };
}

/**
 * The column to explain: the one named (which must exist), else the recipe's default where the sheet has it, else
 * the guess from the sheet (see `guessTarget`).
 * @throws Error when a named column does not exist or no column is numeric.
 */
export function resolveTarget(table: Table, named: string | undefined, recipeDefault?: string): string {
  if (named !== undefined) {
    requireColumn(table, named, 'the column to explain');
    return named;
  }
  if (recipeDefault !== undefined && findColumn(table, recipeDefault) >= 0) return recipeDefault;
  const guess = guessTarget(table);
  if (guess === null)
    throw new Error(
      'No column holds numbers, so there is nothing to explain: add a column of counts such as new followers',
    );
  return guess;
}

/**
 * The cleaning step, as the article did it by hand: trim and merge case variants (and typos when asked), blank the
 * missing tokens and placeholder zeros, then deal with rare levels of the categorical predictors, left to right.
 * Cost: O(cells).
 * @throws Error for an unknown target, or a zero-missing column that does not exist.
 */
export function cleanStep(table: Table, settings: PrepareSettings): StepResult {
  requireColumn(table, settings.target, 'the column to explain');
  const cleaned = cleanTable(table, { applyTypoMerges: settings.applyTypoMerges });
  const zeroMissing = settings.strictZeroMissing
    ? settings.zeroMissing
    : settings.zeroMissing.filter((name) => findColumn(cleaned.table, name) >= 0);
  const marked = markMissingInTable(cleaned.table, { zeroMissing });
  const plan = planColumns(marked.table, settings);
  const skip = [settings.target, ...plan.leftOut];
  const rare = handleRareLevelsInTable(marked.table, {
    threshold: settings.rareThreshold,
    policy: settings.rare,
    skip,
  });
  if (rare.table.rowCount === 0 && table.rowCount > 0) {
    throw new Error(
      'No rows are left after the rare-level step emptied the table at ' +
        `"${rare.report.columns[rare.report.columns.length - 1]?.column ?? '?'}": ` +
        'lump rare levels instead of dropping them',
    );
  }
  // A suggested typo is worth a warning only while its rows are still there (a rare label is often dropped anyway).
  const stillThere = (column: string, label: string): boolean => {
    const j = findColumn(rare.table, column);
    return (rare.table.columns[j] as readonly unknown[]).includes(label);
  };
  const { warnings: strays, pending } = unfilledStrays(rare.table, settings, plan);
  const warnings = [
    ...strays,
    ...cleaned.report.suggested
      .filter((s) => stillThere(s.column, s.from))
      .map(
        (s) =>
          `In "${s.column}", "${s.from}" looks like a typo for "${s.to}"; it was kept apart (apply suggested merges to combine them)`,
      ),
    ...rare.report.columns
      .filter((c) => c.lumpedInstead)
      .map(
        (c) =>
          `Dropping the rare levels of "${c.column}" would have removed more than ` +
          `${Math.round(MAX_RARE_DROP_SHARE * 100)}% of the rows, ` +
          'so they were lumped into "Other" instead',
      ),
  ];
  const parts: string[] = [`trimmed ${cleaned.report.trimmed} cell${cleaned.report.trimmed === 1 ? '' : 's'}`];
  if (cleaned.report.merged.length > 0)
    parts.push(`merged ${cleaned.report.merged.map((m) => `${m.from} → ${m.to} (${m.cells})`).join(', ')}`);
  const zeros = Object.entries(marked.report.zeros).filter(([, k]) => k > 0);
  if (zeros.length > 0) parts.push(`zeros → blank: ${zeros.map(([c, k]) => `${c} ${k}`).join(', ')}`);
  const dropped = rare.report.rowsBefore - rare.report.rowsAfter;
  const lumped = rare.report.columns.reduce((a, c) => a + c.cellsLumped, 0);
  if (settings.rare === 'drop') parts.push(`dropped ${dropped} row${dropped === 1 ? '' : 's'} of rare levels`);
  if (lumped > 0 || settings.rare === 'lump')
    parts.push(`lumped ${lumped} rare label${lumped === 1 ? '' : 's'} into Other`);
  return {
    table: rare.table,
    reports: [cleaned.report, marked.report, rare.report],
    message: capitalize(parts.join('; ')),
    warnings,
    pending,
  };
}

/**
 * One warning per cell of a step's table that does not fit its numeric or date column, naming the column, the row,
 * the text and what became of it (`fate`, by column and row), e.g. `Views, row 19: "1O24" is not a number; it counts
 * as missing until you type the right number or Impute fills it`; those about cells left as typed are `pending` too.
 * Rows are numbered as the sheet numbers them once the step is done: as read (`sheetRow`), or where the step writes
 * them back (see `PrepareSettings.writesBack`); `rowOf` may say otherwise. Cost: O(cells) the first time a column is
 * classified.
 */
export function strayWarnings(
  table: Table,
  settings: Pick<PrepareSettings, 'writesBack'>,
  fate: (column: string, row: number) => StrayFate,
  rowOf: (row: number) => number = (row) => (settings.writesBack ? row + 2 : sheetRow(table, row)),
): StepWarnings {
  const notes: StepWarnings = { warnings: [], pending: [] };
  table.names.forEach((name, j) => {
    const info = infoOf(table, j);
    for (const stray of info.strays) {
      // A date still missing in a column the model keeps is the trend's, which gives it the average day.
      const told = fate(name, stray.row);
      const became: StrayFate = info.kind === 'date' && told.fate === 'missing' ? { fate: 'average day' } : told;
      const warning = strayWarning(name, { row: rowOf(stray.row), text: stray.text }, info.kind, became);
      notes.warnings.push(warning);
      if (became.fate === 'missing' || became.fate === 'not modelled' || became.fate === 'average day')
        notes.pending.push(warning);
    }
  });
  return notes;
}

/** Which columns the model leaves out, and why. */
export interface ColumnPlan {
  /** Left out by the user or for missing values (the article's "excluded"). */
  excluded: string[];
  /** Left out for what they are: identifiers, dates, empty or constant columns. */
  ignored: { column: string; kind: ColumnKind }[];
  /** Every column left out, with its reason. */
  leftOutColumns: LeftOutColumn[];
  /** Excluded and ignored together. */
  leftOut: Set<string>;
}

/**
 * Decides which columns stay out of the model, each with its reason: identifiers (or text of mostly numbers, "not
 * numeric" with the first offending cell quoted), dates (unless chosen as the trend), empty and constant columns,
 * the user's exclusions, and predictors missing in more than `maxMissingShare` of the rows unless the user
 * includes them. Cost: O(cells) the first time each column is classified.
 * @throws Error when an excluded or included column does not exist.
 */
export function planColumns(table: Table, settings: PrepareSettings): ColumnPlan {
  for (const name of settings.exclude ?? []) requireColumn(table, name, 'named to leave out');
  for (const name of settings.include ?? []) requireColumn(table, name, 'named to keep');
  const include = new Set(settings.include ?? []);
  const plan: ColumnPlan = { excluded: [], ignored: [], leftOutColumns: [], leftOut: new Set() };
  const rows = table.rowCount;
  table.names.forEach((name, j) => {
    if (name === settings.target) return;
    const info = infoOf(table, j);
    const ignore = (reason: LeftOutReason, detail: string): void => {
      plan.ignored.push({ column: name, kind: info.kind });
      plan.leftOutColumns.push({ column: name, reason, detail });
    };
    const exclude = (reason: LeftOutReason, detail: string): void => {
      plan.excluded.push(name);
      plan.leftOutColumns.push({ column: name, reason, detail });
    };
    if (settings.exclude?.includes(name)) return exclude('excluded by you', 'left out at your request');
    if (name === settings.offset)
      return ignore('exposure', `the exposure: log(${name}) is the offset, not a predictor`);
    if (include.has(name) && info.kind !== 'date') return;
    if (info.kind === 'empty') return ignore('empty', 'no values');
    if (info.kind === 'date') {
      if (name === settings.trend) return;
      return ignore('date', 'dates are not a predictor; choose it as the trend to use days since the first video');
    }
    if (info.kind === 'identifier') {
      if (mostlyNumbers(table, j)) {
        const bad = firstNonNumber(columnCellsOf(table, j), table.styles[j] ?? 'dot');
        const where = bad === null ? '' : `: "${bad.text}" in row ${sheetRow(table, bad.row)} is not a number`;
        return ignore('not numeric', `not numeric${where}; fix the cells that are not numbers`);
      }
      return ignore('identifier', 'mostly distinct text, such as a title');
    }
    const distinct = distinctAtMostTwo(info);
    if (distinct <= 1) return ignore('constant', distinct === 1 ? 'the same value in every row' : 'no values');
    const missing = info.missing + info.strays.length;
    if (missing > settings.maxMissingShare * rows) exclude('mostly missing', `missing in ${missing} of ${rows} rows`);
  });
  plan.leftOut = new Set(plan.leftOutColumns.map((c) => c.column));
  return plan;
}

/**
 * Whether at least half of a text column's values are numbers, kept with its classification: a table keeps a
 * column's classification only while the column's cells stay the same (see `deriveTable`), and `planColumns` asks in
 * each of the clean, impute and encode steps (0.2 s a call on a 100,000-row column of titles,
 * bench/pipeline-one.mjs). The count stops once more than half are not numbers (a column of titles: half the rows).
 */
const mostlyNumbersOf = new WeakMap<ColumnInfo, boolean>();

function mostlyNumbers(table: Table, j: number): boolean {
  const info = infoOf(table, j);
  const known = mostlyNumbersOf.get(info);
  if (known !== undefined) return known;
  const style = table.styles[j] ?? 'dot';
  const most = info.present / 2;
  let others = 0;
  const column = table.columns[j] as readonly unknown[];
  for (let i = 0; i < column.length && others <= most; i++) {
    const cell = column[i];
    if (!isMissingValue(cell) && parseNumber(cell, style) === null) others++;
  }
  // present − others ≥ present / 2, as the numbers among the values against half of them.
  const answer = others <= most;
  mostlyNumbersOf.set(info, answer);
  return answer;
}

/** The column list of a plan in words: `name (reason)`, for messages. */
export function describeLeftOut(columns: readonly LeftOutColumn[]): string {
  return columns.map((c) => `${c.column} (${c.detail})`).join('; ');
}

/**
 * The imputation step: fills the modelled columns' missing cells — the target with its mode, numeric columns with
 * the mean, text with the mode, unless told otherwise — leaving excluded and ignored columns alone. Cells that are
 * not numbers in a numeric column are filled too, each named. Warns loudly when the target is imputed, and applies
 * the article's 2% rule. Cost: O(cells).
 * @throws Error for an unknown target or column, a mean of a text column, or no rows left after a drop.
 */
export function imputeStep(table: Table, settings: PrepareSettings): StepResult {
  const target = settings.target;
  requireColumn(table, target, 'the column to explain');
  const plan = planColumns(table, settings);
  const warnings: string[] = [];
  const rows = table.rowCount;
  const modelled = table.names.map((name, j) => ({ name, j })).filter(({ name }) => !plan.leftOut.has(name));
  // Column by column, each a tight loop over its values (a NaN test without a global look-up) or its cells.
  const missingIn = new Uint8Array(rows);
  for (const { j } of modelled) {
    const info = infoOf(table, j);
    const values = info.kind === 'date' ? null : info.values;
    if (values !== null) {
      for (let i = 0; i < rows; i++) if (!((values[i] as number) === (values[i] as number))) missingIn[i] = 1;
    } else {
      const column = table.columns[j] as readonly unknown[];
      for (let i = 0; i < rows; i++) if (isMissingValue(column[i])) missingIn[i] = 1;
    }
  }
  let rowsWithMissing = 0;
  for (let i = 0; i < rows; i++) rowsWithMissing += missingIn[i] as number;
  if (rows > 0 && rowsWithMissing / rows > 0.02) {
    warnings.push(
      `${rowsWithMissing} of ${rows} rows (${percent(rowsWithMissing / rows)}) have a missing value ` +
        'in a modelled column: ' +
        `more than 2%, so they are imputed rather than deleted (the article's 2% rule)`,
    );
  }
  const imputed = imputeTable(table, {
    methods: { [target]: 'mode', ...(settings.impute ?? {}) },
    skip: [...plan.leftOut],
  });
  if (imputed.table.rowCount === 0 && rows > 0) {
    const drops = imputed.report.columns.filter((c) => c.rowsDropped > 0);
    const emptied = drops[drops.length - 1]?.column ?? target;
    throw new Error(
      `No rows are left after the imputation step dropped every row missing "${emptied}": impute it (mean, median or mode) instead of dropping`,
    );
  }
  const { warnings: strays, pending } = imputedStrays(table, imputed, plan, settings);
  warnings.unshift(...strays);
  const targetImpute = imputed.report.columns.find((c) => c.column === target);
  if (targetImpute && targetImpute.imputed > 0) {
    warnings.push(
      `IMPUTED TARGET: ${targetImpute.imputed} of ${imputed.report.rowsBefore} ${target} values ` +
        `(${percent(targetImpute.imputed / imputed.report.rowsBefore)}) were missing and set to the ` +
        `${targetImpute.method} (${String(targetImpute.value)}). ` +
        `The model then partly explains a number TikFit filled in, not what happened; to drop those rows instead, impute ${target}=drop`,
    );
  }
  const filled = imputed.report.columns
    .filter((c) => c.imputed > 0)
    .map(
      (c) =>
        `${c.column} ${c.imputed} (${c.method}${typeof c.value === 'number' ? ` ${filledValueText(c.value)}` : c.value === null ? '' : ` ${c.value}`})`,
    );
  const dropped = imputed.report.rowsBefore - imputed.report.rowsAfter;
  const parts = [filled.length > 0 ? `filled ${filled.join(', ')}` : 'nothing to fill'];
  if (dropped > 0) parts.push(`dropped ${dropped} rows`);
  if (plan.excluded.length > 0) parts.push(`left out ${plan.excluded.join(', ')}`);
  const exclude: ExcludeReport = {
    step: 'exclude',
    leftOut: plan.leftOutColumns,
    maxMissingShare: settings.maxMissingShare,
  };
  return {
    table: imputed.table,
    reports: [exclude, imputed.report],
    message: capitalize(parts.join('; ')),
    warnings,
    pending,
  };
}

/**
 * `strayWarnings` for a step that fills nothing (Clean, Encode): each such cell is still missing, or in a column the
 * model leaves out. Cost: as `strayWarnings`.
 */
function unfilledStrays(table: Table, settings: PrepareSettings, plan: ColumnPlan): StepWarnings {
  return strayWarnings(table, settings, (name) =>
    plan.leftOut.has(name) ? { fate: 'not modelled' } : { fate: 'missing' },
  );
}

/**
 * What Impute did with each cell of its table that is not a number (or date): filled, its row dropped, or left as
 * typed (its column not in the model, or not one Impute fills), as warnings; those left as typed are `pending` too.
 * A row is named as the sheet numbers it after the step: where it was read, or where the step writes it back (a
 * deleted row by where it was). Cost: O(cells) the first time a column is classified, plus O(rows) when rows went.
 */
function imputedStrays(
  table: Table,
  imputed: ReturnType<typeof imputeTable>,
  plan: ColumnPlan,
  settings: PrepareSettings,
): StepWarnings {
  const writesBack = settings.writesBack === true;
  const report = imputed.report;
  const byColumn = new Map(report.columns.map((c) => [c.column, c]));
  const dropped = report.rowsAfter < report.rowsBefore;
  const dropColumns = report.columns.filter((c) => c.rowsDropped > 0).map((c) => c.column);
  // Each input row's place in the output (none when it was dropped), looked up only when rows were dropped.
  const place = new Map<number, number>();
  if (dropped) imputed.table.rowSources.forEach((source, k) => place.set(source, k));
  const placeOf = (row: number): number => (dropped ? (place.get(table.rowSources[row] as number) ?? -1) : row);
  return strayWarnings(
    table,
    settings,
    (name, row) => {
      if (plan.leftOut.has(name)) return { fate: 'not modelled' };
      const filled = byColumn.get(name);
      if (placeOf(row) < 0)
        return { fate: 'dropped', writesBack, by: filled?.method === 'drop' ? [name] : dropColumns };
      if (filled === undefined || filled.method === 'drop') return { fate: 'missing' };
      const value = typeof filled.value === 'number' ? filledValueText(filled.value) : String(filled.value ?? '');
      return { fate: 'filled', method: filled.method, value, writesBack };
    },
    (row) => (writesBack && placeOf(row) >= 0 ? placeOf(row) + 2 : sheetRow(table, row)),
  );
}

/**
 * The encoding step: one-hot encodes the categorical predictors (not the target, excluded or ignored columns), and
 * says again which cells that are not numbers are still as typed. Cost: O(cells).
 */
export function encodeStep(table: Table, settings: PrepareSettings): StepResult {
  const plan = planColumns(table, settings);
  // Encoding drops no row, so the rows of its input are those it writes.
  const strays = unfilledStrays(table, settings, plan);
  const encoded = encodeTable(table, { skip: [settings.target, ...plan.leftOut] });
  const parts = encoded.report.columns.map(
    (c) => `${c.column} → ${c.dummies.length} column${c.dummies.length === 1 ? '' : 's'} (reference ${c.reference})`,
  );
  return {
    table: encoded.table,
    reports: [encoded.report],
    message: parts.length > 0 ? `Encoded ${parts.join(', ')}` : 'No text columns to encode',
    ...strays,
  };
}

/**
 * Checks that the target can be explained: a column of numbers.
 * @throws Error naming the column, the first cell that is not a number, and the fix.
 */
export function checkTarget(table: Table, target: string): void {
  const j = requireColumn(table, target, 'the column to explain');
  const info = infoOf(table, j);
  if (info.kind !== 'numeric' && info.kind !== 'binary') {
    const bad = firstNonNumber(columnCellsOf(table, j), table.styles[j] ?? 'dot');
    const where =
      bad === null ? ' (it has no values)' : ` ("${bad.text}" in row ${sheetRow(table, bad.row)} is not a number)`;
    throw new Error(
      `The column to explain, "${target}", is not a column of numbers${where}: choose another column or fix its cells`,
    );
  }
}

/** The report of one kind in a list of step reports. */
export function reportOf<K extends PrepareReport['step']>(
  reports: readonly PrepareReport[],
  step: K,
): Extract<PrepareReport, { step: K }> | undefined {
  return reports.find((r): r is Extract<PrepareReport, { step: K }> => r.step === step);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
