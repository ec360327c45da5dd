import { isDateValue } from './isDateValue';
import { FIT_SUMMARY_VERSION } from './summarizeForCache';

/**
 * A 64-bit streaming hash (two 32-bit multiply–xor lanes with cyrb53's final mix), fed UTF-16 code units. Plain
 * JavaScript with `Math.imul`, so it runs in Apps Script's V8 without Buffer, TextEncoder or crypto.
 */
class Hash64 {
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
function feed(hash: Hash64, value: unknown): void {
  if (Array.isArray(value)) {
    hash.update(`[${value.length}:`);
    for (const item of value) feed(hash, item);
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
 * A deterministic key for a fit's inputs, for memoizing fits: "tf<summary version>:" and 16 hex digits of a 64-bit
 * hash of known_y, known_x (as they arrive: nested arrays of cells, or bare values) and the options text (pass the
 * canonical `formatFormulaOptions` text so that every spelling of the same settings shares a key). Numbers are
 * hashed at full precision, strings length-prefixed, Dates by their epoch milliseconds, booleans, "" and
 * null/undefined each with their own tag, so different inputs collide only by chance (about 2⁻⁶⁴ per pair).
 *
 * Cost: O(cells + total text length); pure JavaScript.
 */
export function contentKey(knownY: unknown, knownX: unknown, options: string): string {
  const hash = new Hash64();
  hash.update('y');
  feed(hash, knownY);
  hash.update('x');
  feed(hash, knownX);
  hash.update('o');
  feed(hash, options);
  return `tf${FIT_SUMMARY_VERSION}:${hash.hex()}`;
}
