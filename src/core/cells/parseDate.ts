import { isDateValue } from './isDateValue';

const MS_PER_DAY = 86_400_000;
const iso =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const named = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Reads a cell as a calendar date and returns it as milliseconds since 1970-01-01 UTC, or null when it is not a
 * date. This is TikFit's one rule for dates: a Date (Sheets passes date cells as Dates, also from another realm),
 * ISO text (`2025-01-06`, with an optional time, or `2025/01/06`), `m/d/yyyy` text as en_US writes it (`2/1/2025`; when the first
 * part is over 12, it is read as d/m/yyyy), `d.m.yyyy` as German writes it, and `Jan 6, 2025`. The time of day in
 * text is ignored. Impossible dates (`2/30/2025`) are not dates. Cost: O(length of the text).
 */
export function parseDate(cell: unknown): number | null {
  if (isDateValue(cell)) {
    const time = cell.getTime();
    return Number.isNaN(time) ? null : time;
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    let m = iso.exec(text);
    if (m !== null) return utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
    m = slashed.exec(text);
    if (m !== null) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const year = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      return a > 12 ? utcDate(year, b, a) : utcDate(year, a, b);
    }
    m = dotted.exec(text);
    if (m !== null) return utcDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return null;
  }
  const m = named.exec(text);
  if (m === null) return null;
  // A month's name or its start (Jan, Sept, Janu): "Marble 3, 2025" is not March.
  const word = (m[1] as string).toLowerCase();
  const month = MONTHS.findIndex((name) => name.startsWith(word));
  return month < 0 ? null : utcDate(Number(m[3]), month + 1, Number(m[2]));
}

function utcDate(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  return check.getUTCDate() === day && check.getUTCMonth() === month - 1 ? time : null;
}

/** Whole days from `from` to `to` (both from `parseDate`), counting calendar days. Cost: O(1). */
export function daysBetween(from: number, to: number): number {
  return Math.round((to - from) / MS_PER_DAY);
}
