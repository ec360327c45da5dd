import { codePointCompare } from '../codePointCompare';
import { isMissingValue } from '../cells/missingValue';
import { checkGrid, columnCells, columnIndex, columnKind, labelOf, ownEntry, type Grid } from './grid';

/** Options for `encodeColumns`. */
export interface EncodeOptions {
  /** Columns to encode; by default every categorical column. */
  columns?: readonly string[];
  /** Columns never to encode (the target, excluded ones). */
  skip?: readonly string[];
  /** Reference level per column; by default the first level in code-point order. */
  referenceLevels?: Readonly<Record<string, string>>;
}

/** What `encodeColumns` did. */
export interface EncodeReport {
  step: 'encode';
  /** Per encoded column: its reference level and the dummy columns that replaced it. */
  columns: { column: string; reference: string; dummies: string[] }[];
}

/**
 * One-hot encodes categorical columns against a reference level, as R's treatment contrasts do: each column is
 * replaced, in place, by 0/1 columns `<column>_<level>` for every level but the reference. A missing cell stays
 * missing in every dummy. Returns a new grid. Cost: O(cells + rows × dummies).
 * @throws Error for malformed grids, an unknown column or reference level, or a dummy name that is taken.
 */
export function encodeColumns(grid: Grid, options: EncodeOptions = {}): { grid: Grid; report: EncodeReport } {
  const header = checkGrid(grid, 'encodeColumns');
  const skip = new Set(options.skip ?? []);
  const chosen = options.columns?.map((name) => columnIndex(header, name, 'encodeColumns'));
  const targets = chosen ?? header.map((_, j) => j).filter((j) => !skip.has(header[j] as string) && columnKind(columnCells(grid, j)) === 'categorical');
  const targetSet = new Set(targets);
  const report: EncodeReport = { step: 'encode', columns: [] };
  const plans = new Map<number, { levels: string[] }>();
  for (const j of targets) {
    const name = header[j] as string;
    const levels = [...new Set(columnCells(grid, j).filter((c) => !isMissingValue(c)).map(labelOf))].sort(codePointCompare);
    const reference = ownEntry(options.referenceLevels, name) ?? levels[0];
    if (reference === undefined) continue;
    if (!levels.includes(reference)) throw new Error(`encodeColumns: the reference level "${reference}" does not occur in "${name}"; its levels are ${levels.join(', ')}`);
    const dummyLevels = levels.filter((level) => level !== reference);
    plans.set(j, { levels: dummyLevels });
    report.columns.push({ column: name, reference, dummies: dummyLevels.map((level) => `${name}_${level}`) });
  }
  const newHeader: string[] = [];
  header.forEach((name, j) => {
    const plan = plans.get(j);
    if (plan) newHeader.push(...plan.levels.map((level) => `${name}_${level}`));
    else if (!targetSet.has(j)) newHeader.push(name);
  });
  const duplicate = newHeader.find((name, k) => newHeader.indexOf(name) !== k);
  if (duplicate !== undefined) throw new Error(`encodeColumns: the column name "${duplicate}" would appear twice; rename a column or a level`);
  const out: Grid = [newHeader];
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i] as unknown[];
    const next: unknown[] = [];
    row.forEach((cell, j) => {
      const plan = plans.get(j);
      if (plan) {
        const missing = isMissingValue(cell);
        const label = missing ? '' : labelOf(cell);
        for (const level of plan.levels) next.push(missing ? '' : label === level ? 1 : 0);
      } else if (!targetSet.has(j)) next.push(cell);
    });
    out.push(next);
  }
  return { grid: out, report };
}
