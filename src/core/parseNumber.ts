const decimalPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const infinityPattern = /^[+-]?(?:inf|infinity)$/i;

/**
 * Reads a cell as a number the way a careful user means it, or returns null when the cell is not a number.
 *
 * Accepts JavaScript numbers and booleans (Sheets passes checkboxes as booleans: true is 1) and strings that are
 * plain decimal numbers with optional sign and exponent, surrounded by optional spaces ("12", " -3.5 ", "1e-3").
 * Rejects what `Number()` would silently accept: "", "0x10", "1_000". Infinite values ("Inf", 1e400, a JS
 * Infinity) are returned as ±Infinity so that callers can report them as non-finite rather than as text.
 * Cost: O(length of the text).
 */
export function parseNumber(cell: unknown): number | null {
  if (typeof cell === 'number') return Number.isNaN(cell) ? null : cell;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell !== 'string') return null;
  const trimmed = cell.trim();
  if (decimalPattern.test(trimmed)) return Number(trimmed);
  if (infinityPattern.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  return null;
}
