import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { cleanGrid, type CleanReport } from '../prepare/cleanGrid';
import { encodeColumns, type EncodeReport } from '../prepare/encodeColumns';
import { checkGrid, columnCells, columnIndex, columnKind, type ColumnKind, type Grid } from '../prepare/grid';
import { imputeColumns, type ImputeMethod, type ImputeReport } from '../prepare/imputeColumns';
import { markMissing, type MissingReport } from '../prepare/markMissing';
import { handleRareLevels, type RareReport } from '../prepare/rareLevels';

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
}

/** One step's result: the new grid, its reports, a one-line summary for people, and warnings. */
export interface StepResult<R> {
  grid: Grid;
  reports: R;
  message: string;
  warnings: string[];
}

/**
 * The cleaning step, as the article did it by hand: trim and merge case variants (and typos when asked), blank the
 * missing tokens and placeholder zeros, then deal with rare levels of the categorical predictors, left to right.
 * Cost: O(cells).
 * @throws Error for a malformed grid, an unknown target, or a zero-missing column that does not exist.
 */
export function cleanStep(grid: Grid, settings: PrepareSettings): StepResult<{ clean: CleanReport; missing: MissingReport; rare: RareReport }> {
  columnIndex(checkGrid(grid, 'cleanStep'), settings.target, 'cleanStep');
  const cleaned = cleanGrid(grid, { applyTypoMerges: settings.applyTypoMerges });
  const header = cleaned.grid[0] as string[];
  const zeroMissing = settings.strictZeroMissing ? settings.zeroMissing : settings.zeroMissing.filter((name) => header.includes(name));
  const marked = markMissing(cleaned.grid, { zeroMissing });
  const rare = handleRareLevels(marked.grid, { threshold: settings.rareThreshold, policy: settings.rare, skip: [settings.target, ...(settings.exclude ?? [])] });
  // A suggested typo is worth a warning only while its rows are still there (a rare label is often dropped anyway).
  const rareHeader = rare.grid[0] as string[];
  const stillThere = (column: string, label: string): boolean => {
    const j = rareHeader.indexOf(column);
    return rare.grid.some((row, i) => i > 0 && row[j] === label);
  };
  const warnings = cleaned.report.suggested
    .filter((s) => stillThere(s.column, s.from))
    .map((s) => `In "${s.column}", "${s.from}" looks like a typo for "${s.to}"; it was kept apart (apply suggested merges to combine them)`);
  const parts: string[] = [`trimmed ${cleaned.report.trimmed} cell${cleaned.report.trimmed === 1 ? '' : 's'}`];
  if (cleaned.report.merged.length > 0) parts.push(`merged ${cleaned.report.merged.map((m) => `${m.from} → ${m.to} (${m.cells})`).join(', ')}`);
  const zeros = Object.entries(marked.report.zeros).filter(([, k]) => k > 0);
  if (zeros.length > 0) parts.push(`zeros → blank: ${zeros.map(([c, k]) => `${c} ${k}`).join(', ')}`);
  const dropped = rare.report.rowsBefore - rare.report.rowsAfter;
  if (settings.rare === 'drop') parts.push(`dropped ${dropped} row${dropped === 1 ? '' : 's'} of rare levels`);
  else parts.push(`lumped ${rare.report.columns.reduce((a, c) => a + c.cellsLumped, 0)} rare labels into Other`);
  return { grid: rare.grid, reports: { clean: cleaned.report, missing: marked.report, rare: rare.report }, message: capitalize(parts.join('; ')), warnings };
}

/** Which columns the model leaves out, and why. */
export interface ColumnPlan {
  excluded: string[];
  ignored: { column: string; kind: ColumnKind }[];
  reasons: { column: string; reason: string }[];
  /** Excluded and ignored together. */
  leftOut: Set<string>;
}

/**
 * Decides which columns stay out of the model: identifier and empty columns (ignored), the user's exclusions, and
 * predictors missing in more than `maxMissingShare` of the rows, unless the user includes them. Cost: O(cells).
 */
export function planColumns(grid: Grid, settings: PrepareSettings): ColumnPlan {
  const header = checkGrid(grid, 'planColumns');
  for (const name of [...(settings.exclude ?? []), ...(settings.include ?? [])]) columnIndex(header, name, 'planColumns');
  const include = new Set(settings.include ?? []);
  const plan: ColumnPlan = { excluded: [], ignored: [], reasons: [], leftOut: new Set() };
  header.forEach((name, j) => {
    if (name === settings.target) return;
    const cells = columnCells(grid, j);
    const kind = columnKind(cells);
    if ((kind === 'identifier' || kind === 'empty') && !include.has(name)) {
      plan.ignored.push({ column: name, kind });
    } else if (settings.exclude?.includes(name)) {
      plan.excluded.push(name);
      plan.reasons.push({ column: name, reason: 'excluded by request' });
    } else {
      const missing = cells.filter(isMissingValue).length;
      if (missing > settings.maxMissingShare * cells.length && !include.has(name)) {
        plan.excluded.push(name);
        plan.reasons.push({ column: name, reason: `missing in ${missing} of ${cells.length} rows` });
      }
    }
  });
  plan.leftOut = new Set([...plan.excluded, ...plan.ignored.map((i) => i.column)]);
  return plan;
}

/**
 * The imputation step: fills the modelled columns' missing cells — the target with its mode, numeric columns with
 * the mean, text with the mode, unless told otherwise — leaving excluded and ignored columns alone. Warns loudly
 * when the target is imputed, and applies the article's 2% rule. Cost: O(cells).
 * @throws Error for a malformed grid, an unknown target or column, or a mean of a text column.
 */
export function imputeStep(grid: Grid, settings: PrepareSettings): StepResult<{ plan: ColumnPlan; impute: ImputeReport }> {
  const header = checkGrid(grid, 'imputeStep');
  const target = settings.target;
  columnIndex(header, target, 'imputeStep');
  const plan = planColumns(grid, settings);
  const warnings: string[] = [];
  const rows = grid.length - 1;
  const modelled = header.map((name, j) => ({ name, j })).filter(({ name }) => !plan.leftOut.has(name));
  const rowsWithMissing = grid.slice(1).filter((row) => modelled.some(({ j }) => isMissingValue(row[j]))).length;
  if (rows > 0 && rowsWithMissing / rows > 0.02) {
    warnings.push(`${rowsWithMissing} of ${rows} rows (${percent(rowsWithMissing / rows)}) have a missing value in a modelled column: more than 2%, so they are imputed rather than deleted (the article's 2% rule)`);
  }
  const imputed = imputeColumns(grid, { methods: { [target]: 'mode', ...(settings.impute ?? {}) }, skip: [...plan.leftOut] });
  const targetImpute = imputed.report.columns.find((c) => c.column === target);
  if (targetImpute && targetImpute.imputed > 0) {
    warnings.push(
      `IMPUTED TARGET: ${targetImpute.imputed} of ${imputed.report.rowsBefore} ${target} values (${percent(targetImpute.imputed / imputed.report.rowsBefore)}) were missing and set to the ${targetImpute.method} (${String(targetImpute.value)}). ` +
        `The model then partly explains a number TikFit filled in, not what happened; to drop those rows instead, impute ${target}=drop`,
    );
  }
  const filled = imputed.report.columns.filter((c) => c.imputed > 0).map((c) => `${c.column} ${c.imputed} (${c.method}${typeof c.value === 'number' ? ` ${Number(c.value.toPrecision(4))}` : c.value === null ? '' : ` ${c.value}`})`);
  const dropped = imputed.report.rowsBefore - imputed.report.rowsAfter;
  const parts = [filled.length > 0 ? `filled ${filled.join(', ')}` : 'nothing to fill'];
  if (dropped > 0) parts.push(`dropped ${dropped} rows`);
  if (plan.excluded.length > 0) parts.push(`left out ${plan.excluded.join(', ')}`);
  return { grid: imputed.grid, reports: { plan, impute: imputed.report }, message: capitalize(parts.join('; ')), warnings };
}

/**
 * The encoding step: one-hot encodes the categorical predictors (not the target, excluded or ignored columns).
 * Cost: O(cells).
 */
export function encodeStep(grid: Grid, settings: PrepareSettings): StepResult<{ plan: ColumnPlan; encode: EncodeReport }> {
  const plan = planColumns(grid, settings);
  const encoded = encodeColumns(grid, { skip: [settings.target, ...plan.leftOut] });
  const parts = encoded.report.columns.map((c) => `${c.column} → ${c.dummies.length} column${c.dummies.length === 1 ? '' : 's'} (reference ${c.reference})`);
  return { grid: encoded.grid, reports: { plan, encode: encoded.report }, message: parts.length > 0 ? `Encoded ${parts.join(', ')}` : 'No text columns to encode', warnings: [] };
}

/** Whether a value can be a target: numeric, above −1 for log1p. */
export function checkTarget(grid: Grid, target: string, caller: string): void {
  const header = checkGrid(grid, caller);
  const j = columnIndex(header, target, caller);
  const cells = columnCells(grid, j);
  const kind = columnKind(cells);
  if (kind !== 'numeric' && kind !== 'binary') {
    const bad = cells.find((cell) => !isMissingValue(cell) && parseNumber(cell) === null);
    throw new Error(`${caller}: the target "${target}" is not numeric${bad === undefined ? ' (it has no values)' : ` ("${String(bad)}")`}`);
  }
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
