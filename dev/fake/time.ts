/**
 * Wall-clock time in a named time zone (an IANA id such as "Europe/Berlin"), for the spreadsheet's time zone:
 * Sheets stores a date-time as the wall-clock time in the spreadsheet's zone, so a typed "2024-01-31" is midnight
 * there, and displays every date-time in that zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `timeZone` is a zone id this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +32400000 for Asia/Tokyo). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT' || timeZone === 'Etc/GMT') return 0;
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(whole))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime() - whole;
}

/** The wall-clock time of an instant in a zone, as milliseconds whose UTC fields read that wall-clock time. */
export function toWallMs(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetMs(epochMs, timeZone);
}

const DAY_MS = 86400000;

/**
 * The instant at which the zone's clock reads `wallMs` (milliseconds whose UTC fields are the wall-clock time). In an
 * overlap (clocks set back) it is the earlier instant; in a gap (clocks set forward) the time is read with the offset
 * before the change, so 02:30 on a day that skips from 02:00 to 03:00 is 03:30.
 */
export function fromWallMs(wallMs: number, timeZone: string): number {
  const before = wallMs - zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = wallMs - zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const valid = [before, after].filter((t) => toWallMs(t, timeZone) === wallMs);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The months' names in English, as Sheets writes them in en_US dates (MMMM; MMM is their first three letters). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
