import { ownEntry } from '../../../src/core/prepare/grid';

// The grid checks and column kinds that lived here (checkGrid, columnIndex, columnKind, columnCells, labelOf) are now
// TikFit's one cell rule in src/core/cells: their tests are in test/core/cells/table.test.ts (tableFromGrid,
// requireColumn, columnCellsOf) and test/core/cells/columnInfo.test.ts (columnInfo, textOf).

describe('ownEntry', () => {
  test("reads a record's own entries", () => {
    expect(ownEntry({ a: 1, b: 2 }, 'b')).toBe(2);
    expect(ownEntry({ a: 1 }, 'z')).toBeUndefined();
    expect(ownEntry(undefined, 'a')).toBeUndefined();
  });

  test('a column named like an Object.prototype member gets nothing from the prototype', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])
      expect(ownEntry({ a: 1 }, name)).toBeUndefined();
    expect(ownEntry(Object.fromEntries([['__proto__', 'x']]), '__proto__')).toBe('x');
    expect(ownEntry({ constructor: 'mean' }, 'constructor')).toBe('mean');
  });
});
