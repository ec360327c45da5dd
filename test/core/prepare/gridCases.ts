import type { Grid } from '../../../src/core/prepare/grid';

export { expectUserError, INTERNAL_PREFIX } from '../../helpers/userError';

/**
 * Grids every preparation step must reject, with the message in the user's words (from `tableFromGrid`): it names
 * the column by its letter and the row by its number on the sheet, says what to fix, and starts with no internal
 * function name (`cleanGrid: `). Check a step with `expectUserError`.
 */
export const malformedGrids: { what: string; grid: Grid; message: string }[] = [
  { what: 'an empty grid', grid: [], message: 'The data is empty: put a header row and your data on the sheet' },
  {
    what: 'an empty header row',
    grid: [[]],
    message: 'The header row is empty: put one name per column in the first row',
  },
  {
    what: 'a blank header',
    grid: [
      ['a', '  '],
      [1, 2],
    ],
    message: 'Column B has no header: give it a name in row 1',
  },
  {
    what: 'a null header',
    grid: [
      [null, 'b'],
      [1, 2],
    ],
    message: 'Column A has no header: give it a name in row 1',
  },
  {
    what: 'duplicate headers',
    grid: [
      ['a', 'b', 'a'],
      [1, 2, 3],
    ],
    message: 'The header "a" appears twice (columns A and C): rename one of them',
  },
  {
    what: 'headers equal after trimming',
    grid: [
      ['a b', ' a  b '],
      [1, 2],
    ],
    message: 'The header "a b" appears twice (columns A and B): rename one of them',
  },
  {
    what: 'a short (ragged) row',
    grid: [['a', 'b'], [1, 2], [3]],
    message: 'Row 3 has 1 cell but the header has 2: fix that row',
  },
  {
    what: 'a long (ragged) row',
    grid: [
      ['a', 'b'],
      [1, 2, 3],
      [4, 5],
    ],
    message: 'Row 2 has 3 cells but the header has 2: fix that row',
  },
];

/** Runs `step` on a deep copy-checked grid and asserts that the input is unchanged afterwards. */
export function expectInputUnchanged(grid: Grid, step: (grid: Grid) => unknown): void {
  const before = structuredClone(grid);
  step(grid);
  expect(grid).toStrictEqual(before);
}

/** The cells of column `name` below the header. */
export function column(grid: Grid, name: string): unknown[] {
  const j = (grid[0] as unknown[]).indexOf(name);
  if (j < 0) throw new Error(`test: no column ${name} in ${JSON.stringify(grid[0])}`);
  return grid.slice(1).map((row) => row[j]);
}

/** Counts of each cell's text, for comparing label tallies regardless of row order. */
export function tally(cells: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const cell of cells) counts[String(cell)] = (counts[String(cell)] ?? 0) + 1;
  return counts;
}

/** `count` copies of `row`. */
export function repeat<T>(count: number, row: T): T[] {
  return Array.from({ length: count }, () => (Array.isArray(row) ? (row.slice() as T) : row));
}
