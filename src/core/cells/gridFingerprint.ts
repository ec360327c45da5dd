import { contentHash } from './contentHash';

/**
 * A short fingerprint of a grid's contents, to tell whether the data changed since results were made: 16 hex
 * digits of `contentHash` (every cell tagged with its type, numbers exact, strings length-prefixed, dates as epoch
 * milliseconds). Pure JavaScript, so it runs in Apps Script too. Cost: O(cells).
 */
export function gridFingerprint(grid: readonly (readonly unknown[])[]): string {
  return contentHash('grid', grid);
}
