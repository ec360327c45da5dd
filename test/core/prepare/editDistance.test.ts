import fc from 'fast-check';
import { editDistance } from '../../../src/core/prepare/editDistance';

describe('editDistance', () => {
  test.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['healh', 'health', 1],
    ['health', 'Health', 1],
    ['ab', 'ba', 2], // no transpositions: plain Levenshtein
    ['intention', 'execution', 5],
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test('counts code points, not UTF-16 units', () => {
    expect(editDistance('a', '😀')).toBe(1);
    expect(editDistance('😀😀', '😀')).toBe(1);
    expect(editDistance('😀', '😁')).toBe(1);
    expect(editDistance('I \u2764\ufe0f food', 'I \u{1f49a} food')).toBe(2); // ❤️ is U+2764 U+FE0F; 💚 is one code point
    expect(editDistance('👍🏽', '👍')).toBe(1); // a skin-tone modifier is a code point of its own
    expect(editDistance('café', 'cafe')).toBe(1);
    // No normalisation: é (U+00E9) against e + U+0301 is a substitution and an insertion.
    expect(editDistance('caf\u00e9', 'cafe\u0301')).toBe(2);
  });

  test('within the limit the distance is exact', () => {
    expect(editDistance('healh', 'health', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  test('beyond the limit the answer is more than the limit: limit + 1 when it stops early', () => {
    expect(editDistance('a', 'abcd', 1)).toBe(2); // length difference alone exceeds the limit
    expect(editDistance('abc', 'xyz', 1)).toBe(2); // a whole row of the table is above the limit
    expect(editDistance('ab', 'ba', 0)).toBe(1);
    expect(editDistance('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(editDistance('ab', 'ba', Infinity)).toBe(2);
  });

  const words = fc.array(fc.constantFrom('a', 'b', 'c', '😀'), { maxLength: 8 }).map((cs) => cs.join(''));

  test('with a limit: the exact distance when it is within the limit, otherwise a number above the limit and not above the distance', () => {
    fc.assert(
      fc.property(words, words, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        const d = editDistance(a, b);
        const limited = editDistance(a, b, limit);
        if (d <= limit) expect(limited).toBe(d);
        else {
          expect(limited).toBeGreaterThan(limit);
          expect(limited).toBeLessThanOrEqual(d);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('is a metric: zero only for equal strings, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(words, words, words, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, b)).toBeGreaterThanOrEqual(Math.abs([...a].length - [...b].length));
      }),
      { numRuns: 500 },
    );
  });
});
