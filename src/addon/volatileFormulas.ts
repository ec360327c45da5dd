/**
 * Spreadsheet functions whose value changes without an edit: NOW, TODAY, RAND, RANDBETWEEN and RANDARRAY recalculate
 * on every change (and, with File → Settings → Calculation, every minute or hour), and the IMPORT… functions and
 * GOOGLEFINANCE refresh on their own schedule. A custom function over a range holding one of them is re-run each
 * time it changes, so the results sheet's live data-status cell (TIKFIT_FINGERPRINT over the data) would never rest.
 */
const VOLATILE = [
  'NOW',
  'TODAY',
  'RAND',
  'RANDBETWEEN',
  'RANDARRAY',
  'IMPORTRANGE',
  'IMPORTDATA',
  'IMPORTHTML',
  'IMPORTXML',
  'IMPORTFEED',
  'GOOGLEFINANCE',
];
const CALL = new RegExp(`(?:^|[^A-Za-z0-9_.])(${VOLATILE.join('|')})\\s*\\(`, 'gi');

/**
 * The volatile functions called by any of the formulas ("" where a cell has none), upper case, in the order first
 * met, each once. Text inside string literals ("NOW()") does not count. Cost: O(characters of the formulas).
 */
export function volatileFunctions(formulas: readonly (readonly string[])[]): string[] {
  const found = new Set<string>();
  for (const row of formulas) {
    for (const formula of row) {
      if (formula === '') continue;
      const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
      for (const match of code.matchAll(CALL)) found.add((match[1] as string).toUpperCase());
    }
  }
  return [...found];
}
