import fc from 'fast-check';
import { householderQr } from '../../../src/core/numerics/householderQr';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/cli/readCsv';
import { buildDesign } from '../../../src/core/model/design';
import { fitOls } from '../../../src/core/model/fitOls';
import { defaultRankTolerance, singularValues, solveLeastSquares } from '../../../src/core/numerics/leastSquares';
import { seededRandom } from '../../../src/core/prepare/seededRandom';
import { loadNist, nistPath } from '../../helpers/nist';
import { describeWithShared } from '../../helpers/shared';
import { existsSync } from 'node:fs';
import { exactSum } from './referenceDoubleDouble';

/** Column-major matrix from rows. */
function columnMajor(rows: number[][]): Float64Array {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const x = new Float64Array(n * p);
  rows.forEach((row, i) => row.forEach((v, j) => (x[j * n + i] = v)));
  return x;
}

const seeded = (seed: number): (() => number) => seededRandom(seed | 0);

/** Intercept plus a full set of `levels` dummies (exactly collinear), plus one numeric column. */
function fullDummies(n: number, levels: number, seed: number): { x: Float64Array; y: Float64Array; p: number } {
  const random = seeded(seed);
  const p = 1 + levels + 1;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 1;
    x[(1 + (i % levels)) * n + i] = 1;
    x[(p - 1) * n + i] = random() * 100;
    y[i] = random();
  }
  return { x, y, p };
}

describe('rank detection', () => {
  test.each([20, 1000, 100000])('flags the last of a full set of dummies beside an intercept (n = %p)', (n) => {
    const { x, y, p } = fullDummies(n, 5, n);
    const solution = solveLeastSquares(x, n, p, y);
    expect(solution.aliased).toEqual([false, false, false, false, false, true, false]);
    expect(solution.rank).toBe(p - 1);
    expect(Number.isNaN(solution.coefficients[5] as number)).toBe(true);
    // Rounding leaves far less than the tolerance: at least 100 times less.
    expect(solution.relativeResidualNorm[5] as number).toBeLessThan(defaultRankTolerance(n) / 100);
  });

  test('flags an exact linear combination of earlier columns, keeping later ones', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [1, i, (i * i) % 7, i + 2 * ((i * i) % 7), (i * 5) % 3]);
    const y = Float64Array.from(rows, (r, i) => r[1]! - r[2]! + 0.1 * ((i * 7) % 5));
    const solution = solveLeastSquares(columnMajor(rows), 12, 5, y);
    expect(solution.aliased).toEqual([false, false, false, true, false]);
    expect(solution.rank).toBe(4);
  });

  test('a constant column beside the intercept is aliased; an all-zero column too', () => {
    const rows = Array.from({ length: 6 }, (_, i) => [1, i, 3, 0]);
    const solution = solveLeastSquares(columnMajor(rows), 6, 4, Float64Array.from([1, 3, 2, 5, 4, 6]));
    expect(solution.aliased).toEqual([false, false, true, true]);
  });

  (existsSync(nistPath) ? test : test.skip)('keeps Filip x¹⁰, which R drops at its 1e-7 tolerance', () => {
    const filip = loadNist().find((d) => d.name === 'Filip')!;
    const n = filip.data.rows.length;
    const rows = filip.data.rows.map((r) => [1, ...Array.from({ length: 10 }, (_, k) => Math.pow(r[1]!, k + 1))]);
    const solution = solveLeastSquares(
      columnMajor(rows),
      n,
      11,
      Float64Array.from(filip.data.rows, (r) => r[0]!),
    );
    expect(solution.rank).toBe(11);
    const x10 = solution.relativeResidualNorm[10] as number;
    expect(x10).toBeLessThan(1e-7); // R's lm() would call it aliased
    expect(x10).toBeGreaterThan(defaultRankTolerance(n) * 100); // we are far from calling it aliased
  });
});

describe('edge cases', () => {
  test('empty input: no rows and no columns', () => {
    const solution = solveLeastSquares(new Float64Array(0), 0, 0, new Float64Array(0));
    expect(solution.rank).toBe(0);
    expect(solution.residualSumOfSquares).toBe(0);
  });
  test('one row, one column', () => {
    const solution = solveLeastSquares(Float64Array.from([2]), 1, 1, Float64Array.from([3]));
    expect(solution.coefficients[0]).toBe(1.5);
    expect(solution.residualSumOfSquares).toBe(0);
  });
  test('zero residual degrees of freedom: an exact interpolation', () => {
    const rows = [
      [1, 0],
      [1, 1],
    ];
    const solution = solveLeastSquares(columnMajor(rows), 2, 2, Float64Array.from([1, 4]));
    expect(Array.from(solution.coefficients)).toEqual([1, 3]);
    expect(solution.residualSumOfSquares).toBe(0);
  });
  test('bad input throws errors that name the function', () => {
    expect(() => solveLeastSquares(new Float64Array(3), 2, 2, new Float64Array(2))).toThrow(
      /solveLeastSquares: X should hold 2×2 values/,
    );
    expect(() => solveLeastSquares(new Float64Array(4), 2, 2, new Float64Array(3))).toThrow(
      /solveLeastSquares: y has 3 values for 2 rows/,
    );
    expect(() => solveLeastSquares(Float64Array.from([1, NaN]), 2, 1, new Float64Array(2))).toThrow(/not finite/);
    expect(() => householderQr(new Float64Array(4), 2, 2, 1)).toThrow(/householderQr: tolerance/);
  });
});

describe('properties (fast-check)', () => {
  const problem = fc
    .record({ n: fc.integer({ min: 3, max: 40 }), p: fc.integer({ min: 1, max: 6 }), seed: fc.integer() })
    .filter(({ n, p }) => n > p);
  function make({ n, p, seed }: { n: number; p: number; seed: number }): { x: Float64Array; y: Float64Array } {
    const random = seeded(seed);
    const x = Float64Array.from({ length: n * p }, (_, k) =>
      k < n ? 1 : (random() - 0.5) * 10 ** Math.floor(random() * 6 - 2),
    );
    const y = Float64Array.from({ length: n }, () => random() * 100 - 50);
    return { x, y };
  }

  test('residuals are orthogonal to every column', () => {
    fc.assert(
      fc.property(problem, (spec) => {
        const { x, y } = make(spec);
        const solution = solveLeastSquares(x, spec.n, spec.p, y);
        for (let j = 0; j < spec.p; j++) {
          let dot = 0;
          let scale = 0;
          for (let i = 0; i < spec.n; i++) {
            dot += (x[j * spec.n + i] as number) * (solution.residuals[i] as number);
            scale += Math.abs((x[j * spec.n + i] as number) * (y[i] as number));
          }
          if (Math.abs(dot) > 1e-12 * scale) return false;
        }
        return true;
      }),
    );
  });

  test('scaling a column by c divides its coefficient by c', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (spec, c) => {
        const { x, y } = make(spec);
        const before = solveLeastSquares(x, spec.n, spec.p, y);
        const scaled = Float64Array.from(x);
        const j = spec.p - 1;
        for (let i = 0; i < spec.n; i++) scaled[j * spec.n + i] = (x[j * spec.n + i] as number) * c;
        const after = solveLeastSquares(scaled, spec.n, spec.p, y);
        const expected = (before.coefficients[j] as number) / c;
        return Math.abs((after.coefficients[j] as number) - expected) <= 1e-9 * Math.abs(expected) + 1e-300;
      }),
    );
  });

  test('reordering rows changes nothing', () => {
    fc.assert(
      fc.property(problem, (spec) => {
        const { x, y } = make(spec);
        const { n, p } = spec;
        const order = Array.from({ length: n }, (_, i) => n - 1 - i);
        const xr = new Float64Array(n * p);
        for (let j = 0; j < p; j++) order.forEach((from, i) => (xr[j * n + i] = x[j * n + from] as number));
        const yr = Float64Array.from(order, (from) => y[from] as number);
        const a = solveLeastSquares(x, n, p, y);
        const b = solveLeastSquares(xr, n, p, yr);
        return Array.from(a.coefficients).every(
          (v, j) => Math.abs(v - (b.coefficients[j] as number)) <= 1e-11 * Math.max(1, Math.abs(v)),
        );
      }),
    );
  });
});

describeWithShared('data/nist/certified.json')('refinement', () => {
  test('converges on Longley in a few steps', () => {
    const longley = loadNist().find((d) => d.name === 'Longley')!;
    const n = longley.data.rows.length;
    const rows = longley.data.rows.map((r) => [1, ...r.slice(1)]);
    const solution = solveLeastSquares(
      columnMajor(rows),
      n,
      7,
      Float64Array.from(longley.data.rows, (r) => r[0]!),
    );
    expect(solution.refinementConverged).toBe(true);
    expect(solution.refinementSteps).toBeLessThanOrEqual(4);
    expect(solution.conditionNumber).toBeGreaterThan(1e4);
  });
});

/** m·2^-2148 (an `exactSum`) rounded to the nearest double (ties to even), for values in the normal range. */
function roundExact(m: bigint): number {
  if (m === 0n) return 0;
  const magnitude = m < 0n ? -m : m;
  const shift = Math.max(0, magnitude.toString(2).length - 64);
  let top = magnitude >> BigInt(shift);
  if (top << BigInt(shift) !== magnitude) top |= 1n; // sticky bit: 11 bits below the 53 kept, so one rounding
  let value = Number(top);
  for (let e = shift - 2148; e !== 0;) {
    const step = Math.max(-1000, Math.min(1000, e));
    value *= 2 ** step;
    e -= step;
  }
  return m < 0n ? -value : value;
}

/**
 * Each residual of `solution`'s own coefficients against the exact y − X·b: within the bound of a Dot2 evaluation
 * (half a unit in its last place, plus γ²·Σ|terms|, γ = 2(p + 1)·u); Σr² within a few units of the exact one.
 * Returns how many residuals are not the exact value correctly rounded.
 */
function expectResidualsAccurate(x: Float64Array, n: number, p: number, y: Float64Array): number {
  const solution = solveLeastSquares(x, n, p, y);
  const u = 2 ** -53;
  const gamma = 2 * (p + 1) * u;
  let mismatches = 0;
  let squares = 0n;
  for (let i = 0; i < n; i++) {
    const terms: Array<number | [number, number]> = [y[i] as number];
    let size = Math.abs(y[i] as number);
    for (let j = 0; j < p; j++) {
      if (solution.aliased[j]) continue;
      terms.push([-(solution.coefficients[j] as number), x[j * n + i] as number]);
      size += Math.abs((solution.coefficients[j] as number) * (x[j * n + i] as number));
    }
    const residual = exactSum(terms);
    squares += residual * residual;
    const expected = roundExact(residual);
    const got = solution.residuals[i] as number;
    if (got === expected) continue;
    mismatches++;
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(2 * u * Math.abs(expected) + gamma * gamma * size);
  }
  // Σr² to a few units in its last place (squares is in units of 2^-4296).
  const rss = roundExact(squares >> 2148n);
  expect(Math.abs(solution.residualSumOfSquares - rss)).toBeLessThanOrEqual(8 * u * rss);
  expect(solution.refinementConverged).toBe(true);
  return mismatches;
}

describe('residuals of the refined coefficients', () => {
  // Several blocks of rows; the last pass updates the previous residuals where that is as good as evaluating them.
  const n = 3000;
  const p = 5;
  const random = seeded(23);
  const x = Float64Array.from({ length: n * p }, (_, k) => (k < n ? 1 : (random() - 0.5) * 10 ** ((k % 3) - 1)));

  test('are the exact y − X·b correctly rounded, but for rare near-ties, with the exact Σr²', () => {
    const y = Float64Array.from({ length: n }, (_, i) => 3 + 2 * (x[n + i] as number) + (random() - 0.5));
    expect(expectResidualsAccurate(x, n, p, y)).toBeLessThanOrEqual(n / 200);
  });

  test('also for a nearly perfect fit, whose residuals are far below the rounding of X·b', () => {
    const y = Float64Array.from(
      { length: n },
      (_, i) => 3 + 2 * (x[n + i] as number) - (x[2 * n + i] as number) / 3 + 1e-13 * (random() - 0.5),
    );
    expectResidualsAccurate(x, n, p, y);
  });

  test('also when the design is ill-conditioned and the residuals small', () => {
    // A column near 1e4 beside the intercept: κ about 1e5, so refinement moves b by more than its last bits.
    const z = Float64Array.from(x);
    for (let i = 0; i < n; i++) z[3 * n + i] = 1e4 + random();
    const y = Float64Array.from(
      { length: n },
      (_, i) => 3 + 2 * (z[n + i] as number) + (z[3 * n + i] as number) / 7 + 1e-8 * (random() - 0.5),
    );
    expectResidualsAccurate(z, n, p, y);
  });
});

describe('singular values (one-sided Jacobi), for the scaled condition number', () => {
  test('match ml-matrix on well-conditioned matrices, and keep the Frobenius norm exactly', () => {
    const random = seeded(11);
    for (const n of [1, 2, 3, 7, 20, 40]) {
      const rows = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (j >= i ? random() - 0.5 + (i === j ? 2 : 0) : 0)),
      );
      const expected = new SingularValueDecomposition(new Matrix(rows), {
        computeLeftSingularVectors: false,
        computeRightSingularVectors: false,
      }).diagonal.sort((a, b) => b - a);
      const values = [...singularValues(columnMajor(rows), n)].sort((a, b) => b - a);
      values.forEach((value, k) =>
        expect(Math.abs(value - (expected[k] as number)) / (expected[0] as number)).toBeLessThan(1e-13),
      );
      const frobenius = rows.flat().reduce((sum, v) => sum + v * v, 0);
      expect(Math.abs(values.reduce((sum, v) => sum + v * v, 0) - frobenius) / frobenius).toBeLessThan(1e-13);
    }
  });

  test("give the exact fixtures' scaled condition numbers (from exact XᵀX, make_exact.py) to 7 digits", () => {
    const folder = join(__dirname, '..', '..', 'fixtures', 'exact');
    const cases = JSON.parse(readFileSync(join(folder, 'exact-fixtures.json'), 'utf8')) as {
      name: string;
      csv: string;
      intercept: boolean;
      diagnostics: { conditionNumberScaled: number };
    }[];
    for (const c of cases) {
      const results = fitOls(buildDesign(readCsv(join(folder, c.csv)), { target: 'y', intercept: c.intercept }));
      expect({
        name: c.name,
        close: Math.abs(results.conditionNumber / c.diagnostics.conditionNumberScaled - 1) < 1e-7,
      }).toEqual({ name: c.name, close: true });
    }
  });
});
