import { columnInfo } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import { columnWriter, deriveTable, infoOf, onGrid, type Table } from '../cells/table';
import { ownEntry } from './grid';
import { caseVariantTargets, collapseWhitespace, typoTargets } from './profileGrid';

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

/** What `cleanTable` changed. */
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
 * the most frequent spelling, and applies requested or (optionally) suggested typo merges. Returns a new table;
 * the input is not changed. Numbers and booleans are left as they are.
 *
 * Cost: O(cells) plus the typo search (see `profileGrid`).
 * @throws Error for a requested merge naming an unknown column.
 */
export function cleanTable(table: Table, options: CleanOptions = {}): { table: Table; report: CleanReport } {
  const header = table.names;
  const trim = options.trim ?? true;
  const mergeCase = options.mergeCase ?? true;
  const writer = columnWriter(table);
  const out = writer.columns;
  const rowCount = table.rowCount;
  const changed = new Set<number>();
  const report: CleanReport = { step: 'clean', trimmed: 0, merged: [], suggested: [] };
  for (const column of Object.keys(options.merges ?? {})) {
    if (!header.includes(column)) throw new Error(`Cannot merge labels in "${column}": there is no such column`);
  }
  const kindOf = (j: number): string => columnInfo(out[j] as unknown[], table.styles[j] ?? 'dot').kind;
  // Trimming first, column by column; each column's labels after.
  if (trim) {
    for (let j = 0; j < header.length; j++) {
      const column = out[j] as unknown[];
      for (let i = 0; i < rowCount; i++) {
        const cell = column[i];
        if (typeof cell !== 'string') continue;
        const clean = collapseWhitespace(cell);
        if (clean !== cell) {
          writer.set(i, j, clean);
          report.trimmed++;
          changed.add(j);
        }
      }
    }
  }
  header.forEach((name, j) => {
    const kind = changed.has(j) ? kindOf(j) : infoOf(table, j).kind;
    if (kind !== 'categorical' && kind !== 'identifier') return;
    const mapping = new Map<string, { to: string; reason: 'case' | 'typo' | 'requested' }>();
    // The labels' counts, counted again only after a merge changed the column: a column without case variants was
    // counted twice (counting took 0.30 s of this function's 0.64 s at 100,000 × 30, in a profile of
    // bench/pipeline-one.mjs).
    let labelCounts: Map<string, number> | null = null;
    const counts = (): Map<string, number> => {
      if (labelCounts !== null) return labelCounts;
      // A holder per label, so that a row costs one look-up (a get and a set per row took 0.1 s a column at 330,000
      // rows); the labels stay in the order they first appear.
      const tally = new Map<string, { count: number }>();
      const column = out[j] as unknown[];
      for (let i = 0; i < rowCount; i++) {
        const cell = column[i];
        if (typeof cell !== 'string') continue;
        const known = tally.get(cell);
        if (known !== undefined) known.count++;
        else if (!isMissingValue(cell)) tally.set(cell, { count: 1 });
      }
      const result = new Map<string, number>();
      for (const [label, { count }] of tally) result.set(label, count);
      labelCounts = result;
      return result;
    };
    const apply = (): void => {
      if (mapping.size === 0) return;
      labelCounts = null;
      const tally = new Map<string, number>();
      for (let i = 0; i < rowCount; i++) {
        const cell = (out[j] as unknown[])[i];
        if (typeof cell !== 'string') continue;
        const target = mapping.get(cell);
        if (target === undefined) continue;
        writer.set(i, j, target.to);
        changed.add(j);
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
    if ((requested === undefined ? kind : kindOf(j)) !== 'categorical') return;
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
  return { table: deriveTable(table, { columns: out, changed }), report };
}

/** `cleanTable` on a grid (header row first). */
export const cleanGrid = onGrid(cleanTable);
