import fc from 'fast-check';
import { productError, sumError } from '../../../src/core/numerics/doubleDouble';
import { dot2, exactSum, twoProduct, twoSum } from './referenceDoubleDouble';

// Doubles whose products neither overflow nor underflow, with the mantissas of all 53 bits exercised.
const moderate = fc
  .double({ min: -1e140, max: 1e140, noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-140);
const settings = { numRuns: 2000, seed: 11 };

describe('the double-double kernel', () => {
  it('productError is the exact rounding error of a·b, and equals twoProduct', () => {
    fc.assert(
      fc.property(moderate, moderate, (a, b) => {
        const p = a * b;
        const error = productError(a, b, p);
        expect(exactSum([p, error])).toBe(exactSum([[a, b]]));
        const reference = twoProduct(a, b);
        expect(reference.hi).toBe(p);
        expect(error).toBe(reference.lo);
      }),
      settings,
    );
  });

  it('sumError is the exact rounding error of a + b, whatever the order of magnitudes, and equals twoSum', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
        fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
        (a, b) => {
          const s = a + b;
          const error = sumError(a, b, s);
          expect(exactSum([s, error])).toBe(exactSum([a, b]));
          const reference = twoSum(a, b);
          expect(reference.hi).toBe(s);
          expect(error).toBe(reference.lo);
        },
      ),
      settings,
    );
  });

  it('squares: productError(x, x, x²) is exact (the Σ residual² loop)', () => {
    fc.assert(
      fc.property(moderate, (x) => {
        const square = x * x;
        expect(exactSum([square, productError(x, x, square)])).toBe(exactSum([[x, x]]));
      }),
      settings,
    );
  });

  it('known cases: (1 + 2⁻³⁰)² and 0.1 + 0.2', () => {
    const a = 1 + 2 ** -30;
    expect(productError(a, a, a * a)).toBe(2 ** -60);
    expect(0.1 + 0.2 + sumError(0.1, 0.2, 0.1 + 0.2)).toBe(0.30000000000000004);
    expect(sumError(0.1, 0.2, 0.1 + 0.2)).toBe(-2.7755575615628914e-17);
    expect(sumError(1e300, -1e300, 0)).toBe(0);
  });

  it('a Dot2 loop built on the kernel (as extendedDot writes it) gives the hi and lo of dot2 bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(moderate, moderate), { minLength: 1, maxLength: 40 }), (pairs) => {
        const a = pairs.map((pair) => pair[0]);
        const b = pairs.map((pair) => pair[1]);
        let s = 0;
        let c = 0;
        for (let i = 0; i < a.length; i++) {
          const p = (a[i] as number) * (b[i] as number);
          const sum = s + p;
          c += sumError(s, p, sum) + productError(a[i] as number, b[i] as number, p);
          s = sum;
        }
        const high = s + c;
        const low = sumError(s, c, high);
        const reference = dot2(a, b);
        expect(high).toBe(reference.hi);
        expect(low).toBe(reference.lo);
      }),
      settings,
    );
  });
});
