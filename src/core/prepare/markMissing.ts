import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { deriveTable, onGrid, requireColumn, rowWriter, type Table } from '../cells/table';

/** What `markMissingInTable` changed. */
export interface MissingReport {
  step: 'missing';
  /** Missing tokens (NA, null, -, …) blanked, per column. */
  tokens: Record<string, number>;
  /** Zeros blanked, per column named in `zeroMissing`. */
  zeros: Record<string, number>;
  /** Missing cells per column afterwards. */
  missing: Record<string, number>;
}

/**
 * Makes every missing value a blank cell (""): the tokens NA, N/A, null, none, nan and - (any case), and zeros in
 * the columns the user names (placeholder zeros, such as the article's newFollowers and watchedFullVideo).
 * Returns a new table. Cost: O(cells).
 * @throws Error for a `zeroMissing` column that does not exist.
 */
export function markMissingInTable(
  table: Table,
  options: { zeroMissing?: readonly string[] } = {},
): { table: Table; report: MissingReport } {
  const zeroColumns = new Set(
    (options.zeroMissing ?? []).map((name) =>
      requireColumn(table, name, 'named as a column whose zeros mean "not recorded"'),
    ),
  );
  const writer = rowWriter(table.rows);
  const rows = writer.rows;
  const report: MissingReport = { step: 'missing', tokens: {}, zeros: {}, missing: {} };
  const changed: number[] = [];
  const columns = table.names.length;
  const tokens = new Int32Array(columns);
  const zeros = new Int32Array(columns);
  const missing = new Int32Array(columns);
  const isZeroColumn = table.names.map((_, j) => zeroColumns.has(j));
  // Row by row, each row's cells while it is at hand (a column at a time walks every row once per column).
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < columns; j++) {
      const cell = (rows[i] as unknown[])[j];
      if (isMissingValue(cell)) {
        if (cell !== '') {
          writer.set(i, j, '');
          if (!(typeof cell === 'string' && cell.trim() === '')) tokens[j] = (tokens[j] as number) + 1;
        }
        missing[j] = (missing[j] as number) + 1;
      } else if (isZeroColumn[j] && parseNumber(cell, table.styles[j]) === 0) {
        writer.set(i, j, '');
        zeros[j] = (zeros[j] as number) + 1;
        missing[j] = (missing[j] as number) + 1;
      }
    }
  }
  table.names.forEach((name, j) => {
    // A blanked token was missing already, so the column reads the same: only blanked zeros change what it holds.
    if ((zeros[j] as number) > 0) changed.push(j);
    if ((tokens[j] as number) > 0) report.tokens[name] = tokens[j] as number;
    if (isZeroColumn[j]) report.zeros[name] = zeros[j] as number;
    report.missing[name] = missing[j] as number;
  });
  return { table: deriveTable(table, { rows, changed }), report };
}

/** `markMissingInTable` on a grid (header row first). */
export const markMissing = onGrid(markMissingInTable);
