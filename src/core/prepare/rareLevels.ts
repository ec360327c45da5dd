import { codePointCompare } from '../codePointCompare';
import { isMissingValue } from '../cells/missingValue';
import { checkGrid, columnCells, columnKind, labelOf, type Grid } from './grid';

/** Options for `handleRareLevels`. */
export interface RareOptions {
  /** A level is rare when it has at most this many rows (default 5). */
  threshold?: number;
  /** 'drop' deletes the rows of rare levels (the article); 'lump' relabels them "Other". Default 'drop'. */
  policy?: 'drop' | 'lump';
  /** Columns not to touch (the target, say). */
  skip?: readonly string[];
}

/** What `handleRareLevels` did, column by column in the order it went. */
export interface RareReport {
  step: 'rare';
  threshold: number;
  policy: 'drop' | 'lump';
  columns: { column: string; rareLevels: { level: string; count: number }[]; rowsDropped: number; cellsLumped: number }[];
  rowsBefore: number;
  rowsAfter: number;
}

/** The label rare levels are lumped into. */
export const OTHER_LEVEL = 'Other';

/**
 * Deals with rare levels of categorical columns, left to right. For each column the counts are taken on the rows
 * still there (so an earlier column's drop can make a later level rare, or make one vanish), and levels with at
 * most `threshold` rows are dropped with their rows or lumped into "Other". Missing cells are not a level.
 * Returns a new grid. Cost: O(cells).
 * @throws Error for malformed grids or a negative threshold.
 */
export function handleRareLevels(grid: Grid, options: RareOptions = {}): { grid: Grid; report: RareReport } {
  const header = checkGrid(grid, 'handleRareLevels');
  const threshold = options.threshold ?? 5;
  const policy = options.policy ?? 'drop';
  if (!(threshold >= 0)) throw new Error(`handleRareLevels: the threshold must be 0 or more, got ${threshold}`);
  if (policy !== 'drop' && policy !== 'lump') throw new Error(`handleRareLevels: the policy must be drop or lump, got "${String(policy)}"`);
  const skip = new Set(options.skip ?? []);
  let rows: unknown[][] = grid.slice(1).map((row) => row.slice());
  const report: RareReport = { step: 'rare', threshold, policy, columns: [], rowsBefore: rows.length, rowsAfter: 0 };
  header.forEach((name, j) => {
    if (skip.has(name)) return;
    const current = [header, ...rows];
    if (columnKind(columnCells(current, j)) !== 'categorical') return;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const cell = row[j];
      if (!isMissingValue(cell)) counts.set(labelOf(cell), (counts.get(labelOf(cell)) ?? 0) + 1);
    }
    const rare = [...counts.entries()].filter(([, count]) => count <= threshold).sort((a, b) => codePointCompare(a[0], b[0]));
    if (rare.length === 0) return;
    const rareSet = new Set(rare.map(([level]) => level));
    const before = rows.length;
    let lumped = 0;
    if (policy === 'drop') {
      rows = rows.filter((row) => isMissingValue(row[j]) || !rareSet.has(labelOf(row[j])));
    } else {
      for (const row of rows) {
        if (!isMissingValue(row[j]) && rareSet.has(labelOf(row[j]))) {
          row[j] = OTHER_LEVEL;
          lumped++;
        }
      }
    }
    report.columns.push({ column: name, rareLevels: rare.map(([level, count]) => ({ level, count })), rowsDropped: before - rows.length, cellsLumped: lumped });
  });
  report.rowsAfter = rows.length;
  return { grid: [header, ...rows], report };
}
