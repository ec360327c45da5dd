/**
 * What a cell holds and how Sheets turns what a script writes into it: the "user entered" parsing that
 * `Range.setValues` applies (formulas, apostrophe text, numbers, percentages, booleans, dates), and the reverse
 * trip to `getValues`.
 */

import { FakeContext } from './context';

/** A date-time stored in a cell, as milliseconds since the epoch (the spreadsheet's time zone is UTC). */
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
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Milliseconds of a calendar date at midnight UTC, or undefined when no such date exists. */
function utcDate(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return ms;
}

/** True when a string is a number as Sheets reads one (plain, with thousands separators, or a percentage). */
export function looksLikeNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text) || GROUPED_NUMBER.test(text) || PERCENT.test(text);
}

/**
 * Parses a string the way Sheets parses typed text in the en_US locale when a script writes it with
 * `setValue(s)`: numbers ("12", "-1.5e3", "1,234.5"), percentages ("10%" → 0.1), booleans ("TRUE", "false"),
 * dates ("2024-01-31", "1/31/2024" → midnight UTC). Anything else stays text.
 */
function parseLiteral(text: string): ParsedInput {
  if (PLAIN_NUMBER.test(text)) return { value: Number(text) };
  const grouped = GROUPED_NUMBER.exec(text);
  if (grouped) {
    const value = Number(`${grouped[1] ?? ''}${(grouped[2] ?? '').replace(/,/g, '')}${grouped[3] ?? ''}`);
    return { value, autoFormat: grouped[3] && grouped[3].length > 1 ? '#,##0.00' : '#,##0' };
  }
  const percent = PERCENT.exec(text);
  if (percent) {
    const decimals = (percent[2] ?? percent[3] ?? '').length;
    return { value: Number(percent[1]) / 100, autoFormat: decimals > 0 ? '0.00%' : '0%' };
  }
  if (/^true$/i.test(text)) return { value: true };
  if (/^false$/i.test(text)) return { value: false };
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const ms = utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (ms !== undefined) return { value: { epochMs: ms }, autoFormat: 'yyyy-mm-dd' };
  }
  const us = US_DATE.exec(text);
  if (us) {
    const ms = utcDate(Number(us[3]), Number(us[1]), Number(us[2]));
    if (ms !== undefined) return { value: { epochMs: ms }, autoFormat: 'M/d/yyyy' };
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
export function parseInput(ctx: FakeContext, input: unknown, numberFormat: string | undefined): ParsedInput | undefined {
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
  const literal = parseLiteral(input);
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
  return !hasContent(cell) && cell.note === undefined && (cell.format === undefined || Object.keys(cell.format).length === 0);
}
