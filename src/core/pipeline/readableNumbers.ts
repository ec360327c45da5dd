/**
 * Numbers for reading, one rule for the results sheet (as Sheets number formats, so that the cell keeps its full
 * precision) and for the command line's report (as text that reads the same): estimates and intervals to 4 significant
 * digits, R² to 3 decimals, p-values to 4 decimals and "<0.0001" below that.
 *
 * Sheets has no significant-digits token and allows at most two conditions in a format, so each estimate gets the
 * fixed-decimals format that shows 4 significant digits of its own value (`setNumberFormats`, one per cell).
 */

/** Significant digits of estimates, standard errors and intervals. */
export const SIGNIFICANT_DIGITS = 4;

/** R², adjusted R² and other shares: 3 decimals (0.766). */
export const SHARE_FORMAT = '0.000';

/** p-values: 4 decimals, and "<0.0001" for anything smaller (the cell keeps the exact value). */
export const P_VALUE_FORMAT = '[<0.0001]"<0.0001";0.0000';

/** The Sheets number format that shows `value` to `digits` significant digits (scientific outside 1e-4 … 1e6). */
export function significantFormat(value: number, digits = SIGNIFICANT_DIGITS): string {
  if (!Number.isFinite(value) || value === 0) return '0';
  const rounded = Math.abs(Number(value.toPrecision(digits)));
  if (rounded >= 1e6 || rounded < 1e-4) return `0.${'0'.repeat(digits - 1)}E+00`;
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(rounded)));
  return decimals === 0 ? '#,##0' : `0.${'0'.repeat(decimals)}`;
}

/** `value` as `significantFormat` shows it in Sheets: "0.1738", "37.47", "1,235", "1.710E-05"; "NA" when undefined. */
export function significantText(value: number | null, digits = SIGNIFICANT_DIGITS): string {
  if (value === null || !Number.isFinite(value)) return 'NA';
  const format = significantFormat(value, digits);
  if (format === '0') return '0';
  if (format.includes('E')) {
    const [mantissa = '', exponent = '0'] = value.toExponential(digits - 1).split('e');
    const e = Number(exponent);
    return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const decimals = format === '#,##0' ? 0 : format.length - 2;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = groupThousands(whole);
  return `${value < 0 && Number(fixed) !== 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * A value a step put in the cells, as a person would write it: a whole number whole ("12", "11,141"), anything else
 * to 4 significant digits as `significantText` shows it ("633.8", "0.07251"). Cost: O(digits).
 */
export function filledValueText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e15
    ? `${value < 0 ? '-' : ''}${groupThousands(String(Math.abs(value)))}`
    : significantText(value);
}

/**
 * Digits with a comma every three from the right: "1234567" → "1,234,567" (Apps Script's V8 has no Intl locale data
 * to count on). A leading minus sign stays in front. Cost: O(digits).
 */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A p-value as `P_VALUE_FORMAT` shows it: "0.0310", "0.0008", "<0.0001"; "NA" when undefined. */
export function pValueText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'NA';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

/** A share such as R² as `SHARE_FORMAT` shows it: "0.766"; "NA" when undefined. */
export function shareText(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'NA' : value.toFixed(3);
}
