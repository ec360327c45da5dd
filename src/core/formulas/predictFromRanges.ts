import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { inTargetUnits, linearPredictor, type PredictionScale } from '../model/fittedModel';
import { isDateValue } from '../cells/isDateValue';
import { normalizeRange } from './normalizeRange';
import type { FitSummary, FitSummaryColumn } from './summarizeForCache';

const LISTED_LEVELS = 20;

/**
 * TIKFIT_PREDICT's answer: one cell per row of new_x, as a column ([[v], [v], …]), from a fit's summary.
 *
 * new_x has known_x's columns in the same order. When the fit's ranges had a header row, new_x may start with it
 * too: its first row is a header when every cell matches known_x's header (case-insensitive, trimmed; X<k> or a
 * blank for a blank header), and then its output cell is the label "Predicted <y>", so that the spilled column lines
 * up with new_x. A row with a blank (or NA-like) cell gives "". Numeric columns take numbers, booleans (1/0) and
 * TRUE/FALSE text; a text column takes one of the levels seen in the fit (exactly, as the fit compared them). The
 * prediction is the model's own (see `FittedModel.predict`): Σ estimate·x over the estimable terms, back in the
 * target's units with expm1 under log-target, and the expected count for a count model (model=poisson|nb). A row for
 * which an aliased term breaks the exact relation it had in the fit is rejected: its prediction would be arbitrary.
 *
 * Cost: O(rows × terms), plus O(rows × terms²) when terms are aliased.
 * @throws Error naming the function for: a missing, empty or ragged new_x; a different number of columns; a first
 *   row that looks like a mismatched header; a date; text in a numeric column; a level the fit did not see; a row
 *   that breaks an aliased term's relation.
 */
export function predictFromRanges(functionName: string, summary: FitSummary, newX: unknown): (number | string)[][] {
  const rows = normalizeRange(functionName, 'new_x', newX);
  const { columns, terms } = summary;
  const width = (rows[0] as readonly unknown[]).length;
  if (width !== columns.length)
    throw new Error(
      `${functionName}: new_x has ${width} column${width === 1 ? '' : 's'} but known_x has ${columns.length}`,
    );
  const first = summary.hasHeader && isHeaderRow(functionName, rows[0] as readonly unknown[], columns) ? 1 : 0;
  const output: (number | string)[][] = first === 1 ? [[`Predicted ${summary.target}`]] : [];
  const p = terms.length;
  const interceptColumn = summary.options.intercept ? 0 : -1;
  const estimates = summary.estimate.map((b, j) => (summary.aliased[j] || b === null ? NaN : b));
  const scale: PredictionScale =
    summary.options.model !== 'ols' ? 'logLink' : summary.options.logTarget ? 'logTarget' : 'identity';
  const z = new Float64Array(p);
  for (let i = first; i < rows.length; i++) {
    const row = rows[i] as readonly unknown[];
    const rowNumber = i + 1;
    if (row.some(isMissingValue)) {
      row.forEach((cell, j) => {
        if (isDateValue(cell)) throw dateError(functionName, columns[j] as FitSummaryColumn, rowNumber);
      });
      output.push(['']);
      continue;
    }
    z.fill(0);
    if (interceptColumn === 0) z[0] = 1;
    row.forEach((cell, j) => {
      const column = columns[j] as FitSummaryColumn;
      if (isDateValue(cell)) throw dateError(functionName, column, rowNumber);
      if (column.kind === 'numeric') {
        const value = parseNumber(cell);
        if (value === null)
          throw new Error(
            `${functionName}: new_x row ${rowNumber}: column "${column.name}" is numeric in the fit, but this row has "${String(cell)}"`,
          );
        if (!Number.isFinite(value))
          throw new Error(
            `${functionName}: new_x row ${rowNumber}: column "${column.name}" has a non-finite number (${String(cell)})`,
          );
        z[column.terms[0] as number] = value;
        return;
      }
      const level = String(cell);
      const index = column.levels.indexOf(level);
      if (index < 0) throw new Error(unseenLevelMessage(functionName, column, level, rowNumber));
      if (level === column.reference) return;
      const dummy = column.levels.filter((l) => l !== column.reference).indexOf(level);
      z[column.terms[dummy] as number] = 1;
    });
    checkEstimable(functionName, summary, z, rowNumber);
    output.push([inTargetUnits(scale, linearPredictor(estimates, z, 1))[0] as number]);
  }
  return output;
}

function dateError(functionName: string, column: FitSummaryColumn, row: number): Error {
  return new Error(
    `${functionName}: new_x row ${row}: column "${column.name}" has a date; dates are not accepted as predictors`,
  );
}

/** True when `row` is known_x's header; throws when it looks like a header that does not match. */
function isHeaderRow(functionName: string, row: readonly unknown[], columns: readonly FitSummaryColumn[]): boolean {
  const text = row.map((cell) => (cell === null || cell === undefined ? '' : String(cell).trim().toLowerCase()));
  const matches = (value: string, column: FitSummaryColumn): boolean =>
    value === column.header.toLowerCase() || value === column.name.toLowerCase();
  if (text.every((value, j) => matches(value, columns[j] as FitSummaryColumn))) return true;
  const names = new Set(
    columns.flatMap((c) => [c.name.toLowerCase(), c.header.toLowerCase()]).filter((name) => name !== ''),
  );
  const headerLike = row.some((cell, j) => {
    const column = columns[j] as FitSummaryColumn;
    return (
      typeof cell === 'string' &&
      names.has(text[j] as string) &&
      !(column.kind === 'categorical' && column.levels.includes(cell))
    );
  });
  if (headerLike) {
    throw new Error(
      `${functionName}: new_x's first row looks like a header but does not match known_x's: ${columns.map((c) => c.name).join(', ')}`,
    );
  }
  return false;
}

function unseenLevelMessage(functionName: string, column: FitSummaryColumn, level: string, row: number): string {
  const near = column.levels.find((l) => l.trim().toLowerCase() === level.trim().toLowerCase());
  const hint = near === undefined ? '' : ` (did you mean "${near}"? levels must match exactly)`;
  const shown =
    column.levels.length <= LISTED_LEVELS
      ? column.levels.join(', ')
      : `${column.levels.slice(0, LISTED_LEVELS).join(', ')}, … (${column.levels.length} in all)`;
  return `${functionName}: new_x row ${row}: column "${column.name}" has the level "${level}", which the fit did not see${hint}; its levels are ${shown}`;
}

/** Throws when the design row breaks an aliased term's relation with the others (its prediction is not determined). */
function checkEstimable(functionName: string, summary: FitSummary, z: Float64Array, row: number): void {
  summary.aliasing.forEach((combination, j) => {
    if (combination === null) return;
    let implied = 0;
    let size = Math.abs(z[j] as number);
    combination.forEach((c, k) => {
      implied += c * (z[k] as number);
      size += Math.abs(c * (z[k] as number));
    });
    if (Math.abs((z[j] as number) - implied) > 1e-8 * Math.max(1, size)) {
      throw new Error(
        `${functionName}: new_x row ${row} cannot be predicted: "${summary.terms[j]}" is aliased in the fit ` +
          '(an exact combination of other terms in known_x), ' +
          'and this row breaks that combination',
      );
    }
  });
}
