/**
 * Orders strings by Unicode code point, as R's `sort(method = "radix")` and Python's `sorted()` do.
 *
 * JavaScript's default `<` and `Array.prototype.sort` compare UTF-16 code units, which puts characters
 * above U+FFFF (emoji) before U+E000–U+FFFF; this function does not. It is locale-free on purpose:
 * the reference level of a dummy encoding must not depend on the machine that fits the model.
 * Cost: O(length of the common prefix).
 */
export function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, which sort after every BMP character.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca - cb;
  }
  return a.length - b.length;
}
