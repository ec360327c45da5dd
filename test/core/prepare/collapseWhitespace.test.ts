import fc from 'fast-check';
import { collapseWhitespace } from '../../../src/core/prepare/profileGrid';
import { parseNumber } from '../../../src/core/cells/parseNumber';

// The fast paths must agree exactly with the plain definitions they shortcut.
test('collapseWhitespace equals text.replace(/\\s+/g, " ").trim() on any text', () => {
  const whitespace = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0085', '\u2028');
  const text = fc.array(fc.oneof(fc.string(), whitespace), { maxLength: 6 }).map((parts) => parts.join(''));
  fc.assert(fc.property(text, (t) => collapseWhitespace(t) === t.replace(/\s+/g, ' ').trim()), { numRuns: 3000 });
});

test('parseNumber agrees with the strict decimal pattern on any text', () => {
  const pattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const infinity = /^[+-]?(?:inf|infinity)$/i;
  const reference = (t: string): number | null => {
    const trimmed = t.trim();
    if (pattern.test(trimmed)) return Number(trimmed);
    if (infinity.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
    return null;
  };
  const numberLike = fc.oneof(
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom('0x10', '0b1', '0o7', '0X1F', '-0x10', '1_000', '1e', '.', '-', '+', '+.5', '1.', '00012', '1e400', ' 12 ', 'Infinity', '-inf', '0', '-0', '5e-324'),
    fc.string(),
  );
  fc.assert(fc.property(numberLike, (t) => Object.is(parseNumber(t), reference(t))), { numRuns: 5000 });
});
