/** Sizes as Apps Script's quotas count them. */

/** The number of bytes of a string in UTF-8. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
