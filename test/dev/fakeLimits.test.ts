import { createFakeAppsScript, type FakeAppsScript, type FakeSheet } from '../../dev/fakeAppsScript';

// Issue 10: the fake is as strict as Google's documented limits — quotas in UTF-8 bytes, 10,000,000 cells per
// spreadsheet — and models what Undo must restore (column widths, frozen rows and columns, filters).

/** The Apps Script way an exception reads: "Exception: <message>" (fails the test when nothing is thrown). */
function appsScriptText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception');
}

const CELL_LIMIT =
  'Exception: This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

function withData(): { fake: FakeAppsScript; sheet: FakeSheet } {
  const fake = createFakeAppsScript({
    sheets: [
      {
        name: 'Data',
        grid: [
          ['a', 'b', 'c'],
          [1, 'x', 3],
          [2, 'y', 4],
        ],
      },
    ],
  });
  const sheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data') as FakeSheet;
  return { fake, sheet };
}

describe('quotas are counted in UTF-8 bytes', () => {
  test('a cache key of 250 characters but more than 250 bytes is refused', () => {
    const cache = createFakeAppsScript().globals.CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'v');
    cache.put('键'.repeat(83), 'v'); // 249 bytes
    expect(appsScriptText(() => cache.put('键'.repeat(84), 'v'))).toBe('Exception: Argument too large: key'); // 84 characters, 252 bytes
    expect(appsScriptText(() => cache.get('é'.repeat(126)))).toBe('Exception: Argument too large: key');
    expect(cache.get('键'.repeat(83))).toBe('v');
  });

  test('a property value of 9 KB of characters but more than 9 KB of bytes is refused, and the store counts bytes', () => {
    const store = createFakeAppsScript().globals.PropertiesService.getDocumentProperties();
    store.setProperty('ok', '键'.repeat(3072)); // 9,216 bytes
    expect(appsScriptText(() => store.setProperty('big', '键'.repeat(3073)))).toBe(
      'Exception: Argument too large: value',
    );
    // Values of 9,214 bytes (4,607 characters) are written until keys and values together would pass 512,000 bytes.
    let n = 0;
    const message = appsScriptText(() => {
      for (; n < 60; n += 1) store.setProperty(`k${n}`, 'é'.repeat(4607));
    });
    expect(message).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    const bytes = [...Object.entries(store.getProperties())].reduce(
      (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
      0,
    );
    expect(bytes).toBeLessThanOrEqual(512000);
    expect(bytes + 9216).toBeGreaterThan(512000);
  });
});

describe('10,000,000 cells per spreadsheet, hidden sheets included', () => {
  test("inserting rows or columns past the limit throws Sheets' message and changes nothing", () => {
    const { fake, sheet } = withData();
    expect(fake.totalCells()).toBe(26000);
    sheet.insertRowsAfter(1000, 383_000); // 384,000 × 26 = 9,984,000
    expect(fake.totalCells()).toBe(9_984_000);
    expect(appsScriptText(() => sheet.insertRowsAfter(1, 1000))).toBe(CELL_LIMIT);
    expect(appsScriptText(() => sheet.insertColumnsAfter(26, 1))).toBe(CELL_LIMIT);
    expect(sheet.getMaxRows()).toBe(384_000);
    expect(sheet.getMaxColumns()).toBe(26);
    sheet.insertRowsAfter(1, 600); // 15,600 more: exactly at the limit is allowed
    expect(fake.totalCells()).toBe(9_999_600);
  });

  test('a new sheet (1,000 × 26) or a copy of a sheet (its whole grid) must fit, hidden sheets counting', () => {
    const { fake, sheet } = withData();
    const spreadsheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    sheet.insertRowsAfter(1000, 189_000); // 190,000 × 26 = 4,940,000 cells, of which 9 hold data
    const hidden = spreadsheet.insertSheet('Archive');
    hidden.insertRowsAfter(1000, 179_000); // 180,000 × 26 = 4,680,000
    hidden.hideSheet();
    expect(fake.totalCells()).toBe(9_620_000);
    expect(appsScriptText(() => sheet.copyTo(spreadsheet))).toBe(CELL_LIMIT);
    expect(fake.sheetNames()).toEqual(['Data', 'Archive']);
    // 380,000 cells left: a new 26,000-cell sheet fits, a template copy of the 4,940,000-cell sheet does not.
    expect(appsScriptText(() => spreadsheet.insertSheet('Copy', { template: sheet }))).toBe(CELL_LIMIT);
    spreadsheet.insertSheet('Small');
    expect(fake.totalCells()).toBe(9_646_000);
    // Deleting a hidden sheet frees its cells.
    spreadsheet.deleteSheet(hidden);
    expect(fake.totalCells()).toBe(4_966_000);
    expect(sheet.copyTo(spreadsheet).getMaxRows()).toBe(190_000);
  });

  test('appendRow past the last row grows the sheet only within the limit', () => {
    const { fake, sheet } = withData();
    sheet.insertRowsAfter(1000, 383_614); // 384,614 × 26 = 9,999,964
    sheet.getRange(384_614, 1).setValue('last');
    sheet.appendRow(['fits']); // 26 more cells: 9,999,990
    expect(appsScriptText(() => sheet.appendRow(['one more', 'row']))).toBe(CELL_LIMIT); // 26 more would pass the limit
    expect(fake.totalCells()).toBe(9_999_990);
    expect(sheet.getLastRow()).toBe(384_615);
  });

  test('the test helpers refuse to build a spreadsheet Sheets could not hold', () => {
    const fake = createFakeAppsScript();
    const wide = [Array.from({ length: 10_001 }, () => 'x')]; // 1,000 rows × 10,001 columns
    expect(() => fake.setSheetValues('Big', wide, { parse: false })).toThrow(/over Sheets' 10000000/);
  });
});

describe('what Undo restores: column widths, frozen rows and columns, filters', () => {
  test("PASTE_COLUMN_WIDTHS copies the source columns' widths, a normal paste does not", () => {
    const { fake, sheet } = withData();
    const { SpreadsheetApp } = fake.globals;
    sheet.setColumnWidths(1, 2, 150);
    sheet.setColumnWidth(3, 42);
    const other = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Other');
    sheet.getRange(1, 1, 3, 3).copyTo(other.getRange(1, 1, 3, 3));
    expect([1, 2, 3].map((c) => other.getColumnWidth(c))).toEqual([100, 100, 100]);
    sheet
      .getRange(1, 1, 3, 3)
      .copyTo(other.getRange(1, 1, 3, 3), SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
    expect([1, 2, 3].map((c) => other.getColumnWidth(c))).toEqual([150, 150, 42]);
    expect(other.getRange('A1').getValue()).toBe('a');
  });

  test('a basic filter: one per sheet, criteria per column, moved with its columns, copied with the sheet', () => {
    const { fake, sheet } = withData();
    const { SpreadsheetApp } = fake.globals;
    expect(sheet.getFilter()).toBeNull();
    const filter = sheet.getRange('A1:C3').createFilter();
    expect(appsScriptText(() => sheet.getRange('A1:B2').createFilter())).toBe(
      "Exception: You can't create a filter in a sheet that already has a filter.",
    );
    filter.setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().setHiddenValues(['y']).build());
    filter.setColumnFilterCriteria(3, SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(3).build());
    expect(appsScriptText(() => filter.setColumnFilterCriteria(4, null))).toMatch(
      /not within the filter's range A1:C3/,
    );
    const criteria = sheet.getFilter()?.getColumnFilterCriteria(3);
    expect(String(criteria?.getCriteriaType())).toBe('NUMBER_GREATER_THAN');
    expect(criteria?.getCriteriaValues()).toEqual([3]);
    expect(sheet.getFilter()?.getColumnFilterCriteria(2)?.getHiddenValues()).toEqual(['y']);
    expect(sheet.getFilter()?.getColumnFilterCriteria(1)).toBeNull();

    // Inserting a column inside the range widens it and moves the criteria right of it; deleting one narrows it.
    sheet.insertColumnsAfter(1, 2);
    expect(fake.getSheetGrid('Data').filter?.range).toBe('A1:E3');
    expect(Object.keys(fake.getSheetGrid('Data').filter?.criteria ?? {})).toEqual(['4', '5']);
    sheet.deleteColumns(4, 1);
    expect(fake.getSheetGrid('Data').filter).toEqual({
      range: 'A1:D3',
      criteria: {
        4: { hiddenValues: null, visibleValues: null, criteriaType: 'NUMBER_GREATER_THAN', criteriaValues: [3] },
      },
    });
    sheet.deleteRows(2, 1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:D2');

    // The copy of a criteria rebuilds it on another column; withCriteria rebuilds one from its type and values.
    const rebuilt = SpreadsheetApp.newFilterCriteria()
      .withCriteria(SpreadsheetApp.BooleanCriteria.TEXT_CONTAINS, ['x'])
      .build();
    sheet.getFilter()?.setColumnFilterCriteria(1, rebuilt);
    const copy = sheet.copyTo(SpreadsheetApp.getActiveSpreadsheet());
    expect(copy.getFilter()?.getColumnFilterCriteria(1)?.getCriteriaValues()).toEqual(['x']);

    // Removed, it is gone, and the old object says so.
    filter.remove();
    expect(sheet.getFilter()).toBeNull();
    expect(appsScriptText(() => filter.getRange())).toBe('Exception: This filter no longer exists.');
    expect(copy.getFilter()).not.toBeNull();
  });

  test('in a custom function, creating or changing a filter is refused', () => {
    const { fake, sheet } = withData();
    const filter = sheet.getRange('A1:C3').createFilter();
    fake.setAuthMode('CUSTOM_FUNCTION');
    expect(appsScriptText(() => sheet.getRange('A1:C3').createFilter())).toMatch(/permission/);
    expect(appsScriptText(() => filter.remove())).toMatch(/permission/);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C3');
  });
});

describe('acting between two calls of the script', () => {
  test('afterCall runs after each call returns, until it is removed', () => {
    const { fake, sheet } = withData();
    const seen: string[] = [];
    const stop = fake.afterCall((call) => seen.push(`${call.service}.${call.method}`));
    sheet.getRange('A1').getValue();
    stop();
    sheet.getRange('A2').getValue();
    expect(seen).toEqual(['Sheet.getRange', 'Range.getValue']);
  });
});
