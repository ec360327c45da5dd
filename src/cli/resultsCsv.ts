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
  const model = result.json.model;
  if (model.model !== 'ols') {
    // A count model: z instead of t, and exp(estimate) — the factor on the expected count — with its interval.
    const header = ['Term', 'Estimate', 'Std. Error', 'z', 'p-value', 'CI low', 'CI high', 'exp(Estimate)'];
    const rows = [[...header, 'exp CI low', 'exp CI high'].join(',')];
    for (const c of model.coefficients) {
      const fields = [c.name, c.estimate, c.stdError, c.zStat, c.pValue, c.ciLower, c.ciUpper, c.expEstimate];
      rows.push([...fields, c.expCiLower, c.expCiUpper].map(csvField).join(','));
    }
    return rows.join('\n') + '\n';
  }
  const lines = [COEFFICIENT_HEADER.join(',')];
  for (const c of model.coefficients) {
    lines.push(
      [c.name, c.estimate, c.stdError, c.tStat, c.pValue, c.ciLower, c.ciUpper, c.vif].map(csvField).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
