import { isMissingValue } from '../cells/missingValue';
import { caseVariantTargets, collapseWhitespace, typoTargets } from './profileGrid';
import { checkGrid, columnCells, columnKind, ownEntry, type Grid } from './grid';

/** Options for `cleanGrid`. */
export interface CleanOptions {
  /** Trim and collapse white space in text cells and headers (default true). */
  trim?: boolean;
  /** Merge labels that differ only in case into the most frequent spelling (default true). */
  mergeCase?: boolean;
  /** Also apply the suggested typo merges (edit distance 1 to a much more common label). Default false. */
  applyTypoMerges?: boolean;
  /** Explicit merges per column: { category: { healh: 'health' } }. */
  merges?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What `cleanGrid` changed. */
export interface CleanReport {
  step: 'clean';
  /** Text cells whose white space changed. */
  trimmed: number;
  /** Cells relabelled, per column and mapping "from → to". */
  merged: { column: string; from: string; to: string; cells: number; reason: 'case' | 'typo' | 'requested' }[];
  /** Typo merges that were suggested but not applied. */
  suggested: { column: string; from: string; to: string }[];
}

/**
 * Cleans a hand-typed grid: trims and collapses white space (`info ` becomes `info`), merges case variants into
 * the most frequent spelling, and applies requested or (optionally) suggested typo merges. Returns a new grid;
 * the input is not changed. Numbers and booleans are left as they are.
 *
 * Cost: O(cells) plus the typo search (see `profileGrid`).
 * @throws Error for malformed grids, or a requested merge naming an unknown column.
 */
export function cleanGrid(grid: Grid, options: CleanOptions = {}): { grid: Grid; report: CleanReport } {
  const header = checkGrid(grid, 'cleanGrid');
  const trim = options.trim ?? true;
  const mergeCase = options.mergeCase ?? true;
  const out: Grid = grid.map((row) => row.slice());
  out[0] = header;
  const report: CleanReport = { step: 'clean', trimmed: 0, merged: [], suggested: [] };
  for (const column of Object.keys(options.merges ?? {})) {
    if (!header.includes(column)) throw new Error(`cleanGrid: cannot merge labels in "${column}": there is no such column`);
  }
  header.forEach((name, j) => {
    if (trim) {
      for (let i = 1; i < out.length; i++) {
        const row = out[i] as unknown[];
        const cell = row[j];
        if (typeof cell !== 'string') continue;
        const clean = collapseWhitespace(cell);
        if (clean !== cell) {
          row[j] = clean;
          report.trimmed++;
        }
      }
    }
    const kind = columnKind(columnCells(out, j));
    if (kind !== 'categorical' && kind !== 'identifier') return;
    const mapping = new Map<string, { to: string; reason: 'case' | 'typo' | 'requested' }>();
    const counts = (): Map<string, number> => {
      const result = new Map<string, number>();
      for (let i = 1; i < out.length; i++) {
        const cell = (out[i] as unknown[])[j];
        if (typeof cell === 'string' && !isMissingValue(cell)) result.set(cell, (result.get(cell) ?? 0) + 1);
      }
      return result;
    };
    const apply = (): void => {
      if (mapping.size === 0) return;
      const tally = new Map<string, number>();
      for (let i = 1; i < out.length; i++) {
        const row = out[i] as unknown[];
        const cell = row[j];
        if (typeof cell !== 'string') continue;
        const target = mapping.get(cell);
        if (target === undefined) continue;
        row[j] = target.to;
        const key = `${cell}\u0000${target.to}\u0000${target.reason}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      for (const [key, cells] of tally) {
        const [from, to, reason] = key.split('\u0000') as [string, string, 'case' | 'typo' | 'requested'];
        report.merged.push({ column: name, from, to, cells, reason });
      }
      mapping.clear();
    };
    const requested = ownEntry(options.merges, name);
    for (const [from, to] of Object.entries(requested ?? {})) mapping.set(from, { to, reason: 'requested' });
    apply();
    // The user's merges can turn a column of many spellings into a categorical one: look again.
    if ((requested === undefined ? kind : columnKind(columnCells(out, j))) !== 'categorical') return;
    if (mergeCase) {
      for (const [from, to] of caseVariantTargets(counts())) mapping.set(from, { to, reason: 'case' });
      apply();
    }
    const typos = new Map(typoTargets(counts()).map(([to, from]) => [from, to]));
    for (const [from, firstTarget] of typos) {
      // Follow chains (xbd → abd → abc) to their end, so that one pass leaves nothing to merge; a chain cannot loop,
      // since each step goes to a label at least three times as common.
      let to = firstTarget;
      while (typos.has(to)) to = typos.get(to) as string;
      if (options.applyTypoMerges) mapping.set(from, { to, reason: 'typo' });
      else report.suggested.push({ column: name, from, to });
    }
    apply();
  });
  return { grid: out, report };
}
