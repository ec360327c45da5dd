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
  // Fast path for the common case, a plain number with no surrounding spaces: unary + parses it, and the only
  // spellings + accepts that the pattern below does not (0x…, 0b…, 0o…) are excluded by their second character.
  const first = cell.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43) {
    const value = +cell;
    if (value === value && !(first === 48 && cell.length > 1 && /[xXbBoO]/.test(cell.charAt(1)))) return value;
  }
  const trimmed = cell.trim();
  if (decimalPattern.test(trimmed)) return Number(trimmed);
  if (infinityPattern.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  return null;
}
