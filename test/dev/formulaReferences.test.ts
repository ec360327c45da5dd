import { FakeAppsScript, FakeGridInput, FakeSheet, createFakeAppsScript } from '../../dev/fakeAppsScript';
import { mapReferences, shiftFormula } from '../../dev/fake/formula';

// Sheets rewrites every formula that points at rows or columns a script inserts or deletes; the fake must too, or an
// add-on that deletes rows would look right here and break formulas in a real spreadsheet.

function fakeWith(sheets: { name: string; grid: FakeGridInput }[]): {
  fake: FakeAppsScript;
  sheet: (name: string) => FakeSheet;
} {
  const fake = createFakeAppsScript({ sheets });
  return {
    fake,
    sheet: (name) => {
      const found = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    },
  };
}

/** A like-rate sheet: header, then rows 2…6 with views in B, likes in C and D = C/B as a formula. */
function likeRate(): FakeGridInput {
  return [
    ['title', 'views', 'likes', 'likeRate'],
    ...[2, 3, 4, 5, 6].map((r) => [`video ${r}`, r * 100, r, { formula: `=C${r}/B${r}`, value: 0.01 }]),
  ];
}

function formulasIn(fake: FakeAppsScript, name: string, column: number): string[] {
  return fake.getSheetGrid(name).formulas.map((row) => row[column - 1] ?? '');
}

describe('formulas follow deleted rows', () => {
  test("deleting row 3 turns =C5/B5 (now in row 4) into =C4/B4; the row's own formula goes with it", () => {
    const { fake, sheet } = fakeWith([{ name: 'Data', grid: likeRate() }]);
    sheet('Data').deleteRow(3);
    expect(formulasIn(fake, 'Data', 4)).toEqual(['', '=C2/B2', '=C3/B3', '=C4/B4', '=C5/B5']);
    expect(fake.getSheetGrid('Data').values.map((row) => row[3])).toEqual(['likeRate', 0.01, 0.01, 0.01, 0.01]);
  });

  test('deleteRows in a block, and absolute references move too', () => {
    const { fake, sheet } = fakeWith([
      { name: 'Data', grid: [...likeRate(), ['', '', '', { formula: '=$C$6*2+C$5', value: 1 }]] },
    ]);
    sheet('Data').deleteRows(2, 2);
    expect(formulasIn(fake, 'Data', 4)).toEqual(['', '=C2/B2', '=C3/B3', '=C4/B4', '=$C$4*2+C$3']);
  });

  test("a reference to a deleted cell becomes #REF!, and so does the formula's value", () => {
    const { fake, sheet } = fakeWith([
      {
        name: 'Data',
        grid: [
          ['a', 'b'],
          [1, 2],
          [3, { formula: '=A2+B2+A3', value: 6 }],
        ],
      },
    ]);
    sheet('Data').deleteRow(2);
    expect(fake.getSheetGrid('Data').formulas[1]).toEqual(['', '=#REF!+#REF!+A2']);
    expect(fake.getSheetGrid('Data').values[1]).toEqual([3, '#REF!']);
  });

  test('ranges shrink when some of their rows go and become #REF! when all do; whole columns stay', () => {
    const { fake, sheet } = fakeWith([
      {
        name: 'Data',
        grid: [
          [
            'n',
            { formula: '=SUM(A2:A9)', value: 0 },
            { formula: '=SUM(A3:A4)', value: 0 },
            { formula: '=SUM(A:A)', value: 0 },
            { formula: '=COUNT(A5:B)', value: 0 },
          ],
        ],
      },
    ]);
    sheet('Data').deleteRows(3, 2);
    expect(fake.getSheetGrid('Data').formulas[0]).toEqual([
      '',
      '=SUM(A2:A7)',
      '=SUM(#REF!)',
      '=SUM(A:A)',
      '=COUNT(A3:B)',
    ]);
  });
});

describe('formulas follow inserted columns and rows', () => {
  test('inserting a column before B turns =C2/B2 into =D2/C2', () => {
    const { fake, sheet } = fakeWith([{ name: 'Data', grid: likeRate() }]);
    sheet('Data').insertColumnsBefore(2, 1);
    expect(formulasIn(fake, 'Data', 5)).toEqual(['', '=D2/C2', '=D3/C3', '=D4/C4', '=D5/C5', '=D6/C6']);
  });

  test('a range grows when columns are inserted inside it, not before it; whole rows and columns move', () => {
    const { fake, sheet } = fakeWith([
      { name: 'Data', grid: [[1, 2, 3, { formula: '=SUM(A1:C1)+SUM(B1:C1)+SUM(C:C)+SUM(1:1)', value: 6 }]] },
    ]);
    sheet('Data').insertColumnsAfter(1, 2);
    expect(fake.getSheetGrid('Data').formulas[0]?.[5]).toBe('=SUM(A1:E1)+SUM(D1:E1)+SUM(E:E)+SUM(1:1)');
    sheet('Data').insertRowsBefore(1, 1);
    expect(fake.getSheetGrid('Data').formulas[1]?.[5]).toBe('=SUM(A2:E2)+SUM(D2:E2)+SUM(E:E)+SUM(2:2)');
  });

  test('deleting a column a formula refers to gives #REF!; columns to its right move left', () => {
    const { fake, sheet } = fakeWith([{ name: 'Data', grid: likeRate() }]);
    sheet('Data').deleteColumn(2);
    expect(formulasIn(fake, 'Data', 3)).toEqual(['', '=B2/#REF!', '=B3/#REF!', '=B4/#REF!', '=B5/#REF!', '=B6/#REF!']);
  });
});

describe('references from other sheets', () => {
  test("'Data'!B2 and Data!B2 move with Data; the other sheet's own references and strings do not", () => {
    const { fake, sheet } = fakeWith([
      { name: 'Data', grid: likeRate() },
      { name: 'My summary', grid: [[{ formula: '=\'Data\'!D6+Data!B5+B5&"Data!B5"', value: 0 }, 1, 2, 3, 4, 5]] },
    ]);
    sheet('Data').deleteRow(3);
    expect(fake.getSheetGrid('My summary').formulas[0]?.[0]).toBe('=\'Data\'!D5+Data!B4+B5&"Data!B5"');
    sheet('Data').insertColumnsBefore(1, 1);
    expect(fake.getSheetGrid('My summary').formulas[0]?.[0]).toBe('=\'Data\'!E5+Data!C4+B5&"Data!B5"');
  });

  test('a formula on Data naming another sheet is left alone when Data changes', () => {
    const { fake, sheet } = fakeWith([
      {
        name: 'Data',
        grid: [
          ['x', { formula: "=Other!A2+'Other'!B3", value: 0 }],
          [1, 2],
          [3, 4],
        ],
      },
      { name: 'Other', grid: [[1]] },
    ]);
    sheet('Data').deleteRow(2);
    sheet('Data').insertColumnsBefore(1, 1);
    expect(fake.getSheetGrid('Data').formulas[0]?.[2]).toBe("=Other!A2+'Other'!B3");
  });
});

describe('frozen rows', () => {
  test('Sheets refuses to delete every non-frozen row', () => {
    const { sheet } = fakeWith([{ name: 'Data', grid: [['h'], [1], [2]] }]);
    const data = sheet('Data');
    data.deleteRows(4, 997);
    data.setFrozenRows(1);
    expect(() => data.deleteRows(2, 2)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    data.deleteRows(2, 1);
    expect(data.getMaxRows()).toBe(2);
  });
});

describe('the formula tokenizer', () => {
  test('finds cells, ranges, whole columns and rows, open-ended ranges, with their sheets; skips strings and names', () => {
    const found: string[] = [];
    mapReferences(`=SUM(A1:B2)+'It''s'!C3+Data!$D$4+LOG10(E5)+"F6"+COUNT(G:H)+SUM(7:8)+SUM(I9:J)+TRUE+#REF!`, (ref) => {
      found.push(`${ref.sheet ?? '-'}|${ref.text}`);
      return undefined;
    });
    expect(found).toEqual(['-|A1:B2', "It's|'It''s'!C3", 'Data|Data!$D$4', '-|E5', '-|G:H', '-|7:8', '-|I9:J']);
  });

  test('copying moves whole columns and open-ended ranges as well', () => {
    expect(shiftFormula('=SUM(A:A)+COUNT(A2:C)+$B:$B', 1, 1)).toBe('=SUM(B:B)+COUNT(B3:D)+$B:$B');
    expect(shiftFormula('=SUM(A1:B2)', -1, 0)).toBe('=SUM(#REF!)');
  });
});
