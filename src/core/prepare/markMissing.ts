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
  table.names.forEach((name, j) => {
    let tokens = 0;
    let zeros = 0;
    let missing = 0;
    const style = table.styles[j];
    for (let i = 0; i < rows.length; i++) {
      const cell = (rows[i] as unknown[])[j];
      if (isMissingValue(cell)) {
        if (cell !== '') {
          writer.set(i, j, '');
          if (!(typeof cell === 'string' && cell.trim() === '')) tokens++;
        }
        missing++;
      } else if (zeroColumns.has(j) && parseNumber(cell, style) === 0) {
        writer.set(i, j, '');
        zeros++;
        missing++;
      }
    }
    // A blanked token was missing already, so the column reads the same: only blanked zeros change what it holds.
    if (zeros > 0) changed.push(j);
    if (tokens > 0) report.tokens[name] = tokens;
    if (zeroColumns.has(j)) report.zeros[name] = zeros;
    report.missing[name] = missing;
  });
  return { table: deriveTable(table, { rows, changed }), report };
}

/** `markMissingInTable` on a grid (header row first). */
export const markMissing = onGrid(markMissingInTable);
