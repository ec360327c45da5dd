import { householderQr, type HouseholderQr } from '../../../src/core/numerics/householderQr';
import { defaultRankTolerance, solveLeastSquares } from '../../../src/core/numerics/leastSquares';
import { powerOfTwoScale } from '../../../src/core/numerics/powerOfTwoScale';
import { blockRowsFor, blockTriangle, reduceRows, stackTriangles } from '../../../src/core/numerics/tallSkinnyQr';
import { seededRandom } from '../../../src/core/prepare/seededRandom';

/**
 * A design with what makes rank detection hard across blocks: an intercept, a full set of dummies whose levels come
 * in runs (so that whole blocks have none of some level: all-zero columns there), a column that is an exact
 * combination of two earlier ones, numeric columns of very different sizes, and a tiny-variance column.
 */
function awkwardDesign(n: number, seed: number): { x: Float64Array; y: Float64Array; width: number } {
  const random = seededRandom(seed);
  const width = 9;
  const x = new Float64Array(n * width);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const level = Math.floor((3 * i) / n); // three runs: 0, 1, 2
    const a = (random() - 0.5) * 1e3;
    const b = random() * 1e-3;
    x[i] = 1; // intercept
    x[(1 + level) * n + i] = 1; // dummies 1..3, summing to the intercept: the third is aliased
    x[4 * n + i] = a;
    x[5 * n + i] = b;
    x[6 * n + i] = a - 2 * b; // an exact combination of columns 4 and 5 (to rounding)
    x[7 * n + i] = 1e6 + random(); // large level, small spread
    x[8 * n + i] = random() < 0.01 ? 1 : 0; // rare indicator
    y[i] = 3 + 0.5 * level + 0.002 * a + 40 * b + (random() - 0.5);
  }
  return { x, y, width };
}

/** [X·diag(scale) | y], column-major, as `householderQr` would take it unblocked. */
function scaledWhole(x: Float64Array, y: Float64Array, n: number, width: number): Float64Array {
  const scale = powerOfTwoScale(x, n, width);
  const whole = new Float64Array(n * (width + 1));
  for (let j = 0; j < width; j++) for (let i = 0; i < n; i++) whole[j * n + i] = (x[j * n + i] as number) * scale[j]!;
  whole.set(y, width * n);
  return whole;
}

/** Row k of R over the kept columns, then y's entry (Qᵀy): the first `rank` rows of the factors, by kept position. */
function keptRow(qr: HouseholderQr, rank: number, yColumn: number, k: number): number[] {
  const row: number[] = [];
  for (let b = 0; b < rank; b++)
    row.push(
      b < k ? 0 : b === k ? (qr.diagonal[k] as number) : (qr.factors[(qr.kept[b] as number) * qr.rows + k] as number),
    );
  row.push(qr.factors[yColumn * qr.rows + k] as number);
  return row;
}

/**
 * The same column decisions, and the same factor: R's rows (with Qᵀy) are unique only up to their signs, and an
 * ill-conditioned design moves single entries by κ·ε, so what is compared is what both must keep to rounding, the
 * cross-products RᵀR = [X|y]ᵀ[X|y] over the kept columns and y, to `tolerance` of √(GₐₐGᵦᵦ).
 */
function expectSameFactor(blocked: HouseholderQr, whole: HouseholderQr, yColumn: number, tolerance: number): void {
  expect(blocked.aliased.slice(0, yColumn)).toEqual(whole.aliased.slice(0, yColumn));
  const rank = whole.aliased.slice(0, yColumn).filter((a) => !a).length;
  expect(Array.from(blocked.kept.subarray(0, rank))).toEqual(Array.from(whole.kept.subarray(0, rank)));
  const gram = (qr: HouseholderQr): number[][] => {
    const rows = Array.from({ length: rank }, (_, k) => keptRow(qr, rank, yColumn, k));
    return Array.from({ length: rank + 1 }, (_, a) =>
      Array.from({ length: rank + 1 }, (_, b) => rows.reduce((sum, row) => sum + row[a]! * row[b]!, 0)),
    );
  };
  const g = gram(whole);
  const h = gram(blocked);
  for (let a = 0; a < rank; a++)
    for (let b = 0; b <= rank; b++)
      expect(Math.abs(h[a]![b]! - g[a]![b]!)).toBeLessThanOrEqual(tolerance * Math.sqrt(g[a]![a]! * g[b]![b]!));
  whole.relativeResidualNorm.slice(0, yColumn).forEach((value, j) => {
    const other = blocked.relativeResidualNorm[j] as number;
    // Kept columns: the same share to rounding (of their norm, 1); aliased ones: both at the rounding floor.
    if (whole.aliased[j]) expect(other).toBeLessThan(1e-12);
    else expect(Math.abs(other - value)).toBeLessThanOrEqual(1e-9 * value + 1e-14);
  });
}

describe('reduceRows (tall-skinny QR by row blocks)', () => {
  test.each([
    [1000, 64], // blocks of 62 or 63 rows: uneven
    [1000, 16], // a stack taller than two blocks, reduced again, several times
    [777, 40], // n not a multiple of anything
    [5000, blockRowsFor(10)], // the size solveLeastSquares takes
  ])('gives the unblocked QR’s decisions and R, at n = %p and %p rows a block', (n, blockRows) => {
    const { x, y, width } = awkwardDesign(n, n + blockRows);
    const tolerance = defaultRankTolerance(n);
    const whole = householderQr(scaledWhole(x, y, n, width), n, width + 1, tolerance);
    const stack = reduceRows({ x, y, scale: powerOfTwoScale(x, n, width), n, width }, blockRows);
    expect(stack.rows).toBeLessThanOrEqual(2 * Math.max(blockRows, 2 * (width + 1)));
    expect(stack.rows).toBeGreaterThanOrEqual(width + 1);
    const blocked = householderQr(stack.r, stack.rows, width + 1, tolerance);
    // The dummies' third level and the combination of columns 4 and 5 are aliased, as R's lm() would alias them.
    expect(whole.aliased).toEqual([false, false, false, true, false, false, true, false, false, false]);
    expectSameFactor(blocked, whole, width, 1e-13);
  });

  test('rows fewer than two blocks: the scaled matrix itself, unfactored', () => {
    const n = 50;
    const { x, y, width } = awkwardDesign(n, 5);
    const stack = reduceRows({ x, y, scale: powerOfTwoScale(x, n, width), n, width }, 64);
    expect(stack.rows).toBe(n);
    expect(Array.from(stack.r)).toEqual(Array.from(scaledWhole(x, y, n, width)));
  });

  test('as many rows as columns, and fewer: solveLeastSquares interpolates, and agrees with the unblocked QR', () => {
    const random = seededRandom(3);
    for (const [n, p] of [
      [6, 6],
      [4, 6],
    ] as const) {
      const x = Float64Array.from({ length: n * p }, (_, k) => (k < n ? 1 : random() - 0.5));
      const y = Float64Array.from({ length: n }, () => random());
      const solution = solveLeastSquares(x, n, p, y);
      expect(solution.rank).toBe(Math.min(n, p));
      solution.residuals.forEach((r) => expect(Math.abs(r)).toBeLessThan(1e-14));
      const whole = householderQr(scaledWhole(x, y, n, p), n, p + 1, defaultRankTolerance(n));
      expect(solution.aliased).toEqual(whole.aliased.slice(0, p));
    }
  });

  test('each block’s R has the block’s Gram matrix, also for a block with fewer rows than columns', () => {
    const n = 300;
    const { x, y, width } = awkwardDesign(n, 9);
    const scale = powerOfTwoScale(x, n, width);
    const whole = scaledWhole(x, y, n, width);
    const total = width + 1;
    for (const [start, end] of [
      [0, 120],
      [120, 125], // 5 rows, 10 columns
      [125, 300],
    ] as const) {
      const block = blockTriangle({ x, y, scale, n, width }, start, end);
      expect(block.rows).toBeLessThanOrEqual(Math.min(end - start, total));
      for (let a = 0; a < total; a++) {
        for (let b = a; b < total; b++) {
          let gram = 0;
          let squaresA = 0;
          let squaresB = 0;
          for (let i = start; i < end; i++) {
            gram += (whole[a * n + i] as number) * (whole[b * n + i] as number);
            squaresA += (whole[a * n + i] as number) ** 2;
            squaresB += (whole[b * n + i] as number) ** 2;
          }
          const size = Math.sqrt(squaresA * squaresB);
          let fromR = 0;
          for (let k = 0; k < block.rows; k++)
            fromR += (block.r[a * block.rows + k] as number) * (block.r[b * block.rows + k] as number);
          expect(Math.abs(fromR - gram)).toBeLessThanOrEqual(1e-13 * size + 1e-300);
        }
      }
    }
  });

  test('stackTriangles puts each factor’s rows under the previous ones', () => {
    const first = { r: Float64Array.from([1, 2, 3, 4]), rows: 2 }; // 2×2: columns [1, 2] and [3, 4]
    const second = { r: Float64Array.from([5, 6]), rows: 1 }; // 1×2
    const stacked = stackTriangles([first, second], 2);
    expect(stacked.rows).toBe(3);
    expect(Array.from(stacked.r)).toEqual([1, 2, 5, 3, 4, 6]);
  });
});

describe('solveLeastSquares over several blocks', () => {
  test('matches the unblocked QR solution, and flags the same terms', () => {
    const n = 20000; // several blocks of blockRowsFor(10) rows
    const { x, y, width } = awkwardDesign(n, 17);
    expect(n).toBeGreaterThan(4 * blockRowsFor(width + 1));
    const solution = solveLeastSquares(x, n, width, y);
    const whole = householderQr(scaledWhole(x, y, n, width), n, width + 1, defaultRankTolerance(n));
    expect(solution.aliased).toEqual(whole.aliased.slice(0, width));
    // The unblocked QR's own solution, R·b = Qᵀy, in original units.
    const rank = solution.rank;
    const scale = powerOfTwoScale(x, n, width);
    const b = Float64Array.from({ length: rank }, (_, k) => whole.factors[width * n + k] as number);
    for (let k = rank - 1; k >= 0; k--) {
      let sum = b[k] as number;
      for (let m = k + 1; m < rank; m++) sum -= signlessR(whole, k, m) * (b[m] as number);
      b[k] = sum / (whole.diagonal[k] as number);
    }
    // The unblocked solution is good to about κ·ε of the largest (scaled) coefficient; the refined one is better.
    let largest = 0;
    for (let k = 0; k < rank; k++) largest = Math.max(largest, Math.abs(b[k] as number));
    for (let k = 0; k < rank; k++) {
      const j = solution.kept[k] as number;
      const scaled = (solution.coefficients[j] as number) / (scale[j] as number);
      expect(Math.abs(scaled - (b[k] as number))).toBeLessThanOrEqual(1e-13 * solution.conditionNumber * largest);
    }
    expect(solution.refinementConverged).toBe(true);
  });
});

/** R's entry (a, b), a < b, as stored. */
function signlessR(qr: HouseholderQr, a: number, b: number): number {
  return qr.factors[(qr.kept[b] as number) * qr.rows + a] as number;
}
