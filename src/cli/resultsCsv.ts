import type { RecipeResult } from '../core/pipeline/runRecipe';
import { COEFFICIENT_HEADER, safeCell } from '../core/cells/safeText';

function csvField(value: string | number | null): string {
  if (value === null) return '';
  // Text is neutralized as the add-on writes it (a label could start with =, +, - or @), then quoted when needed.
  const safe = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : (safeCell(value) as string);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The coefficient table as CSV text, full precision, blanks for undefined values. */
export function coefficientTableCsv(result: RecipeResult): string {
  const lines = [COEFFICIENT_HEADER.join(',')];
  for (const c of result.json.model.coefficients) {
    lines.push(
      [c.name, c.estimate, c.stdError, c.tStat, c.pValue, c.ciLower, c.ciUpper, c.vif].map(csvField).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
