import { isDateValue } from './isDateValue';

/**
 * A 64-bit streaming hash (two 32-bit multiply–xor lanes with cyrb53's final mix), fed UTF-16 code units. Plain
 * JavaScript with `Math.imul`, so it runs in Apps Script's V8 without Buffer, TextEncoder or crypto.
 */
export class Hash64 {
  private h1 = 0xdeadbeef ^ 0x74696b66;
  private h2 = 0x41c6ce57 ^ 0x74696b66;

  update(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}

/** Feeds a canonical, unambiguous serialization of a value: every piece tagged, strings length-prefixed. */
export function feedValue(hash: Hash64, value: unknown): void {
  if (Array.isArray(value)) {
    hash.update(`[${value.length}:`);
    for (const item of value) feedValue(hash, item);
    hash.update(']');
  } else if (typeof value === 'number') {
    hash.update(`n${String(value)};`); // String(x) is the shortest text that reads back as x
  } else if (typeof value === 'string') {
    hash.update(`s${value.length}:`);
    hash.update(value);
  } else if (typeof value === 'boolean') {
    hash.update(value ? 't' : 'f');
  } else if (value === undefined) {
    hash.update('u');
  } else if (value === null) {
    hash.update('z');
  } else if (isDateValue(value)) {
    hash.update(`d${String(value.getTime())};`);
  } else {
    const text = String(value);
    hash.update(`o${text.length}:`);
    hash.update(text);
  }
}

/**
 * 16 hex digits of a 64-bit hash of the values (see `feedValue`). Not cryptographic. Cost: O(cells).
 */
export function contentHash(...values: unknown[]): string {
  const hash = new Hash64();
  for (const value of values) feedValue(hash, value);
  return hash.hex();
}
