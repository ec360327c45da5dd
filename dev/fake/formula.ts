/**
 * References in formula text, as Sheets reads them: a tokenizer that finds every cell or range reference (A1,
 * $B$2, A1:C3, whole columns A:C, whole rows 2:5, open-ended A2:C, each optionally after a sheet name, 'My sheet'!
 * or Data!) outside string literals and function names, and hands it to a callback that may rewrite it.
 *
 * `shiftFormula` uses it to move a formula the way Sheets does when it is copied with `Range.copyTo`: relative
 * parts (A1, B$2, A:A) shift by the offset, absolute parts ($A$1) stay, and a reference shifted off the sheet
 * becomes #REF!. `references.ts` uses it to move references when rows or columns are inserted or deleted.
 */

import { columnToLetters, lettersToColumn } from './a1';

/** One end of a reference: a column and/or a row (a whole-column end has no row, a whole-row end no column). */
export interface ReferenceEnd {
  col: number | undefined;
  row: number | undefined;
  colAbsolute: boolean;
  rowAbsolute: boolean;
}

/** A cell or range reference found in a formula. */
export interface FormulaReference {
  /** The sheet name written before "!" (unquoted, '' doubled quotes undone), or undefined for the formula's own sheet. */
  sheet: string | undefined;
  /** The sheet prefix exactly as written, "!" included ("'My sheet'!", "Data!"), or "". */
  prefix: string;
  start: ReferenceEnd;
  /** The second end of a range; undefined for a single cell. */
  end: ReferenceEnd | undefined;
  /** The reference exactly as written, prefix included. */
  text: string;
}

const CELL_END = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y;
const COLUMN_END = /(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_])/y;
const ROW_END = /(\$?)(\d+)(?![0-9A-Za-z_.])/y;
const WORD = /[A-Za-z0-9_.]+/y;
const SHEET_WORD = /[A-Za-z0-9_.]+!/y;
/** What may not follow a reference: more of a name, a call, or a sheet name's "!". */
const NOT_AFTER = /[A-Za-z0-9_.(!]/;
/** What may not come before a reference: more of a name (or number), or a "$" of a reference. */
const NOT_BEFORE = /[A-Za-z0-9_.$]/;

function match(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function cellEnd(text: string, at: number): { end: ReferenceEnd; next: number } | undefined {
  const m = match(CELL_END, text, at);
  if (!m) return undefined;
  const [, colAbs = '', letters = '', rowAbs = '', digits = ''] = m;
  const row = Number(digits);
  if (row < 1) return undefined;
  return {
    end: { col: lettersToColumn(letters), row, colAbsolute: colAbs !== '', rowAbsolute: rowAbs !== '' },
    next: at + m[0].length,
  };
}

function columnEnd(text: string, at: number): { end: ReferenceEnd; next: number } | undefined {
  const m = match(COLUMN_END, text, at);
  if (!m) return undefined;
  const [, colAbs = '', letters = ''] = m;
  return {
    end: { col: lettersToColumn(letters), row: undefined, colAbsolute: colAbs !== '', rowAbsolute: false },
    next: at + m[0].length,
  };
}

function rowEnd(text: string, at: number): { end: ReferenceEnd; next: number } | undefined {
  const m = match(ROW_END, text, at);
  if (!m) return undefined;
  const [, rowAbs = '', digits = ''] = m;
  const row = Number(digits);
  if (row < 1) return undefined;
  return { end: { col: undefined, row, colAbsolute: false, rowAbsolute: rowAbs !== '' }, next: at + m[0].length };
}

/** The reference body (no prefix) at `at`: a cell, cell:cell, cell:column (open-ended), column:column or row:row. */
function referenceBody(
  text: string,
  at: number,
): { start: ReferenceEnd; end: ReferenceEnd | undefined; next: number } | undefined {
  const cell = cellEnd(text, at);
  if (cell) {
    if (text[cell.next] === ':') {
      const second = cellEnd(text, cell.next + 1) ?? columnEnd(text, cell.next + 1);
      if (second && !NOT_AFTER.test(text[second.next] ?? ''))
        return { start: cell.end, end: second.end, next: second.next };
    }
    if (NOT_AFTER.test(text[cell.next] ?? '')) return undefined;
    return { start: cell.end, end: undefined, next: cell.next };
  }
  for (const single of [columnEnd, rowEnd]) {
    const first = single(text, at);
    if (!first || text[first.next] !== ':') continue;
    const second = single(text, first.next + 1);
    if (second && !NOT_AFTER.test(text[second.next] ?? ''))
      return { start: first.end, end: second.end, next: second.next };
  }
  return undefined;
}

/** The quoted text ('…' or "…", doubled quotes escaping) starting at `at`: the index just past its closing quote. */
function quotedEnd(text: string, at: number): number {
  const quote = text[at];
  let j = at + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return text.length;
}

/** The reference starting at `at` (sheet prefix included), or undefined. */
function referenceAt(text: string, at: number): { ref: FormulaReference; next: number } | undefined {
  let prefix = '';
  let sheet: string | undefined;
  let bodyAt = at;
  if (text[at] === "'") {
    const close = quotedEnd(text, at);
    if (text[close] !== '!') return undefined;
    prefix = text.slice(at, close + 1);
    sheet = text.slice(at + 1, close - 1).replace(/''/g, "'");
    bodyAt = close + 1;
  } else {
    const word = match(SHEET_WORD, text, at);
    if (word) {
      prefix = word[0];
      sheet = word[0].slice(0, -1);
      bodyAt = at + word[0].length;
    }
  }
  const body = referenceBody(text, bodyAt);
  if (!body) return undefined;
  return { ref: { sheet, prefix, start: body.start, end: body.end, text: text.slice(at, body.next) }, next: body.next };
}

/**
 * The formula with each reference replaced by what `replace` returns for it (undefined keeps the text as written).
 * String literals are copied through untouched.
 */
export function mapReferences(formula: string, replace: (ref: FormulaReference) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    const prev = formula[i - 1] ?? '';
    if (ch === '"') {
      const next = quotedEnd(formula, i);
      out += formula.slice(i, next);
      i = next;
      continue;
    }
    if (!NOT_BEFORE.test(prev) && /[A-Za-z0-9$_.']/.test(ch)) {
      const found = referenceAt(formula, i);
      if (found) {
        out += replace(found.ref) ?? found.ref.text;
        i = found.next;
        continue;
      }
      if (ch === "'") {
        const next = quotedEnd(formula, i);
        out += formula.slice(i, next);
        i = next;
        continue;
      }
      const word = match(WORD, formula, i);
      if (word && word[0].length > 0) {
        out += word[0];
        i += word[0].length;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** An end written back as text: "$A$1", "B", "$3". */
export function formatEnd(end: ReferenceEnd): string {
  const col = end.col === undefined ? '' : `${end.colAbsolute ? '$' : ''}${columnToLetters(end.col)}`;
  const row = end.row === undefined ? '' : `${end.rowAbsolute ? '$' : ''}${end.row}`;
  return col + row;
}

/** A reference written back as text, with its prefix as it was written. */
export function formatReference(ref: Pick<FormulaReference, 'prefix' | 'start' | 'end'>): string {
  return ref.prefix + formatEnd(ref.start) + (ref.end === undefined ? '' : `:${formatEnd(ref.end)}`);
}

/** The formula with its relative references moved by `dRows` rows and `dCols` columns (`Range.copyTo`). */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return mapReferences(formula, (ref) => {
    const move = (end: ReferenceEnd): ReferenceEnd | undefined => {
      const col = end.col === undefined || end.colAbsolute ? end.col : end.col + dCols;
      const row = end.row === undefined || end.rowAbsolute ? end.row : end.row + dRows;
      if ((col !== undefined && col < 1) || (row !== undefined && row < 1)) return undefined;
      return { ...end, col, row };
    };
    const start = move(ref.start);
    const end = ref.end === undefined ? undefined : move(ref.end);
    if (start === undefined || (ref.end !== undefined && end === undefined)) return '#REF!';
    return formatReference({ prefix: ref.prefix, start, end });
  });
}
