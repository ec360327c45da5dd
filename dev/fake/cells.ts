/**
 * What a cell holds and how Sheets turns what a script writes into it: the "user entered" parsing that
 * `Range.setValues` applies (formulas, apostrophe text, numbers, percentages, booleans, dates), and the reverse
 * trip to `getValues`.
 */

import { FakeContext } from './context';
import { fromWallMs, toWallMs } from './time';

/** A date-time stored in a cell, as the instant (ms since the epoch) of its wall-clock time in the spreadsheet's zone. */
export interface StoredDate {
  readonly epochMs: number;
}

/** A cell's stored value: "" for an empty cell. */
export type StoredValue = string | number | boolean | StoredDate;

/** A cell's formatting. Absent keys have Sheets' defaults (see `FORMAT_DEFAULTS`). */
export interface CellFormat {
  numberFormat?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

/** The formatting keys a cell can have. */
export type FormatKey = keyof CellFormat;

/** What `Range.getX()` returns for a cell whose format key X was never set. */
export const FORMAT_DEFAULTS: Required<CellFormat> = {
  numberFormat: '0.###############',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  background: '#ffffff',
  fontColor: '#000000',
  wrap: false,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
};

/** One cell. `formula` set means the cell is a formula whose last computed value is `value` ("" when unknown). */
export interface Cell {
  value: StoredValue;
  formula?: string;
  /** True when Sheets made the formula out of a string starting with "+", "-" or "@" (not "="). */
  implicitFormula?: boolean;
  note?: string;
  format?: CellFormat;
}

/** What a value written by a script becomes: its stored value, formula, and any format Sheets picks for it. */
export interface ParsedInput {
  value: StoredValue;
  formula?: string;
  implicitFormula?: boolean;
  autoFormat?: string;
}

/** Sheets' limit on the characters of one cell. */
export const MAX_CELL_CHARS = 50000;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d*)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.(\d*))?|\.(\d+)))%$/;
const CURRENCY = /^([+-]?)([$£])([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const SHORT_DATE = /^(\d{1,2})([-/])(\d{1,2})(?:\2(\d{1,4}))?$/;
const MONTH_WORD =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const MONTH_DAY = new RegExp(`^${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:(?:,\\s*|\\s+)(\\d{4}))?$`, 'i');
const DAY_MONTH = new RegExp(`^(\\d{1,2})\\s+${MONTH_WORD}\\.?(?:,?\\s+(\\d{4}))?$`, 'i');
const DAY_MON_DASHED = new RegExp(`^(\\d{1,2})-${MONTH_WORD}(?:-(\\d{2}|\\d{4}))?$`, 'i');
const MONTH_YEAR = new RegExp(`^${MONTH_WORD}[\\s-](\\d{4})$`, 'i');
const TIME = /^(\d{1,4}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap]m?)?$/i;
const DATE_TIME = /^(.*\S)\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?\s*(?:[ap]m?)?)$/i;
const MS_PER_DAY = 86400000;
/** 1899-12-30, Sheets' day 0: a time without a date is a time on that day. */
const SERIAL_ZERO = Date.UTC(1899, 11, 30);

/** A wall-clock date-time (UTC fields) for a calendar date, or undefined when no such date exists. */
function wallDate(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.getTime();
}

/** A month's number from its English name or abbreviation. */
function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  return (
    MONTH_NAMES.findIndex(
      (name) => name === lower || name.slice(0, 3) === lower || (lower === 'sept' && name === 'september'),
    ) + 1
  );
}
const MONTH_NAMES = [
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

/** A typed year: two digits are 1930–2029 (00–29 are 20xx), more are as written. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/** How the spreadsheet reads typed text: its locale's day order and currency, its time zone and today. */
interface Reading {
  dayFirst: boolean;
  timeZone: string;
  now: number;
}

/** The wall-clock date (UTC fields) a typed date names, or undefined when the text is not a date. */
function parseDatePart(text: string, reading: Reading): number | undefined {
  const thisYear = (): number => new Date(toWallMs(reading.now, reading.timeZone)).getUTCFullYear();
  const iso = ISO_DATE.exec(text);
  if (iso) return wallDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const short = SHORT_DATE.exec(text);
  if (short) {
    const a = Number(short[1]);
    const b = Number(short[3]);
    const year = short[4] === undefined ? thisYear() : fullYear(short[4]);
    return reading.dayFirst ? wallDate(year, b, a) : wallDate(year, a, b);
  }
  let m = MONTH_DAY.exec(text);
  if (m) return wallDate(m[3] === undefined ? thisYear() : Number(m[3]), monthNumber(m[1] as string), Number(m[2]));
  m = DAY_MONTH.exec(text);
  if (m) return wallDate(m[3] === undefined ? thisYear() : Number(m[3]), monthNumber(m[2] as string), Number(m[1]));
  m = DAY_MON_DASHED.exec(text);
  if (m) return wallDate(m[3] === undefined ? thisYear() : fullYear(m[3]), monthNumber(m[2] as string), Number(m[1]));
  m = MONTH_YEAR.exec(text);
  if (m) return wallDate(Number(m[2]), monthNumber(m[1] as string), 1);
  return undefined;
}

/** Milliseconds since midnight of a typed time ("9:30", "21:05:10", "9:30 pm"), or undefined. */
function parseTimePart(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = m[3] === undefined ? 0 : Number(m[3]);
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  if (minutes > 59 || seconds > 59) return undefined;
  if (m[5] !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    const pm = m[5].toLowerCase().startsWith('p');
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

/**
 * Parses a string the way Sheets parses typed text when a script writes it with `setValue(s)`, in en_US (or
 * en_GB, where the day comes first); text with spaces around it stays text:
 * - numbers: "12", "007" (7), "-1.5", "1e5" (100000), "1,234.5", percentages "10%" (0.1), currency "$5" ("£5");
 * - booleans: "TRUE", "false";
 * - dates, at midnight in the spreadsheet's time zone: "2024-01-31", "2024/1/31", "1/31/2024", "1-31-24", and
 *   without a year (this year) "1-2", "3/4"; with a month's name "March 3", "Mar 3, 2024", "3 March", "3-Mar",
 *   "March 2024" (the 1st);
 * - times "9:30", "21:05:10", "9:30 pm" (on 1899-12-30, Sheets' day 0; hours past 23 are a duration), and a date
 *   followed by a time.
 * Anything else stays text, as written.
 */
function parseLiteral(text: string, reading: Reading, currency: string): ParsedInput {
  const t = text;
  if (PLAIN_NUMBER.test(t)) return /e/i.test(t) ? { value: Number(t), autoFormat: '0.00E+00' } : { value: Number(t) };
  const grouped = GROUPED_NUMBER.exec(t);
  if (grouped) {
    const value = Number(`${grouped[1] ?? ''}${(grouped[2] ?? '').replace(/,/g, '')}${grouped[3] ?? ''}`);
    return { value, autoFormat: grouped[3] && grouped[3].length > 1 ? '#,##0.00' : '#,##0' };
  }
  const percent = PERCENT.exec(t);
  if (percent) {
    const decimals = (percent[2] ?? percent[3] ?? '').length;
    return { value: Number(percent[1]) / 100, autoFormat: decimals > 0 ? '0.00%' : '0%' };
  }
  const money = CURRENCY.exec(t);
  if (money && money[2] === currency && !(money[1] && money[3])) {
    const negative = money[1] === '-' || money[3] === '-';
    const amount = Number(`${(money[4] ?? '').replace(/,/g, '')}${money[5] ?? ''}`);
    return { value: negative ? -amount : amount, autoFormat: `"${currency}"#,##0.00` };
  }
  if (/^true$/i.test(t)) return { value: true };
  if (/^false$/i.test(t)) return { value: false };
  const date = parseDatePart(t, reading);
  const dayFormat = reading.dayFirst ? 'd/M/yyyy' : 'M/d/yyyy';
  if (date !== undefined)
    return {
      value: { epochMs: fromWallMs(date, reading.timeZone) },
      autoFormat: ISO_DATE.test(t) ? 'yyyy-mm-dd' : dayFormat,
    };
  const time = parseTimePart(t);
  if (time !== undefined) {
    return {
      value: { epochMs: fromWallMs(SERIAL_ZERO + time, reading.timeZone) },
      autoFormat: time >= MS_PER_DAY ? '[h]:mm:ss' : 'H:mm:ss',
    };
  }
  const both = DATE_TIME.exec(t);
  if (both) {
    const day = parseDatePart(both[1] as string, reading);
    const clock = parseTimePart(both[2] as string);
    if (day !== undefined && clock !== undefined && clock < MS_PER_DAY) {
      return { value: { epochMs: fromWallMs(day + clock, reading.timeZone) }, autoFormat: `${dayFormat} H:mm:ss` };
    }
  }
  return { value: text };
}

/**
 * What a value written with `setValue`/`setValues`/`appendRow` becomes, Sheets' way:
 * - null and undefined clear the cell ("");
 * - numbers, booleans and Dates are stored as they are, a Date getting the format "M/d/yyyy H:mm:ss" (NaN and ±Infinity cannot be stored: they become the
 *   text "NaN", "Infinity", "-Infinity"; an invalid Date becomes the text "Invalid Date");
 * - a string in a cell formatted as plain text ("@") is stored as it is;
 * - a string starting with "'" is text without the apostrophe (never a formula, never a number);
 * - a string starting with "=" is a formula;
 * - numbers, percentages, booleans and dates written as strings are converted (see `parseLiteral`);
 * - any other string starting with "+", "-" or "@" (other than "+", "-" or "@" alone) is taken as a formula
 *   "=" + string, marked `implicitFormula` — the spreadsheet-injection case;
 * - anything else (objects, arrays, functions) is rejected with `undefined`, for the caller to throw.
 */
export function parseInput(
  ctx: FakeContext,
  input: unknown,
  numberFormat: string | undefined,
): ParsedInput | undefined {
  if (input === null || input === undefined) return { value: '' };
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input } : { value: String(input) };
  if (typeof input === 'boolean') return { value: input };
  if (ctx.isDate(input)) {
    const ms = Date.prototype.getTime.call(input);
    return Number.isNaN(ms) ? { value: 'Invalid Date' } : { value: { epochMs: ms }, autoFormat: 'M/d/yyyy H:mm:ss' };
  }
  if (typeof input !== 'string') return undefined;
  if (input.length > MAX_CELL_CHARS) {
    ctx.fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  if (numberFormat === '@') return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=')) return { value: '', formula: input };
  const literal = parseLiteral(
    input,
    { dayFirst: ctx.locale === 'en_GB', timeZone: ctx.timeZone, now: ctx.now() },
    ctx.locale === 'en_GB' ? '£' : '$',
  );
  if (typeof literal.value !== 'string') return literal;
  if (input.length > 1 && /^[+\-@]/.test(input)) return { value: '', formula: `=${input}`, implicitFormula: true };
  return literal;
}

/** The value a script reads from a stored value: Dates are made with the context's Date constructor. */
export function outputValue(ctx: FakeContext, value: StoredValue): string | number | boolean | Date {
  return typeof value === 'object' ? ctx.makeDate(value.epochMs) : value;
}

/** True when a cell has content (a value or a formula); formats and notes are not content. */
export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
}

/** A deep copy of a cell. */
export function cloneCell(cell: Cell): Cell {
  const copy: Cell = { value: cell.value };
  if (cell.formula !== undefined) copy.formula = cell.formula;
  if (cell.implicitFormula) copy.implicitFormula = true;
  if (cell.note !== undefined) copy.note = cell.note;
  if (cell.format) copy.format = { ...cell.format };
  return copy;
}

/** True when a cell has nothing at all (no content, note or format) and can be dropped from storage. */
export function isBareCell(cell: Cell): boolean {
  return (
    !hasContent(cell) && cell.note === undefined && (cell.format === undefined || Object.keys(cell.format).length === 0)
  );
}
