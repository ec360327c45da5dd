import { textOf, type ColumnInfo, type ColumnKind } from '../cells/columnInfo';
import { isMissingValue } from '../cells/missingValue';
import type { NumberStyle } from '../cells/parseNumber';
import { infoOf, makeTable, onGrid, requireColumn, type Table } from '../cells/table';
import { ownEntry } from './grid';
import { OTHER_LEVEL } from './rareLevels';
import { dummyName, treatmentCoding } from '../model/treatmentCoding';

/** Options for `encodeTable`. */
export interface EncodeOptions {
  /** Columns to encode; by default every categorical column. */
  columns?: readonly string[];
  /** Columns never to encode (the target, excluded ones). */
  skip?: readonly string[];
  /** Reference level per column; by default the first level in code-point order. */
  referenceLevels?: Readonly<Record<string, string>>;
}

/** What `encodeTable` did. */
export interface EncodeReport {
  step: 'encode';
  /** Per encoded column: its reference level and the dummy columns that replaced it. */
  columns: { column: string; reference: string; dummies: string[] }[];
}

/**
 * One-hot encodes categorical columns against a reference level (the first in code-point order other than "Other"),
 * as R's treatment contrasts do: each column is
 * replaced, in place, by 0/1 columns `<column>_<level>` for every level but the reference. A missing cell stays
 * missing in every dummy. Numbers, dates and identifiers are never encoded. Returns a new table whose dummy columns
 * are new (no source column). Cost: O(cells + rows × dummies).
 * @throws Error for an unknown column or reference level, or a dummy name that is taken.
 */
export function encodeTable(table: Table, options: EncodeOptions = {}): { table: Table; report: EncodeReport } {
  const header = table.names;
  const skip = new Set(options.skip ?? []);
  const chosen = options.columns?.map((name) => requireColumn(table, name, 'named for encoding'));
  const targets =
    chosen ??
    header.map((_, j) => j).filter((j) => !skip.has(header[j] as string) && infoOf(table, j).kind === 'categorical');
  const targetSet = new Set(targets);
  const report: EncodeReport = { step: 'encode', columns: [] };
  const plans = new Map<number, { levels: string[] }>();
  // Each encoded column's level per row (index in its dummy levels; REFERENCE, or MISSING), read once: the rows and
  // the dummies' classifications (0/1 columns) follow from it, so the dummies are not read again cell by cell. The
  // rules (missing, the label) run once per distinct cell, not per row (0.5 s of this step at 330,000 × 30 in a
  // profile of bench/pipeline-one.mjs).
  const codesOf = new Map<number, Int32Array>();
  for (const j of targets) {
    const name = header[j] as string;
    const requested = ownEntry(options.referenceLevels, name);
    const { cells, ids } = distinctCellsOf(table.columns[j] as readonly unknown[]);
    const labels = cells.filter((c) => !isMissingValue(c)).map(textOf);
    const { reference, dummyLevels } = treatmentCoding(labels, name, {
      ...(requested === undefined ? {} : { requested }),
      notReference: OTHER_LEVEL,
      capitalize: true,
    });
    if (reference === undefined) continue;
    plans.set(j, { levels: dummyLevels });
    report.columns.push({ column: name, reference, dummies: dummyLevels.map((level) => dummyName(name, level)) });
    const index = new Map(dummyLevels.map((level, k) => [level, k]));
    const codeOfCell = cells.map((cell) => (isMissingValue(cell) ? MISSING : (index.get(textOf(cell)) ?? REFERENCE)));
    for (let i = 0; i < ids.length; i++) ids[i] = codeOfCell[ids[i] as number] as number;
    codesOf.set(j, ids);
  }
  const names: string[] = [];
  // Each column's cells, made when first asked for: the recipe reads the dummies' classifications, not their cells
  // (18 columns of 330,000 cells, 0.1 s and their garbage at 330,000 × 30 in bench/pipeline-one.mjs).
  const columns: (() => readonly unknown[])[] = [];
  const columnSources: (number | null)[] = [];
  const styles: NumberStyle[] = [];
  const infos: (ColumnInfo | undefined)[] = [];
  const kinds: (ColumnKind | undefined)[] = [];
  header.forEach((name, j) => {
    const plan = plans.get(j);
    if (plan) {
      plan.levels.forEach((level, k) => {
        names.push(dummyName(name, level));
        columns.push(() => dummyCells(codesOf.get(j) as Int32Array, k));
        columnSources.push(null);
        styles.push('dot');
        infos.push(dummyInfo(codesOf.get(j) as Int32Array, k));
        kinds.push(undefined);
      });
    } else if (!targetSet.has(j)) {
      names.push(name);
      columns.push(() => table.columns[j] as readonly unknown[]);
      columnSources.push(table.columnSources[j] ?? null);
      styles.push(table.styles[j] ?? 'dot');
      infos.push(table.infos[j]);
      kinds.push(table.kinds[j]);
    }
  });
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined)
    throw new Error(`Encoding would make two columns named "${duplicate}": rename a column or a level`);
  return {
    table: makeTable(
      { names, rowSources: table.rowSources, columnSources, styles, infos, kinds },
      { makeColumns: () => columns.map((column) => column()) },
    ),
    report,
  };
}

const REFERENCE = -1;
const MISSING = -2;

/**
 * A column's distinct cells, in order of first appearance, and each row's index among them. Cost: O(rows), a Map
 * look-up each.
 */
function distinctCellsOf(column: readonly unknown[]): { cells: unknown[]; ids: Int32Array } {
  const idOf = new Map<unknown, number>();
  const cells: unknown[] = [];
  const ids = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const cell = column[i];
    let id = idOf.get(cell);
    if (id === undefined) {
      id = cells.length;
      idOf.set(cell, id);
      cells.push(cell);
    }
    ids[i] = id;
  }
  return { cells, ids };
}

/** The cells of dummy k of a column whose rows hold `codes`: 1 at level k, 0 at another, blank where missing. */
function dummyCells(codes: Int32Array, k: number): unknown[] {
  const cells: unknown[] = new Array<unknown>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    cells[i] = code === MISSING ? '' : code === k ? 1 : 0;
  }
  return cells;
}

/**
 * The classification of dummy k of a column whose rows hold `codes` (see `encodeTable`), as `columnInfo` would read
 * its cells (1, 0, or blank where the column was missing): a binary column. Cost: O(rows).
 */
function dummyInfo(codes: Int32Array, k: number): ColumnInfo {
  const values = new Float64Array(codes.length);
  let missing = 0;
  let zeros = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code === MISSING) {
      values[i] = NaN;
      missing++;
    } else if (code === k) values[i] = 1;
    else zeros++;
  }
  const present = codes.length - missing;
  return {
    kind: 'binary',
    present,
    missing,
    style: 'dot',
    values,
    strays: [],
    formatted: 0,
    distinct: (zeros > 0 ? 1 : 0) + (present > zeros ? 1 : 0),
    zeros,
    fractional: false,
    nonFinite: null,
  };
}

/** `encodeTable` on a grid (header row first). */
export const encodeColumns = onGrid(encodeTable);
