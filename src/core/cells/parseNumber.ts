/**
 * How a column writes its numbers: `dot` is 1,234.5 (en_US and most exports); `comma` is 1.234,5 (de_DE, fr_FR,
 * es_ES, …). A whole column uses one style: see `numberStyleOf`.
 */
export type NumberStyle = 'dot' | 'comma';

const infinityPattern = /^[+-]?(?:inf|infinity)$/i;
const booleanPattern = /^(?:true|false)$/i;
// A number as people type or export it: an optional sign, an optional currency sign before or after it, a body
// with optional thousands separators (the same one throughout, groups of three digits), and an optional percent.
const CURRENCY = '[$€£¥₹₩₽¢]';
const SEPARATORS_DOT = "[, \\u00a0\\u202f\\u2009']";
const SEPARATORS_COMMA = "[. \\u00a0\\u202f\\u2009']";
const plainDot = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const plainComma = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const formatted: Record<NumberStyle, RegExp> = {
  dot: formattedPattern(SEPARATORS_DOT, '\\.'),
  comma: formattedPattern(SEPARATORS_COMMA, ','),
};

function formattedPattern(separators: string, decimal: string): RegExp {
  // The separator is the fifth group of the whole pattern (after sign, currency, sign and the body itself).
  const body = `(?:[1-9]\\d{0,2}(${separators})\\d{3}(?:\\5\\d{3})*(?:${decimal}\\d+)?|\\d+(?:${decimal}\\d*)?|${decimal}\\d+)`;
  return new RegExp(`^([+-])?\\s*(${CURRENCY})?\\s*([+-])?\\s*(${body})\\s*(${CURRENCY})?\\s*(%)?$`, 'u');
}

/**
 * Reads a cell as a number the way a careful user means it, or returns null when the cell is not a number. This
 * is TikFit's one rule for numbers, shared by the command line, the add-on and the formulas.
 *
 * Accepts JavaScript numbers and booleans (checkboxes: true is 1), `TRUE`/`FALSE` typed as text (any case), and
 * text that is a number as typed or exported: an optional sign and exponent (`-3.5`, `1e-3`), thousands separators
 * (`1,234`, `1 234`, `1'234`; `1.234` in the comma style), a percent sign (`9.0%` is 0.09, as Sheets stores it),
 * and a currency sign before or after (`$5`, `€5`, `5 €`). In the `comma` style the decimal mark is a comma
 * (`1.234,5`). Surrounding spaces are ignored. Rejects what `Number()` would silently accept: "", "0x10", "1_000".
 * Infinite values ("Inf", 1e400) are returned as ±Infinity so that callers can report them as non-finite.
 * Cost: O(length of the text).
 */
export function parseNumber(cell: unknown, style: NumberStyle = 'dot'): number | null {
  if (typeof cell === 'number') return cell !== cell ? null : cell; // NaN, without a global look-up (slow in a vm context)
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell !== 'string') return null;
  // Fast path for the common case, a plain number with no surrounding spaces: unary + parses it, and the only
  // spellings + accepts that the patterns below do not (0x…, 0b…, 0o…) are excluded by their second character.
  const first = cell.charCodeAt(0);
  if (
    ((first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43) &&
    (style === 'dot' || cell.indexOf('.') < 0)
  ) {
    const value = +cell;
    if (value === value && !(first === 48 && cell.length > 1 && /[xXbBoO]/.test(cell.charAt(1)))) return value;
  }
  const trimmed = cell.trim();
  if (trimmed === '') return null;
  // Every pattern below starts with a sign, a currency sign, a digit or a decimal mark, but true, false and inf: text
  // that starts with another ASCII letter (a title, a category) is not a number. Four patterns tried on each of
  // 330,000 titles took about 0.1 s of the recipe and as much of reading its file (bench/pipeline-one.mjs).
  const lead = trimmed.charCodeAt(0) | 32; // an ASCII capital as its small letter
  if (lead >= 97 && lead <= 122 && lead !== 102 && lead !== 105 && lead !== 116) return null;
  if (style === 'dot' ? plainDot.test(trimmed) : plainComma.test(trimmed))
    return Number(style === 'dot' ? trimmed : trimmed.replace(',', '.'));
  if (booleanPattern.test(trimmed)) return trimmed.toLowerCase() === 'true' ? 1 : 0;
  if (infinityPattern.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  const match = formatted[style].exec(trimmed);
  if (match === null) return null;
  const [, sign1, currencyBefore, sign2, body = '', separator, currencyAfter, percent] = match;
  if ((sign1 && sign2) || (currencyBefore && currencyAfter) || (percent && (currencyBefore || currencyAfter)))
    return null;
  let digits = separator === undefined ? body : body.split(separator).join('');
  if (style === 'comma') digits = digits.replace(',', '.');
  // A percent shifts the decimal text, not the double, so that 45.2% is the double nearest 0.452, as Sheets stores it.
  const magnitude = Number(percent ? `${digits}e-2` : digits);
  return (sign1 ?? sign2) === '-' ? -magnitude : magnitude;
}

/** True when a text is a plain number in the style: no thousands separators, currency, percent or spaces. */
export function isPlainNumber(text: string, style: NumberStyle): boolean {
  return (style === 'dot' ? plainDot : plainComma).test(text);
}

/**
 * The number style of a column of cells: `comma` when more of its text cells read as numbers in the comma style
 * than in the dot style, `dot` when fewer, and null when the text does not tell (no text, or every text number
 * reads in both, such as `1.234`, or `850`). Cost: O(cells).
 */
export function numberStyleOf(cells: readonly unknown[]): NumberStyle | null {
  let dotOnly = 0;
  let commaOnly = 0;
  for (const cell of cells) {
    const vote = styleVote(cell);
    if (vote === 'dot') dotOnly++;
    else if (vote === 'comma') commaOnly++;
  }
  return styleOfVotes(dotOnly, commaOnly);
}

/**
 * One cell's say in its column's number style (see `numberStyleOf`): the style in which only it reads as a number,
 * or null (not text with a comma or dot, or it reads in both styles or in neither). Cost: O(length of the text).
 */
export function styleVote(cell: unknown): NumberStyle | null {
  if (typeof cell !== 'string' || (cell.indexOf(',') < 0 && cell.indexOf('.') < 0)) return null;
  const dot = parseNumber(cell, 'dot') !== null;
  const comma = parseNumber(cell, 'comma') !== null;
  return dot === comma ? null : dot ? 'dot' : 'comma';
}

/** A column's style from its cells' votes (see `numberStyleOf`). */
export function styleOfVotes(dotOnly: number, commaOnly: number): NumberStyle | null {
  return commaOnly > dotOnly ? 'comma' : dotOnly > commaOnly ? 'dot' : null;
}

/**
 * Every column's style from each column's own (null: its text does not tell). A sheet from a decimal-comma locale
 * writes 1.234 in one column and 12,5 in another: a column that does not tell (1.234, 850) takes the style of the
 * columns that do, when they agree (comma only when some column says comma and none says dot). Cost: O(columns).
 */
export function sheetStyles(own: readonly (NumberStyle | null)[]): NumberStyle[] {
  const sheet: NumberStyle = own.includes('comma') && !own.includes('dot') ? 'comma' : 'dot';
  return own.map((style) => style ?? sheet);
}
