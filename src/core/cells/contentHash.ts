import { isDateValue } from './isDateValue';

// The hot globals, bound once. Every custom-function cell hashes its ranges (200,000 cells for 10,000 × 20), and in a
// bare V8 context (node:vm, which the add-on's tests and the bench use) each `Math.imul` or `Array.isArray` is a
// lookup through the context's global object: the hash took 450–600 ms there against 3 ms in Node. Bound to module
// constants, it takes the same 3 ms in both (`npm run bench`).
const imul = Math.imul;
const isArray = Array.isArray;

// One scratch buffer to read a double's 64 bits as two 32-bit words.
const numberBuffer = new Float64Array(1);
const numberWords = new Uint32Array(numberBuffer.buffer);

// Tags that start each value, so that no two different inputs feed the same sequence of words.
const TAG_NUMBER = 1;
const TAG_STRING = 2;
const TAG_TRUE = 3;
const TAG_FALSE = 4;
const TAG_UNDEFINED = 5;
const TAG_NULL = 6;
const TAG_DATE = 7;
const TAG_OTHER = 8;
const TAG_ARRAY = 9;
const TAG_ARRAY_END = 10;

/**
 * A 64-bit streaming hash: two 32-bit multiply–xor lanes with cyrb53's final mix, fed 32-bit words (a number's two
 * words of IEEE bits, a string's UTF-16 code units). Plain JavaScript with `Math.imul`, so it runs in Apps Script's
 * V8 without Buffer, TextEncoder or crypto. Not cryptographic.
 *
 * Numbers are hashed from their bits, not their decimal text: formatting a double costs more than everything else,
 * and a formula cell re-hashes its ranges on every recalculation (about 10 ns a cell this way, 350 ns with text).
 */
export class Hash64 {
  private h1 = 0xdeadbeef ^ 0x74696b66;
  private h2 = 0x41c6ce57 ^ 0x74696b66;

  /** Feeds one 32-bit word. */
  word(value: number): void {
    this.h1 = imul(this.h1 ^ value, 2654435761);
    this.h2 = imul(this.h2 ^ value, 1597334677);
  }

  /** Feeds a string's length, then its UTF-16 code units. */
  text(value: string): void {
    let h1 = imul(this.h1 ^ value.length, 2654435761);
    let h2 = imul(this.h2 ^ value.length, 1597334677);
    for (let i = 0; i < value.length; i++) {
      const ch = value.charCodeAt(i);
      h1 = imul(h1 ^ ch, 2654435761);
      h2 = imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Feeds a double's 64 bits (so 0.1 + 0.2 and 0.3 differ, as they should). */
  number(value: number): void {
    numberBuffer[0] = value;
    this.word(numberWords[0] as number);
    this.word(numberWords[1] as number);
  }

  /** 16 hex digits. */
  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}

/**
 * Feeds a canonical, unambiguous serialization of a value: every piece tagged, arrays with their length, strings
 * with theirs, numbers by their bits, Dates by their epoch milliseconds. Cost: O(cells + text length).
 */
export function feedValue(hash: Hash64, value: unknown): void {
  if (typeof value === 'number') {
    hash.word(TAG_NUMBER);
    hash.number(value);
  } else if (typeof value === 'string') {
    hash.word(TAG_STRING);
    hash.text(value);
  } else if (isArray(value)) {
    hash.word(TAG_ARRAY);
    hash.word(value.length);
    for (let i = 0; i < value.length; i++) feedValue(hash, value[i]);
    hash.word(TAG_ARRAY_END);
  } else if (typeof value === 'boolean') {
    hash.word(value ? TAG_TRUE : TAG_FALSE);
  } else if (value === undefined) {
    hash.word(TAG_UNDEFINED);
  } else if (value === null) {
    hash.word(TAG_NULL);
  } else if (isDateValue(value)) {
    hash.word(TAG_DATE);
    hash.number(value.getTime());
  } else {
    hash.word(TAG_OTHER);
    hash.text(String(value));
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
