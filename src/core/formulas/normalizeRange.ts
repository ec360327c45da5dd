/** Bound once: in a bare V8 context every `Array.isArray` would be a global lookup, once per row here. */
const isArray = Array.isArray;

/**
 * Turns a custom-function argument into a rectangular grid of cells, as Sheets means it: a multi-cell range arrives
 * as an array of rows, a single cell as a bare value (which becomes a 1×1 grid).
 *
 * Cost: O(cells); the rows are not copied.
 * @throws Error naming the function and the argument when the argument is missing, empty, a flat list instead of
 *   rows, or ragged.
 */
export function normalizeRange(
  functionName: string,
  argumentName: string,
  value: unknown,
): readonly (readonly unknown[])[] {
  if (value === undefined) throw new Error(`${functionName}: ${argumentName} is missing`);
  if (!isArray(value)) return [[value]];
  if (value.length === 0) throw new Error(`${functionName}: ${argumentName} is empty`);
  const rows = value as unknown[];
  if (!rows.every((row) => isArray(row)))
    throw new Error(`${functionName}: ${argumentName} must be a range (rows of cells), not a flat list`);
  const width = (rows[0] as unknown[]).length;
  if (width === 0) throw new Error(`${functionName}: ${argumentName} is empty`);
  rows.forEach((row, i) => {
    const length = (row as unknown[]).length;
    if (length !== width)
      throw new Error(
        `${functionName}: ${argumentName} is not rectangular: row ${i + 1} has ${length} cell${length === 1 ? '' : 's'} but row 1 has ${width}`,
      );
  });
  return rows as unknown[][];
}
