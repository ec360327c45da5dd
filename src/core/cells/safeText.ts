/** The coefficient table's header, exactly, wherever TikFit writes the table (results sheet, `--out` CSV). */
export const COEFFICIENT_HEADER = ['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high', 'VIF'];

/**
 * Formula-injection defence for the `--out` CSV: a string that a spreadsheet opening the file would read as a
 * formula (starting with =, +, - or @) gets a leading apostrophe. Only those: in a CSV the apostrophe is a literal
 * character, so other text is left as it is. Numbers, booleans and dates pass through. (The add-on writes into
 * Sheets by `sheetsText`, which is stricter.)
 */
export function safeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

/**
 * The one rule for text TikFit writes into a sheet. Sheets parses every string a script writes as if it were typed
 * in the spreadsheet's locale: in en_US `1-2`, `3/4` and `March 3` become dates, `007` becomes 7, `TRUE` a boolean,
 * `1,234` and `5%` numbers, `1e5` 100000, and `=…`, `+…`, `-…`, `@…` formulas. So every non-empty string is written
 * with a leading apostrophe, which Sheets takes as "this is text" and does not store: the cell then holds exactly
 * the string. A cell formatted as plain text (`@`) stores strings as they are, an apostrophe included, so there the
 * string is written bare. Numbers, booleans, Dates and "" pass through.
 */
export function sheetsText(value: unknown, numberFormat?: string): unknown {
  if (typeof value !== 'string' || value === '') return value;
  return numberFormat === '@' ? value : `'${value}`;
}
