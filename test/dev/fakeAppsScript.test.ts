import vm from 'node:vm';
import { FakeAppsScript, FakeSheet, createFakeAppsScript } from '../../dev/fakeAppsScript';

/** The exception a function throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

/** The Apps Script way an exception reads: "Exception: <message>". */
function appsScriptText(fn: () => unknown): string {
  return String(thrown(fn));
}

function fakeWith(grid: unknown[][], name = 'Data'): { fake: FakeAppsScript; sheet: FakeSheet } {
  const fake = createFakeAppsScript({ sheets: [{ name, grid: grid as never }] });
  const sheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error('no sheet');
  return { fake, sheet };
}

describe('globals', () => {
  test('exactly the Apps Script globals the add-on uses, without console', () => {
    const fake = createFakeAppsScript();
    expect(Object.keys(fake.globals).sort()).toEqual(
      [
        'CacheService',
        'Charts',
        'HtmlService',
        'LockService',
        'Logger',
        'PropertiesService',
        'ScriptApp',
        'Session',
        'SpreadsheetApp',
        'Utilities',
      ].sort(),
    );
  });

  test('a new spreadsheet has one empty 1000×26 "Sheet1"', () => {
    const fake = createFakeAppsScript();
    const sheet = fake.globals.SpreadsheetApp.getActiveSheet();
    expect(sheet.getName()).toBe('Sheet1');
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow(), sheet.getLastColumn()]).toEqual([
      1000, 26, 0, 0,
    ]);
    expect(sheet.getSheetId()).toBe(0);
    expect(fake.spreadsheet.getId()).toBe('fake-spreadsheet-id');
  });
});

describe('Range values', () => {
  test('getValues gives numbers, booleans, Dates and strings, with "" for empty cells', () => {
    const when = new Date(Date.UTC(2024, 0, 31, 12, 30));
    const { sheet } = fakeWith([
      ['name', 'n', 'ok', 'when'],
      ['a', 1.5, true, when],
      ['b', null, false, ''],
    ]);
    const values = sheet.getRange(1, 1, 3, 5).getValues();
    expect(values).toEqual([
      ['name', 'n', 'ok', 'when', ''],
      ['a', 1.5, true, when, ''],
      ['b', '', false, '', ''],
    ]);
    expect(values[1]?.[3]).toBeInstanceOf(Date);
    expect(sheet.getRange('B2').getValue()).toBe(1.5);
  });

  test('getDisplayValues gives strings as Sheets shows them', () => {
    const { sheet } = fakeWith([[1.5, true, new Date(Date.UTC(2024, 0, 31, 12, 30)), 1 / 3, 'x']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['1.5', 'TRUE', '1/31/2024 12:30:00', '0.3333333333', 'x'],
    ]);
    sheet.getRange('A1').setNumberFormat('0.00');
    sheet.getRange('D1').setNumberFormat('0.0%');
    sheet.getRange('C1').setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['1.50', 'TRUE', '2024-01-31', '33.3%']]);
  });

  test('setValues stores numbers, booleans and Dates as they are and null/undefined as empty', () => {
    const { sheet } = fakeWith([]);
    const when = new Date(Date.UTC(2020, 5, 1));
    sheet.getRange(1, 1, 1, 5).setValues([[3, false, when, null, undefined]]);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([[3, false, when, '', '']]);
    expect(sheet.getLastColumn()).toBe(3);
  });

  test("setValues with the wrong number of rows or columns throws Sheets' message and writes nothing", () => {
    const { sheet } = fakeWith([]);
    const range = sheet.getRange(1, 1, 2, 3);
    expect(appsScriptText(() => range.setValues([[1, 2, 3]]))).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(
      appsScriptText(() =>
        range.setValues([
          [1, 2, 3],
          [4, 5],
        ]),
      ),
    ).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a string starting with "=" becomes a formula; its value is the cached one or ""', () => {
    const { sheet } = fakeWith([[2, { formula: '=A1*2', value: 4 }]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[2, 4]]);
    sheet.getRange('C1').setValue('=A1+1');
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '=A1*2', '=A1+1']]);
    expect(sheet.getRange('C1').getValue()).toBe('');
    expect(sheet.getRange('C1').getFormula()).toBe('=A1+1');
  });

  test('an apostrophe makes literal text: no formula, no number', () => {
    const { sheet } = fakeWith([]);
    sheet.getRange('A1:C1').setValues([["'=SUM(A2)", "'12", "'+1"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=SUM(A2)', '12', '+1']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
  });

  test('strings that look like numbers, percentages, booleans or dates are converted, like typing them', () => {
    const { sheet } = fakeWith([]);
    sheet
      .getRange('A1:H1')
      .setValues([['12', '-1.5e3', '1,234.5', '10%', 'TRUE', 'false', '2024-01-31', '12345678901234567890']]);
    const values = sheet.getRange('A1:H1').getValues()[0] ?? [];
    expect(values.slice(0, 6)).toEqual([12, -1500, 1234.5, 0.1, true, false]);
    expect(values[6]).toEqual(new Date(Date.UTC(2024, 0, 31)));
    expect(values[7]).toBe(12345678901234567000);
  });

  test('strings starting with "+", "-" or "@" that are not numbers become formulas (spreadsheet injection)', () => {
    const fake = createFakeAppsScript();
    const sheet = fake.globals.SpreadsheetApp.getActiveSheet();
    sheet.getRange('A1:F1').setValues([['+1+2', '-2+3', '@SUM(A1)', '-', '-12', 'hello']]);
    expect(sheet.getRange('A1:F1').getFormulas()).toEqual([['=+1+2', '=-2+3', '=@SUM(A1)', '', '', '']]);
    expect(sheet.getRange('D1:F1').getValues()).toEqual([['-', -12, 'hello']]);
    const grid = fake.getSheetGrid('Sheet1');
    expect(grid.implicitFormulas[0]).toEqual([true, true, true, false, false, false]);
  });

  test('a cell formatted as plain text keeps strings as they are', () => {
    const { sheet } = fakeWith([]);
    sheet
      .getRange('A1:B1')
      .setNumberFormat('@')
      .setValues([['007', '=1+1']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['007', '=1+1']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  test('objects, arrays and functions cannot be written', () => {
    const { sheet } = fakeWith([]);
    expect(appsScriptText(() => sheet.getRange('A1').setValue({ a: 1 }))).toMatch(
      /^Exception: The parameters \(Object\) don't match the method signature for SpreadsheetApp\.Range\.setValue\.$/,
    );
    expect(appsScriptText(() => sheet.getRange('A1:B1').setValues([[1, [2]]]))).toMatch(
      /don't match the method signature for SpreadsheetApp\.Range\.setValues/,
    );
    expect(appsScriptText(() => sheet.getRange('A1').setValues([1] as never))).toMatch(
      /don't match the method signature/,
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a cell holds at most 50,000 characters', () => {
    const { sheet } = fakeWith([]);
    expect(appsScriptText(() => sheet.getRange('A1').setValue('x'.repeat(50001)))).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange('A1').setValue('x'.repeat(50000));
  });

  test('setFormula fills a range, moving relative references; setFormulas sets each', () => {
    const { sheet } = fakeWith([]);
    sheet.getRange('B1:B3').setFormula('=A1*2');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([['=A1*2'], ['=A2*2'], ['=A3*2']]);
    sheet.getRange('C1:D1').setFormulas([['=$A$1', '=SUM(A1:A3)']]);
    expect(sheet.getRange('C1:D1').getFormulas()).toEqual([['=$A$1', '=SUM(A1:A3)']]);
  });

  test('notes, isBlank, clearContent and clear', () => {
    const { sheet } = fakeWith([['a', 'b']]);
    const range = sheet.getRange('A1:B1');
    range.setNote('hello').setBackground('red').setFontWeight('bold');
    expect(range.getNotes()).toEqual([['hello', 'hello']]);
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(range.isBlank()).toBe(false);
    range.clearContent();
    expect(range.isBlank()).toBe(true);
    expect(range.getFontWeight()).toBe('bold');
    range.clear();
    expect(range.getFontWeight()).toBe('normal');
    expect(range.getBackground()).toBe('#ffffff');
    expect(range.getNote()).toBe('hello');
  });

  test('offset, getCell and A1 notation', () => {
    const { sheet } = fakeWith([]);
    const range = sheet.getRange('B2:C3');
    expect([
      range.getRow(),
      range.getColumn(),
      range.getNumRows(),
      range.getNumColumns(),
      range.getLastRow(),
      range.getLastColumn(),
    ]).toEqual([2, 2, 2, 2, 3, 3]);
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(range.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(sheet.getRange('A:B').getA1Notation()).toBe('A1:B1000');
    expect(sheet.getRange('2:3').getA1Notation()).toBe('A2:Z3');
    expect(sheet.getRange('$C$5').getA1Notation()).toBe('C5');
  });
});

describe('Range bounds', () => {
  test('ranges outside the sheet and bad coordinates throw', () => {
    const { sheet } = fakeWith([]);
    expect(appsScriptText(() => sheet.getRange(1001, 1))).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(appsScriptText(() => sheet.getRange(1, 1, 1, 27))).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(appsScriptText(() => sheet.getRange('AA1'))).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(appsScriptText(() => sheet.getRange(0, 1))).toBe('Exception: The starting row of the range is too small.');
    expect(appsScriptText(() => sheet.getRange(1, 0))).toBe(
      'Exception: The starting column of the range is too small.',
    );
    expect(appsScriptText(() => sheet.getRange(1, 1, 0, 1))).toBe(
      'Exception: The number of rows in the range must be at least 1.',
    );
    expect(appsScriptText(() => sheet.getRange(1, 1, 1, 0))).toBe(
      'Exception: The number of columns in the range must be at least 1.',
    );
    expect(appsScriptText(() => sheet.getRange('not a range'))).toBe('Exception: Range not found');
    expect(appsScriptText(() => sheet.getRange('A1').offset(-1, 0))).toBe(
      'Exception: The starting row of the range is too small.',
    );
  });

  test('a range made before rows were deleted fails when it no longer fits', () => {
    const { sheet } = fakeWith([]);
    const range = sheet.getRange(999, 1);
    sheet.deleteRows(1, 10);
    expect(appsScriptText(() => range.getValues())).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
  });
});

describe('getDataRange', () => {
  test('A1 to the last row and column with content', () => {
    const { sheet } = fakeWith([
      ['a', '', ''],
      ['', '', ''],
      ['', 'x', ''],
    ]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B3');
    sheet.getRange('E7').setFormula('=1');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E7');
  });

  test('an empty sheet gives A1, and formats do not count as content', () => {
    const { sheet } = fakeWith([]);
    sheet.getRange('C3').setBackground('#00ff00').setNote('note');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });
});

describe('Sheet structure', () => {
  test('insert and delete rows and columns move the cells', () => {
    const { sheet } = fakeWith([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([[1, '', '', 2, 3]]);
    sheet.deleteColumns(2, 2);
    sheet.insertRowsAfter(1, 1);
    expect(sheet.getDataRange().getValues()).toEqual([
      [1, 2, 3],
      ['', '', ''],
      [4, 5, 6],
    ]);
    sheet.deleteRows(2, 1);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getDataRange().getValues()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test('deleting every row or column, or beyond the sheet, throws', () => {
    const { sheet } = fakeWith([]);
    expect(appsScriptText(() => sheet.deleteRows(1, 1000))).toBe(
      "Exception: You can't delete all the rows on the sheet.",
    );
    expect(appsScriptText(() => sheet.deleteColumns(1, 26))).toBe(
      "Exception: You can't delete all the columns on the sheet.",
    );
    expect(appsScriptText(() => sheet.deleteRows(999, 5))).toBe('Exception: Those rows are out of bounds.');
  });

  test('merges move with inserted rows and are kept by getMergedRanges', () => {
    const { sheet } = fakeWith([['title', 'lost']]);
    sheet.getRange('A1:B1').merge();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['title', '']]);
    sheet.insertRowsBefore(1, 2);
    expect(
      sheet
        .getRange('A1:C5')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A3:B3']);
    expect(appsScriptText(() => sheet.getRange('B3:C3').merge())).toBe(
      'Exception: You must select all cells in a merged range to merge or unmerge them.',
    );
    sheet.getRange('A3:B3').breakApart();
    expect(sheet.getRange('A3').isPartOfMerge()).toBe(false);
  });

  test('clear, clearContents and clearFormats', () => {
    const { sheet } = fakeWith([['a', 1]]);
    sheet.getRange('A1:B1').setFontWeight('bold');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    sheet.clearFormats();
    expect(sheet.getRange('A1').getFontWeight()).toBe('normal');
    sheet.getRange('A1').setValue('x').setBackground('blue');
    sheet.clear();
    expect([sheet.getLastRow(), sheet.getRange('A1').getBackground()]).toEqual([0, '#ffffff']);
  });

  test('appendRow writes after the last row and grows a full sheet', () => {
    const { sheet } = fakeWith([['h1', 'h2']]);
    sheet.appendRow(['a', '=1+1']);
    expect(sheet.getRange('A2:B2').getFormulas()).toEqual([['', '=1+1']]);
    sheet.deleteRows(3, 998);
    sheet.appendRow([1, 2, 3]);
    expect([sheet.getMaxRows(), sheet.getLastRow()]).toEqual([3, 3]);
  });

  test('frozen rows, column widths and autoResizeColumns', () => {
    const { sheet } = fakeWith([['a much longer header', 'b']]);
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 50);
    sheet.autoResizeColumns(1, 1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(2)).toBe(50);
    expect(sheet.getColumnWidth(1)).toBeGreaterThan(100);
    expect(sheet.getColumnWidth(3)).toBe(100);
  });
});

describe('Spreadsheet sheets', () => {
  test('insertSheet makes the new sheet active, right after the active one, and refuses a duplicate name', () => {
    const fake = createFakeAppsScript({ sheets: [{ name: 'A' }, { name: 'B' }] });
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const results = ss.insertSheet('Results');
    expect(fake.sheetNames()).toEqual(['A', 'Results', 'B']);
    expect(ss.getActiveSheet().getName()).toBe('Results');
    expect(results.getIndex()).toBe(2);
    expect(appsScriptText(() => ss.insertSheet('Results'))).toBe(
      'Exception: A sheet with the name "Results" already exists. Please enter another name.',
    );
    expect(appsScriptText(() => ss.insertSheet('results'))).toMatch(/already exists/);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(ss.insertSheet('First', 0).getIndex()).toBe(1);
    expect(new Set(ss.getSheets().map((s) => s.getSheetId())).size).toBe(5);
  });

  test('getSheetByName gives null when absent; setName refuses a taken name', () => {
    const fake = createFakeAppsScript({ sheets: [{ name: 'A' }, { name: 'B' }] });
    const ss = fake.spreadsheet;
    expect(ss.getSheetByName('nope')).toBeNull();
    const b = ss.getSheetByName('B');
    expect(b?.getSheetId()).toBe(ss.getSheetById(b?.getSheetId() ?? -1)?.getSheetId());
    expect(appsScriptText(() => b?.setName('A'))).toBe(
      'Exception: A sheet with the name "A" already exists. Please enter another name.',
    );
    b?.setName('C');
    expect(fake.sheetNames()).toEqual(['A', 'C']);
  });

  test('deleteSheet, and the last visible sheet cannot go', () => {
    const fake = createFakeAppsScript({ sheets: [{ name: 'A' }, { name: 'B' }] });
    const ss = fake.spreadsheet;
    const b = ss.getSheetByName('B') as FakeSheet;
    ss.setActiveSheet(b);
    ss.deleteSheet(b);
    expect(fake.sheetNames()).toEqual(['A']);
    expect(ss.getActiveSheet().getName()).toBe('A');
    expect(appsScriptText(() => b.getName())).toBe('Exception: This sheet has been deleted.');
    expect(appsScriptText(() => ss.deleteSheet(ss.getSheetByName('A') as FakeSheet))).toBe(
      "Exception: You can't remove all the sheets in a document.",
    );
  });

  test('hideSheet, showSheet, and the last visible sheet cannot be hidden', () => {
    const fake = createFakeAppsScript({ sheets: [{ name: 'A' }, { name: 'B' }] });
    const b = fake.spreadsheet.getSheetByName('B') as FakeSheet;
    b.hideSheet();
    expect(b.isSheetHidden()).toBe(true);
    expect(fake.getSheetGrid('B').hidden).toBe(true);
    expect(appsScriptText(() => fake.spreadsheet.getSheetByName('A')?.hideSheet())).toBe(
      "Exception: You can't hide all the sheets in a document.",
    );
    b.showSheet();
    expect(b.isSheetHidden()).toBe(false);
  });

  test('Sheet.copyTo copies values, formulas, formats, merges and notes to "Copy of <name>", not hidden', () => {
    const { fake, sheet } = fakeWith([
      ['h', { formula: '=A2*2', value: 2 }],
      [1, ''],
    ]);
    sheet.getRange('A1').setNote('n').setFontWeight('bold');
    sheet.getRange('A2:B2').merge();
    const copy = sheet.copyTo(fake.spreadsheet);
    expect(copy.getName()).toBe('Copy of Data');
    expect(copy.isSheetHidden()).toBe(false);
    const grid = fake.getSheetGrid('Copy of Data');
    expect(grid.values).toEqual([
      ['h', 2],
      [1, ''],
    ]);
    expect(grid.formulas[0]).toEqual(['', '=A2*2']);
    expect(grid.notes[0]).toEqual(['n', '']);
    expect(grid.fontWeights[0]).toEqual(['bold', 'normal']);
    expect(grid.merges).toEqual(['A2:B2']);
    expect(sheet.copyTo(fake.spreadsheet).getName()).toBe('Copy of Data 2');
  });

  test('toast is recorded', () => {
    const fake = createFakeAppsScript();
    fake.spreadsheet.toast('Done', 'TikFit');
    fake.spreadsheet.toast('Again');
    expect(fake.toasts).toEqual([
      { message: 'Done', title: 'TikFit', timeoutSeconds: 5 },
      { message: 'Again', title: '', timeoutSeconds: 5 },
    ]);
  });
});

describe('Range.copyTo', () => {
  test('copies values, formulas (references moved) and formats from the destination top-left', () => {
    const { sheet } = fakeWith([
      [1, '=A1*2'],
      [2, '=A2*2'],
    ]);
    sheet.getRange('A1:B2').setBackground('#00ff00');
    sheet.getRange('A1:B2').copyTo(sheet.getRange('D5'));
    expect(sheet.getRange('D5:E6').getFormulas()).toEqual([
      ['', '=D5*2'],
      ['', '=D6*2'],
    ]);
    expect(sheet.getRange('D5:E6').getValues()[0]?.[0]).toBe(1);
    expect(sheet.getRange('E6').getBackground()).toBe('#00ff00');
  });

  test('a destination that is a multiple of the source repeats it; values-only drops formulas', () => {
    const fake = createFakeAppsScript();
    const sheet = fake.globals.SpreadsheetApp.getActiveSheet();
    sheet.getRange('A1').setValue(7);
    sheet.getRange('A1').copyTo(sheet.getRange('B1:C2'));
    expect(sheet.getRange('B1:C2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    sheet.getRange('D1').setFormula('=A1');
    sheet.getRange('D1').copyTo(sheet.getRange('E1'), fake.globals.SpreadsheetApp.CopyPasteType.PASTE_VALUES, false);
    expect(sheet.getRange('E1').getFormula()).toBe('');
    sheet.getRange('D1').copyTo(sheet.getRange('F1'), { contentsOnly: true });
    expect(sheet.getRange('F1').getFormula()).toBe('=C1');
  });
});

describe('AuthMode', () => {
  test('in NONE, document access throws but the add-on menu can be built', () => {
    const fake = createFakeAppsScript();
    fake.setAuthMode('NONE');
    const { SpreadsheetApp, PropertiesService, LockService, CacheService, ScriptApp } = fake.globals;
    expect(fake.authMode).toBe(ScriptApp.AuthMode.NONE);
    expect(appsScriptText(() => SpreadsheetApp.getActiveSpreadsheet())).toBe(
      'Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet.',
    );
    expect(appsScriptText(() => SpreadsheetApp.getActive())).toMatch(/permission to call SpreadsheetApp.getActive\./);
    expect(appsScriptText(() => SpreadsheetApp.getActiveSheet())).toMatch(
      /permission to call SpreadsheetApp.getActiveSheet\./,
    );
    expect(appsScriptText(() => PropertiesService.getDocumentProperties())).toMatch(
      /permission to call PropertiesService.getDocumentProperties/,
    );
    expect(appsScriptText(() => LockService.getDocumentLock())).toMatch(
      /permission to call LockService.getDocumentLock/,
    );
    expect(appsScriptText(() => CacheService.getDocumentCache())).toMatch(
      /permission to call CacheService.getDocumentCache/,
    );
    SpreadsheetApp.getUi().createAddonMenu().addItem('Open TikFit', 'showSidebar').addToUi();
    expect(fake.menus).toEqual([
      {
        kind: 'addon',
        caption: 'TikFit',
        items: [{ kind: 'item', caption: 'Open TikFit', functionName: 'showSidebar' }],
      },
    ]);
    expect(appsScriptText(() => SpreadsheetApp.getUi().alert('hi'))).toMatch(/permission to call Ui.alert/);
    expect(fake.openEvent()).toEqual({ authMode: ScriptApp.AuthMode.NONE });
  });

  test('an object obtained before NONE fails too', () => {
    const fake = createFakeAppsScript();
    const sheet = fake.globals.SpreadsheetApp.getActiveSheet();
    fake.setAuthMode(fake.globals.ScriptApp.AuthMode.NONE);
    expect(appsScriptText(() => sheet.getDataRange())).toBe(
      'Exception: You do not have permission to call Sheet.getDataRange.',
    );
    fake.setAuthMode('FULL');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('in CUSTOM_FUNCTION, reading works and writing, the UI and user properties do not; cache and lock work', () => {
    const { fake } = fakeWith([[1, 2]]);
    fake.setAuthMode('CUSTOM_FUNCTION');
    const { SpreadsheetApp, PropertiesService, CacheService, LockService } = fake.globals;
    const sheet = SpreadsheetApp.getActiveSheet();
    expect(sheet.getDataRange().getValues()).toEqual([[1, 2]]);
    expect(appsScriptText(() => sheet.getRange('A1').setValue(3))).toBe(
      'Exception: You do not have permission to call setValue',
    );
    expect(appsScriptText(() => sheet.getRange('A1:B1').setValues([[3, 4]]))).toMatch(/permission to call setValues/);
    expect(appsScriptText(() => SpreadsheetApp.getActive().insertSheet('x'))).toMatch(/permission to call insertSheet/);
    expect(appsScriptText(() => SpreadsheetApp.getUi())).toBe(
      'Exception: Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(appsScriptText(() => PropertiesService.getUserProperties().setProperty('a', 'b'))).toMatch(
      /permission to call setProperty/,
    );
    PropertiesService.getDocumentProperties().getProperty('a');
    CacheService.getDocumentCache().put('k', 'v');
    expect(CacheService.getDocumentCache().get('k')).toBe('v');
    expect(LockService.getDocumentLock().tryLock(10)).toBe(true);
  });
});

describe('call counting', () => {
  test('every method call on spreadsheet-family objects is recorded', () => {
    const { fake } = fakeWith([[1, 2]]);
    fake.resetCalls();
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const range = ss.getSheetByName('Data')?.getDataRange();
    range?.getValues();
    range?.setValues([[3, 4]]);
    expect(fake.calls).toEqual([
      { service: 'SpreadsheetApp', method: 'getActiveSpreadsheet' },
      { service: 'Spreadsheet', method: 'getSheetByName' },
      { service: 'Sheet', method: 'getDataRange' },
      { service: 'Range', method: 'getValues' },
      { service: 'Range', method: 'setValues' },
    ]);
    expect(fake.countCalls()).toBe(5);
    expect(fake.countCalls({ service: 'Range' })).toBe(2);
    expect(fake.countCalls({ method: ['getValues', 'setValues'] })).toBe(2);
    expect(fake.countCalls((c) => c.service === 'Sheet')).toBe(1);
    expect(fake.callsByMethod()).toMatchObject({ 'Range.getValues': 1, 'Range.setValues': 1 });
    fake.resetCalls();
    expect(fake.countCalls()).toBe(0);
  });

  test('a shortcut counts once, and reading a big range is one call', () => {
    const grid = Array.from({ length: 500 }, (_, i) => Array.from({ length: 20 }, (_u, j) => i * 20 + j));
    const { fake } = fakeWith(grid);
    fake.resetCalls();
    const values = fake.globals.SpreadsheetApp.getActiveSheet().getDataRange().getValues();
    expect(values.length).toBe(500);
    expect(fake.countCalls()).toBe(3);
  });

  test('inspection helpers are not counted', () => {
    const { fake } = fakeWith([[1]]);
    fake.resetCalls();
    fake.getSheetGrid('Data');
    fake.setSheetValues('Data', [[2]]);
    expect(fake.countCalls()).toBe(0);
  });

  test('ui, menus, charts and rule builders are counted', () => {
    const { fake, sheet } = fakeWith([[1, 2]]);
    fake.resetCalls();
    const { SpreadsheetApp, Charts } = fake.globals;
    SpreadsheetApp.getUi().createMenu('M').addItem('a', 'b').addToUi();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(sheet.getRange('A1:B1')).build());
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThan(0)
      .setFontColor('red')
      .setRanges([sheet.getRange('A1')])
      .build();
    const services = new Set(fake.calls.map((c) => c.service));
    expect([...services].sort()).toEqual(
      ['ConditionalFormatRuleBuilder', 'EmbeddedChartBuilder', 'Menu', 'Sheet', 'SpreadsheetApp', 'Ui'].sort(),
    );
  });
});

describe('Ui', () => {
  test('menus, sidebars, dialogs and alerts are recorded', () => {
    const fake = createFakeAppsScript({ htmlFiles: { Sidebar: '<p>hi</p>' } });
    const { SpreadsheetApp, HtmlService } = fake.globals;
    const ui = SpreadsheetApp.getUi();
    const sub = ui.createMenu('More').addItem('Undo', 'undoLastStep');
    ui.createAddonMenu().addItem('Open', 'showSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(fake.menus[0]?.items).toEqual([
      { kind: 'item', caption: 'Open', functionName: 'showSidebar' },
      { kind: 'separator' },
      { kind: 'subMenu', caption: 'More', items: [{ kind: 'item', caption: 'Undo', functionName: 'undoLastStep' }] },
    ]);
    ui.showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('TikFit'));
    expect(fake.sidebars).toEqual([
      { kind: 'sidebar', title: 'TikFit', content: '<p>hi</p>', width: undefined, height: undefined },
    ]);
    ui.showModalDialog(HtmlService.createHtmlOutput('<b>x</b>').setWidth(400).setHeight(300), 'Dialog');
    expect(fake.dialogs[0]).toMatchObject({ kind: 'modalDialog', title: 'Dialog', width: 400, height: 300 });
    expect(ui.alert('Hello')).toBe(ui.Button.OK);
    fake.ui.queueResponse('NO');
    expect(ui.alert('Sure?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    fake.ui.queueResponse('OK', 'typed');
    const answer = ui.prompt('Name?');
    expect([answer.getResponseText(), answer.getSelectedButton()]).toEqual(['typed', ui.Button.OK]);
    expect(fake.alerts.map((a) => [a.kind, a.title, a.prompt, a.response])).toEqual([
      ['alert', '', 'Hello', 'OK'],
      ['alert', 'Sure?', 'Really?', 'NO'],
      ['prompt', '', 'Name?', 'OK'],
    ]);
  });
});

describe('HtmlService', () => {
  test('outputs chain their setters; a missing file throws', () => {
    const fake = createFakeAppsScript({ htmlFiles: { 'Sidebar.html': '<div></div>' } });
    const { HtmlService } = fake.globals;
    const out = HtmlService.createHtmlOutputFromFile('Sidebar')
      .setTitle('T')
      .setWidth(300)
      .setSandboxMode(HtmlService.SandboxMode.IFRAME);
    expect([out.getTitle(), out.getWidth(), out.getContent()]).toEqual(['T', 300, '<div></div>']);
    expect(appsScriptText(() => HtmlService.createHtmlOutputFromFile('Nope'))).toBe(
      'Exception: No HTML file named Nope was found.',
    );
  });

  test('templates print escaped and raw values', () => {
    const fake = createFakeAppsScript({
      htmlFiles: { Page: '<h1><?= title ?></h1><? for (var i = 0; i < n; i++) { ?>*<? } ?><?!= raw ?>' },
    });
    const template = fake.globals.HtmlService.createTemplateFromFile('Page');
    template.title = '<b>&';
    template.n = 3;
    template.raw = '<i>';
    expect(template.evaluate().getContent()).toBe('<h1>&lt;b&gt;&amp;</h1>***<i>');
  });
});

describe('LockService', () => {
  test('tryLock and waitLock succeed and are released; when busy, tryLock is false and waitLock times out', () => {
    const fake = createFakeAppsScript();
    const lock = fake.globals.LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(fake.lock.held()).toEqual(['document']);
    lock.releaseLock();
    expect(fake.lock.held()).toEqual([]);
    fake.lock.setBusy(true);
    expect(lock.tryLock(1000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(appsScriptText(() => lock.waitLock(1000))).toBe(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
    fake.lock.setBusy(false, 'document');
    lock.waitLock(1000);
    expect(fake.lock.releaseAll()).toEqual(['document']);
    expect(fake.lock.events.map((e) => `${e.action}:${String(e.acquired)}`)).toEqual([
      'tryLock:true',
      'releaseLock:undefined',
      'tryLock:false',
      'waitLock:false',
      'waitLock:true',
    ]);
  });
});

describe('PropertiesService', () => {
  test('get, set, delete and the stores are separate', () => {
    const fake = createFakeAppsScript();
    const { PropertiesService } = fake.globals;
    const doc = PropertiesService.getDocumentProperties();
    expect(doc.getProperty('a')).toBeNull();
    doc.setProperty('a', '1').setProperties({ b: '2', c: 3 });
    expect(doc.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    expect(doc.getKeys().sort()).toEqual(['a', 'b', 'c']);
    expect(PropertiesService.getUserProperties().getProperty('a')).toBeNull();
    doc.setProperties({ z: '9' }, true);
    expect(doc.getProperties()).toEqual({ z: '9' });
    doc.deleteProperty('z');
    expect(fake.properties.document.size).toBe(0);
  });

  test('a value over 9 KB and a store over 500 KB are refused, and nothing is written', () => {
    const fake = createFakeAppsScript();
    const store = fake.globals.PropertiesService.getScriptProperties();
    store.setProperty('ok', 'x'.repeat(9216));
    expect(appsScriptText(() => store.setProperty('big', 'x'.repeat(9217)))).toBe(
      'Exception: Argument too large: value',
    );
    expect(appsScriptText(() => store.setProperty('big', 'é'.repeat(4609)))).toBe(
      'Exception: Argument too large: value',
    );
    expect(store.getProperty('big')).toBeNull();
    // 9,218 + 55 × 9,003 = 504,383 bytes fit in 512,000; one more 9,004 does not.
    for (let i = 10; i < 65; i += 1) store.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(appsScriptText(() => store.setProperty('last', 'x'.repeat(9000)))).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(store.getProperty('last')).toBeNull();
  });
});

describe('CacheService', () => {
  test('values expire on the injected clock, 600 s by default', () => {
    let now = 1_000_000;
    const fake = createFakeAppsScript({ now: () => now });
    const cache = fake.globals.CacheService.getScriptCache();
    cache.put('a', '1');
    cache.put('b', '2', 5);
    cache.putAll({ c: '3', d: '4' }, 60);
    expect(cache.getAll(['a', 'b', 'c', 'x'])).toEqual({ a: '1', b: '2', c: '3' });
    now += 5000;
    expect(cache.get('b')).toBeNull();
    now += 595_000;
    expect(cache.get('a')).toBeNull();
    cache.removeAll(['c', 'd']);
    expect(cache.get('c')).toBeNull();
  });

  test('keys over 250 characters, values over 100 KB and expiry over 6 hours are refused', () => {
    const cache = createFakeAppsScript().globals.CacheService.getUserCache();
    expect(appsScriptText(() => cache.put('k'.repeat(251), 'v'))).toBe('Exception: Argument too large: key');
    cache.put('k'.repeat(250), 'v'.repeat(102400));
    expect(appsScriptText(() => cache.put('k', 'v'.repeat(102401)))).toBe('Exception: Argument too large: value');
    expect(appsScriptText(() => cache.put('k', 'v', 21601))).toMatch(/expirationInSeconds/);
    cache.put('k', 'v', 21600);
  });
});

describe('Session, ScriptApp, Charts, Logger', () => {
  test('Session reports the configured user (when the manifest grants userinfo.email), UTC and "en"', () => {
    const fake = createFakeAppsScript({
      userEmail: 'me@example.com',
      manifest: { oauthScopes: ['https://www.googleapis.com/auth/userinfo.email'] },
    });
    const { Session } = fake.globals;
    expect(Session.getActiveUser().getEmail()).toBe('me@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('me@example.com');
    expect(Session.getScriptTimeZone()).toBe('Etc/UTC');
    expect(Session.getActiveUserLocale()).toBe('en');
    expect(createFakeAppsScript({ manifest: {} }).globals.Session.getActiveUser().getEmail()).toBe('');
  });

  test('enums are objects whose string is their name', () => {
    const { ScriptApp, Charts } = createFakeAppsScript().globals;
    expect(String(ScriptApp.AuthMode.FULL)).toBe('FULL');
    expect(ScriptApp.AuthMode.FULL).not.toBe(ScriptApp.AuthMode.LIMITED);
    expect(Charts.ChartType.SCATTER.name()).toBe('SCATTER');
    expect(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()).toBe(
      ScriptApp.AuthorizationStatus.NOT_REQUIRED,
    );
  });

  test('Logger.log records lines, with placeholders', () => {
    const fake = createFakeAppsScript();
    fake.globals.Logger.log('a %s b %s', 1, 'two').log({ x: 1 });
    expect(fake.logs).toEqual(['a 1 b two', '{"x":1}']);
  });
});

describe('charts and conditional formats', () => {
  test('a chart is built, inserted, listed and removed', () => {
    const { fake, sheet } = fakeWith([
      ['x', 'y'],
      [1, 2],
    ]);
    const { Charts } = fake.globals;
    const chart = sheet
      .newChart()
      .asScatterChart()
      .setTitle('Fit')
      .addRange(sheet.getRange('A1:B2'))
      .setPosition(2, 4, 0, 0)
      .setOption('legend', { position: 'none' })
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    expect(sheet.getCharts()).toHaveLength(1);
    expect(fake.getCharts('Data')).toEqual([
      expect.objectContaining({
        chartType: 'SCATTER',
        ranges: ['Data!A1:B2'],
        anchorRow: 2,
        anchorColumn: 4,
        options: { title: 'Fit', legend: { position: 'none' } },
      }),
    ]);
    expect(chart.getOptions().get('title')).toBe('Fit');
    expect(typeof (sheet.newChart() as unknown as Record<string, unknown>).setTitle).toBe('undefined');
    const modified = (sheet.getCharts()[0]?.modify() ?? sheet.newChart()).setChartType(Charts.ChartType.LINE).build();
    sheet.updateChart(modified);
    expect(fake.getCharts('Data')[0]?.chartType).toBe('LINE');
    sheet.removeChart(sheet.getCharts()[0] ?? chart);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  test('conditional format rules are built and set', () => {
    const { fake, sheet } = fakeWith([[1, -2]]);
    const { SpreadsheetApp } = fake.globals;
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$B1<0.05')
      .setBackground('#FFF2CC')
      .setBold(true)
      .setRanges([sheet.getRange('A1:B10')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
    expect(fake.getConditionalFormatRules('Data')).toEqual([
      {
        ranges: ['Data!A1:B10'],
        criteriaType: 'CUSTOM_FORMULA',
        criteriaValues: ['=$B1<0.05'],
        background: '#fff2cc',
        fontColor: null,
        bold: true,
        italic: null,
      },
    ]);
    const condition = sheet.getConditionalFormatRules()[0]?.getBooleanCondition();
    expect(condition?.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    sheet.insertRowsBefore(1, 1);
    expect(fake.getConditionalFormatRules('Data')[0]?.ranges).toEqual(['Data!A2:B11']);
  });
});

describe('inspection helpers', () => {
  test('setSheetValues loads (creating the sheet) and getSheetGrid reads back', () => {
    const fake = createFakeAppsScript();
    fake.setSheetValues('Raw', [
      ['a', '=1+1', "'x"],
      ['12', 3, true],
    ]);
    expect(fake.getSheetGrid('Raw')).toMatchObject({
      values: [
        ['a', '', 'x'],
        [12, 3, true],
      ],
      formulas: [
        ['', '=1+1', ''],
        ['', '', ''],
      ],
      hidden: false,
    });
    fake.setSheetValues('Raw', [['12', '=x']], { parse: false });
    expect(fake.getSheetGrid('Raw').values).toEqual([['12', '=x']]);
    expect(() => fake.addSheet('Raw')).toThrow(/already exists/);
    expect(() => fake.getSheetGrid('Nope')).toThrow(/no sheet/);
  });

  test('a grid bigger than 1000×26 grows the sheet', () => {
    const fake = createFakeAppsScript();
    fake.addSheet('Wide', [Array.from({ length: 30 }, (_, i) => i)]);
    const sheet = fake.spreadsheet.getSheetByName('Wide') as FakeSheet;
    expect([sheet.getMaxColumns(), sheet.getLastColumn()]).toEqual([30, 30]);
  });
});

describe('in a vm context', () => {
  test('Dates and exceptions are of the context realm when its constructors are given', () => {
    const context = vm.createContext({});
    const fake = createFakeAppsScript({
      DateCtor: vm.runInContext('Date', context) as DateConstructor,
      ErrorCtor: vm.runInContext('Error', context) as ErrorConstructor,
      sheets: [{ name: 'Data', grid: [[new Date(Date.UTC(2024, 1, 2))]] }],
    });
    Object.assign(context, fake.globals);
    const result = vm.runInContext(
      `(function () {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data');
        var value = sheet.getRange('A1').getValue();
        var error;
        try { sheet.getRange(0, 1); } catch (e) { error = e; }
        sheet.getRange('B1:C1').setValues([[new Date(0), '=A1']]);
        return { isDate: value instanceof Date, iso: value.toISOString(), isError: error instanceof Error, text: String(error) };
      })()`,
      context,
    ) as { isDate: boolean; iso: string; isError: boolean; text: string };
    expect(result).toEqual({
      isDate: true,
      iso: '2024-02-02T00:00:00.000Z',
      isError: true,
      text: 'Exception: The starting row of the range is too small.',
    });
    expect(fake.getSheetGrid('Data').values[0]?.[1]).toEqual(new Date(0));
    expect(fake.getSheetGrid('Data').formulas[0]?.[2]).toBe('=A1');
  });
});

describe('less common calls', () => {
  test('insertSheet with a template, moveActiveSheet, activate and getActiveRange', () => {
    const { fake, sheet } = fakeWith([['t', 1]]);
    const ss = fake.spreadsheet;
    const copy = ss.insertSheet('T', { template: sheet });
    expect(copy.getRange('A1:B1').getValues()).toEqual([['t', 1]]);
    ss.moveActiveSheet(1);
    expect(fake.sheetNames()).toEqual(['T', 'Data']);
    sheet.getRange('B2:C3').activate();
    expect([ss.getActiveSheet().getName(), ss.getActiveRange()?.getA1Notation()]).toEqual(['Data', 'B2:C3']);
    // Under the manifest's spreadsheets.currentonly, openById needs the full spreadsheets scope (test/dev/strictFake.test.ts).
    const full = createFakeAppsScript({ manifest: { oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] } });
    expect(full.globals.SpreadsheetApp.openById('fake-spreadsheet-id').getName()).toBe('Untitled spreadsheet');
  });

  test('trimWhitespace, mergeAcross and a transposed copy', () => {
    const { sheet } = fakeWith([
      ['  a  b ', 1],
      ['c', 2],
    ]);
    sheet.getRange('A1:A2').trimWhitespace();
    expect(sheet.getRange('A1').getValue()).toBe('a b');
    sheet.getRange('A1:B2').copyTo(sheet.getRange('D1'), copyPasteNormal(), true);
    expect(sheet.getRange('D1:E2').getValues()).toEqual([
      ['a b', 'c'],
      [1, 2],
    ]);
    sheet.getRange('D4:F5').mergeAcross();
    expect(
      sheet
        .getRange('D4:F5')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['D4:F4', 'D5:F5']);
  });

  test("wrong argument types are refused with Apps Script's signature message", () => {
    const { sheet } = fakeWith([]);
    const loose = sheet as unknown as { getRange(...args: unknown[]): unknown };
    expect(appsScriptText(() => loose.getRange('1', '2'))).toBe(
      "Exception: The parameters (String,String) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
    expect(appsScriptText(() => loose.getRange(1, 2, 3, 4, 5))).toMatch(
      /don't match the method signature for SpreadsheetApp.Sheet.getRange/,
    );
    expect(appsScriptText(() => sheet.getRange('A1').copyTo({} as never))).toMatch(/SpreadsheetApp.Range.copyTo/);
  });

  test('HtmlOutput append and Logger.getLog', () => {
    const fake = createFakeAppsScript();
    const out = fake.globals.HtmlService.createHtmlOutput('<p>').append('x').appendUntrusted('<y>');
    expect(out.getContent()).toBe('<p>x&lt;y&gt;');
    fake.globals.Logger.log('one');
    expect(fake.globals.Logger.getLog()).toBe('one\n');
  });
});

function copyPasteNormal(): ReturnType<
  typeof createFakeAppsScript
>['globals']['SpreadsheetApp']['CopyPasteType']['PASTE_NORMAL'] {
  return createFakeAppsScript().globals.SpreadsheetApp.CopyPasteType.PASTE_NORMAL;
}
