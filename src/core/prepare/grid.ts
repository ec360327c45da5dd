/** A sheet-like table: the header row first, then data rows of equal length. Cells are strings, numbers or booleans. */
export type Grid = unknown[][];

/**
 * `record[key]` when `key` is the record's own property, else undefined: a column named "constructor" or
 * "__proto__" must not pick up Object.prototype's members from an options object.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
