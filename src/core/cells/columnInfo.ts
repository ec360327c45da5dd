import { isMissingValue } from './missingValue';
import { parseDate } from './parseDate';
import { isPlainNumber, parseNumber, type NumberStyle } from './parseNumber';

// Bound once: called per cell, and a global look-up is slow in a bare V8 (vm) context, where formula cells run.
const isFiniteNumber = Number.isFinite;
const isIntegerNumber = Number.isInteger;

/**
 * The kinds of column TikFit tells apart: numeric, binary (only 0 and 1, checkboxes included), categorical (text
 * with repeated labels), identifier (text that is mostly distinct, such as a title), date, and empty.
 */
export type ColumnKind = 'numeric' | 'binary' | 'categorical' | 'identifier' | 'date' | 'empty';

/**
 * A column is numeric (or a date column) when at least this share of its cells with a value are numbers (or
 * dates). The other cells ("1O24" among view counts) are then treated as missing, each named in a warning.
 */
export const MOSTLY_SHARE = 0.9;

/** A cell with a value that does not fit its column's kind, and is treated as missing. */
export interface StrayCell {
  /** Index of the row in the table (0 is the first data row). */
  row: number;
  text: string;
}

/** What one column is, read once with TikFit's cell rules. */
export interface ColumnInfo {
  kind: ColumnKind;
  /** Cells with a value (not blank, not a missing token). */
  present: number;
  /** Blank cells and missing tokens. */
  missing: number;
  /** How the column writes numbers. */
  style: NumberStyle;
  /** Numeric and binary columns: each row's number, NaN where missing or stray. Date columns: milliseconds (UTC). */
  values: Float64Array | null;
  /** Cells that do not fit the kind, treated as missing (only in numeric and date columns). */
  strays: StrayCell[];
  /** Number columns: how many numbers were typed as text with separators, a percent or a currency sign. */
  formatted: number;
  /** Distinct values: numbers, dates, or case-folded labels. */
  distinct: number;
  /** Numeric columns: zeros, and whether any value has a fraction. */
  zeros: number;
  fractional: boolean;
  /** Some cell holds a non-finite number (Inf). */
  nonFinite: StrayCell | null;
}

/**
 * Classifies one column's cells and reads its numbers or dates in one pass: numeric when at least 90% of the cells
 * with a value are numbers (binary when they are all 0 or 1), date when at least 90% are dates, else text —
 * identifier when its distinct labels (ignoring case) exceed half its values, categorical otherwise. Only text
 * columns can be identifiers. With `kind`, the column keeps a kind decided earlier (on more rows, before a step
 * dropped some): only its values are read again. Cost: O(cells), plus a Set of the distinct values.
 */
export function columnInfo(cells: readonly unknown[], style: NumberStyle, kind?: ColumnKind): ColumnInfo {
  const n = cells.length;
  const numbers = new Float64Array(n).fill(NaN);
  let numberCount = 0;
  let dateCount = 0;
  let missing = 0;
  let formatted = 0;
  let nonFinite: StrayCell | null = null;
  const dates: (number | null)[] = [];
  // Text is read once per distinct text: a column of ten categories read its 330,000 cells with every rule (missing
  // tokens, number and date patterns) twice in the clean step, 0.5 s in a profile of bench/pipeline-one.mjs.
  const readings = new Map<string, TextReading>();
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    if (typeof cell === 'string') {
      const reading = readingOf(readings, cell, style);
      if (reading.missing) missing++;
      else if (reading.number !== null) {
        numbers[i] = reading.number;
        numberCount++;
        if (!isFiniteNumber(reading.number) && nonFinite === null) nonFinite = { row: i, text: cell };
        if (reading.formatted) formatted++;
      } else if (reading.date !== null) {
        dates[i] = reading.date;
        dateCount++;
      }
      continue;
    }
    if (isMissingValue(cell)) {
      missing++;
      continue;
    }
    const value = parseNumber(cell, style);
    if (value !== null) {
      numbers[i] = value;
      numberCount++;
      if (!isFiniteNumber(value) && nonFinite === null) nonFinite = { row: i, text: String(cell) };
      continue;
    }
    const date = parseDate(cell);
    if (date !== null) {
      dates[i] = date;
      dateCount++;
    }
  }
  const { base, empty, numeric, dated } = kindFromCounts(n, missing, numberCount, dateCount, style, kind);
  if (empty) return { ...base, kind: 'empty', values: null, strays: [], distinct: 0 };
  if (numeric) {
    let binary = true;
    const strays: StrayCell[] = [];
    for (let i = 0; i < n; i++) {
      const v = numbers[i] as number;
      if (v !== v) {
        if (!isMissingValue(cells[i])) strays.push({ row: i, text: textOf(cells[i]) });
        continue;
      }
      if (v !== 0 && v !== 1) binary = false;
    }
    const fields = { ...base, kind: kind ?? (binary ? 'binary' : 'numeric'), values: numbers, strays, formatted };
    return lazyNumberFacts({ ...fields, nonFinite }, numbers);
  }
  if (dated) {
    const strayText = (i: number): string | null => (isMissingValue(cells[i]) ? null : textOf(cells[i]));
    return { ...base, kind: 'date', ...dateValues(n, (i) => dates[i], strayText) };
  }
  // Text: case-folded, so that Yes/yes/YES/No/no counts as two labels (a categorical column to clean), not five.
  const labels = new Set<string>();
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    const reading = typeof cell === 'string' ? readings.get(cell) : undefined;
    if (reading === undefined) {
      if (!isMissingValue(cell)) labels.add(textOf(cell).toLowerCase());
    } else if (!reading.missing) {
      if (reading.label === undefined) reading.label = textOf(cell).toLowerCase();
      labels.add(reading.label);
    }
  }
  return { ...base, kind: textKind(kind, labels.size, base.present), values: null, strays: [], distinct: labels.size };
}

/** What TikFit's cell rules say of one cell: missing, its number in the column's style, or else its date. */
export interface CellReading {
  missing: boolean;
  /** Its number in the column's style, or null. */
  number: number | null;
  /** A number typed with separators, a percent or a currency sign. */
  formatted: boolean;
  /** Its date (ms, UTC) when it is not a number. */
  date: number | null;
}

/**
 * One cell read with the shared rules (`isMissingValue`, `parseNumber`, `parseDate`), as `columnInfo` counts it.
 * Cost: O(length of the text).
 */
export function readCell(cell: unknown, style: NumberStyle): CellReading {
  if (isMissingValue(cell)) return { missing: true, number: null, formatted: false, date: null };
  const number = parseNumber(cell, style);
  const formatted = number !== null && typeof cell === 'string' && !isPlainNumber(cell.trim(), style);
  return { missing: false, number, formatted, date: number === null ? parseDate(cell) : null };
}

interface TextReading extends CellReading {
  /** The case-folded label, once asked for. */
  label?: string;
}

/** How many distinct texts `columnInfo` remembers the reading of (a column of titles would remember every row). */
const READINGS_KEPT = 4096;

function readingOf(readings: Map<string, TextReading>, cell: string, style: NumberStyle): TextReading {
  const known = readings.get(cell);
  if (known !== undefined) return known;
  const reading: TextReading = readCell(cell, style);
  if (readings.size < READINGS_KEPT) readings.set(cell, reading);
  return reading;
}

/**
 * The rule for a text column's kind from its count of case-folded labels: more labels than half the present cells →
 * identifier, else categorical; a text kind already known (`kind`) is kept. Cost: O(1).
 */
export function textKind(kind: ColumnKind | undefined, labels: number, present: number): 'identifier' | 'categorical' {
  if (kind === 'identifier' || kind === 'categorical') return kind;
  return labels > present / 2 ? 'identifier' : 'categorical';
}

/**
 * The rule for a column's kind from its counts: no cell present → empty; at least MOSTLY_SHARE of the present cells
 * numbers → numeric, else dates → date (the rest are strays); a kind already known (`kind`) is kept. Also the fields
 * every kind shares. Cost: O(1).
 */
export function kindFromCounts(
  rows: number,
  missing: number,
  numberCount: number,
  dateCount: number,
  style: NumberStyle,
  kind?: ColumnKind,
) {
  const present = rows - missing;
  const base = { present, missing, style, formatted: 0, zeros: 0, fractional: false, nonFinite: null };
  const empty = present === 0 && (kind === undefined || kind === 'empty');
  const numeric = kind === undefined ? numberCount >= MOSTLY_SHARE * present : kind === 'numeric' || kind === 'binary';
  const dated = kind === undefined ? dateCount >= MOSTLY_SHARE * present : kind === 'date';
  return { base, empty, numeric, dated };
}

/**
 * A date column's values (days, NaN where there is no date), its strays (rows with text that is not a date, as
 * `strayText` gives it; null for a missing cell) and its count of distinct dates. Cost: O(rows).
 */
export function dateValues(
  rows: number,
  dateAt: (row: number) => number | null | undefined,
  strayText: (row: number) => string | null,
): { values: Float64Array; strays: StrayCell[]; distinct: number } {
  const values = new Float64Array(rows).fill(NaN);
  const strays: StrayCell[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    const date = dateAt(i);
    if (date !== undefined && date !== null) {
      values[i] = date;
      seen.add(date);
      continue;
    }
    const text = strayText(i);
    if (text !== null) strays.push({ row: i, text });
  }
  return { values, strays, distinct: seen.size };
}

/** A cell as text for a label or a message: trimmed text, or the number, boolean or date as text. */
export function textOf(cell: unknown): string {
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

/** The first text cell of a column that is not a number, for messages (null when there is none). */
export function firstNonNumber(cells: readonly unknown[], style: NumberStyle): StrayCell | null {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!isMissingValue(cell) && parseNumber(cell, style) === null) return { row: i, text: textOf(cells[i]) };
  }
  return null;
}

/**
 * A numeric column's classification whose zeros, fractional and distinct are counted from its values when first
 * read: the design of `tikfit fit` reads none of them (counting them was a third of prepare in a fresh process on the
 * 10,000 × 10 file of bench/fitPeers.mjs), and the recipe never reads distinct (a Set of the numbers took longer than
 * the rest of a column's classification; `distinctAtMostTwo` tells a constant column apart). Used by `columnInfo`,
 * `typedColumnInfo` and Impute's filled columns. Cost: O(1); O(rows) when first read.
 */
export function lazyNumberFacts(
  fields: Omit<ColumnInfo, 'zeros' | 'fractional' | 'distinct'>,
  values: Float64Array,
): ColumnInfo {
  let zeros = -1;
  let fractional = false;
  let distinct = -1;
  const count = (): void => {
    zeros = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === 0) zeros++;
      else if (v === v && !isIntegerNumber(v)) fractional = true;
    }
  };
  return {
    ...fields,
    get zeros(): number {
      if (zeros < 0) count();
      return zeros;
    },
    get fractional(): boolean {
      if (zeros < 0) count();
      return fractional;
    },
    get distinct(): number {
      if (distinct < 0) distinct = distinctNumbers(values);
      return distinct;
    },
  };
}

/**
 * The column's count of distinct values, capped at 2: enough to tell an empty or constant column, without counting
 * every distinct number of a numeric one (0.07 s per column at 330,000 rows, bench/pipeline-one.mjs). Cost: O(rows)
 * at most, and usually O(1): a numeric column's second value differs from its first.
 */
export function distinctAtMostTwo(info: ColumnInfo): number {
  const values = info.values;
  if ((info.kind !== 'numeric' && info.kind !== 'binary') || values === null) return Math.min(info.distinct, 2);
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    if (first !== first) first = v;
    else if (v !== first) return 2;
  }
  return first === first ? 1 : 0;
}

/** How many distinct numbers a column holds (NaN, missing, not counted). Cost: O(rows), plus a Set of them. */
export function distinctNumbers(values: Float64Array): number {
  const seen = new Set<number>();
  for (const v of values) if (v === v) seen.add(v);
  return seen.size;
}
