import { infoOf, requireColumn, sheetRow, type Table } from '../cells/table';

/**
 * A count model's offset from an exposure column, as R's `offset(log(Holders))`: log(exposure) for the given table
 * rows, so that the model explains counts per unit of exposure (claims per policy holder, followers per day online).
 * Every row must have a number above 0: a blank, text, 0 or a negative number is refused at its cell.
 *
 * Cost: O(rows) (the column is classified once, as for any column of the table).
 * @throws Error naming the column, the first bad cell's row and the fix: no such column, a column that is not
 *   numbers, or a cell that is missing, not a number, 0 or negative.
 */
export function exposureOffset(table: Table, column: string, rows: ArrayLike<number>): Float64Array {
  const j = requireColumn(table, column, 'the exposure');
  const info = infoOf(table, j);
  if (info.values === null || info.kind === 'date')
    throw new Error(
      `The exposure "${column}" is not a column of numbers; choose a column of counts such as days or holders`,
    );
  const values = info.values;
  const offset = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    const value = values[i] as number;
    if (value > 0 && Number.isFinite(value)) {
      offset[r] = Math.log(value);
      continue;
    }
    const cell = (table.rows[i] as readonly unknown[])[j];
    const text = cell === null || cell === undefined || String(cell).trim() === '' ? 'empty' : `"${String(cell)}"`;
    const what = Number.isNaN(value) ? `is ${text}` : `is ${value}`;
    throw new Error(
      `The exposure "${column}" ${what} in row ${sheetRow(table, i)}: log(${column}) is the offset, so every row ` +
        'needs a number above 0; fix the cell or leave the row out',
    );
  }
  return offset;
}
