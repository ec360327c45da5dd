import {
  createFakeAppsScript,
  type FakeAppsScriptOptions,
  type FakeRange,
  type FakeSheet,
} from '../../dev/fakeAppsScript';
import { formatJavaDate } from '../../dev/fake/utilities';

// Issue 10: the fake is as strict as Google's documented behaviour, never kinder — the manifest's scopes enforced per
// call, Sheets' parsing of written strings, only the chart types with a builder, the spreadsheet's own time zone and
// locale, and ranges past the sheet's grid refused. Each rule and its source is listed in dev/README.md.

/** The Apps Script way an exception reads: "Exception: <message>" (fails the test when nothing is thrown). */
function appsScriptText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception');
}

const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const CONTAINER_UI = 'https://www.googleapis.com/auth/script.container.ui';

describe("the manifest's oauthScopes are the only scopes granted", () => {
  test("under the project's two scopes, Session's users throw; its time zone and locale do not", () => {
    const { Session } = createFakeAppsScript({ userEmail: 'me@example.com' }).globals;
    expect(appsScriptText(() => Session.getActiveUser().getEmail())).toBe(
      `Exception: Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: ${EMAIL}`,
    );
    expect(appsScriptText(() => Session.getEffectiveUser())).toBe(
      `Exception: Specified permissions are not sufficient to call Session.getEffectiveUser. Required permissions: ${EMAIL}`,
    );
    expect(Session.getScriptTimeZone()).toBe('Etc/UTC');
    expect(Session.getActiveUserLocale()).toBe('en');
  });

  test('with userinfo.email granted, Session tells the configured users', () => {
    const { Session } = createFakeAppsScript({
      userEmail: 'me@example.com',
      effectiveUserEmail: 'owner@example.com',
      manifest: { oauthScopes: [CURRENT_ONLY, EMAIL] },
    }).globals;
    expect(Session.getActiveUser().getEmail()).toBe('me@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
  });

  test('spreadsheets.currentonly covers the active spreadsheet but not openById; the sidebar needs script.container.ui, alerts nothing', () => {
    const fake = createFakeAppsScript({ htmlFiles: { sidebar: '<p>hi</p>' } });
    const { SpreadsheetApp, HtmlService } = fake.globals;
    expect(SpreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(1);
    expect(appsScriptText(() => SpreadsheetApp.openById('fake-spreadsheet-id'))).toBe(
      `Exception: Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: ${SPREADSHEETS}`,
    );
    SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar'));
    expect(fake.sidebars).toHaveLength(1);

    const noUi = createFakeAppsScript({
      htmlFiles: { sidebar: '<p>hi</p>' },
      manifest: { oauthScopes: [CURRENT_ONLY] },
    });
    const ui = noUi.globals.SpreadsheetApp.getUi();
    expect(appsScriptText(() => ui.showSidebar(noUi.globals.HtmlService.createHtmlOutputFromFile('sidebar')))).toBe(
      `Exception: Specified permissions are not sufficient to call Ui.showSidebar. Required permissions: ${CONTAINER_UI}`,
    );
    ui.alert('still fine');
    expect(noUi.alerts).toHaveLength(1);
  });

  test('without a spreadsheets scope every Spreadsheet call throws, naming either scope; getUi does not', () => {
    const fake = createFakeAppsScript({ manifest: { oauthScopes: [CONTAINER_UI] } });
    expect(appsScriptText(() => fake.globals.SpreadsheetApp.getActiveSpreadsheet())).toBe(
      `Exception: Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (${CURRENT_ONLY} || ${SPREADSHEETS})`,
    );
    fake.globals.SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    expect(fake.menus).toHaveLength(1);
  });

  test('a manifest without oauthScopes has every scope (Apps Script detects them from the code)', () => {
    const { Session, SpreadsheetApp } = createFakeAppsScript({ userEmail: 'me@example.com', manifest: {} }).globals;
    expect(Session.getActiveUser().getEmail()).toBe('me@example.com');
    expect(SpreadsheetApp.openById('fake-spreadsheet-id').getId()).toBe('fake-spreadsheet-id');
  });
});

describe('setValues parses strings as Sheets does when they are typed', () => {
  const NOW = Date.UTC(2025, 5, 15, 12); // this year is 2025

  function written(
    values: unknown[],
    options: FakeAppsScriptOptions = {},
  ): { range: FakeRange; values: unknown[]; display: string[] } {
    const fake = createFakeAppsScript({ now: () => NOW, ...options });
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, values.length);
    range.setValues([values]);
    return { range, values: range.getValues()[0] as unknown[], display: range.getDisplayValues()[0] as string[] };
  }

  test('in en_US: 1-2, 3/4 and March 3 are dates this year; 007 is 7, TRUE a boolean, 1,234 and 5% numbers, 1e5 100000', () => {
    const { values, display } = written([
      '1-2',
      '3/4',
      'March 3',
      '007',
      'TRUE',
      '1,234',
      '5%',
      '1e5',
      '$5',
      '3-Mar',
      'Mar 3, 2024',
      '1/2/24',
    ]);
    expect(values.slice(0, 3).map((v) => (v as Date).toISOString())).toEqual([
      '2025-01-02T00:00:00.000Z',
      '2025-03-04T00:00:00.000Z',
      '2025-03-03T00:00:00.000Z',
    ]);
    expect(values.slice(3, 9)).toEqual([7, true, 1234, 0.05, 100000, 5]);
    expect(values.slice(9).map((v) => (v as Date).toISOString())).toEqual([
      '2025-03-03T00:00:00.000Z',
      '2024-03-03T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
    ]);
    expect(display.slice(0, 9)).toEqual([
      '1/2/2025',
      '3/4/2025',
      '3/3/2025',
      '7',
      'TRUE',
      '1,234',
      '5%',
      '1.00E+05',
      '$5.00',
    ]);
  });

  test('times, and what stays text: impossible dates, words, spaces around, and anything a cell formatted @ or an apostrophe keeps', () => {
    const { values, display } = written(['9:30 pm', '2/30', '13/1', 'May', ' 12', 'cat_1-2', "'1-2", "'007"]);
    expect((values[0] as Date).toISOString()).toBe('1899-12-30T21:30:00.000Z');
    expect(display[0]).toBe('21:30:00');
    expect(values.slice(1)).toEqual(['2/30', '13/1', 'May', ' 12', 'cat_1-2', '1-2', '007']);
    const fake = createFakeAppsScript({ now: () => NOW });
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1:C1');
    range.setNumberFormat('@').setValues([['1-2', '007', "'TRUE"]]);
    expect(range.getValues()).toEqual([['1-2', '007', "'TRUE"]]);
  });

  test("in en_GB the day comes first; dates are midnight in the spreadsheet's time zone", () => {
    const { values, display } = written(['3/4', '13/1', '1-2'], {
      spreadsheetLocale: 'en_GB',
      spreadsheetTimeZone: 'Asia/Tokyo',
    });
    expect(values.map((v) => (v as Date).toISOString())).toEqual([
      '2025-04-02T15:00:00.000Z',
      '2025-01-12T15:00:00.000Z',
      '2025-01-31T15:00:00.000Z',
    ]);
    expect(display).toEqual(['3/4/2025', '13/1/2025', '1/2/2025']);
    expect(() => createFakeAppsScript({ spreadsheetLocale: 'de_DE' })).toThrow(/en_US or en_GB only/);
  });
});

describe('only the chart types with an as…Chart() builder', () => {
  test('CANDLESTICK, GAUGE and the like are refused; the nine builder types are accepted', () => {
    const { SpreadsheetApp, Charts } = createFakeAppsScript().globals;
    const sheet = SpreadsheetApp.getActiveSheet();
    for (const type of ['CANDLESTICK', 'GAUGE', 'GEO', 'TREEMAP', 'WATERFALL'] as const) {
      expect(appsScriptText(() => sheet.newChart().setChartType(Charts.ChartType[type]))).toMatch(
        new RegExp(`^Exception: Charts\\.ChartType\\.${type} is not supported for embedded charts`),
      );
    }
    for (const type of ['AREA', 'BAR', 'COLUMN', 'COMBO', 'HISTOGRAM', 'LINE', 'PIE', 'SCATTER', 'TABLE'] as const) {
      expect(sheet.newChart().setChartType(Charts.ChartType[type]).getChartType()).toBe(Charts.ChartType[type]);
    }
    const chart = sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3')).setOption('lineWidth', 0).build();
    sheet.insertChart(chart);
    expect(sheet.getCharts()[0]?.modify().getChartType()).toBe(Charts.ChartType.LINE);
  });
});

describe("the spreadsheet's own time zone and locale", () => {
  test("the spreadsheet has its zone and locale; the script keeps the manifest's Etc/UTC", () => {
    const fake = createFakeAppsScript({ spreadsheetTimeZone: 'America/Los_Angeles', spreadsheetLocale: 'en_GB' });
    expect(fake.spreadsheet.getSpreadsheetTimeZone()).toBe('America/Los_Angeles');
    expect(fake.spreadsheet.getSpreadsheetLocale()).toBe('en_GB');
    expect(fake.globals.Session.getScriptTimeZone()).toBe('Etc/UTC');
    expect(createFakeAppsScript({ manifest: { timeZone: 'Europe/Paris' } }).globals.Session.getScriptTimeZone()).toBe(
      'Europe/Paris',
    );
    expect(() => createFakeAppsScript({ spreadsheetTimeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
  });

  test("a Date written is shown in the spreadsheet's zone, across daylight saving", () => {
    const fake = createFakeAppsScript({ spreadsheetTimeZone: 'America/Los_Angeles' });
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1:B1');
    range.setValues([[new Date(Date.UTC(2025, 0, 15, 20, 0)), new Date(Date.UTC(2025, 6, 15, 20, 0))]]);
    expect(range.getDisplayValues()).toEqual([['1/15/2025 12:00:00', '7/15/2025 13:00:00']]);
    expect(fake.getSheetGrid('Sheet1').displayValues).toEqual([['1/15/2025 12:00:00', '7/15/2025 13:00:00']]);
  });

  test('Utilities.formatDate formats in the zone it is given, with SimpleDateFormat patterns', () => {
    const { Utilities } = createFakeAppsScript().globals;
    const at = new Date(Date.UTC(2025, 2, 9, 23, 5, 7, 42));
    expect(Utilities.formatDate(at, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2025-03-10 08:05:07.042');
    expect(Utilities.formatDate(at, 'America/New_York', "EEE, d MMM yyyy h:mm a 'at' XXX Z")).toBe(
      'Sun, 9 Mar 2025 7:05 PM at -04:00 -0400',
    );
    expect(Utilities.formatDate(at, 'Etc/UTC', "MMMM d ''yy, EEEE, X")).toBe("March 9 '25, Sunday, Z");
    expect(formatJavaDate(at.getTime(), 'Not/AZone', 'HH:mm')).toBe('23:05'); // Java falls back to GMT
    expect(appsScriptText(() => Utilities.formatDate(at, 'Etc/UTC', 'yyyy-qq'))).toBe(
      "Exception: Illegal pattern character 'q'",
    );
    expect(appsScriptText(() => Utilities.formatDate('2025-03-09' as never, 'Etc/UTC', 'yyyy'))).toBe(
      "Exception: The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe("a range past the sheet's rows or columns is refused", () => {
  const OUTSIDE = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';

  test('every Range-producing call: getRange by numbers and by A1, Spreadsheet.getRange, offset, getCell', () => {
    const fake = createFakeAppsScript();
    const ss = fake.spreadsheet;
    const sheet = ss.getActiveSheet() as FakeSheet;
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    const calls: (() => unknown)[] = [
      () => sheet.getRange(1001, 1),
      () => sheet.getRange(1, 27),
      () => sheet.getRange(1000, 1, 2),
      () => sheet.getRange(1, 1, 2001, 17),
      () => sheet.getRange(1, 20, 1, 8),
      () => sheet.getRange('A1001'),
      () => sheet.getRange('A1:Q2001'),
      () => sheet.getRange('AA1'),
      () => sheet.getRange('Sheet1!A999:A1001'),
      () => ss.getRange('Sheet1!A1:AA1'),
      () => sheet.getRange('A1000').offset(1, 0),
      () => sheet.getRange('Z1').offset(0, 0, 1, 2),
      () => sheet.getRange('A999:B1000').getCell(3, 1),
    ];
    for (const call of calls) expect(appsScriptText(call)).toBe(OUTSIDE);
    sheet.getRange(1000, 26);
    sheet.getRange('A1:Z1000');
  });

  test('after insertRowsAfter and insertColumnsAfter the same ranges are fine', () => {
    const sheet = createFakeAppsScript().spreadsheet.getActiveSheet() as FakeSheet;
    sheet.insertRowsAfter(1000, 1001);
    sheet.insertColumnsAfter(26, 1);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([2001, 27]);
    sheet.getRange(1, 1, 2001, 17).setValues(Array.from({ length: 2001 }, () => new Array<string>(17).fill('x')));
    expect(sheet.getRange('AA2001').getA1Notation()).toBe('AA2001');
  });
});
