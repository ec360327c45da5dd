/**
 * The result of `householderQr`: the factors of A = Q·R for the columns that were kept, in LAPACK's compact form.
 */
export interface HouseholderQr {
  /** Rows of A. */
  rows: number;
  /** Columns of A. */
  columns: number;
  /** Column-major rows×columns: the Householder vectors below the diagonal and R above it (for kept columns). */
  factors: Float64Array;
  /** How many columns were kept: the numerical rank. */
  rank: number;
  /** The kept columns' indices, in order; R's column k is column `kept[k]` of A. */
  kept: Int32Array;
  /** For each column of A, true when it was set aside as (numerically) a combination of earlier columns. */
  aliased: boolean[];
  /** For each column, the norm left after removing earlier kept columns, relative to the column's own norm. */
  relativeResidualNorm: Float64Array;
  /** R's diagonal, one entry per kept column. */
  diagonal: Float64Array;
  /** Householder scalars τ, one per kept column: Hₖ = I − τₖ·vₖ·vₖᵀ. */
  tau: Float64Array;
}

/**
 * Householder QR of a column-major matrix, with R-style rank detection that keeps the columns' order.
 *
 * Column j is compared, after the reflections of the columns kept before it, with its own original norm. When what
 * is left is at most `tolerance` times that norm, the column is a combination of earlier ones to working accuracy:
 * it is marked aliased, skipped, and the factorization carries on with the next column (as R's LINPACK dqrdc2 does,
 * but without moving the column). Callers should scale the columns first (see `equilibrate`), so that the
 * tolerance means the same for every column.
 *
 * Hand-written over a Float64Array because ml-matrix's QR took 2.2 s on 100,000×30 here against about 0.25 s for
 * this kernel (see `npm run bench`), and because ml-matrix has no rank detection.
 *
 * Cost: about 2·n·p² flops and no allocation beyond O(p); `a` is overwritten with the factors.
 * @throws Error when the dimensions do not match the array or the tolerance is not in [0, 1).
 */
export function householderQr(a: Float64Array, rows: number, columns: number, tolerance: number): HouseholderQr {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || columns < 0 || a.length !== rows * columns) {
    throw new Error(`householderQr: a ${rows}×${columns} matrix needs ${rows * columns} values, got ${a.length}`);
  }
  if (!(tolerance >= 0 && tolerance < 1))
    throw new Error(`householderQr: tolerance must be in [0, 1), got ${tolerance}`);

  const originalNorm = new Float64Array(columns);
  for (let j = 0; j < columns; j++) originalNorm[j] = columnNorm(a, j * rows, rows);

  const kept: number[] = [];
  const aliased: boolean[] = new Array<boolean>(columns).fill(false);
  const relativeResidualNorm = new Float64Array(columns);
  const diagonal: number[] = [];
  const tau: number[] = [];

  // Left-looking and blocked: when column j is reached, the reflections of the columns kept before it are applied
  // to it, then its own reflector is formed. Every complete group of four reflectors is applied at once in compact
  // WY form, Hq…Hq+3 = I − V·T·Vᵀ (LAPACK's dlarft/dlarfb), in two passes over the column instead of eight, which
  // is what bounds this kernel: memory traffic. The reflectors of an unfinished group are applied one by one.
  //
  // Columns are taken in pairs: every reflector there is when a pair is reached is applied to both of its columns in
  // one sweep (applyGroupToPair, applyReflectorToPair), which halves the reads of the reflectors, the traffic that
  // bounds this kernel; the second column then takes the first one's reflector alone. A last column without a partner
  // is paired with itself (both lanes compute the same values and store them to the same place): two passes per group
  // of four, where one reflector at a time took eight (the y column of `reduceRows`' blocks at 1e6 × 10).
  const groups: Float64Array[] = []; // T (4×4, column-major) of each complete group of four kept reflectors
  let applied = 0; // reflectors applied to both columns of the current pair
  for (let j = 0; j < columns; j++) {
    const offset = j * rows;
    if (j % 2 === 0) {
      const second = j + 1 < columns ? offset + rows : offset;
      for (let g = 0; g < groups.length; g++)
        applyGroupToPair(a, kept, 4 * g, offset, second, rows, groups[g] as Float64Array);
      for (let q = 4 * groups.length; q < kept.length; q++) {
        const source = (kept[q] as number) * rows;
        applyReflectorToPair(a, source, offset, second, q, rows, tau[q] as number);
      }
      applied = kept.length;
    }
    for (let q = applied; q < kept.length; q++) {
      const source = (kept[q] as number) * rows;
      applyReflector(a, source, offset, q, rows, tau[q] as number);
    }
    const r = kept.length;
    const remaining = r < rows ? columnNorm(a, offset + r, rows - r) : 0;
    const norm0 = originalNorm[j] as number;
    const relative = norm0 > 0 ? remaining / norm0 : 0;
    relativeResidualNorm[j] = relative;
    if (norm0 === 0 || relative <= tolerance || r >= rows) {
      aliased[j] = true;
      continue;
    }
    const x0 = a[offset + r] as number;
    const alpha = x0 >= 0 ? -remaining : remaining;
    // v = x − α·e₁ stored in place; vᵀv = 2(‖x‖² + |x₀|·‖x‖), so H = I − t·v·vᵀ with t = 1/(‖x‖² + |x₀|·‖x‖).
    a[offset + r] = x0 - alpha;
    kept.push(j);
    diagonal.push(alpha);
    tau.push(1 / (remaining * remaining + Math.abs(x0) * remaining));
    if (kept.length % 4 === 0) groups.push(groupFactor(a, kept, kept.length - 4, rows, tau));
  }
  return {
    rows,
    columns,
    factors: a,
    rank: kept.length,
    kept: Int32Array.from(kept),
    aliased,
    relativeResidualNorm,
    diagonal: Float64Array.from(diagonal),
    tau: Float64Array.from(tau),
  };
}

/**
 * Applies Qᵀ to a vector of length `rows`, in place. Cost: about 4·n·rank flops.
 */
export function applyQTranspose(qr: HouseholderQr, vector: Float64Array): void {
  const { rows, factors, kept, tau } = qr;
  for (let k = 0; k < qr.rank; k++) {
    const offset = (kept[k] as number) * rows;
    let w = 0;
    for (let i = k; i < rows; i++) w += (factors[offset + i] as number) * (vector[i] as number);
    w *= tau[k] as number;
    if (w === 0) continue;
    for (let i = k; i < rows; i++) vector[i] = (vector[i] as number) - w * (factors[offset + i] as number);
  }
}

/**
 * The rank×rank upper-triangular R of the kept columns, column-major. Cost: O(rank²).
 */
export function upperTriangle(qr: HouseholderQr): Float64Array {
  const { rows, factors, kept, rank, diagonal } = qr;
  const r = new Float64Array(rank * rank);
  for (let b = 0; b < rank; b++) {
    const offset = (kept[b] as number) * rows;
    for (let a = 0; a < b; a++) r[b * rank + a] = factors[offset + a] as number;
    r[b * rank + b] = diagonal[b] as number;
  }
  return r;
}

/**
 * The upper-triangular T of four consecutive reflectors q0…q0+3 (forward, columnwise, as LAPACK's dlarft):
 * T[i][i] = tᵢ and T[0:i, i] = −tᵢ·T[0:i, 0:i]·(V[:, 0:i]ᵀ·vᵢ). Reflector i's vector starts at row q0 + i.
 */
function groupFactor(
  a: Float64Array,
  kept: readonly number[],
  q0: number,
  rows: number,
  tau: readonly number[],
): Float64Array {
  const t = new Float64Array(16);
  const v0 = (kept[q0] as number) * rows;
  const v1 = (kept[q0 + 1] as number) * rows;
  const v2 = (kept[q0 + 2] as number) * rows;
  const v3 = (kept[q0 + 3] as number) * rows;
  // The six dot products vₖᵀvᵢ (k < i) over the rows where both are stored (from row q0 + i on): the rows from q0 + 3,
  // where all four are, in one sweep with six independent sums (in cache, this kernel is bound by the latency of
  // a single running sum), then the three rows above.
  let d01 = 0;
  let d02 = 0;
  let d12 = 0;
  let d03 = 0;
  let d13 = 0;
  let d23 = 0;
  for (let r = q0 + 3; r < rows; r++) {
    const e0 = a[v0 + r] as number;
    const e1 = a[v1 + r] as number;
    const e2 = a[v2 + r] as number;
    const e3 = a[v3 + r] as number;
    d01 += e0 * e1;
    d02 += e0 * e2;
    d12 += e1 * e2;
    d03 += e0 * e3;
    d13 += e1 * e3;
    d23 += e2 * e3;
  }
  // (Reflector q0 + 3 exists, so rows > q0 + 3.)
  const e2 = a[v2 + q0 + 2] as number;
  d01 +=
    (a[v0 + q0 + 2] as number) * (a[v1 + q0 + 2] as number) + (a[v0 + q0 + 1] as number) * (a[v1 + q0 + 1] as number);
  d02 += (a[v0 + q0 + 2] as number) * e2;
  d12 += (a[v1 + q0 + 2] as number) * e2;
  // T[k][i] = −tᵢ·Σₘ T[k][m]·(vₘᵀvᵢ) over k ≤ m < i, each sum from 0 in that order, written out (no small arrays: this
  // kernel is compiled in the first fit of a process, where its compile time is time spent in slower code).
  const t0 = tau[q0] as number;
  const t1 = tau[q0 + 1] as number;
  const t2 = tau[q0 + 2] as number;
  const t3 = tau[q0 + 3] as number;
  const t01 = -t1 * (0 + t0 * d01);
  const t02 = -t2 * (0 + t0 * d02 + t01 * d12);
  const t12 = -t2 * (0 + t1 * d12);
  t[0] = t0;
  t[4] = t01;
  t[5] = t1;
  t[8] = t02;
  t[9] = t12;
  t[10] = t2;
  t[12] = -t3 * (0 + t0 * d03 + t01 * d13 + t02 * d23);
  t[13] = -t3 * (0 + t1 * d13 + t12 * d23);
  t[14] = -t3 * (0 + t2 * d23);
  t[15] = t3;
  return t;
}

/**
 * Applies Hq0+3·…·Hq0 = (I − V·T·Vᵀ)ᵀ to two columns at once (at `target` and `second`, which may be the same):
 * w = Vᵀ·a, u = Tᵀ·w, a −= V·u, each reflector's entry read once for both columns. Reflector i's vector is stored
 * from row q0 + i (the rows above hold R), which the first four rows handle one by one.
 */
function applyGroupToPair(
  a: Float64Array,
  kept: readonly number[],
  q0: number,
  target: number,
  second: number,
  rows: number,
  t: Float64Array,
): void {
  const v0 = (kept[q0] as number) * rows;
  const v1 = (kept[q0 + 1] as number) * rows;
  const v2 = (kept[q0 + 2] as number) * rows;
  const v3 = (kept[q0 + 3] as number) * rows;
  const start = q0 + 4;
  // w = Vᵀ·a for both columns (z for the second); reflector i is zero above row q0 + i, so the first four rows,
  // where the vectors start one after another, are taken one by one. Written out with scalars (no small arrays and no
  // destructuring): this kernel is compiled in the first fit of a process, and its compile time (about 40 ms with
  // the arrays, node --trace-opt) was time the fit spent in slower code meanwhile.
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  for (let r = q0; r < start; r++) {
    const x = a[target + r] as number;
    const y = a[second + r] as number;
    const e0 = a[v0 + r] as number;
    w0 += e0 * x;
    z0 += e0 * y;
    if (r === q0) continue;
    const e1 = a[v1 + r] as number;
    w1 += e1 * x;
    z1 += e1 * y;
    if (r === q0 + 1) continue;
    const e2 = a[v2 + r] as number;
    w2 += e2 * x;
    z2 += e2 * y;
    if (r === q0 + 2) continue;
    const e3 = a[v3 + r] as number;
    w3 += e3 * x;
    z3 += e3 * y;
  }
  for (let r = start; r < rows; r++) {
    const x = a[target + r] as number;
    const y = a[second + r] as number;
    const e0 = a[v0 + r] as number;
    const e1 = a[v1 + r] as number;
    const e2 = a[v2 + r] as number;
    const e3 = a[v3 + r] as number;
    w0 += e0 * x;
    w1 += e1 * x;
    w2 += e2 * x;
    w3 += e3 * x;
    z0 += e0 * y;
    z1 += e1 * y;
    z2 += e2 * y;
    z3 += e3 * y;
  }
  // u = Tᵀ·w (T upper triangular, column-major: T[k][i] at t[i·4 + k]).
  const t0 = t[0] as number;
  const t4 = t[4] as number;
  const t5 = t[5] as number;
  const t8 = t[8] as number;
  const t9 = t[9] as number;
  const t10 = t[10] as number;
  const t12 = t[12] as number;
  const t13 = t[13] as number;
  const t14 = t[14] as number;
  const t15 = t[15] as number;
  const u0 = t0 * w0;
  const u1 = t4 * w0 + t5 * w1;
  const u2 = t8 * w0 + t9 * w1 + t10 * w2;
  const u3 = t12 * w0 + t13 * w1 + t14 * w2 + t15 * w3;
  const s0 = t0 * z0;
  const s1 = t4 * z0 + t5 * z1;
  const s2 = t8 * z0 + t9 * z1 + t10 * z2;
  const s3 = t12 * z0 + t13 * z1 + t14 * z2 + t15 * z3;
  for (let r = q0; r < start; r++) {
    const e0 = a[v0 + r] as number;
    let x = (a[target + r] as number) - e0 * u0;
    let y = (a[second + r] as number) - e0 * s0;
    if (r > q0) {
      const e1 = a[v1 + r] as number;
      x -= e1 * u1;
      y -= e1 * s1;
    }
    if (r > q0 + 1) {
      const e2 = a[v2 + r] as number;
      x -= e2 * u2;
      y -= e2 * s2;
    }
    if (r > q0 + 2) {
      const e3 = a[v3 + r] as number;
      x -= e3 * u3;
      y -= e3 * s3;
    }
    a[target + r] = x;
    a[second + r] = y;
  }
  for (let r = start; r < rows; r++) {
    const e0 = a[v0 + r] as number;
    const e1 = a[v1 + r] as number;
    const e2 = a[v2 + r] as number;
    const e3 = a[v3 + r] as number;
    const x = a[target + r] as number;
    const y = a[second + r] as number;
    a[target + r] = x - (e0 * u0 + e1 * u1 + e2 * u2 + e3 * u3);
    a[second + r] = y - (e0 * s0 + e1 * s1 + e2 * s2 + e3 * s3);
  }
}

/**
 * Applies H = I − t·v·vᵀ, with v in rows `from`.. of the column at `source`, to the column at `target`.
 * The dot product is unrolled four ways for speed.
 */
function applyReflector(a: Float64Array, source: number, target: number, from: number, rows: number, t: number): void {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let i = from;
  for (; i + 3 < rows; i += 4) {
    w0 += (a[source + i] as number) * (a[target + i] as number);
    w1 += (a[source + i + 1] as number) * (a[target + i + 1] as number);
    w2 += (a[source + i + 2] as number) * (a[target + i + 2] as number);
    w3 += (a[source + i + 3] as number) * (a[target + i + 3] as number);
  }
  for (; i < rows; i++) w0 += (a[source + i] as number) * (a[target + i] as number);
  const w = (w0 + w1 + (w2 + w3)) * t;
  if (w === 0) return;
  for (i = from; i < rows; i++) a[target + i] = (a[target + i] as number) - w * (a[source + i] as number);
}

/** `applyReflector` on two columns at once (at `target` and `second`, which may be the same), reading v once. */
function applyReflectorToPair(
  a: Float64Array,
  source: number,
  target: number,
  second: number,
  from: number,
  rows: number,
  t: number,
): void {
  let w0 = 0;
  let w1 = 0;
  let z0 = 0;
  let z1 = 0;
  let i = from;
  for (; i + 1 < rows; i += 2) {
    const v0 = a[source + i] as number;
    const v1 = a[source + i + 1] as number;
    w0 += v0 * (a[target + i] as number);
    w1 += v1 * (a[target + i + 1] as number);
    z0 += v0 * (a[second + i] as number);
    z1 += v1 * (a[second + i + 1] as number);
  }
  if (i < rows) {
    const v = a[source + i] as number;
    w0 += v * (a[target + i] as number);
    z0 += v * (a[second + i] as number);
  }
  const w = (w0 + w1) * t;
  const z = (z0 + z1) * t;
  for (i = from; i < rows; i++) {
    const v = a[source + i] as number;
    const x = a[target + i] as number;
    const y = a[second + i] as number;
    a[target + i] = x - w * v;
    a[second + i] = y - z * v;
  }
}

function columnNorm(a: Float64Array, start: number, length: number): number {
  // Columns are equilibrated before factorization, so a plain sum of squares is safe; the scaled loop (LAPACK
  // dnrm2) runs only when the plain one overflows or underflows, since callers may pass raw data.
  // Four running sums: in cache (the blocks of `reduceRows`), one sum's latency bounded this loop.
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  const end = start + length;
  let i = start;
  for (; i + 3 < end; i += 4) {
    p0 += (a[i] as number) * (a[i] as number);
    p1 += (a[i + 1] as number) * (a[i + 1] as number);
    p2 += (a[i + 2] as number) * (a[i + 2] as number);
    p3 += (a[i + 3] as number) * (a[i + 3] as number);
  }
  for (; i < end; i++) p0 += (a[i] as number) * (a[i] as number);
  const plain = p0 + p1 + (p2 + p3);
  if (plain > 1e-290 && plain < 1e290) return Math.sqrt(plain);
  if (plain === 0) return 0;
  let scale = 0;
  let sum = 1;
  for (i = start; i < end; i++) {
    const v = a[i] as number;
    if (v === 0) continue;
    const abs = Math.abs(v);
    if (scale < abs) {
      sum = 1 + sum * (scale / abs) * (scale / abs);
      scale = abs;
    } else {
      sum += (abs / scale) * (abs / scale);
    }
  }
  return scale * Math.sqrt(sum);
}
