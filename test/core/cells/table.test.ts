import { columnInfo } from '../../../src/core/cells/columnInfo';
import {
  columnCellsOf,
  columnLetter,
  deriveTable,
  findColumn,
  infoOf,
  insertColumn,
  onGrid,
  requireColumn,
  sheetRow,
  tableFromGrid,
  tableToGrid,
  type Table,
} from '../../../src/core/cells/table';
import { handleRareLevelsInTable } from '../../../src/core/prepare/rareLevels';
import { imputeTable } from '../../../src/core/prepare/imputeColumns';
import { markMissingInTable } from '../../../src/core/prepare/markMissing';
import type { Grid } from '../../../src/core/prepare/grid';
import { expectUserError } from '../../helpers/userError';
import { expectInputUnchanged, malformedGrids } from '../prepare/gridCases';

// The one typed table the steps pass along (issue 9): checked once by tableFromGrid, each column classified once.

describe("tableFromGrid: the check, once, in the user's words", () => {
  test('headers are trimmed, inner runs of white space collapsed, and non-text names written as text', () => {
    expect(
      tableFromGrid([
        ['  views ', 'new\t followers', 2024, true],
        [1, 2, 3, 4],
      ]).names,
    ).toEqual(['views', 'new followers', '2024', 'true']);
  });

  test.each(malformedGrids)('rejects $what', ({ grid, message }) => {
    expectUserError(() => tableFromGrid(grid), message);
  });

  test('columns past Z are named as the sheet names them', () => {
    const header = Array.from({ length: 28 }, (_, j) => (j === 27 ? '' : `c${j}`));
    expectUserError(() => tableFromGrid([header]), 'Column AB has no header: give it a name in row 1');
    const twice = [...Array.from({ length: 26 }, (_, j) => `c${j}`), 'c0'];
    expectUserError(
      () => tableFromGrid([twice]),
      'The header "c0" appears twice (columns A and AA): rename one of them',
    );
  });

  test('a single data row, and a header without data rows, are accepted', () => {
    expect(
      tableFromGrid([
        ['a', 'b'],
        ['x', 1],
      ]).rows,
    ).toEqual([['x', 1]]);
    const empty = tableFromGrid([['a', 'b']]);
    expect(empty.names).toEqual(['a', 'b']);
    expect(empty.rows).toEqual([]);
    expect(infoOf(empty, 0).kind).toBe('empty');
  });

  test('does not change the grid', () => {
    expectInputUnchanged(
      [
        [' a ', 'b'],
        [' x ', 1],
      ],
      (grid) => tableFromGrid(grid),
    );
  });

  test('rows and columns start as their own sources; no column is classified yet', () => {
    const table = tableFromGrid([
      ['a', 'b'],
      [1, 'x'],
      [2, 'y'],
      [3, 'x'],
    ]);
    expect(table.rowSources).toEqual([0, 1, 2]);
    expect(table.columnSources).toEqual([0, 1]);
    expect(table.infos).toEqual([undefined, undefined]);
  });
});

describe('tableFromGrid: number styles', () => {
  test('each column whose text tells has its own style', () => {
    expect(
      tableFromGrid([
        ['a', 'b'],
        ['1,234.5', '12,5'],
        ['2.5', '3,5'],
      ]).styles,
    ).toEqual(['dot', 'comma']);
  });

  test('a decimal-comma sheet: a column that does not tell (1.234, 850) takes the style of the columns that do', () => {
    const table = tableFromGrid([
      ['views', 'watched', 'rate'],
      ['1.234', '12,5', '45,2 %'],
      ['850', '3,5', '9,0 %'],
      ['2.500', '7', '10 %'],
    ]);
    expect(table.styles).toEqual(['comma', 'comma', 'comma']);
    expect(Array.from(infoOf(table, 0).values ?? [])).toEqual([1234, 850, 2500]);
    expect(Array.from(infoOf(table, 1).values ?? [])).toEqual([12.5, 3.5, 7]);
    expect(Array.from(infoOf(table, 2).values ?? [])).toEqual([0.452, 0.09, 0.1]);
  });

  test('without a comma column, or when columns disagree, a column that does not tell is dot', () => {
    expect(
      tableFromGrid([
        ['a', 'b'],
        ['1.234', '7'],
        ['850', '8'],
      ]).styles,
    ).toEqual(['dot', 'dot']);
    const mixed = tableFromGrid([
      ['a', 'b', 'c'],
      ['1.234', '12,5', '1,234.5'],
      ['850', '3,5', '2.5'],
    ]);
    expect(mixed.styles).toEqual(['dot', 'comma', 'dot']);
    expect(Array.from(infoOf(mixed, 0).values ?? [])).toEqual([1.234, 850]);
  });
});

describe('columns of a table', () => {
  const table = tableFromGrid([
    ['a', 'b', 'c'],
    [1, 'x', ''],
    [2, 'y', 'NA'],
    [3, 'x', ''],
  ]);

  test('columnCellsOf returns one column; tableToGrid the grid, header first', () => {
    expect(columnCellsOf(table, 1)).toEqual(['x', 'y', 'x']);
    expect(columnCellsOf(tableFromGrid([['a', 'b']]), 0)).toEqual([]);
    expect(tableToGrid(table)).toEqual([
      ['a', 'b', 'c'],
      [1, 'x', ''],
      [2, 'y', 'NA'],
      [3, 'x', ''],
    ]);
  });

  test('findColumn gives -1 for a column that is not there; requireColumn names it, the role and the columns there are', () => {
    expect(findColumn(table, 'b')).toBe(1);
    expect(findColumn(table, 'z')).toBe(-1);
    expect(requireColumn(table, 'c', 'the trend')).toBe(2);
    expectUserError(
      () => requireColumn(table, 'z', 'the column to explain'),
      'There is no column "z" (the column to explain); the columns are a, b, c',
    );
  });

  test('a long list of columns is cut after twelve', () => {
    const wide = tableFromGrid([Array.from({ length: 14 }, (_, j) => `c${j}`)]);
    expectUserError(
      () => requireColumn(wide, 'z', 'named to keep'),
      'There is no column "z" (named to keep); the columns are c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, …',
    );
  });

  test('columnLetter names columns as the sheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  test('insertColumn adds a new column (no source) and leaves the others', () => {
    infoOf(table, 0);
    const wider = insertColumn(table, 1, 'a_missing', [0, 1, 0]);
    expect(tableToGrid(wider)).toEqual([
      ['a', 'a_missing', 'b', 'c'],
      [1, 0, 'x', ''],
      [2, 1, 'y', 'NA'],
      [3, 0, 'x', ''],
    ]);
    expect(wider.columnSources).toEqual([0, null, 1, 2]);
    expect(wider.rowSources).toBe(table.rowSources);
    expect(wider.infos[0]).toBe(table.infos[0]);
    expect(infoOf(wider, 1).kind).toBe('binary');
  });

  test('onGrid runs a table step on a grid and returns a grid', () => {
    const step = onGrid((t: Table, options?: { name: string }) => ({
      table: insertColumn(
        t,
        0,
        options?.name ?? 'n',
        t.rows.map((_, i) => i),
      ),
      report: t.rows.length,
    }));
    expect(step([['a'], ['x'], ['y']], { name: 'i' })).toEqual({
      grid: [
        ['i', 'a'],
        [0, 'x'],
        [1, 'y'],
      ],
      report: 2,
    });
    expectUserError(() => step([]), 'The data is empty: put a header row and your data on the sheet');
  });
});

describe('rowSources: the row the user sees, after rows are dropped', () => {
  // Rows 2–21 on the sheet. Topic "z" (rows 2 and 3) is rare and dropped; views has a typo on sheet row 9.
  const grid: Grid = [
    ['topic', 'views'],
    ['z', 1],
    ['z', 2],
    ...Array.from({ length: 18 }, (_, i) => ['a', i === 5 ? '1O24' : 10 + i]),
  ];

  test('a drop keeps the sources of the rows it keeps, and sheetRow gives their sheet rows', () => {
    const table = tableFromGrid(grid);
    expect(sheetRow(table, 0)).toBe(2);
    const { table: kept } = handleRareLevelsInTable(table, { threshold: 2 });
    expect(kept.rowSources).toEqual(Array.from({ length: 18 }, (_, i) => i + 2));
    expect(kept.rows).toHaveLength(18);
    const stray = infoOf(kept, 1).strays[0];
    expect(stray).toEqual({ row: 5, text: '1O24' });
    expect(sheetRow(kept, (stray as { row: number }).row)).toBe(9);
  });

  test('sources compose over two drops', () => {
    const { table: first } = handleRareLevelsInTable(tableFromGrid(grid), { threshold: 2 });
    const { table: second, report } = imputeTable(first, { methods: { views: 'drop' } });
    expect(report.columns[0]).toMatchObject({ column: 'views', rowsDropped: 1, strays: [{ row: 9, text: '1O24' }] });
    expect(second.rowSources.slice(0, 7)).toEqual([2, 3, 4, 5, 6, 8, 9]);
    expect(second.rows.map((_, i) => sheetRow(second, i)).slice(0, 7)).toEqual([4, 5, 6, 7, 8, 10, 11]);
    expect(second.rows).toHaveLength(17);
  });
});

describe('column classifications: computed once, kept until a step changes the column', () => {
  const grid: Grid = [
    ['a', 'b', 'c'],
    [1, 'x', 'NA'],
    [2, 'y', 3],
    [0, 'x', 4],
  ];

  test('infoOf classifies a column on first use and returns the same object after', () => {
    const table = tableFromGrid(grid);
    const second = infoOf(table, 1);
    expect(table.infos[1]).toBe(second);
    expect(infoOf(table, 1)).toBe(second);
    // The other columns are not classified until asked for (each is a column of the table, read on its own).
    expect(table.infos[0]).toBeUndefined();
    expect(table.infos[2]).toBeUndefined();
    const third = infoOf(table, 2);
    expect(third).toEqual(columnInfo(columnCellsOf(table, 2), table.styles[2] ?? 'dot'));
    expect(table.infos[2]).toBe(third);
  });

  test('deriveTable keeps the classifications of the columns not listed in changed, and forgets those listed', () => {
    const table = tableFromGrid(grid);
    const [a, b, c] = [0, 1, 2].map((j) => infoOf(table, j));
    const rows = table.rows.map((row) => row.slice());
    (rows[0] as unknown[])[2] = '';
    const next = deriveTable(table, { rows, changed: [2] });
    expect(next.infos[0]).toBe(a);
    expect(next.infos[1]).toBe(b);
    expect(next.infos[2]).toBeUndefined();
    expect(infoOf(next, 2)).not.toBe(c);
    expect(infoOf(next, 2).missing).toBe(1);
    // The old table keeps its own.
    expect(table.infos[2]).toBe(c);
  });

  test('new rows with new sources (a drop) forget every classification', () => {
    const table = tableFromGrid(grid);
    infoOf(table, 0);
    infoOf(table, 1);
    const next = deriveTable(table, { rows: table.rows.slice(1), rowSources: [1, 2] });
    expect(next.infos).toEqual([undefined, undefined, undefined]);
    expect(next.rowSources).toEqual([1, 2]);
  });

  test("a step that changes some columns keeps the others' classifications", () => {
    const table = tableFromGrid(grid);
    const [a, b, c] = [infoOf(table, 0), infoOf(table, 1), infoOf(table, 2)];
    const { table: marked } = markMissingInTable(table, { zeroMissing: ['a'] });
    expect(marked.infos[0]).toBeUndefined(); // a zero became blank
    expect(marked.infos[1]).toBe(b); // untouched
    // NA became blank: missing either way, so the column reads the same and keeps its classification.
    expect(marked.infos[2]).toBe(c);
    expect(columnInfo(columnCellsOf(marked, 2), marked.styles[2] ?? 'dot')).toEqual(c);
    expect(infoOf(marked, 0).missing).toBe(1);
    expect(a.missing).toBe(0);
  });
});
