/**
 * The references for src/core/numerics/doubleDouble.ts's kernel (`productError`, `sumError`) and the least-squares
 * dot products built on it, written independently of the kernel and returning hi + lo pairs: exact rational
 * arithmetic on the doubles' bits (BigInt), Knuth's TwoSum, TwoProduct with its error taken from the exact product
 * (no Veltkamp splitting, unlike the kernel), and Ogita–Rump–Oishi's Dot2 ("Accurate sum and dot product", 2005).
 * Test code only: nothing in src needs them.
 */

/** A finite double as the exact rational m·2^e (m a BigInt), read from its bits. */
export function exact(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { m: sign * fraction, e: -1074 };
  return { m: sign * (fraction | (1n << 52n)), e: biased - 1075 };
}

/** The exact sum of doubles and products of doubles, as m·2^-2148 (every such value is a multiple of that). */
export function exactSum(terms: Array<number | [number, number]>): bigint {
  let total = 0n;
  for (const term of terms) {
    if (typeof term === 'number') {
      const { m, e } = exact(term);
      total += m << BigInt(e + 2148);
    } else {
      const a = exact(term[0]);
      const b = exact(term[1]);
      total += (a.m * b.m) << BigInt(a.e + b.e + 2148);
    }
  }
  return total;
}

/**
 * The double equal to m·2^-2148 (an `exactSum`).
 * @throws Error when that value is not a double (more than 53 significant bits).
 */
export function exactToDouble(m: bigint): number {
  if (m === 0n) return 0;
  const magnitude = m < 0n ? -m : m;
  const shift = Math.max(0, magnitude.toString(2).length - 53);
  if ((magnitude >> BigInt(shift)) << BigInt(shift) !== magnitude) throw new Error('not a double');
  // Scaled by 2^(shift − 2148) in steps of at most 2^±1000, each exact: the value moves monotonically to the result.
  let value = Number(magnitude >> BigInt(shift));
  for (let e = shift - 2148; e !== 0;) {
    const step = Math.max(-1000, Math.min(1000, e));
    value *= 2 ** step;
    e -= step;
  }
  return m < 0n ? -value : value;
}

/** A value represented as the unevaluated sum hi + lo, with |lo| ≤ ulp(hi)/2. */
export interface DoubleDouble {
  hi: number;
  lo: number;
}

/**
 * The exact sum a + b as hi + lo (Knuth's TwoSum). Cost: 6 flops.
 */
export function twoSum(a: number, b: number): DoubleDouble {
  const hi = a + b;
  const z = hi - a;
  const lo = a - (hi - z) + (b - z);
  return { hi, lo };
}

/**
 * The exact product a · b as hi + lo: hi = fl(a·b), lo the exact remainder, from exact rational arithmetic.
 * Exact unless a product overflows or underflows.
 */
export function twoProduct(a: number, b: number): DoubleDouble {
  const hi = a * b;
  return { hi, lo: exactToDouble(exactSum([[a, b]]) - exactSum([hi])) };
}

/**
 * Dot product Σ aᵢ·bᵢ computed as if in twice the working precision (Ogita–Rump–Oishi Dot2),
 * returned unrounded as hi + lo. Cost: about 25n flops.
 *
 * @throws Error when the arrays differ in length.
 */
export function dot2(a: ArrayLike<number>, b: ArrayLike<number>): DoubleDouble {
  if (a.length !== b.length) throw new Error(`dot2: lengths differ (${a.length} and ${b.length})`);
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const p = twoProduct(a[i] as number, b[i] as number);
    const sum = twoSum(s, p.hi);
    s = sum.hi;
    c += sum.lo + p.lo;
  }
  return twoSum(s, c);
}
