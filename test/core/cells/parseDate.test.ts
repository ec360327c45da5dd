import { runInNewContext } from 'node:vm';
import { daysBetween, parseDate } from '../../../src/core/cells/parseDate';

// TikFit's one rule for dates (issue 9): milliseconds since 1970-01-01 UTC, or null.

const utc = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day);

describe('parseDate: text', () => {
  test.each([
    ['2025-01-06', utc(2025, 1, 6)],
    ['2025-1-6', utc(2025, 1, 6)],
    ['2025/01/06', utc(2025, 1, 6)],
    [' 2025-01-06 ', utc(2025, 1, 6)],
    ['2024-02-29', utc(2024, 2, 29)],
  ])('ISO %p', (cell, expected) => expect(parseDate(cell)).toBe(expected));

  test('ISO with a time: the time of day (and its offset) is ignored', () => {
    expect(parseDate('2025-01-06T13:45:00Z')).toBe(utc(2025, 1, 6));
    expect(parseDate('2025-01-06 13:45')).toBe(utc(2025, 1, 6));
    expect(parseDate('2025-01-06T23:30:00.250-05:00')).toBe(utc(2025, 1, 6));
  });

  test.each([
    ['2/1/2025', utc(2025, 2, 1)],
    ['1/6/2025', utc(2025, 1, 6)],
    ['12/31/2025', utc(2025, 12, 31)],
    ['06/01/2025', utc(2025, 6, 1)],
    ['1/6/25', utc(2025, 1, 6)],
  ])('m/d/yyyy as en_US writes it: %p', (cell, expected) => expect(parseDate(cell)).toBe(expected));

  test.each([
    ['13/1/2025', utc(2025, 1, 13)],
    ['31/12/2025', utc(2025, 12, 31)],
    ['25/06/2025', utc(2025, 6, 25)],
  ])('d/m/yyyy when the first part is over 12: %p', (cell, expected) => expect(parseDate(cell)).toBe(expected));

  test.each([
    ['6.1.2025', utc(2025, 1, 6)],
    ['31.12.2025', utc(2025, 12, 31)],
    ['06.01.2025', utc(2025, 1, 6)],
  ])('d.m.yyyy as German writes it: %p', (cell, expected) => expect(parseDate(cell)).toBe(expected));

  test.each([
    ['Jan 6, 2025', utc(2025, 1, 6)],
    ['jan. 6, 2025', utc(2025, 1, 6)],
    ['January 6 2025', utc(2025, 1, 6)],
    ['Sept 6, 2025', utc(2025, 9, 6)],
    ['DEC 31, 2025', utc(2025, 12, 31)],
    ['May 1, 2025', utc(2025, 5, 1)],
  ])('a month by name: %p', (cell, expected) => expect(parseDate(cell)).toBe(expected));

  test.each([
    ['2/30/2025'], // no February 30
    ['2025-02-29'], // 2025 is not a leap year
    ['2025-13-01'],
    ['2025-01-00'],
    ['13/13/2025'],
    ['0/1/2025'],
    ['30.2.2025'],
    ['Feb 30, 2025'],
    ['Foo 6, 2025'],
    ['Marble 3, 2025'], // a word that starts like a month is not one
    ['Janitor 6, 2025'],
  ])('an impossible or unknown date is not a date: %p', (cell) => expect(parseDate(cell)).toBeNull());

  test.each([[''], ['abc'], ['2025'], ['45000'], ['1.5'], ['6 Jan 2025'], ['2025.01.06'], ['1/6'], ['2025-01-06x']])(
    '%p is not a date',
    (cell) => {
      expect(parseDate(cell)).toBeNull();
    },
  );
});

describe('parseDate: Date objects and other cells', () => {
  test('a Date is its time, as Sheets passes date cells', () => {
    const day = new Date(Date.UTC(2025, 0, 6));
    expect(parseDate(day)).toBe(utc(2025, 1, 6));
    expect(parseDate(new Date(Date.UTC(2025, 0, 6, 15, 30)))).toBe(utc(2025, 1, 6) + 15.5 * 3_600_000);
  });

  test('a Date made in another realm (a vm context), where instanceof Date is false', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2025, 0, 6))') as unknown;
    expect(foreign instanceof Date).toBe(false);
    expect(parseDate(foreign)).toBe(utc(2025, 1, 6));
    expect(parseDate(runInNewContext('new Date(NaN)'))).toBeNull();
  });

  test('an invalid Date, numbers, booleans, blanks and objects are not dates', () => {
    for (const cell of [new Date(NaN), 45000, 0, true, null, undefined, {}, { getTime: () => 0 }])
      expect(parseDate(cell)).toBeNull();
  });
});

describe('daysBetween', () => {
  test('whole calendar days from one date to another', () => {
    expect(daysBetween(utc(2025, 1, 6), utc(2025, 1, 6))).toBe(0);
    expect(daysBetween(utc(2025, 1, 6), utc(2025, 3, 6))).toBe(59);
    expect(daysBetween(utc(2024, 1, 1), utc(2025, 1, 1))).toBe(366);
    expect(daysBetween(utc(2025, 1, 6), utc(2025, 1, 1))).toBe(-5);
  });

  test('a time of day within the date rounds to the nearest day', () => {
    expect(daysBetween(utc(2025, 1, 6), utc(2025, 1, 8) + 5 * 3_600_000)).toBe(2);
  });
});
