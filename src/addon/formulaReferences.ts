/**
 * Which formulas a deletion of rows or columns would break. When rows or columns are deleted, Sheets rewrites every
 * reference to them; a reference whose cells are all deleted becomes #REF!, so the formula then shows an error
 * instead of its value. An in-place step asks before doing that to a formula, as it asks before overwriting one.
 *
 * The references read here are the A1 forms Sheets writes: A1, $B$2, A1:C3, whole columns A:C, whole rows 2:5 and
 * open-ended A2:C, each optionally after a sheet name ('My sheet'! or Data!). String literals are skipped. Names,
 * INDIRECT and OFFSET are not followed.
 */

/** One end of a reference; a whole-column end has no row, a whole-row end no column. */
interface End {
  col: number | undefined;
  row: number | undefined;
}

/** A reference in a formula: the sheet it names (undefined for the formula's own) and its rows and columns. */
export interface Reference {
  sheet: string | undefined;
  /** First and last row, 1-based; undefined for a whole-column reference. The last is Infinity when open-ended. */
  rows: [number, number] | undefined;
  /** First and last column, 1-based; undefined for a whole-row reference. */
  columns: [number, number] | undefined;
}

const CELL = /\$?([A-Za-z]{1,3})\$?(\d+)/y;
const COLUMN = /\$?([A-Za-z]{1,3})(?![A-Za-z0-9_])/y;
const ROW = /\$?(\d+)(?![0-9A-Za-z_.])/y;
const SHEET_WORD = /[A-Za-z0-9_.]+!/y;
const WORD = /[A-Za-z0-9_.]+/y;
const NOT_AFTER = /[A-Za-z0-9_.(!]/;
const NOT_BEFORE = /[A-Za-z0-9_.$]/;

function at(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

function letters(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cell(text: string, index: number): { end: End; next: number } | undefined {
  const m = at(CELL, text, index);
  if (!m || Number(m[2]) < 1) return undefined;
  return { end: { col: letters(m[1] ?? ''), row: Number(m[2]) }, next: index + m[0].length };
}

function column(text: string, index: number): { end: End; next: number } | undefined {
  const m = at(COLUMN, text, index);
  return m ? { end: { col: letters(m[1] ?? ''), row: undefined }, next: index + m[0].length } : undefined;
}

function row(text: string, index: number): { end: End; next: number } | undefined {
  const m = at(ROW, text, index);
  if (!m || Number(m[1]) < 1) return undefined;
  return { end: { col: undefined, row: Number(m[1]) }, next: index + m[0].length };
}

function body(text: string, index: number): { start: End; end: End; next: number } | undefined {
  const first = cell(text, index);
  if (first) {
    if (text[first.next] === ':') {
      const second = cell(text, first.next + 1) ?? column(text, first.next + 1);
      if (second && !NOT_AFTER.test(text[second.next] ?? ''))
        return { start: first.end, end: second.end, next: second.next };
    }
    return NOT_AFTER.test(text[first.next] ?? '') ? undefined : { start: first.end, end: first.end, next: first.next };
  }
  for (const single of [column, row]) {
    const a = single(text, index);
    if (!a || text[a.next] !== ':') continue;
    const b = single(text, a.next + 1);
    if (b && !NOT_AFTER.test(text[b.next] ?? '')) return { start: a.end, end: b.end, next: b.next };
  }
  return undefined;
}

function quotedEnd(text: string, index: number): number {
  const quote = text[index];
  let j = index + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return text.length;
}

function span(a: number | undefined, b: number | undefined): [number, number] | undefined {
  if (a === undefined) return undefined;
  return b === undefined ? [a, Infinity] : [Math.min(a, b), Math.max(a, b)];
}

/** Every cell or range reference in a formula, in order. Cost: O(length). */
export function formulaReferences(formula: string): Reference[] {
  const found: Reference[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    if (ch === '"') {
      i = quotedEnd(formula, i);
      continue;
    }
    if (NOT_BEFORE.test(formula[i - 1] ?? '') || !/[A-Za-z0-9$_.']/.test(ch)) {
      i += 1;
      continue;
    }
    let sheet: string | undefined;
    let start = i;
    if (ch === "'") {
      const close = quotedEnd(formula, i);
      if (formula[close] !== '!') {
        i = close;
        continue;
      }
      sheet = formula.slice(i + 1, close - 1).replace(/''/g, "'");
      start = close + 1;
    } else {
      const word = at(SHEET_WORD, formula, i);
      if (word) {
        sheet = word[0].slice(0, -1);
        start = i + word[0].length;
      }
    }
    const ref = body(formula, start);
    if (ref) {
      found.push({ sheet, rows: span(ref.start.row, ref.end.row), columns: span(ref.start.col, ref.end.col) });
      i = ref.next;
      continue;
    }
    const word = at(WORD, formula, i);
    i += word && word[0].length > 0 ? word[0].length : 1;
  }
  return found;
}

/** The first index of the ascending numbers whose value is at least `value` (their length when none). Cost: O(log n). */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted numbers fall in [first, last]. Cost: O(log n). */
function countWithin(sorted: readonly number[], first: number, last: number): number {
  return lowerBound(sorted, last + 1) - lowerBound(sorted, first);
}

/**
 * Whether deleting `rows` and `columns` (1-based, sorted ascending) of the sheet named `sheetName` would turn a
 * reference of this formula (written on that sheet) into #REF!: a reference whose rows, or whose columns, are all
 * deleted. Sheet names compare ignoring case, as Sheets does. Cost: O(length · log deleted).
 */
export function breaksOnDelete(
  formula: string,
  sheetName: string,
  rows: readonly number[],
  columns: readonly number[],
): boolean {
  if (rows.length === 0 && columns.length === 0) return false;
  const own = sheetName.toLowerCase();
  return formulaReferences(formula).some((ref) => {
    if (ref.sheet !== undefined && ref.sheet.toLowerCase() !== own) return false;
    const allGone = (range: [number, number] | undefined, deleted: readonly number[]): boolean =>
      range !== undefined &&
      Number.isFinite(range[1]) &&
      countWithin(deleted, range[0], range[1]) === range[1] - range[0] + 1;
    return allGone(ref.rows, rows) || allGone(ref.columns, columns);
  });
}
