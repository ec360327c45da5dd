import { createFakeAppsScript, type FakeAppsScript, type FakeGridInput } from '../../dev/fakeAppsScript';
import { breaksOnDelete, formulaReferences } from '../../src/addon/formulaReferences';
import { readSheetForStep } from '../../src/addon/sheetData';
import {
  formulaQuestion,
  planChanges,
  writeChangedCells,
  type ChangePlan,
  type GridChange,
  type WriteSummary,
} from '../../src/addon/writeChanges';

// The in-place write over the Apps Script fake, called directly (the add-on tests drive the same code through the
// built bundle): the sheet gets the step's shape with Sheets' own operations, then only changed cells are written.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function sheetWith(grid: FakeGridInput): { fake: FakeAppsScript; sheet: Sheet } {
  const fake = createFakeAppsScript({ sheets: [{ name: 'Data', grid }] });
  const sheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data') as unknown as Sheet;
  return { fake, sheet };
}

function plan(sheet: Sheet, change: GridChange): ChangePlan {
  return planChanges(readSheetForStep(sheet), change, sheet.getName());
}

function apply(fake: FakeAppsScript, sheet: Sheet, change: GridChange): WriteSummary {
  const p = plan(sheet, change);
  fake.resetCalls();
  return writeChangedCells(sheet, p);
}

/** A sheet like the article's: category (text), newFollowers, views, likes, and likeRate = likes/views as a formula. */
function likeRateSheet(): FakeGridInput {
  const categories = ['info', 'humor', 'info', 'rare', 'humor', 'info', 'rare', 'humor'];
  return [
    ['category', 'newFollowers', 'views', 'likes', 'likeRate'],
    ...categories.map((category, i) => {
      const r = i + 2;
      const views = 100 * (i + 1);
      const likes = 7 * (i + 1);
      return [category, i % 3 === 0 ? '' : 10 + i, views, likes, { formula: `=D${r}/C${r}`, value: likes / views }];
    }),
  ];
}

function gridOf(fake: FakeAppsScript): unknown[][] {
  return fake.getSheetGrid('Data').values;
}

describe('only changed cells are written', () => {
  test('a few changed cells in two adjacent columns: one setValues over the rows where they changed', () => {
    const { fake, sheet } = sheetWith([
      ['a', 'b', 'c'],
      ['x ', 1, 'keep'],
      ['y', 2, 'keep'],
      ['z ', 3, 'keep'],
    ]);
    sheet.getRange('C3').setNote('a note');
    const summary = apply(fake, sheet, {
      grid: [
        ['a', 'b', 'c'],
        ['x', 10, 'keep'],
        ['y', 2, 'keep'],
        ['z', 3, 'keep'],
      ],
      rowSources: [0, 1, 2],
      columnSources: [0, 1, 2],
    });
    expect(summary).toEqual({
      rowsDeleted: 0,
      columnsDeleted: 0,
      columnsInserted: 0,
      cellsWritten: 3,
      formulasReplaced: 0,
      writes: 1,
    });
    expect(fake.callsByMethod()).toEqual({ 'Sheet.getRange': 1, 'Range.setValues': 1 });
    expect(gridOf(fake)).toEqual([
      ['a', 'b', 'c'],
      ['x', 10, 'keep'],
      ['y', 2, 'keep'],
      ['z', 3, 'keep'],
    ]);
    expect(fake.getSheetGrid('Data').notes[2]?.[2]).toBe('a note');
  });

  test('a cell rewritten unchanged inside a block keeps its type: text "12" stays text, plain-text cells stay as they are', () => {
    const { fake, sheet } = sheetWith([['label'], ["'12"], [''], ["'TRUE"], ["'=x "]]);
    sheet.getRange('A3').setNumberFormat('@').setValue("'01");
    const grid = [['Label'], ['12'], ["'01"], ['TRUE'], ['=x']];
    expect(gridOf(fake)).toEqual([['label'], ['12'], ["'01"], ['TRUE'], ['=x ']]);
    const summary = apply(fake, sheet, { grid, rowSources: [0, 1, 2, 3], columnSources: [0] });
    expect(summary).toMatchObject({ writes: 1, cellsWritten: 2 });
    const after = fake.getSheetGrid('Data');
    expect(after.values).toEqual(grid);
    expect(after.formulas.flat().every((f) => f === '')).toBe(true);
  });

  test('nothing changed: nothing written', () => {
    const { fake, sheet } = sheetWith([['a'], [1], [2]]);
    const summary = apply(fake, sheet, { grid: [['a'], [1], [2]], rowSources: [0, 1], columnSources: [0] });
    expect(summary.writes).toBe(0);
    expect(fake.calls).toEqual([]);
  });
});

describe('formulas the step does not change stay formulas, moved by Sheets', () => {
  test('rows dropped and a column replaced by dummies: the like-rate formulas follow their rows and columns', () => {
    const { fake, sheet } = sheetWith(likeRateSheet());
    // Rows 5 and 8 (the two "rare" videos) go; category becomes two dummies (humor, info) in its place.
    const kept = [0, 1, 2, 4, 5, 7];
    const input = gridOf(fake);
    const grid: unknown[][] = [['category_humor', 'category_info', 'newFollowers', 'views', 'likes', 'likeRate']];
    for (const i of kept) {
      const row = input[i + 1] as unknown[];
      grid.push([row[0] === 'humor' ? 1 : 0, row[0] === 'info' ? 1 : 0, row[1], row[2], row[3], row[4]]);
    }
    const p = plan(sheet, { grid, rowSources: kept, columnSources: [null, null, 1, 2, 3, 4] });
    expect(p.formulaCells).toEqual([]);
    const summary = writeChangedCells(sheet, p);
    expect(summary).toMatchObject({ rowsDeleted: 2, columnsDeleted: 1, columnsInserted: 2, formulasReplaced: 0 });
    const after = fake.getSheetGrid('Data');
    expect(after.values).toEqual(grid);
    expect(after.formulas.map((row) => row[5])).toEqual([
      '',
      '=E2/D2',
      '=E3/D3',
      '=E4/D4',
      '=E5/D5',
      '=E6/D6',
      '=E7/D7',
    ]);
    expect(after.formulas.map((row) => row.slice(0, 5).join(''))).toEqual(Array(7).fill(''));
  });

  test("the step changes a formula's value: the plan names it; written, it becomes a value and the others stay", () => {
    const { fake, sheet } = sheetWith(likeRateSheet());
    const input = gridOf(fake);
    const grid = input.map((row) => row.slice());
    (grid[3] as unknown[])[4] = 0.5; // E4's value changes
    (grid[1] as unknown[])[1] = 99; // and an ordinary cell
    const p = plan(sheet, { grid, rowSources: [0, 1, 2, 3, 4, 5, 6, 7], columnSources: [0, 1, 2, 3, 4] });
    expect(p.formulaCells).toEqual(['E4']);
    const summary = writeChangedCells(sheet, p);
    expect(summary).toMatchObject({ formulasReplaced: 1, cellsWritten: 2 });
    const after = fake.getSheetGrid('Data');
    expect(after.values).toEqual(grid);
    expect(after.formulas.map((row) => row[4])).toEqual([
      '',
      '=D2/C2',
      '=D3/C3',
      '',
      '=D5/C5',
      '=D6/C6',
      '=D7/C7',
      '=D8/C8',
      '=D9/C9',
    ]);
  });

  test('formulas that a deletion would break (#REF!) and formulas in a replaced column are asked about', () => {
    const { sheet } = sheetWith([
      ['g', 'n', 'total'],
      ['a', 1, { formula: '=B2', value: 1 }],
      ['b', 2, { formula: '=C2+B3', value: 3 }],
      [{ formula: '=LOWER("C")', value: 'c' }, 3, { formula: '=SUM(B$2:B4)', value: 6 }],
    ]);
    // Row 2 goes; g is replaced by a dummy.
    const p = plan(sheet, {
      grid: [
        ['g_b', 'n', 'total'],
        [1, 2, 3],
        [0, 3, 6],
      ],
      rowSources: [1, 2],
      columnSources: [null, 1, 2],
    });
    expect(p.formulaCells).toEqual(['C3', 'A4']);
  });

  test('runs between formulas that stay: one write per run', () => {
    const { fake, sheet } = sheetWith([
      ['x', 'y'],
      [{ formula: '=1', value: 1 }, 0],
      ['', 0],
      ['', 0],
      [{ formula: '=2', value: 2 }, 0],
      ['', 0],
    ]);
    const summary = apply(fake, sheet, {
      grid: [
        ['x', 'y'],
        [1, 0],
        [5, 0],
        [5, 0],
        [2, 0],
        [5, 0],
      ],
      rowSources: [0, 1, 2, 3, 4],
      columnSources: [0, 1],
    });
    expect(summary).toMatchObject({ writes: 2, cellsWritten: 3 });
    expect(fake.callsByMethod()['Range.setValues']).toBe(2);
    expect(fake.getSheetGrid('Data').formulas.map((row) => row[0])).toEqual(['', '=1', '', '', '=2', '']);
  });
});

describe('awkward shapes', () => {
  test('every data row dropped under a frozen header: a blank row is kept so that Sheets allows the delete', () => {
    const { fake, sheet } = sheetWith([['h'], [1], [2]]);
    sheet.deleteRows(4, 997);
    sheet.setFrozenRows(1);
    apply(fake, sheet, { grid: [['h']], rowSources: [], columnSources: [0] });
    expect(gridOf(fake)).toEqual([['h']]);
    expect(sheet.getMaxRows()).toBe(2);
  });

  test('new columns at the start and at the end of a full-width sheet', () => {
    const { fake, sheet } = sheetWith([
      ['a', 'b'],
      [1, 2],
    ]);
    sheet.deleteColumns(3, 24);
    apply(fake, sheet, {
      grid: [
        ['first', 'a', 'b', 'last'],
        [0, 1, 2, 9],
      ],
      rowSources: [0],
      columnSources: [null, 0, 1, null],
    });
    expect(gridOf(fake)).toEqual([
      ['first', 'a', 'b', 'last'],
      [0, 1, 2, 9],
    ]);
    expect(sheet.getMaxColumns()).toBe(4);
  });

  test('a result that does not fit the sheet is refused before anything is written', () => {
    const { fake, sheet } = sheetWith([['a'], [1]]);
    expect(() => plan(sheet, { grid: [['a'], [1], [2]], rowSources: [0, 1], columnSources: [0] })).toThrow(
      /does not fit the sheet \(row sources\)/,
    );
    expect(() =>
      plan(sheet, {
        grid: [
          ['a', 'b'],
          [1, 2],
        ],
        rowSources: [0],
        columnSources: [1, 0],
      }),
    ).toThrow(/column sources/);
    expect(gridOf(fake)).toEqual([['a'], [1]]);
  });
});

describe('the question', () => {
  test('worded for a person, naming at most 8 cells', () => {
    expect(formulaQuestion('Clean', ['F4', 'F9', 'F12']).question).toBe(
      'Replace 3 formulas with values (F4, F9, F12)? Clean would change what they show.',
    );
    expect(formulaQuestion('Impute', ['B2']).question).toBe(
      'Replace 1 formula with a value (B2)? Impute would change what it shows.',
    );
    const many = formulaQuestion(
      'Encode',
      Array.from({ length: 12 }, (_, i) => `A${i + 2}`),
    );
    expect(many).toEqual({
      formulas: 12,
      cells: ['A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9'],
      question:
        'Replace 12 formulas with values (A2, A3, A4, A5, A6, A7, A8, A9, …)? Encode would change what they show.',
    });
  });
});

describe('references the add-on reads', () => {
  test('formulaReferences finds cells, ranges, whole columns and rows, with sheets; skips strings and names', () => {
    expect(formulaReferences(`=SUM(A1:B2)+'It''s'!C3+LOG10(E5)+"F6"+COUNT(G:H)+SUM(7:8)+SUM(I9:J)+TRUE+#REF!`)).toEqual(
      [
        { sheet: undefined, rows: [1, 2], columns: [1, 2] },
        { sheet: "It's", rows: [3, 3], columns: [3, 3] },
        { sheet: undefined, rows: [5, 5], columns: [5, 5] },
        { sheet: undefined, rows: undefined, columns: [7, 8] },
        { sheet: undefined, rows: [7, 8], columns: undefined },
        { sheet: undefined, rows: [9, Infinity], columns: [9, 10] },
      ],
    );
  });

  test('breaksOnDelete: only references whose rows or columns are all deleted, on this sheet', () => {
    expect(breaksOnDelete('=C5/B5', 'Data', [3], [])).toBe(false);
    expect(breaksOnDelete('=C3/B3', 'Data', [3], [])).toBe(true);
    expect(breaksOnDelete('=SUM(B2:B4)', 'Data', [3, 4], [])).toBe(false);
    expect(breaksOnDelete('=SUM(B3:B4)', 'Data', [3, 4], [])).toBe(true);
    expect(breaksOnDelete("='data'!B3", 'Data', [3], [])).toBe(true);
    expect(breaksOnDelete('=Other!B3', 'Data', [3], [])).toBe(false);
    expect(breaksOnDelete('=SUM(A:A)', 'Data', [3], [1])).toBe(true);
    expect(breaksOnDelete('=SUM(A2:B)', 'Data', [2, 3], [])).toBe(false);
  });
});
