import { gramFactor } from '../../../src/core/numerics/normalEquations';
import { solveLeastSquares } from '../../../src/core/numerics/leastSquares';
import { powerOfTwoScale } from '../../../src/core/numerics/powerOfTwoScale';
import { seededRandom } from '../../../src/core/prepare/seededRandom';

/** A column-major n × p design: an intercept, then columns of mixed sizes; column 2 leans on column 1 by `lean`. */
function design(n: number, p: number, seed: number, lean = 0): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(seed);
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 1;
  for (let j = 1; j < p; j++) for (let i = 0; i < n; i++) x[j * n + i] = (random() - 0.5) * 10 ** (j % 4);
  if (p > 2)
    for (let i = 0; i < n; i++) x[2 * n + i] = lean * 10 * (x[n + i] as number) + (1 - lean) * (x[2 * n + i] as number);
  for (let i = 0; i < n; i++) {
    let sum = random() - 0.5;
    for (let j = 0; j < p; j++) sum += (x[j * n + i] as number) * (j + 1);
    y[i] = sum;
  }
  return { x, y };
}

/** (X·diag(scale))ᵀ(X·diag(scale)) and (X·diag(scale))ᵀy, one entry at a time in plain loops. */
function naiveGram(x: Float64Array, n: number, p: number, y: Float64Array, scale: Float64Array) {
  const gram = new Float64Array(p * p);
  const cross = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (x[a * n + i] as number) * (x[b * n + i] as number);
      gram[b * p + a] = sum * (scale[a] as number) * (scale[b] as number);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (x[a * n + i] as number) * (y[i] as number);
    cross[a] = sum * (scale[a] as number);
  }
  return { gram, cross };
}

describe('gramFactor', () => {
  // Every width up to 9 and a few more: the tiles take four columns against two, so each remainder is covered.
  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 30])('RᵀR and Rᵀ·qty reproduce the Gram matrix and Xᵀy (p = %p)', (p) => {
    const n = 1500; // three blocks of rows, the last one short
    const { x, y } = design(n, p, p);
    const scale = powerOfTwoScale(x, n, p);
    const factor = gramFactor(x, n, p, y, scale);
    expect(factor).not.toBeNull();
    const { r, qty, relativeResidualNorm } = factor as NonNullable<typeof factor>;
    const { gram, cross } = naiveGram(x, n, p, y, scale);
    for (let b = 0; b < p; b++) {
      for (let a = b + 1; a < p; a++) expect(r[b * p + a]).toBe(0); // upper triangular
      for (let a = 0; a < p; a++) {
        let sum = 0;
        for (let k = 0; k < p; k++) sum += (r[a * p + k] as number) * (r[b * p + k] as number);
        // Columns have norms in [1/√2, √2): entries are O(1) and agree to the rounding of n-term sums.
        expect(Math.abs(sum - (gram[b * p + a] as number))).toBeLessThan(1e-12);
      }
      let sum = 0;
      for (let k = 0; k <= b; k++) sum += (r[b * p + k] as number) * (qty[k] as number);
      expect(Math.abs(sum - (cross[b] as number))).toBeLessThan(1e-12 * Math.max(1, Math.abs(cross[b] as number)));
      expect(relativeResidualNorm[b]).toBeGreaterThan(0);
      expect(relativeResidualNorm[b]).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  test('gives way to the QR when a column is all zero, a norm is out of range, y is zero, or G is singular', () => {
    const n = 200;
    const p = 4;
    const { x, y } = design(n, p, 1);
    const check = (xs: Float64Array, ys: Float64Array) => gramFactor(xs, n, p, ys, powerOfTwoScale(xs, n, p));
    expect(check(x, y)).not.toBeNull();
    const zero = x.slice();
    zero.fill(0, 3 * n, 4 * n);
    expect(check(zero, y)).toBeNull();
    const huge = x.slice();
    for (let i = 3 * n; i < 4 * n; i++) huge[i] = (huge[i] as number) * 1e150;
    expect(check(huge, y)).toBeNull();
    const tiny = x.slice();
    for (let i = 3 * n; i < 4 * n; i++) tiny[i] = (tiny[i] as number) * 1e-150;
    expect(check(tiny, y)).toBeNull();
    expect(check(x, new Float64Array(n))).toBeNull();
    const copy = x.slice();
    copy.copyWithin(3 * n, 2 * n, 3 * n); // column 3 = column 2
    expect(check(copy, y)).toBeNull();
  });
});

describe('solveLeastSquares from the normal equations', () => {
  const reference = (x: Float64Array, n: number, p: number, y: Float64Array) =>
    solveLeastSquares(x, n, p, y, { normalConditionLimit: 0, refineCovarianceAbove: 0 });

  // κ (scaled) from about 1 to 27 (lean 0.93) as column 2 leans on column 1.
  test.each([
    [2000, 5, 0],
    [2000, 7, 0.9],
    [5000, 11, 0.93],
    [300, 13, 0.5],
    [40, 3, 0],
  ])("n = %p, p = %p, lean %p: the QR's answer, and a covariance within 2e-13 of a refined one", (n, p, lean) => {
    const { x, y } = design(n, p, n + p, lean);
    const fast = solveLeastSquares(x, n, p, y);
    const qr = solveLeastSquares(x, n, p, y, { normalConditionLimit: 0 });
    const exact = reference(x, n, p, y);
    expect(fast.factorization).toBe('normal equations');
    expect(qr.factorization).toBe('qr');
    expect(fast.conditionNumber).toBeLessThanOrEqual(30);
    expect(fast.rank).toBe(p);
    expect(fast.aliased).toEqual(qr.aliased);
    // Both are refined to nearly the correctly rounded coefficients; the residuals are those coefficients'.
    for (let j = 0; j < p; j++) {
      const c = exact.coefficients[j] as number;
      expect(Math.abs((fast.coefficients[j] as number) - c)).toBeLessThanOrEqual(4 * 2 ** -52 * Math.abs(c));
    }
    expect(Math.abs(fast.residualSumOfSquares - qr.residualSumOfSquares)).toBeLessThan(1e-14 * qr.residualSumOfSquares);
    for (let j = 0; j < p; j++) {
      expect(Math.abs((fast.relativeResidualNorm[j] as number) - (qr.relativeResidualNorm[j] as number))).toBeLessThan(
        1e-12,
      );
    }
    for (let b = 0; b < p; b++) {
      let size = 0;
      for (let a = 0; a < p; a++) size = Math.max(size, Math.abs(exact.unscaledCovariance[b * p + a] as number));
      for (let a = 0; a < p; a++) {
        const error = Math.abs(
          (fast.unscaledCovariance[b * p + a] as number) - (exact.unscaledCovariance[b * p + a] as number),
        );
        expect(error).toBeLessThan(2e-13 * size);
      }
    }
  });

  test("a design above the condition limit, with too few rows, or with an aliased column is the QR's, bit for bit", () => {
    const cases = [
      { ...design(3000, 6, 5, 0.999), n: 3000, p: 6 }, // κ in the hundreds
      { ...design(15, 8, 6), n: 15, p: 8 }, // fewer than 2·p rows
    ];
    const { x, y } = design(500, 5, 7);
    x.copyWithin(4 * 500, 3 * 500, 4 * 500); // column 4 = column 3
    cases.push({ x, y, n: 500, p: 5 });
    for (const { x, y, n, p } of cases) {
      const fast = solveLeastSquares(x, n, p, y);
      const qr = solveLeastSquares(x, n, p, y, { normalConditionLimit: 0 });
      expect(JSON.stringify([...fast.coefficients, ...fast.unscaledCovariance, ...fast.residuals])).toBe(
        JSON.stringify([...qr.coefficients, ...qr.unscaledCovariance, ...qr.residuals]),
      );
      expect(fast.aliased).toEqual(qr.aliased);
      expect(fast.factorization).toBe('qr');
    }
    expect(solveLeastSquares(cases[0]!.x, 3000, 6, cases[0]!.y).conditionNumber).toBeGreaterThan(30);
  });

  test('a large design: a row sample sends a copied column to the QR and lets a well-conditioned one through', () => {
    const n = 40000; // n·p² = 1e8, where a sample of the rows is looked at first
    const p = 50;
    const good = design(n, p, 9);
    expect(solveLeastSquares(good.x, n, p, good.y).factorization).toBe('normal equations');
    const copied = design(n, p, 10);
    copied.x.copyWithin(40 * n, 20 * n, 21 * n); // column 40 = column 20
    const solution = solveLeastSquares(copied.x, n, p, copied.y);
    expect(solution.factorization).toBe('qr');
    expect(solution.aliased.indexOf(true)).toBe(40);
  });

  test('a rank tolerance above what a column keeps leaves the decision to the QR', () => {
    const n = 1000;
    const { x, y } = design(n, 4, 8, 0.9);
    const loose = solveLeastSquares(x, n, 4, y, { rankTolerance: 0.5 });
    const qr = solveLeastSquares(x, n, 4, y, { rankTolerance: 0.5, normalConditionLimit: 0 });
    expect(loose.aliased).toEqual(qr.aliased);
    expect(loose.aliased).toContain(true);
  });
});
