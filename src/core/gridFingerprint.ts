/**
 * A short fingerprint of a grid's contents, to tell whether the data changed since results were made.
 *
 * cyrb53 (a public-domain 53-bit hash by bryc) over a canonical serialization in which every cell is tagged with its
 * type, numbers are written round-trip exactly, strings are length-prefixed, and dates are their epoch milliseconds.
 * Pure JavaScript (no Buffer, TextEncoder or crypto), so it runs in Apps Script too. Not cryptographic.
 * Cost: O(cells).
 */
export function gridFingerprint(grid: readonly (readonly unknown[])[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  feed(`${grid.length}|`);
  for (const row of grid) {
    feed(`r${row.length}|`);
    for (const cell of row) feed(canonicalCell(cell));
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}

/** A cell as tagged text: "n<number>;", "s<length>:<text>", "b1;", "d<ms>;", "e;" for blanks. */
export function canonicalCell(cell: unknown): string {
  if (cell === '' || cell === null || cell === undefined) return 'e;';
  if (typeof cell === 'number') return `n${String(cell)};`;
  if (typeof cell === 'boolean') return cell ? 'b1;' : 'b0;';
  if (typeof cell === 'string') return `s${cell.length}:${cell}`;
  if (Object.prototype.toString.call(cell) === '[object Date]') return `d${(cell as Date).getTime()};`;
  const text = String(cell);
  return `o${text.length}:${text}`;
}
