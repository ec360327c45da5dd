import fc from 'fast-check';
import { collapseWhitespace } from '../../../src/core/prepare/profileGrid';
import { parseNumber } from '../../../src/core/cells/parseNumber';

// The fast paths must agree exactly with the plain definitions they shortcut.
test('collapseWhitespace equals text.replace(/\\s+/g, " ").trim() on any text', () => {
  const whitespace = fc.constantFrom(
    ' ',
    '  ',
    '\t',
    '\n',
    '\r',
    '\u00a0',
    '\u2003',
    '\u3000',
    '\ufeff',
    '\u0085',
    '\u2028',
  );
  const text = fc.array(fc.oneof(fc.string(), whitespace), { maxLength: 6 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, (t) => collapseWhitespace(t) === t.replace(/\s+/g, ' ').trim()),
    { numRuns: 3000 },
  );
});

const numberLike = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '0x10',
    '0b1',
    '0o7',
    '0X1F',
    '-0x10',
    '+0x10',
    '1_000',
    '1e',
    '.',
    '-',
    '+',
    '+.5',
    '1.',
    '00012',
    '1e400',
    ' 12 ',
    '12 ',
    'Infinity',
    '+Infinity',
    '-inf',
  ),
  fc.constantFrom(
    '0',
    '-0',
    '5e-324',
    '1,234',
    '1.234',
    '12,5',
    '1.234,5',
    '1 234',
    '9.0%',
    '0$',
    '5 €',
    '-$5',
    'TRUE',
    'false',
    '1,23',
    '1.2.3',
  ),
  fc
    .tuple(
      fc.constantFrom('', '-', '+', '$', '-$'),
      fc.integer({ min: 0, max: 9999999 }),
      fc.constantFrom('', '.5', ',5', '%', ' %', ' €'),
    )
    .map(([before, n, after]) => `${before}${n.toLocaleString('en-US')}${after}`),
  fc.string(),
);

test("parseNumber's fast path agrees with its full reading on any text, in both styles", () => {
  // A leading space bypasses the fast path (unary +), and the full reading trims it.
  fc.assert(
    fc.property(numberLike, (t) => {
      expect(parseNumber(t)).toBe(parseNumber(` ${t}`));
      expect(parseNumber(t, 'comma')).toBe(parseNumber(` ${t}`, 'comma'));
    }),
    { numRuns: 5000 },
  );
});

test('parseNumber agrees with the strict decimal pattern on plain numbers, and reads other text only when it is formatted', () => {
  const pattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const infinity = /^[+-]?(?:inf|infinity)$/i;
  const reference = (t: string): number | null => {
    const trimmed = t.trim();
    if (pattern.test(trimmed)) return Number(trimmed);
    if (infinity.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
    return null;
  };
  // Beyond plain numbers, only TRUE/FALSE and numbers with separators, a percent or a currency sign are read.
  const formatted = /^(?:true|false)$|[,%$€£¥₹₩₽¢' \u00a0\u202f\u2009]/i;
  fc.assert(
    fc.property(numberLike, (t) => {
      const expected = reference(t);
      if (expected !== null) expect(parseNumber(t)).toBe(expected);
      else if (parseNumber(t) !== null) expect(t.trim()).toMatch(formatted);
    }),
    { numRuns: 5000 },
  );
});
