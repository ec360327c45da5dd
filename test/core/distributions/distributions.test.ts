import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jStat } from 'jstat';
import { fUpperTailPValue } from '../../../src/core/distributions/fDistribution';
import {
  studentTQuantile,
  studentTTwoSidedPValue,
  studentTUpperQuantile,
} from '../../../src/core/distributions/studentT';
import { relativeError } from '../../helpers/digits';

// Source: R's pt, qt and pf via test/fixtures/r/distributions.R. Tolerance: 1e-12 relative for df ≤ 1000,
// 1e-10 above (R switches to a normal approximation for df > 4e5, accurate to about 1e-11 there).
interface Case {
  kind: 'tTwoSided' | 'tQuantile' | 'fUpper';
  t?: number;
  df?: number;
  p?: number;
  f?: number;
  df1?: number;
  df2?: number;
  value: number;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'r', 'distributions.json'), 'utf8'),
) as { cases: Case[] };

describe('Student t and F against R', () => {
  test.each(fixture.cases.filter((c) => c.kind === 'tTwoSided').map((c) => [c.t, c.df, c.value] as const))(
    'two-sided p for t = %p, df = %p',
    (t, df, expected) => {
      expect(relativeError(studentTTwoSidedPValue(t as number, df as number), expected)).toBeLessThan(
        (df as number) > 1000 ? 1e-10 : 1e-12,
      );
    },
  );
  // Just above the median R's qt loses digits (see test/fixtures/mpmath); those points are checked against mpmath.
  test.each(
    fixture.cases
      .filter((c) => c.kind === 'tQuantile' && (c.p as number) > 0.51)
      .map((c) => [c.p, c.df, c.value] as const),
  )('quantile at p = %p, df = %p', (p, df, expected) => {
    expect(relativeError(studentTQuantile(p as number, df as number), expected)).toBeLessThan(
      (df as number) > 1000 ? 1e-10 : 1e-12,
    );
  });
  test.each(fixture.cases.filter((c) => c.kind === 'fUpper').map((c) => [c.f, c.df1, c.df2, c.value] as const))(
    'F upper tail at f = %p, df = (%p, %p)',
    (f, df1, df2, expected) => {
      expect(relativeError(fUpperTailPValue(f as number, df1 as number, df2 as number), expected)).toBeLessThan(1e-11);
    },
  );
});

describe('Student t quantiles near the median against mpmath (40 digits)', () => {
  const centre = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'mpmath', 't-quantile-centre.json'), 'utf8'),
  ) as { cases: Case[] };
  test.each(centre.cases.map((c) => [c.p, c.df, c.value] as const))(
    'quantile at p = %p, df = %p',
    (p, df, expected) => {
      expect(relativeError(studentTQuantile(p as number, df as number), expected)).toBeLessThan(1e-13);
    },
  );
});

describe('why the distributions are not plain jStat', () => {
  test('a p-value of 2e-22 keeps 6 digits, where 1 − cdf gives 0', () => {
    const c = fixture.cases.find(
      (k) => k.kind === 'tTwoSided' && k.df === 30 && k.value < 1e-21 && k.value > 1e-23,
    ) as Case;
    expect(c).toBeDefined();
    expect(relativeError(studentTTwoSidedPValue(c.t as number, 30), c.value)).toBeLessThan(1e-6);
    expect(2 * (1 - jStat.studentt.cdf(Math.abs(c.t as number), 30))).toBe(0);
  });
  test('quantile polishing beats jStat.studentt.inv', () => {
    const expected = fixture.cases.find((k) => k.kind === 'tQuantile' && k.df === 10 && k.p === 0.975) as Case;
    expect(relativeError(jStat.studentt.inv(0.975, 10), expected.value)).toBeGreaterThan(1e-10);
    expect(relativeError(studentTQuantile(0.975, 10), expected.value)).toBeLessThan(1e-14);
  });
  test('symmetry and the centre', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 14);
    expect(studentTTwoSidedPValue(0, 7)).toBe(1);
    expect(studentTTwoSidedPValue(-2, 7)).toBe(studentTTwoSidedPValue(2, 7));
    expect(studentTTwoSidedPValue(Infinity, 7)).toBe(0);
  });
  test('bad arguments throw errors naming the function', () => {
    expect(() => studentTTwoSidedPValue(1, 0)).toThrow(/studentTTwoSidedPValue: degrees of freedom/);
    expect(() => studentTTwoSidedPValue(NaN, 3)).toThrow(/studentTTwoSidedPValue: t is NaN/);
    expect(() => studentTQuantile(1, 3)).toThrow(/studentTQuantile: probability/);
    expect(() => fUpperTailPValue(-1, 1, 2)).toThrow(/fUpperTailPValue: f must be/);
    expect(() => fUpperTailPValue(1, 0, 2)).toThrow(/fUpperTailPValue: degrees of freedom/);
  });
});

// Source: mpmath at 50 digits, test/fixtures/mpmath/tails_large_df.py (inputs are the exact doubles). Issue 13: the
// tails lost digits linearly in df (4e-9 at df 1e8) and level-0.999999 quantiles about 1e-10. Tolerance: 1e-13
// relative; for p-values below 1e-100 it grows with |ln p|·4ε, the conditioning of p on its rounded argument
// df/(df + t²) (d ln p / d ln y ≈ ln p), which no double-precision method can beat (6e-13 at p = 1e-289).
describe('huge degrees of freedom and extreme levels against mpmath (50 digits)', () => {
  const large = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'mpmath', 'tails-large-df.json'), 'utf8'),
  ) as {
    cases: (Omit<Case, 'kind'> & { kind: 'tTwoSided' | 'fUpper' | 'tLevelQuantile'; level?: number; tail?: number })[];
  };
  const tolerance = (p: number): number => Math.max(1e-13, 4 * 2 ** -52 * Math.abs(Math.log(p)));
  test('the fixture reaches df 1e8 and level 0.999999', () => {
    expect(Math.max(...large.cases.map((c) => c.df ?? c.df2 ?? 0))).toBe(1e8);
    expect(large.cases.some((c) => c.level === 0.999999)).toBe(true);
  });
  test.each(large.cases.filter((c) => c.kind === 'tTwoSided').map((c) => [c.t, c.df, c.value] as const))(
    'two-sided p for t = %p, df = %p',
    (t, df, expected) => {
      expect(relativeError(studentTTwoSidedPValue(t as number, df as number), expected)).toBeLessThan(
        tolerance(expected),
      );
    },
  );
  test.each(large.cases.filter((c) => c.kind === 'fUpper').map((c) => [c.f, c.df1, c.df2, c.value] as const))(
    'F upper tail at f = %p, df = (%p, %p)',
    (f, df1, df2, expected) => {
      expect(relativeError(fUpperTailPValue(f as number, df1 as number, df2 as number), expected)).toBeLessThan(
        tolerance(expected),
      );
    },
  );
  test.each(
    large.cases.filter((c) => c.kind === 'tLevelQuantile').map((c) => [c.level, c.df, c.tail, c.value] as const),
  )('interval multiplier at level %p, df = %p', (level, df, tail, expected) => {
    expect((1 - (level as number)) / 2).toBe(tail);
    expect(relativeError(studentTUpperQuantile(tail as number, df as number), expected)).toBeLessThan(1e-13);
  });
  test('the upper quantile agrees with the quantile where both are exact, and checks its tail', () => {
    expect(studentTUpperQuantile(0.025, 10)).toBeCloseTo(studentTQuantile(0.975, 10), 14);
    expect(studentTUpperQuantile(0.4, 7)).toBeCloseTo(studentTQuantile(0.6, 7), 14);
    expect(studentTUpperQuantile(0.5, 7)).toBe(0);
    expect(() => studentTUpperQuantile(0.6, 3)).toThrow(/studentTUpperQuantile: the tail/);
    expect(() => studentTUpperQuantile(0, 3)).toThrow(/studentTUpperQuantile: the tail/);
  });
});
