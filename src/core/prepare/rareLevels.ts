import { codePointCompare } from '../cells/codePointCompare';
import { textOf } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import { columnWriter, deriveTable, infoOf, onGrid, type Table } from '../cells/table';

/** Options for `handleRareLevelsInTable`. */
export interface RareOptions {
  /** A level is rare when it has at most this many rows (default 5). */
  threshold?: number;
  /** 'drop' deletes the rows of rare levels (the article); 'lump' relabels them "Other". Default 'drop'. */
  policy?: 'drop' | 'lump';
  /** Columns not to touch (the target, say). */
  skip?: readonly string[];
}

/** What `handleRareLevelsInTable` did, column by column in the order it went. */
export interface RareReport {
  step: 'rare';
  threshold: number;
  policy: 'drop' | 'lump';
  columns: {
    column: string;
    rareLevels: { level: string; count: number }[];
    rowsDropped: number;
    cellsLumped: number;
    /** True when the policy was drop but dropping would have removed too many rows, so the levels were lumped. */
    lumpedInstead?: boolean;
  }[];
  rowsBefore: number;
  rowsAfter: number;
}

/** The label rare levels are lumped into. */
export const OTHER_LEVEL = 'Other';

/**
 * The rare-level step never deletes more than this share of the rows it was given: a column whose drop would take
 * the total past it has its rare levels lumped into "Other" instead, and the report says so.
 */
export const MAX_RARE_DROP_SHARE = 0.5;

/**
 * Deals with rare levels of categorical columns (never dates, numbers or identifiers), left to right. For each
 * column the counts are taken on the rows still there (so an earlier column's drop can make a later level rare, or
 * make one vanish), and levels with at most `threshold` rows are dropped with their rows or lumped into "Other".
 * Dropping stops short of removing more than `MAX_RARE_DROP_SHARE` of the rows: past that, a column is lumped.
 * Missing cells are not a level. Returns a new table. Cost: O(cells).
 * @throws Error for a negative threshold or an unknown policy.
 */
export function handleRareLevelsInTable(table: Table, options: RareOptions = {}): { table: Table; report: RareReport } {
  const threshold = options.threshold ?? 5;
  const policy = options.policy ?? 'drop';
  if (!(threshold >= 0)) throw new Error(`The rare-level threshold must be 0 or more, got ${threshold}`);
  if (policy !== 'drop' && policy !== 'lump')
    throw new Error(`Rare levels are dropped or lumped, not "${String(policy)}"`);
  const skip = new Set(options.skip ?? []);
  const writer = columnWriter(table);
  let sources: number[] = table.rowSources.slice();
  const report: RareReport = {
    step: 'rare',
    threshold,
    policy,
    columns: [],
    rowsBefore: writer.rowCount,
    rowsAfter: 0,
  };
  const minimumRows = Math.ceil(writer.rowCount * (1 - MAX_RARE_DROP_SHARE));
  const changed: number[] = [];
  table.names.forEach((name, j) => {
    if (skip.has(name) || infoOf(table, j).kind !== 'categorical') return;
    const column = writer.columns[j] as unknown[];
    const rowCount = writer.rowCount;
    // Counted by cell first, then by label (a cell's text): a label per cell took most of this step at 330,000 rows
    // (bench/pipeline-one.mjs), and the rows share a few cells.
    const cellCounts = new Map<unknown, number>();
    for (let i = 0; i < rowCount; i++) {
      const cell = column[i];
      cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
    }
    const counts = new Map<string, number>();
    for (const [cell, count] of cellCounts)
      if (!isMissingValue(cell)) counts.set(textOf(cell), (counts.get(textOf(cell)) ?? 0) + count);
    const rare = [...counts.entries()]
      .filter(([, count]) => count <= threshold)
      .sort((a, b) => codePointCompare(a[0], b[0]));
    if (rare.length === 0) return;
    const rareSet = new Set(rare.map(([level]) => level));
    const rareCells = new Set(
      [...cellCounts.keys()].filter((cell) => !isMissingValue(cell) && rareSet.has(textOf(cell))),
    );
    const before = rowCount;
    let lumped = 0;
    const kept: number[] = [];
    for (let i = 0; i < rowCount; i++) if (!rareCells.has(column[i])) kept.push(i);
    const lumpedInstead = policy === 'drop' && kept.length < minimumRows;
    if (policy === 'drop' && !lumpedInstead) {
      writer.keep(kept);
      sources = kept.map((i) => sources[i] as number);
    } else {
      for (let i = 0; i < rowCount; i++) {
        if (rareCells.has(column[i])) {
          writer.set(i, j, OTHER_LEVEL);
          lumped++;
        }
      }
      changed.push(j);
    }
    const entry: RareReport['columns'][number] = {
      column: name,
      rareLevels: rare.map(([level, count]) => ({ level, count })),
      rowsDropped: before - writer.rowCount,
      cellsLumped: lumped,
    };
    if (lumpedInstead) entry.lumpedInstead = true;
    report.columns.push(entry);
  });
  const columns = writer.columns;
  report.rowsAfter = writer.rowCount;
  const droppedAny = report.rowsAfter < report.rowsBefore;
  return { table: deriveTable(table, droppedAny ? { columns, rowSources: sources } : { columns, changed }), report };
}

/** `handleRareLevelsInTable` on a grid (header row first). */
export const handleRareLevels = onGrid(handleRareLevelsInTable);
