/**
 * The spellings a hand-typed sheet uses for "no value": a blank cell, or one of these tokens in any case.
 * Shared by the regression engine and the preparation pipeline so that both agree on what is missing.
 */
export const MISSING_TOKENS: readonly string[] = ['na', 'n/a', 'null', 'none', 'nan', '-'];

const missingTokenSet = new Set(MISSING_TOKENS);

/**
 * True when a cell holds no value: null, undefined, an empty or all-blank string, or a missing token
 * (NA, N/A, null, none, nan, -; any case, surrounding spaces ignored). A numeric NaN also counts.
 * Cost: O(length of the cell's text).
 */
export function isMissingValue(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'number') return cell !== cell; // NaN, without a global look-up (slow in a vm context)
  if (typeof cell !== 'string') return false;
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  if (first >= 48 && first <= 57) return false; // starts with a digit: a value, and the common case
  const trimmed = cell.trim();
  return trimmed === '' || missingTokenSet.has(trimmed.toLowerCase());
}
