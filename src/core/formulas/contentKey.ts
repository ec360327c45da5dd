import { Hash64, feedValue } from '../cells/contentHash';
import { FIT_SUMMARY_VERSION } from './summarizeForCache';

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
  hash.text('y');
  feedValue(hash, knownY);
  hash.text('x');
  feedValue(hash, knownX);
  hash.text('o');
  feedValue(hash, options);
  return `tf${FIT_SUMMARY_VERSION}:${hash.hex()}`;
}
