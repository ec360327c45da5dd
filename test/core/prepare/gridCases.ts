import type { Grid } from '../../../src/core/prepare/grid';

/**
 * Grids every preparation step must reject, with the part of the message that names the problem. The caller checks
 * that the message also starts with the step's name (e.g. `cleanGrid: `).
 */
export const malformedGrids: { what: string; grid: Grid; problem: RegExp }[] = [
  { what: 'an empty grid', grid: [], problem: /the data is empty/ },
  { what: 'an empty header row', grid: [[]], problem: /the header row is empty/ },
  { what: 'a blank header', grid: [['a', '  '], [1, 2]], problem: /column 2 has a blank header/ },
  { what: 'a null header', grid: [[null, 'b'], [1, 2]], problem: /column 1 has a blank header/ },
  { what: 'duplicate headers', grid: [['a', 'b', 'a'], [1, 2, 3]], problem: /the header "a" appears twice \(columns 1 and 3\)/ },
  { what: 'headers equal after trimming', grid: [['a b', ' a  b '], [1, 2]], problem: /the header "a b" appears twice/ },
  { what: 'a short (ragged) row', grid: [['a', 'b'], [1, 2], [3]], problem: /row 3 has 1 fields but the header has 2/ },
  { what: 'a long (ragged) row', grid: [['a', 'b'], [1, 2, 3], [4, 5]], problem: /row 2 has 3 fields but the header has 2/ },
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
