/**
 * `Utilities`: only `formatDate(date, timeZone, format)`, which formats a Date in a time zone with a Java
 * SimpleDateFormat pattern (y, M, d, H, h, k, K, m, s, S, E, a, D, u, z, Z, X and 'quoted text').
 */

import { FakeContext, signatureMismatch } from './context';
import { isKnownTimeZone, MONTHS, toWallMs, zoneOffsetMs } from './time';
import { FakeUtilities } from './types';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  const text = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${text}` : text;
}

function offsetText(offsetMs: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (offsetMs === 0 && style !== 'Z') return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetMs) / 60000);
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'X') return `${sign}${hh}`;
  if (style === 'XXX') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

function zoneName(epochMs: number, timeZone: string, long: boolean): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * Formats epoch milliseconds in a zone with a SimpleDateFormat pattern.
 * @throws Error "Illegal pattern character 'q'" for a letter SimpleDateFormat does not know.
 */
export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'GMT'; // Java's TimeZone.getTimeZone gives GMT for an unknown id
  const d = new Date(toWallMs(epochMs, zone));
  const offset = zoneOffsetMs(epochMs, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop).replace(/''/g, "'");
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n += 1;
    i += n;
    const hours = d.getUTCHours();
    switch (ch) {
      case 'G':
        out += d.getUTCFullYear() > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? MONTHS[d.getUTCMonth()]
            : n === 3
              ? (MONTHS[d.getUTCMonth()] as string).slice(0, 3)
              : pad(d.getUTCMonth() + 1, n);
        break;
      case 'd':
        out += pad(d.getUTCDate(), n);
        break;
      case 'D':
        out += pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[d.getUTCDay()] : (DAYS[d.getUTCDay()] as string).slice(0, 3);
        break;
      case 'u':
        out += pad(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), n);
        break;
      case 'a':
        out += hours < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(hours, n);
        break;
      case 'k':
        out += pad(hours === 0 ? 24 : hours, n);
        break;
      case 'K':
        out += pad(hours % 12, n);
        break;
      case 'h':
        out += pad(hours % 12 === 0 ? 12 : hours % 12, n);
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), n);
        break;
      case 's':
        out += pad(d.getUTCSeconds(), n);
        break;
      case 'S':
        out += pad(d.getUTCMilliseconds(), n);
        break;
      case 'z':
        out += zoneName(epochMs, zone, n >= 4);
        break;
      case 'Z':
        out += offsetText(offset, 'Z');
        break;
      case 'X':
        out += offsetText(offset, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

/** Makes the Utilities global. */
export function makeUtilities(ctx: FakeContext): FakeUtilities {
  return {
    formatDate: (date: unknown, timeZone: unknown, format: unknown) => {
      if (!ctx.isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        return signatureMismatch(ctx, 'Utilities.formatDate', [date, timeZone, format]);
      }
      const ms = Date.prototype.getTime.call(date);
      if (Number.isNaN(ms)) return ctx.fail('Invalid argument: date');
      try {
        return formatJavaDate(ms, timeZone, format);
      } catch (error) {
        return ctx.fail((error as Error).message);
      }
    },
  };
}
