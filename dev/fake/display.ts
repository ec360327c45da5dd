/**
 * `getDisplayValues()`: how Sheets shows a stored value under its number format, for the formats an add-on
 * plausibly sets — the default (automatic), fixed decimals ("0.00"), thousands ("#,##0.0"), percentages
 * ("0.0%"), scientific ("0.00E+00"), quoted text around or instead of digits ('"$"0.00', '"<0.0001"'), sections for
 * negative numbers and zero, conditions ('[<0.0001]"<0.0001";0.0000'), plain text ("@") and date-time patterns
 * ("yyyy-mm-dd", "M/d/yyyy H:mm:ss").
 * Other patterns fall back to the automatic format. Stored date-times are shown in the spreadsheet's time zone.
 */

import { StoredValue } from './cells';
import { MONTHS, toWallMs } from './time';

const MS_PER_DAY = 86400000;
/** Days between Sheets' serial day 0 (1899-12-30) and the Unix epoch. */
const EPOCH_SERIAL = 25569;

/** Sheets' automatic number display: up to 10 significant digits, scientific for very large or small numbers. */
export function formatAutomatic(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return String(n);
  if (abs >= 1e15 || abs < 1e-9) {
    const [mantissa = '', exponent = '0'] = n.toExponential(5).split('e');
    const trimmed = mantissa.replace(/\.?0+$/, '');
    const e = Number(exponent);
    return `${trimmed}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(Number(n.toPrecision(10)));
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatFixed(n: number, decimals: number, thousands: boolean): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const body = (thousands ? group(int) : int) + (frac === undefined ? '' : `.${frac}`);
  return (n < 0 && Number(fixed) !== 0 ? '-' : '') + body;
}

/** True when a number format shows a date or time. */
export function isDateFormat(pattern: string): boolean {
  return /[ydhs]/i.test(pattern.replace(/"[^"]*"/g, ''));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats wall-clock milliseconds (read in UTC) with a Sheets date-time pattern (tokens y, M/m, d, H/h, m, s, am/pm). */
export function formatDate(epochMs: number, pattern: string): string {
  const d = new Date(epochMs);
  const tokens = pattern.match(/yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|"[^"]*"|./gi) ?? [];
  const twelveHour = tokens.some((t) => t.toLowerCase() === 'am/pm');
  let out = '';
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((t) => /^[a-z]/i.test(t));
    const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
    const minutes =
      (lower === 'm' || lower === 'mm') &&
      token !== 'M' &&
      token !== 'MM' &&
      ((prev !== undefined && /^h/i.test(prev)) || (next !== undefined && /^s/i.test(next)));
    const hours = d.getUTCHours();
    switch (minutes ? `min${lower}` : lower) {
      case 'yyyy':
        out += pad(d.getUTCFullYear(), 4);
        break;
      case 'yy':
        out += pad(d.getUTCFullYear() % 100, 2);
        break;
      case 'mmmm':
        out += MONTHS[d.getUTCMonth()] ?? '';
        break;
      case 'mmm':
        out += (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
        break;
      case 'mm':
        out += pad(d.getUTCMonth() + 1, 2);
        break;
      case 'm':
        out += String(d.getUTCMonth() + 1);
        break;
      case 'minmm':
        out += pad(d.getUTCMinutes(), 2);
        break;
      case 'minm':
        out += String(d.getUTCMinutes());
        break;
      case 'dd':
        out += pad(d.getUTCDate(), 2);
        break;
      case 'd':
        out += String(d.getUTCDate());
        break;
      case 'dddd':
        out += d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
        break;
      case 'ddd':
        out += d.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
        break;
      case 'hh':
        out += pad(twelveHour ? ((hours + 11) % 12) + 1 : hours, 2);
        break;
      case 'h':
        out += String(twelveHour ? ((hours + 11) % 12) + 1 : hours);
        break;
      case 'ss':
        out += pad(d.getUTCSeconds(), 2);
        break;
      case 's':
        out += String(d.getUTCSeconds());
        break;
      case 'am/pm':
        out += hours < 12 ? 'AM' : 'PM';
        break;
      default:
        out += token.startsWith('"') ? token.slice(1, -1) : token;
    }
  });
  return out;
}

/** A pattern's sections, split at the semicolons outside quoted text. */
function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of pattern) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

const CONDITION = /^\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?(?:E[-+]?\d+)?)\]/i;

function holds(n: number, operator: string, bound: number): boolean {
  switch (operator) {
    case '<':
      return n < bound;
    case '<=':
      return n <= bound;
    case '>':
      return n > bound;
    case '>=':
      return n >= bound;
    case '=':
      return n === bound;
    default:
      return n !== bound;
  }
}

/**
 * One section's digits with its text around them ("<0.0001", "$"0.00, (0.0), 0.0" pts"): quoted text and characters
 * outside the digits are shown as they are; a negative number's sign goes first ("-$5.00"), unless `unsigned` (the
 * negative section of a two-section pattern). Undefined for number patterns this fake does not know.
 */
function formatSection(n: number, section: string, unsigned = false): string | undefined {
  const parts = section.match(/"[^"]*"|[^"]+/g) ?? [];
  let out = '';
  let digits = false;
  let zero = true;
  for (const part of parts) {
    if (part.startsWith('"')) {
      out += part.slice(1, -1);
      continue;
    }
    const token = /(?:#,##)?0(?:\.0+)?(?:E\+0+|%)?/i.exec(part);
    if (token === null) {
      if (/[#0?]/.test(part.replace(/\\./g, ''))) return undefined;
      out += part.replace(/\\(.)/g, '$1');
      continue;
    }
    const around = part.slice(0, token.index) + part.slice(token.index + token[0].length);
    if (/[#0?.,]/.test(around.replace(/\\./g, ''))) return undefined;
    if (digits) return undefined;
    const shown = formatDigits(Math.abs(n), token[0]);
    if (shown === undefined) return undefined;
    zero = !/[1-9]/.test(shown.replace(/E.*$/i, ''));
    out += part.slice(0, token.index) + shown + part.slice(token.index + token[0].length);
    digits = true;
  }
  return n < 0 && !unsigned && digits && !zero ? `-${out}` : out;
}

/** Digits under one plain number pattern: fixed decimals, thousands, percent, scientific. */
function formatDigits(n: number, pattern: string): string | undefined {
  const fixed = /^(#,##)?0(?:\.(0+))?(%?)$/.exec(pattern);
  if (fixed) {
    const decimals = (fixed[2] ?? '').length;
    return formatFixed(fixed[3] ? n * 100 : n, decimals, fixed[1] !== undefined) + (fixed[3] ?? '');
  }
  const sci = /^0(?:\.(0+))?E\+0+$/i.exec(pattern);
  if (sci) {
    const [mantissa = '', exponent = '0'] = n.toExponential((sci[1] ?? '').length).split('e');
    const e = Number(exponent);
    return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * Formats a number with a Sheets number pattern; undefined for patterns this fake does not know. Sections as Sheets
 * reads them: one for every number; two for positive and zero, then negative (shown without its sign); three adds
 * zero. A section may start with a condition ("[<0.0001]"): Sheets allows conditions on the first two sections, tries
 * them in order, and the third (or the second, after one condition) takes everything else. A section may be quoted
 * text alone ('"<0.0001"').
 */
function formatNumberPattern(n: number, pattern: string): string | undefined {
  const sections = splitSections(pattern);
  if (sections.length === 1) return formatSection(n, sections[0] as string);
  const conditions = sections.map((section) => CONDITION.exec(section));
  if (conditions.some((c) => c !== null)) {
    for (let i = 0; i < sections.length; i++) {
      const condition = conditions[i];
      const body = (sections[i] as string).replace(CONDITION, '');
      if (condition === null || condition === undefined) return formatSection(n, body);
      if (holds(n, condition[1] as string, Number(condition[2]))) return formatSection(n, body);
    }
    return undefined;
  }
  if (n < 0) return formatSection(n, sections[1] as string, true);
  if (n === 0 && sections.length >= 3) return formatSection(n, sections[2] as string);
  return formatSection(n, sections[0] as string);
}

/**
 * What Sheets displays for a stored value under a number format (undefined: the default), a stored date-time
 * shown as the wall-clock time in `timeZone` (the spreadsheet's).
 */
export function displayValue(value: StoredValue, numberFormat: string | undefined, timeZone = 'Etc/UTC'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const pattern =
    numberFormat === undefined || numberFormat === '@' || numberFormat === 'General' ? undefined : numberFormat;
  if (typeof value === 'object') {
    const wall = toWallMs(value.epochMs, timeZone);
    if (pattern !== undefined && isDateFormat(pattern)) return formatDate(wall, pattern.replace(/^\[h\]/, 'h'));
    if (pattern !== undefined) {
      const shown = formatNumberPattern(wall / MS_PER_DAY + EPOCH_SERIAL, pattern);
      if (shown !== undefined) return shown;
    }
    return formatDate(wall, 'M/d/yyyy H:mm:ss');
  }
  if (pattern === undefined) return formatAutomatic(value);
  if (isDateFormat(pattern)) return formatDate(Math.round((value - EPOCH_SERIAL) * MS_PER_DAY), pattern);
  return formatNumberPattern(value, pattern) ?? formatAutomatic(value);
}
