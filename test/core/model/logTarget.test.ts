import fc from 'fast-check';
import { fromLogScale, log1p, toLogScale } from '../../../src/core/model/logTarget';

// log1p keeps a table of whole numbers; it must give Math.log1p's own value, to the bit, for every input.
describe('log1p', () => {
  const same = (value: number): void => expect(Object.is(log1p(value), Math.log1p(value))).toBe(true);

  test('whole numbers in and around the table, twice (filled, then looked up)', () => {
    const values = [0, -0, 1, 2, 3, 10, 999, 65534, 65535, 65536, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 53];
    for (const value of [...values, ...values]) same(value);
    for (let k = 0; k < 70000; k += 7) same(k);
  });

  test('fractions, negatives, and what is not a number', () => {
    for (const value of [0.5, 1e-300, 5e-324, 1.5, 65535.5, -0.5, -1, -2, -1e-17, NaN, Infinity, -Infinity])
      same(value);
  });

  test('any double', () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: -10, max: 70000 }), (value, whole) => {
        expect(Object.is(log1p(value), Math.log1p(value))).toBe(true);
        expect(Object.is(log1p(whole), Math.log1p(whole))).toBe(true);
      }),
    );
  });
});

describe('toLogScale and fromLogScale', () => {
  test('log1p and expm1 of a target value', () => {
    expect(toLogScale(0, 'y')).toBe(0);
    expect(toLogScale(99, 'y')).toBe(Math.log1p(99));
    expect(fromLogScale(toLogScale(1234, 'y'))).toBeCloseTo(1234, 9);
  });

  test('a value at or below −1 is refused, naming the column and the row', () => {
    expect(() => toLogScale(-1, 'New followers', 7)).toThrow(
      'the log target needs values above −1, but "New followers" is -1 in row 7',
    );
    expect(() => toLogScale(NaN, 'y')).toThrow('"y" is NaN');
  });
});
