import type { RecipeResult } from '../core/pipeline/runRecipe';

/** The header of the coefficient table, shared with the results sheet. */
export const COEFFICIENT_HEADER = ['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high', 'VIF'];

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // Quote when needed, and neutralize spreadsheet formulas in text (a label could start with =, +, - or @).
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The coefficient table as CSV text, full precision, blanks for undefined values. */
export function coefficientTableCsv(result: RecipeResult): string {
  const lines = [COEFFICIENT_HEADER.join(',')];
  for (const c of result.json.model.coefficients) {
    lines.push([c.name, c.estimate, c.stdError, c.tStat, c.pValue, c.ciLower, c.ciUpper, c.vif].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}
