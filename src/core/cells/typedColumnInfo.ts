import {
  dateValues,
  kindFromCounts,
  lazyNumberFacts,
  readCell,
  textKind,
  textOf,
  type CellReading,
  type ColumnInfo,
  type ColumnKind,
  type StrayCell,
} from './columnInfo';
import type { NumberStyle } from './parseNumber';
import { typeTextCell, type TypedColumn } from './typedColumns';

const isFiniteNumber = Number.isFinite;

/** What the shared cell rules say of one level (one distinct text) of a typed column. */
interface LevelReading extends CellReading {
  /** The cell as the grid path holds it (`typeTextCell`). */
  cell: string | number;
}

/**
 * The classification `columnInfo` gives the same cells, computed from a typed column: the shared cell rules
 * (`isMissingValue`, `parseNumber`, `parseDate`) run once per level rather than once per cell, and a plain number
 * is already its double. Equal to `columnInfo(cells, style, kind)` field by field, where `cells` are the column's
 * cells as the grid path holds them (whole numbers typed by `typeTextCell`): test/core/cells/typedColumnInfo.test.ts
 * checks that on random columns. `distinct` is counted when first read. A plain number in a text column is
 * described by its double (the reader keeps every cell of a text column as a level, so that does not arise from
 * it). Cost: O(rows + levels × length of a level).
 */
export function typedColumnInfo(column: TypedColumn, style: NumberStyle, kind?: ColumnKind): ColumnInfo {
  const { codes, levels, levelCounts } = column;
  const n = codes.length;
  const readings = levels.map((text, k): LevelReading | null => ((levelCounts[k] as number) > 0 ? read(text) : null));
  function read(text: string): LevelReading {
    const cell = typeTextCell(text);
    return { cell, ...readCell(cell, style) };
  }
  let plain = n;
  let missing = 0;
  let numberCount = 0;
  let dateCount = 0;
  let formatted = 0;
  let levelNumbers = false;
  let levelInfinite = false;
  readings.forEach((reading, k) => {
    if (reading === null) return;
    const count = levelCounts[k] as number;
    plain -= count;
    if (reading.missing) missing += count;
    else if (reading.number !== null) {
      numberCount += count;
      levelNumbers = true;
      if (!isFiniteNumber(reading.number)) levelInfinite = true;
      if (reading.formatted) formatted += count;
    } else if (reading.date !== null) dateCount += count;
  });
  numberCount += plain;
  const { base, empty, numeric, dated } = kindFromCounts(n, missing, numberCount, dateCount, style, kind);
  if (empty) return { ...base, kind: 'empty', values: null, strays: [], distinct: 0 };
  if (numeric) {
    // The plain numbers are already in place (NaN elsewhere); levels that are numbers are filled in.
    const values = levelNumbers ? column.numbers.slice() : column.numbers;
    const strays: StrayCell[] = [];
    let nonFinite: StrayCell | null = null;
    for (let i = 0; levels.length > 0 && i < n; i++) {
      const code = codes[i] as number;
      if (code < 0) continue;
      const reading = readings[code] as LevelReading;
      if (reading.number !== null) {
        values[i] = reading.number;
        if (levelInfinite && nonFinite === null && !isFiniteNumber(reading.number))
          nonFinite = { row: i, text: String(reading.cell) };
      } else if (!reading.missing) strays.push({ row: i, text: textOf(reading.cell) });
    }
    const fields = { ...base, kind: kind ?? (isBinary(values) ? 'binary' : 'numeric'), values, strays, formatted };
    return lazyNumberFacts({ ...fields, nonFinite }, values);
  }
  if (dated) {
    const readingAt = (i: number): LevelReading | null => {
      const code = codes[i] as number;
      return code < 0 ? null : (readings[code] as LevelReading);
    };
    const strayText = (i: number): string | null => {
      const reading = readingAt(i);
      if (reading === null) return String(column.numbers[i]);
      return reading.missing ? null : textOf(reading.cell);
    };
    return { ...base, kind: 'date', ...dateValues(n, (i) => readingAt(i)?.date, strayText) };
  }
  // Text: case-folded labels, as columnInfo counts them. The levels are distinct texts, so when each is its own label
  // (trimmed, no capital) and no plain number joins them, they are the labels: a Set of 330,000 case-folded titles
  // took 0.5 s of tableFromTyped at 330,000 × 30 (bench/pipeline-one.mjs).
  let folded = 0;
  let foldsAll = plain === 0;
  for (let k = 0; k < readings.length && foldsAll; k++) {
    const reading = readings[k];
    if (reading === null || reading === undefined || reading.missing) continue;
    if (typeof reading.cell === 'string' && isOwnLabel(reading.cell)) folded++;
    else foldsAll = false;
  }
  const distinct = foldsAll ? folded : labelCount(readings, column, plain);
  return { ...base, kind: textKind(kind, distinct, base.present), values: null, strays: [], distinct };
}

/** The count of distinct case-folded labels of a text column's levels and plain numbers. Cost: O(rows + levels). */
function labelCount(readings: readonly (LevelReading | null)[], column: TypedColumn, plain: number): number {
  const labels = new Set<string>();
  readings.forEach((reading) => {
    if (reading !== null && !reading.missing) labels.add(textOf(reading.cell).toLowerCase());
  });
  if (plain > 0)
    for (let i = 0; i < column.codes.length; i++)
      if ((column.codes[i] as number) < 0) labels.add(String(column.numbers[i]));
  return labels.size;
}

/**
 * Whether a text is its own case-folded label (`textOf(text).toLowerCase() === text`), told from its characters:
 * ASCII without capitals, and neither starting nor ending with a space or control character (which trim would take
 * off). False for any other character, which only sends the text the long way. Cost: O(length).
 */
function isOwnLabel(text: string): boolean {
  const last = text.length - 1;
  if (last < 0 || text.charCodeAt(0) <= 32 || text.charCodeAt(last) <= 32) return false;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code >= 127 || (code >= 65 && code <= 90)) return false;
  }
  return true;
}

/** Every value is 0, 1 or NaN (missing). Stops at the first that is not. Cost: O(rows) at most. */
function isBinary(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== 0 && v !== 1 && v === v) return false;
  }
  return true;
}
