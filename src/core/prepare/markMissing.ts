import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { columnWriter, deriveTable, onGrid, requireColumn, type Table } from '../cells/table';

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
  const writer = columnWriter(table);
  const rowCount = table.rowCount;
  const report: MissingReport = { step: 'missing', tokens: {}, zeros: {}, missing: {} };
  const changed: number[] = [];
  const columns = table.names.length;
  const tokens = new Int32Array(columns);
  const zeros = new Int32Array(columns);
  const missing = new Int32Array(columns);
  // Column by column, each a tight loop over its cells.
  for (let j = 0; j < columns; j++) {
    const column = table.columns[j] as readonly unknown[];
    const isZeroColumn = zeroColumns.has(j);
    const style = table.styles[j];
    let columnTokens = 0;
    let columnZeros = 0;
    let columnMissing = 0;
    for (let i = 0; i < rowCount; i++) {
      const cell = column[i];
      if (isMissingValue(cell)) {
        if (cell !== '') {
          writer.set(i, j, '');
          if (!(typeof cell === 'string' && cell.trim() === '')) columnTokens++;
        }
        columnMissing++;
      } else if (isZeroColumn && parseNumber(cell, style) === 0) {
        writer.set(i, j, '');
        columnZeros++;
        columnMissing++;
      }
    }
    tokens[j] = columnTokens;
    zeros[j] = columnZeros;
    missing[j] = columnMissing;
  }
  table.names.forEach((name, j) => {
    // A blanked token was missing already, so the column reads the same: only blanked zeros change what it holds.
    if ((zeros[j] as number) > 0) changed.push(j);
    if ((tokens[j] as number) > 0) report.tokens[name] = tokens[j] as number;
    if (zeroColumns.has(j)) report.zeros[name] = zeros[j] as number;
    report.missing[name] = missing[j] as number;
  });
  return { table: deriveTable(table, { columns: writer.columns, changed }), report };
}

/** `markMissingInTable` on a grid (header row first). */
export const markMissing = onGrid(markMissingInTable);
