/**
 * `getDisplayValues()`: how Sheets shows a stored value under its number format, for the formats an add-on
 * plausibly sets — the default (automatic), fixed decimals ("0.00"), thousands ("#,##0.0"), percentages
 * ("0.0%"), scientific ("0.00E+00"), plain text ("@") and date-time patterns ("yyyy-mm-dd", "M/d/yyyy H:mm:ss").
 * Other patterns fall back to the automatic format. Stored date-times are shown in the spreadsheet's time zone.
 */

import { StoredValue } from './cells';
import { toWallMs } from './time';

const MS_PER_DAY = 86400000;
/** Days between Sheets' serial day 0 (1899-12-30) and the Unix epoch. */
const EPOCH_SERIAL = 25569;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

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
    const prev = tokens.slice(0, i).reverse().find((t) => /^[a-z]/i.test(t));
    const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
    const minutes = (lower === 'm' || lower === 'mm') && token !== 'M' && token !== 'MM' &&
      ((prev !== undefined && /^h/i.test(prev)) || (next !== undefined && /^s/i.test(next)));
    const hours = d.getUTCHours();
    switch (minutes ? `min${lower}` : lower) {
      case 'yyyy': out += pad(d.getUTCFullYear(), 4); break;
      case 'yy': out += pad(d.getUTCFullYear() % 100, 2); break;
      case 'mmmm': out += MONTHS[d.getUTCMonth()] ?? ''; break;
      case 'mmm': out += (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3); break;
      case 'mm': out += pad(d.getUTCMonth() + 1, 2); break;
      case 'm': out += String(d.getUTCMonth() + 1); break;
      case 'minmm': out += pad(d.getUTCMinutes(), 2); break;
      case 'minm': out += String(d.getUTCMinutes()); break;
      case 'dd': out += pad(d.getUTCDate(), 2); break;
      case 'd': out += String(d.getUTCDate()); break;
      case 'dddd': out += d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }); break;
      case 'ddd': out += d.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' }); break;
      case 'hh': out += pad(twelveHour ? ((hours + 11) % 12) + 1 : hours, 2); break;
      case 'h': out += String(twelveHour ? ((hours + 11) % 12) + 1 : hours); break;
      case 'ss': out += pad(d.getUTCSeconds(), 2); break;
      case 's': out += String(d.getUTCSeconds()); break;
      case 'am/pm': out += hours < 12 ? 'AM' : 'PM'; break;
      default: out += token.startsWith('"') ? token.slice(1, -1) : token;
    }
  });
  return out;
}

/** Formats a number with a Sheets number pattern; undefined for patterns this fake does not know. */
function formatNumberPattern(n: number, pattern: string): string | undefined {
  const prefixed = /^"([^"]*)"(.+)$/.exec(pattern);
  if (prefixed) {
    const body = formatNumberPattern(Math.abs(n), prefixed[2] as string);
    return body === undefined ? undefined : `${n < 0 ? '-' : ''}${prefixed[1] ?? ''}${body}`;
  }
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
 * What Sheets displays for a stored value under a number format (undefined: the default), a stored date-time
 * shown as the wall-clock time in `timeZone` (the spreadsheet's).
 */
export function displayValue(value: StoredValue, numberFormat: string | undefined, timeZone = 'Etc/UTC'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const pattern = numberFormat === undefined || numberFormat === '@' || numberFormat === 'General' ? undefined : numberFormat;
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
