import fc from 'fast-check';
import { columnInfo } from '../../../src/core/cells/columnInfo';
import type { Grid } from '../../../src/core/prepare/grid';
import {
  handleRareLevels,
  MAX_RARE_DROP_SHARE,
  OTHER_LEVEL,
  type RareReport,
} from '../../../src/core/prepare/rareLevels';
import { column, expectInputUnchanged, expectUserError, malformedGrids, repeat, tally } from './gridCases';

/** A one-column grid plus a row number, from label counts. */
function levels(counts: Record<string, number>): Grid {
  const rows = Object.entries(counts).flatMap(([label, n]) => repeat(n, [label]));
  return [['c', 'row'], ...rows.map((row, i) => [row[0], i + 1])];
}

describe('handleRareLevels: one column', () => {
  test('the default threshold is 5, inclusive: a level with 5 rows is rare, 6 is not', () => {
    const { grid, report } = handleRareLevels(levels({ a: 6, b: 5, c: 7 }));
    expect(tally(column(grid, 'c'))).toEqual({ a: 6, c: 7 });
    expect(report).toEqual({
      step: 'rare',
      threshold: 5,
      policy: 'drop',
      columns: [{ column: 'c', rareLevels: [{ level: 'b', count: 5 }], rowsDropped: 5, cellsLumped: 0 }],
      rowsBefore: 18,
      rowsAfter: 13,
    });
  });

  test('drop keeps the other rows whole and in order', () => {
    const { grid } = handleRareLevels(
      [
        ['c', 'v'],
        ['a', 1],
        ['b', 2],
        ['a', 3],
        ['a', 4],
      ],
      { threshold: 1 },
    );
    expect(grid).toEqual([
      ['c', 'v'],
      ['a', 1],
      ['a', 3],
      ['a', 4],
    ]);
  });

  test('lump relabels rare levels "Other" and keeps every row', () => {
    const { grid, report } = handleRareLevels(levels({ a: 6, b: 2, c: 1, d: 6 }), { policy: 'lump' });
    expect(OTHER_LEVEL).toBe('Other');
    expect(tally(column(grid, 'c'))).toEqual({ a: 6, Other: 3, d: 6 });
    expect(column(grid, 'row')).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(report.columns).toEqual([
      {
        column: 'c',
        rareLevels: [
          { level: 'b', count: 2 },
          { level: 'c', count: 1 },
        ],
        rowsDropped: 0,
        cellsLumped: 3,
      },
    ]);
    expect(report.rowsAfter).toBe(15);
  });

  test('lumping into an existing "Other" level adds to it', () => {
    const { grid } = handleRareLevels(levels({ a: 6, Other: 6, b: 1 }), { policy: 'lump' });
    expect(tally(column(grid, 'c'))).toEqual({ a: 6, Other: 7 });
  });

  test('rare levels are reported in code-point order', () => {
    const { report } = handleRareLevels(levels({ x: 9, b: 1, B: 1, a: 2, '😀': 1, '～': 1 }), { policy: 'lump' });
    expect(report.columns[0]?.rareLevels.map((l) => l.level)).toEqual(['B', 'a', 'b', '～', '😀']);
  });

  test('missing cells are not a level, and their rows stay', () => {
    const { grid, report } = handleRareLevels([['c'], ...repeat(6, ['a']), [''], ['NA'], ['b']]);
    expect(column(grid, 'c')).toEqual(['a', 'a', 'a', 'a', 'a', 'a', '', 'NA']);
    expect(report.columns[0]?.rareLevels).toEqual([{ level: 'b', count: 1 }]);
  });

  test('labels are counted after trimming', () => {
    const { grid } = handleRareLevels([['c'], ...repeat(3, ['a ']), ...repeat(3, [' a']), ...repeat(6, ['b']), ['z']]);
    expect(tally(column(grid, 'c'))).toEqual({ 'a ': 3, ' a': 3, b: 6 });
  });

  test('threshold 0 finds nothing rare', () => {
    const { grid, report } = handleRareLevels(levels({ a: 1, b: 1, c: 4 }), { threshold: 0 });
    expect(grid.length).toBe(7);
    expect(report.columns).toEqual([]);
  });

  test('numeric, binary, identifier and empty columns, and skipped columns, are left alone', () => {
    const grid: Grid = [
      ['n', 'flag', 'title', 'empty', 'target', 'c'],
      ...Array.from({ length: 8 }, (_, i) => [i, i % 2, `video ${i}`, '', i < 7 ? 'y' : 'n', 'a']),
    ];
    const { grid: out, report } = handleRareLevels(grid, { threshold: 2, skip: ['target'] });
    expect(out).toEqual(grid);
    expect(report.columns).toEqual([]);
    // Without the skip, the target's rare level is dropped.
    expect(handleRareLevels(grid, { threshold: 2 }).report.rowsAfter).toBe(7);
  });

  test('a negative or NaN threshold, or an unknown policy, throws', () => {
    expectUserError(
      () => handleRareLevels(levels({ a: 1 }), { threshold: -1 }),
      'The rare-level threshold must be 0 or more, got -1',
    );
    expectUserError(
      () => handleRareLevels(levels({ a: 1 }), { threshold: NaN }),
      'The rare-level threshold must be 0 or more, got NaN',
    );
    expectUserError(
      () => handleRareLevels(levels({ a: 1 }), { policy: 'merge' as 'drop' }),
      'Rare levels are dropped or lumped, not "merge"',
    );
  });
});

describe('handleRareLevels: columns left to right, counts taken after each drop', () => {
  // Threshold 3. Column A: a2 ×3 and a3 ×3 are rare. Column B, counted on the whole grid, has no rare level
  // (bv 4, bx 4, by 8). But once A's rare rows are gone, bv has vanished (all its rows had a2 or a3) and
  // bx is down to 2, so it becomes rare and its rows go too: 8 of 16 rows are left, exactly the share allowed.
  const grid: Grid = [
    ['A', 'B', 'id'],
    ['a2', 'bv', 1],
    ['a2', 'bv', 2],
    ['a2', 'bv', 3],
    ['a3', 'bv', 4],
    ['a3', 'bx', 5],
    ['a3', 'bx', 6],
    ['a1', 'bx', 7],
    ['a1', 'bx', 8],
    ...[9, 10, 11, 12, 13, 14, 15, 16].map((id) => ['a1', 'by', id]),
  ];

  test('B is counted on the rows A left: bv vanishes, bx becomes rare', () => {
    const { grid: out, report } = handleRareLevels(grid, { threshold: 3 });
    expect(out).toEqual([['A', 'B', 'id'], ...[9, 10, 11, 12, 13, 14, 15, 16].map((id) => ['a1', 'by', id])]);
    expect(report.columns).toEqual([
      {
        column: 'A',
        rareLevels: [
          { level: 'a2', count: 3 },
          { level: 'a3', count: 3 },
        ],
        rowsDropped: 6,
        cellsLumped: 0,
      },
      // bv is not reported: it no longer occurs. bx has 2 rows left, not its original 4.
      { column: 'B', rareLevels: [{ level: 'bx', count: 2 }], rowsDropped: 2, cellsLumped: 0 },
    ]);
    expect(report.rowsBefore).toBe(16);
    expect(report.rowsAfter).toBe(8);
  });

  test('with three fewer by rows, dropping bx would leave 5 of 13 rows: B is lumped instead, and the report says so', () => {
    const short = grid.filter((row) => !(typeof row[2] === 'number' && row[2] > 13));
    const { grid: out, report } = handleRareLevels(short, { threshold: 3 });
    expect(out).toEqual([
      ['A', 'B', 'id'],
      ['a1', OTHER_LEVEL, 7],
      ['a1', OTHER_LEVEL, 8],
      ...[9, 10, 11, 12, 13].map((id) => ['a1', 'by', id]),
    ]);
    expect(report.columns[1]).toEqual({
      column: 'B',
      rareLevels: [{ level: 'bx', count: 2 }],
      rowsDropped: 0,
      cellsLumped: 2,
      lumpedInstead: true,
    });
    expect(report.rowsBefore).toBe(13);
    expect(report.rowsAfter).toBe(7);
  });

  test('the order of the columns matters: with B first, nothing in B is rare and bx survives', () => {
    const swapped = grid.map((row) => [row[1], row[0], row[2]]);
    const { grid: out, report } = handleRareLevels(swapped, { threshold: 3 });
    expect(report.columns.map((c) => c.column)).toEqual(['A']);
    expect(tally(column(out, 'B'))).toEqual({ bx: 2, by: 8 });
  });

  test('lumping removes no rows, so B keeps its counts and has no rare level', () => {
    const { grid: out, report } = handleRareLevels(grid, { threshold: 3, policy: 'lump' });
    expect(report.columns.map((c) => c.column)).toEqual(['A']);
    expect(tally(column(out, 'A'))).toEqual({ Other: 6, a1: 10 });
    expect(column(out, 'B')).toEqual(column(grid, 'B'));
  });

  test('does not change its input', () => {
    expectInputUnchanged(grid, (g) => handleRareLevels(g, { threshold: 3 }));
    expectInputUnchanged(grid, (g) => handleRareLevels(g, { threshold: 3, policy: 'lump' }));
  });
});

describe('handleRareLevels: never drops more than half the rows', () => {
  test('the share is a half', () => {
    expect(MAX_RARE_DROP_SHARE).toBe(0.5);
  });

  test('a drop that would delete every row lumps instead', () => {
    const { grid, report } = handleRareLevels([['c'], ['a'], ['a'], ['b'], ['b']]);
    expect(grid).toEqual([['c'], [OTHER_LEVEL], [OTHER_LEVEL], [OTHER_LEVEL], [OTHER_LEVEL]]);
    expect(report).toEqual({
      step: 'rare',
      threshold: 5,
      policy: 'drop',
      columns: [
        {
          column: 'c',
          rareLevels: [
            { level: 'a', count: 2 },
            { level: 'b', count: 2 },
          ],
          rowsDropped: 0,
          cellsLumped: 4,
          lumpedInstead: true,
        },
      ],
      rowsBefore: 4,
      rowsAfter: 4,
    });
  });

  test('dropping exactly half the rows is allowed; one row more is not', () => {
    // 12 rows: a and c (6 rows) are rare, b is not; 6 rows are left, exactly half.
    expect(handleRareLevels(levels({ a: 5, b: 6, c: 1 })).report).toMatchObject({
      rowsBefore: 12,
      rowsAfter: 6,
      columns: [{ rowsDropped: 6, cellsLumped: 0 }],
    });
    // 13 rows: dropping 6 leaves 7, more than half; dropping 7 would leave 6, less than half.
    expect(handleRareLevels(levels({ a: 5, b: 7, c: 1 })).report).toMatchObject({ rowsBefore: 13, rowsAfter: 7 });
    const { grid, report } = handleRareLevels(levels({ a: 5, b: 6, c: 2 }));
    expect(report).toMatchObject({
      rowsBefore: 13,
      rowsAfter: 13,
      columns: [{ rowsDropped: 0, cellsLumped: 7, lumpedInstead: true }],
    });
    expect(tally(column(grid, 'c'))).toEqual({ b: 6, Other: 7 });
  });

  test('the share is of the rows the step was given: an earlier drop uses up part of it', () => {
    // 20 rows, threshold 3: A's rare levels a2, a3 and a4 have 8 rows, which are dropped.
    const grid: Grid = [
      ['A', 'B'],
      ...repeat(3, ['a2', 'b1']),
      ...repeat(3, ['a3', 'b1']),
      ...repeat(2, ['a4', 'b1']),
      ...repeat(3, ['a1', 'b2']),
      ...repeat(9, ['a1', 'b1']),
    ];
    const { report } = handleRareLevels(grid, { threshold: 3 });
    // A: 20 → 12 rows. B on those 12: b2 ×3 is rare; dropping it would leave 9 < 10, so B is lumped.
    expect(report.columns).toEqual([
      {
        column: 'A',
        rareLevels: [
          { level: 'a2', count: 3 },
          { level: 'a3', count: 3 },
          { level: 'a4', count: 2 },
        ],
        rowsDropped: 8,
        cellsLumped: 0,
      },
      { column: 'B', rareLevels: [{ level: 'b2', count: 3 }], rowsDropped: 0, cellsLumped: 3, lumpedInstead: true },
    ]);
    expect(report.rowsAfter).toBe(12);
  });
});

describe('handleRareLevels: shape', () => {
  test('a single data row: its one text value is an identifier, so nothing happens', () => {
    expect(
      handleRareLevels([
        ['c', 'n'],
        ['a', 1],
      ]).grid,
    ).toEqual([
      ['c', 'n'],
      ['a', 1],
    ]);
  });

  // The brief says a header-only grid must throw; handleRareLevels accepts it. Pinned; see the report to the lead.
  test('a header without data rows (current behaviour)', () => {
    expect(handleRareLevels([['a', 'b']]).grid).toEqual([['a', 'b']]);
  });

  test.each(malformedGrids)("rejects $what in the user's words, naming no internal function", ({ grid, message }) => {
    expectUserError(() => handleRareLevels(grid), message);
  });
});

describe('handleRareLevels: properties', () => {
  // Grids of an id column (numbers, never touched) and 1–4 label columns; a tenth of the labels are blank.
  const grids = fc
    .record({
      width: fc.integer({ min: 1, max: 4 }),
      rows: fc.integer({ min: 0, max: 60 }),
      alphabet: fc.integer({ min: 1, max: 6 }),
    })
    .chain(({ width, rows, alphabet }) =>
      fc
        .array(
          fc.array(
            fc.oneof(
              { weight: 9, arbitrary: fc.integer({ min: 0, max: alphabet - 1 }).map((k) => `L${k}`) },
              { weight: 1, arbitrary: fc.constant('') },
            ),
            { minLength: width, maxLength: width },
          ),
          {
            minLength: rows,
            maxLength: rows,
          },
        )
        .map((body): Grid => [
          ['id', ...Array.from({ length: width }, (_, j) => `c${j}`)],
          ...body.map((row, i) => [i + 1, ...row]),
        ]),
    );
  const settings = fc.record({
    threshold: fc.integer({ min: 0, max: 6 }),
    policy: fc.constantFrom<'drop' | 'lump'>('drop', 'lump'),
  });
  const kindOf = (grid: Grid, j: number): string =>
    columnInfo(column(grid, (grid[0] as string[])[j] as string), 'dot').kind;
  const entryOf = (report: RareReport, name: string): RareReport['columns'][number] | undefined =>
    report.columns.find((c) => c.column === name);

  test('drop keeps at least half the rows', () => {
    fc.assert(
      fc.property(grids, fc.integer({ min: 0, max: 6 }), (grid, threshold) => {
        const { grid: out, report } = handleRareLevels(grid, { threshold });
        expect(report.rowsBefore).toBe(grid.length - 1);
        expect(report.rowsAfter).toBe(out.length - 1);
        expect(report.rowsAfter).toBeGreaterThanOrEqual(report.rowsBefore * (1 - MAX_RARE_DROP_SHARE));
      }),
      { numRuns: 300 },
    );
  });

  test('a column is lumped instead exactly when dropping its rare levels would pass the share', () => {
    fc.assert(
      fc.property(grids, settings, (grid, { threshold, policy }) => {
        const { report } = handleRareLevels(grid, { threshold, policy });
        let remaining = report.rowsBefore;
        for (const entry of report.columns) {
          const rareRows = entry.rareLevels.reduce((a, l) => a + l.count, 0);
          const passes = remaining - rareRows < report.rowsBefore * (1 - MAX_RARE_DROP_SHARE);
          const lumpedInstead = policy === 'drop' && passes;
          expect('lumpedInstead' in entry).toBe(lumpedInstead);
          if (lumpedInstead) expect(entry.lumpedInstead).toBe(true);
          const dropped = policy === 'drop' && !lumpedInstead;
          expect(entry.rowsDropped).toBe(dropped ? rareRows : 0);
          expect(entry.cellsLumped).toBe(dropped ? 0 : rareRows);
          remaining -= entry.rowsDropped;
        }
        expect(remaining).toBe(report.rowsAfter);
      }),
      { numRuns: 300 },
    );
  });

  test('no level reported rare is left as it was, whether dropped or lumped', () => {
    fc.assert(
      fc.property(grids, settings, (grid, { threshold, policy }) => {
        const { grid: out, report } = handleRareLevels(grid, { threshold, policy });
        for (const entry of report.columns) {
          const left = new Set(column(out, entry.column));
          for (const { level } of entry.rareLevels) expect(left.has(level)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('when nothing is lumped instead, drop leaves no rare level in the column processed last', () => {
    fc.assert(
      fc.property(grids, fc.integer({ min: 0, max: 6 }), (grid, threshold) => {
        const header = grid[0] as string[];
        const j = header.length - 1;
        // The last column is processed when it is categorical in the step's input (each column is classified
        // once, on the table the step was given).
        fc.pre(kindOf(grid, j) === 'categorical');
        const { grid: out, report } = handleRareLevels(grid, { threshold });
        fc.pre(report.columns.every((c) => !c.lumpedInstead));
        for (const count of Object.values(tally(column(out, header[j] as string).filter((c) => c !== ''))))
          expect(count).toBeGreaterThan(threshold);
      }),
      { numRuns: 300 },
    );
  });

  test('left to right: the whole run equals the run without the last column, then the last column alone', () => {
    fc.assert(
      fc.property(grids, settings, (grid, { threshold, policy }) => {
        const header = grid[0] as string[];
        const last = header[header.length - 1] as string;
        const whole = handleRareLevels(grid, { threshold, policy });
        const before = handleRareLevels(grid, { threshold, policy, skip: [last] }).grid;
        // The composition holds while the last column is not lumped for the share (the second run's share is of
        // fewer rows) and keeps its kind on the rows the earlier columns left (each run classifies its own input).
        fc.pre(!entryOf(whole.report, last)?.lumpedInstead);
        fc.pre(kindOf(before, header.length - 1) === kindOf(grid, header.length - 1));
        const then = handleRareLevels(before, { threshold, policy, skip: header.slice(0, -1) }).grid;
        expect(whole.grid).toEqual(then);
      }),
      { numRuns: 300 },
    );
  });

  test('lump keeps every row as it was but for rare labels; drop keeps only rows of the input, in order', () => {
    fc.assert(
      fc.property(grids, settings, (grid, { threshold, policy }) => {
        const { grid: out, report } = handleRareLevels(grid, { threshold, policy });
        const header = grid[0] as string[];
        expect(out[0]).toEqual(header);
        const byId = new Map(grid.slice(1).map((row) => [row[0], row]));
        const ids = out.slice(1).map((row) => row[0] as number);
        // Rows of the input, in order, each once; lump keeps them all.
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(ids.length);
        if (policy === 'lump') expect(ids).toEqual(grid.slice(1).map((row) => row[0]));
        for (const row of out.slice(1)) {
          const original = byId.get(row[0]) as unknown[];
          expect(original).toBeDefined();
          row.forEach((cell, j) => {
            if (cell === original[j]) return;
            // A changed cell is a rare label of a lumped column, now "Other".
            const entry = entryOf(report, header[j] as string);
            expect(cell).toBe(OTHER_LEVEL);
            expect(entry?.cellsLumped).toBeGreaterThan(0);
            expect(entry?.rareLevels.map((l) => l.level)).toContain(original[j]);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
