import { codePointCompare } from '../cells/codePointCompare';
import { textOf, type ColumnKind } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import type { NumberStyle } from '../cells/parseNumber';
import { columnCellsOf, infoOf, sheetRow, tableFromGrid, type Table } from '../cells/table';
import { editDistance } from './editDistance';
import type { Grid } from './grid';

/** A label that probably means another, more common one. */
export interface MergeSuggestion {
  column: string;
  from: string;
  to: string;
  reason: 'whitespace' | 'case' | 'typo';
  count: number;
}

/** What the profile says about one column. */
export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  /** Cells with no value (blank or a missing token). */
  missing: number;
  /** Zeros, for numeric columns. */
  zeros: number;
  distinct: number;
  /** Level counts for categorical columns, most frequent first (ties in code-point order), after trimming. */
  levels?: { level: string; count: number }[];
  /** Levels with at most `rareThreshold` rows. */
  rareLevels?: string[];
  /** True when zeros probably stand for "not recorded" (see `profileTable`). */
  zerosLookMissing: boolean;
  /** Numeric and date columns: cells that are not numbers (or dates), with their spreadsheet rows; treated as missing. */
  strays: { row: number; text: string }[];
  /** Numeric columns: numbers typed as text with separators, a percent or a currency sign, read as numbers. */
  formatted: number;
  /** The column's number style: `comma` for 1.234,5. */
  style: NumberStyle;
}

/** The profile of a table: a row count, one entry per column, the likely target, and suggestions in words. */
export interface GridProfile {
  rows: number;
  columns: ColumnProfile[];
  merges: MergeSuggestion[];
  suggestions: string[];
  /** The column TikFit would explain unless told otherwise (see `guessTarget`), or null when none is numeric. */
  suggestedTarget: string | null;
}

/**
 * Describes a table the way an analyst would before modelling it: each column's kind, missing and zero counts,
 * levels, rare levels, cells that do not fit their column, labels that differ only in spaces or case, likely typos
 * (a label at edit distance 1 from a label at least three times as common), and zeros that look like placeholders —
 * zeros in a continuous measurement (a column with fractional values, such as a percentage) or in the target.
 *
 * Cost: O(cells), plus O(levels² · label length) per categorical column for the typo search.
 */
export function profileTable(table: Table, options: { target?: string; rareThreshold?: number } = {}): GridProfile {
  const rareThreshold = options.rareThreshold ?? 5;
  const columns: ColumnProfile[] = [];
  const merges: MergeSuggestion[] = [];
  const suggestions: string[] = [];
  const rows = table.rowCount;
  const suggestedTarget = guessTarget(table);
  const target = options.target ?? suggestedTarget;
  table.names.forEach((name, j) => {
    const info = infoOf(table, j);
    const kind = info.kind;
    const zerosLookMissing = kind === 'numeric' && info.zeros > 0 && (info.fractional || name === target);
    const strays = info.strays.map((s) => ({ row: sheetRow(table, s.row), text: s.text }));
    const profile: ColumnProfile = {
      name,
      kind,
      missing: info.missing,
      zeros: info.zeros,
      distinct: info.distinct,
      zerosLookMissing,
      strays,
      formatted: info.formatted,
      style: info.style,
    };
    if (kind === 'categorical') {
      const cells = columnCellsOf(table, j);
      const counts = new Map<string, number>();
      for (const cell of cells)
        if (!isMissingValue(cell)) counts.set(textOf(cell), (counts.get(textOf(cell)) ?? 0) + 1);
      const levels = [...counts.entries()]
        .map(([level, count]) => ({ level, count }))
        .sort((a, b) => b.count - a.count || codePointCompare(a.level, b.level));
      profile.levels = levels;
      profile.distinct = levels.length;
      profile.rareLevels = levels.filter((l) => l.count <= rareThreshold).map((l) => l.level);
      merges.push(...labelMerges(name, cells));
    }
    columns.push(profile);
    for (const stray of strays.slice(0, 5)) suggestions.push(strayWarning(name, stray, kind));
    if (strays.length > 5)
      suggestions.push(
        `"${name}" has ${strays.length - 5} more cells that are not ${kind === 'date' ? 'dates' : 'numbers'}`,
      );
    if (zerosLookMissing) {
      suggestions.push(
        `"${name}" has ${info.zeros} zeros; if they mean "not recorded", tick "0 = blank" for it (zero-missing: ${name})`,
      );
    }
    if (profile.rareLevels && profile.rareLevels.length > 0) {
      suggestions.push(
        `"${name}" has ${profile.rareLevels.length} rare level${profile.rareLevels.length > 1 ? 's' : ''} ` +
          `(${rareThreshold} rows or fewer): ` +
          `${profile.rareLevels.slice(0, 8).join(', ')}${profile.rareLevels.length > 8 ? ', …' : ''}`,
      );
    }
    if (kind === 'identifier')
      suggestions.push(`"${name}" looks like an identifier (mostly distinct text) and will not be a predictor`);
    if (kind === 'date')
      suggestions.push(`"${name}" holds dates: not a predictor, but it can be a trend (days since the first video)`);
    if (kind === 'empty') suggestions.push(`"${name}" is empty`);
    else if (info.missing > rows / 2)
      suggestions.push(
        `"${name}" is missing in ${info.missing} of ${rows} rows and will be left out unless you include it`,
      );
  });
  for (const merge of merges) {
    suggestions.push(
      `In "${merge.column}", "${merge.from}" (${merge.count}) looks like "${merge.to}"` +
        `${merge.reason === 'typo' ? ' (a typo?)' : ` (differs in ${merge.reason})`}`,
    );
  }
  return { rows, columns, merges, suggestions, suggestedTarget };
}

/** `profileTable` of a grid (header row first). @throws Error for a malformed grid (see `tableFromGrid`). */
export function profileGrid(grid: Grid, options: { target?: string; rareThreshold?: number } = {}): GridProfile {
  return profileTable(tableFromGrid(grid), options);
}

/**
 * What became of a cell that is not a number (or date) in its column, as the step that tells it knows: `missing`,
 * still as typed and missing until Impute fills it; `filled` by Impute with `method`'s value (as text), in the sheet
 * itself when the steps write back (the add-on's), else only in the data the model is given; `dropped`, its row
 * deleted from the sheet (writing back) or left out of the model, as the user chose for the columns `by`; `not
 * modelled`, its column is not in the model; `row left out`, a fit of the data as it is leaves its row out; `average
 * day`, a date the trend (days since the first video) gives the average day, as Impute fills no date.
 */
export type StrayFate =
  | { fate: 'missing' }
  | { fate: 'average day' }
  | { fate: 'filled'; method: string; value: string; writesBack: boolean }
  | { fate: 'dropped'; writesBack: boolean; by: readonly string[] }
  | { fate: 'not modelled' }
  | { fate: 'row left out' };

/**
 * The warning for a cell that is not a number (or date) in a numeric (or date) column: the column, the row as the
 * sheet numbers it, the text as typed, what became of it (see `StrayFate`) and what to do, e.g.
 * `Hearts, row 14: "2O3" was not a number; Impute replaced it with the mean (231.6): type the right number there if
 * you know it`.
 */
export function strayWarning(
  column: string,
  stray: { row: number; text: string },
  kind: ColumnKind,
  fate: StrayFate = { fate: 'missing' },
): string {
  const what = kind === 'date' ? 'date' : 'number';
  const cell = `${column}, row ${stray.row}: "${stray.text}"`;
  // A formula's error (#VALUE! where it divides by a cell typed as text) is mended where the formula reads.
  const error = FORMULA_ERROR.test(stray.text);
  const not = error ? `a formula's error, not a ${what}` : `not a ${what}`;
  const mend = error ? 'fix what the formula reads' : 'correct the cell';
  switch (fate.fate) {
    case 'missing':
      return kind === 'date'
        ? `${cell} is ${not}; it counts as missing until you ${error ? mend : 'type the right date'}`
        : `${cell} is ${not}; it counts as missing until you ${error ? mend : `type the right ${what}`} or Impute fills it`;
    case 'average day':
      return `${cell} is ${not}; the trend gives that row the average day: ${error ? mend : 'type the right date'} to use it`;
    case 'filled': {
      const filler = fate.method === 'constant' ? fate.value : `the ${fate.method} (${fate.value})`;
      const instead = error
        ? 'to get the formula back, undo and fix what it reads'
        : `type the right ${what} there if you know it`;
      return fate.writesBack
        ? `${cell} was ${not}; Impute replaced it with ${filler}: ${instead}`
        : `${cell} is ${not}; the model used ${filler} in its place: ${mend} to use the real ${what}`;
    }
    case 'dropped': {
      const chosen = `as you chose for rows missing ${fate.by.join(' or ')}`;
      return fate.writesBack
        ? `${cell} was ${not}; Impute deleted the row, ${chosen}: undo to get it back`
        : `${cell} is ${not}; the row is left out, ${chosen}: ${mend} to keep it`;
    }
    case 'not modelled':
      return `${cell} is ${not}; ${column} is not in the model, so the cell is left as it is`;
    case 'row left out':
      return `${cell} is ${not}; the fit leaves that row out: ${mend} to use the row`;
  }
}

/** The errors a spreadsheet formula shows in its cell (Google Sheets' and Excel's). */
const FORMULA_ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|ERROR!|SPILL!|CALC!)$/;

/**
 * Headers that read like the count a creator wants more of: followers, subscribers or fans, in the languages
 * cheap to cover (English, Spanish, Portuguese, French, German, Italian, Dutch, Turkish, Russian, Chinese, Japanese,
 * Korean).
 */
const TARGET_WORDS = new RegExp(
  [
    'follow',
    'subscri',
    '\\bfans?\\b',
    'fans? ?gained',
    'abonn',
    'seguidor',
    'inscrit',
    'iscritt',
    'volger',
    'takip',
    'подпис',
    '粉丝',
    '關注',
    '关注',
    'フォロワー',
    '登録者',
    '팔로워',
    '구독',
  ].join('|'),
  'i',
);

/**
 * The column TikFit explains unless the user says otherwise: the first numeric column whose header reads like
 * followers, subscribers or fans, else the last numeric column, else the last column of only 0 and 1; null when no
 * column holds numbers. Cost: O(cells).
 */
export function guessTarget(table: Table): string | null {
  let last: string | null = null;
  let lastBinary: string | null = null;
  for (let j = 0; j < table.names.length; j++) {
    const kind = infoOf(table, j).kind;
    const name = table.names[j] as string;
    // A column of only 0 and 1 (a checkbox) is a target of last resort: it counts nothing.
    if (kind === 'binary') lastBinary = name;
    if (kind !== 'numeric') continue;
    if (TARGET_WORDS.test(name)) return name;
    last = name;
  }
  return last ?? lastBinary;
}

/**
 * Labels that should probably be merged: whitespace variants, case variants (into the most frequent spelling),
 * then typos (edit distance 1 to a label at least three times as common), on the cleaned labels.
 */
export function labelMerges(column: string, cells: readonly unknown[]): MergeSuggestion[] {
  const raw = new Map<string, number>();
  for (const cell of cells) {
    if (isMissingValue(cell) || typeof cell !== 'string') continue;
    raw.set(cell, (raw.get(cell) ?? 0) + 1);
  }
  const merges: MergeSuggestion[] = [];
  const cleaned = new Map<string, number>();
  for (const [label, count] of raw) {
    const clean = collapseWhitespace(label);
    if (clean !== label) merges.push({ column, from: label, to: clean, reason: 'whitespace', count });
    cleaned.set(clean, (cleaned.get(clean) ?? 0) + count);
  }
  const caseTargets = caseVariantTargets(cleaned);
  const merged = new Map<string, number>();
  for (const [label, count] of cleaned) {
    const to = caseTargets.get(label) ?? label;
    if (to !== label) merges.push({ column, from: label, to, reason: 'case', count });
    merged.set(to, (merged.get(to) ?? 0) + count);
  }
  for (const [target, from] of typoTargets(merged))
    merges.push({ column, from, to: target, reason: 'typo', count: merged.get(from) as number });
  return merges;
}

/** Trims and collapses runs of white space to one space. */
export function collapseWhitespace(text: string): string {
  // Most cells need nothing: check with a character loop before paying for a regular expression.
  let clean = text.length === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(text.length - 1) > 32);
  for (let i = 0; clean && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      code < 32 ||
      (code === 32 && text.charCodeAt(i + 1) === 32) ||
      code === 0xa0 ||
      (code >= 0x2000 && code <= 0x200a) ||
      code === 0x3000 ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x1680 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0xfeff ||
      code === 0x85
    )
      clean = false;
  }
  return clean ? text : text.replace(/\s+/g, ' ').trim();
}

/** For labels that differ only in case, the most frequent spelling (ties: first in code-point order). */
export function caseVariantTargets(counts: ReadonlyMap<string, number>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const label of counts.keys()) {
    const key = label.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(label);
    else groups.set(key, [label]);
  }
  const targets = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const best = [...group].sort(
      (a, b) => (counts.get(b) as number) - (counts.get(a) as number) || codePointCompare(a, b),
    )[0] as string;
    for (const label of group) if (label !== best) targets.set(label, best);
  }
  return targets;
}

/** Pairs [common, rare] where rare is at edit distance 1 from common and common is at least 3 times as frequent. */
export function typoTargets(counts: ReadonlyMap<string, number>): [string, string][] {
  const labels = [...counts.keys()].sort(codePointCompare);
  const pairs: [string, string][] = [];
  for (const rare of labels) {
    const rareCount = counts.get(rare) as number;
    let best: string | null = null;
    for (const common of labels) {
      if (common === rare || (counts.get(common) as number) < 3 * rareCount) continue;
      if (editDistance(rare, common, 1) !== 1) continue;
      if (best === null || (counts.get(common) as number) > (counts.get(best) as number)) best = common;
    }
    if (best !== null) pairs.push([best, rare]);
  }
  return pairs;
}
