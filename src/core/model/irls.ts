import { cholesky, choleskySolve } from '../numerics/cholesky';
import { crossProducts } from '../numerics/normalEquations';
import { singularValues, solveLeastSquares, type LeastSquaresSolution } from '../numerics/leastSquares';
import { linearPredictor } from './fittedModel';
import { inverseLogLink, type CountFamily } from './glmFamily';

/** What `irls` needs besides the design: prior weights, offset, a start, and R's controls. */
export interface IrlsOptions {
  /** Prior weights, one per row (default 1). A zero weight leaves the row out, as in R. */
  weights?: Float64Array;
  /** Offset on the link scale, one per row (default 0). */
  offset?: Float64Array;
  /** Starting linear predictor, offset included (R's `etastart`); else μ from the family's `startMu`. */
  etaStart?: Float64Array;
  /** Starting means (R's `mustart`); used when there is no `etaStart`. */
  muStart?: Float64Array;
  /** Convergence: |dev − dev_old|/(|dev| + 0.1) < epsilon (R's glm.control, default 1e-8). */
  epsilon?: number;
  /** Most iterations (default 25, R's). */
  maxIterations?: number;
  /**
   * The kept columns of an earlier fit of the same design that was well conditioned (its `fastKept`): the first
   * iteration then takes the normal equations too, instead of a QR to find them again.
   */
  fastKept?: Int32Array | null;
}

/** The outcome of `irls`. */
export interface IrlsFit {
  /** One per design column; NaN for aliased columns. */
  coefficients: Float64Array;
  /** The last weighted least-squares solve: its unscaled covariance is (XᵀWX)⁻¹ at the last working weights (R's). */
  solution: LeastSquaresSolution;
  eta: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  /** True when the deviance was not finite or μ invalid and the step had to be halved. */
  halved: boolean;
  /** The kept columns when the design was well conditioned enough for the normal equations, else null. */
  fastKept: Int32Array | null;
  /** The family fitted (for the negative binomial, its θ during this fit), whose deviance `deviance` is. */
  family: CountFamily;
}

/**
 * Iteratively reweighted least squares for a count family with the log link, step for step as R's `glm.fit`: start
 * from η = log μ₀; each iteration forms z = η − offset + (y − μ)/μ and w = √(prior·μ²/V(μ)), solves the weighted
 * least squares (rows scaled by √w), and stops when the deviance changes by less than epsilon relative. A non-finite
 * deviance halves the step, as R does. The first iteration (without `fastKept`) and the last solve on TikFit's
 * accurate QR (aliased columns set aside as for OLS): the last gives the coefficients and their covariance, as R's
 * last QR does. While the weighted design is well conditioned (κ ≤ 1e3) the ones in between solve the normal
 * equations (`normalEquationsStep`); otherwise they take the QR too.
 *
 * Cost: O(n·p²/2) per iteration and two `solveLeastSquares` (O(n·p²) each; one with `fastKept`) for a
 * well-conditioned design, else one `solveLeastSquares` per iteration; usually 4–10 iterations.
 * @throws Error when no finite deviance can be reached from the start, or the step-halving limit is hit.
 */
export function irls(...args: Parameters<typeof irlsDraft>): IrlsFit {
  return irlsDraft(...args).final();
}

/** An IRLS fit whose last iteration may still hold the normal equations' solution (see `irlsDraft`). */
export interface IrlsDraft {
  /** The fitted means of the last iteration. */
  mu: Float64Array;
  /** Rows with a positive weight, and the weighted design's rank (its kept columns). */
  rows: number;
  rank: number;
  /** As `IrlsFit.fastKept`. */
  fastKept: Int32Array | null;
  /** The fit with its last iteration solved on the accurate QR, as `irls` returns it. Call it once. */
  final(): IrlsFit;
}

/**
 * `irls` up to its last QR: the iterations as `irls` runs them, and `final()` to solve the last one on the accurate
 * QR. glm.nb's alternations (`fitGlm`) need only the means of each fit but the last, so they finish only the last.
 * Cost: as `irls` without its last `solveLeastSquares`, which `final()` does.
 * @throws Error as `irls`.
 */
export function irlsDraft(
  x: Float64Array,
  rows: number,
  columns: number,
  y: Float64Array,
  family: CountFamily,
  options: IrlsOptions = {},
): IrlsDraft {
  const weights = options.weights ?? new Float64Array(rows).fill(1);
  const offset = options.offset ?? new Float64Array(rows);
  const epsilon = options.epsilon ?? 1e-8;
  const maxIterations = options.maxIterations ?? 25;
  const deviance = (mu: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += family.deviance(y[i] as number, mu[i] as number, weights[i] as number);
    return sum;
  };
  let eta: Float64Array;
  if (options.etaStart !== undefined) eta = Float64Array.from(options.etaStart);
  else {
    const muStart = options.muStart ?? y.map((v) => family.startMu(v));
    eta = muStart.map(Math.log);
  }
  let mu = eta.map(inverseLogLink);
  let devianceOld = deviance(mu);
  const good: number[] = [];
  for (let i = 0; i < rows; i++) if ((weights[i] as number) > 0) good.push(i);
  const m = good.length;
  const wx = new Float64Array(m * columns);
  const wz = new Float64Array(m);
  // Per row (0 where the prior weight is): the working weight √w and the working response times it.
  const w = new Float64Array(rows);
  const zw = new Float64Array(rows);
  /** The rows of positive weight scaled by √w, into wx and wz, for the QR. */
  const weighRows = (): void => {
    for (let r = 0; r < m; r++) wz[r] = zw[good[r] as number] as number;
    for (let j = 0; j < columns; j++) {
      const from = j * rows;
      const to = j * m;
      if (m === rows) for (let i = 0; i < rows; i++) wx[to + i] = (x[from + i] as number) * (w[i] as number);
      else
        for (let r = 0; r < m; r++)
          wx[to + r] = (x[from + (good[r] as number)] as number) * (w[good[r] as number] as number);
    }
  };
  let coefficients: Float64Array = new Float64Array(columns);
  let previous: Float64Array | null = null;
  let solution: LeastSquaresSolution | null = null;
  let converged = false;
  let halved = false;
  let iterations: number;
  let dev = devianceOld;
  // A step to coefficients `b` (NaN for aliased columns): η, μ and the deviance there, halving towards the previous
  // coefficients while the deviance is not finite (or μ not), as R's glm.fit does.
  const stepTo = (b: Float64Array): Float64Array => {
    const start = b.map((v) => (Number.isNaN(v) ? 0 : v));
    eta = linearPredictor(start, x, rows, offset);
    mu = eta.map(inverseLogLink);
    dev = deviance(mu);
    const valid = (): boolean => Number.isFinite(dev) && (family.name !== 'poisson' || mu.every(Number.isFinite));
    if (!valid()) {
      if (previous === null)
        throw new Error('no valid set of coefficients has been found: the count model cannot start from these data');
      halved = true;
      for (let step = 1; !valid(); step++) {
        if (step > maxIterations) throw new Error('inner loop: cannot correct the step size');
        for (let j = 0; j < columns; j++) start[j] = ((start[j] as number) + (previous[j] as number)) / 2;
        eta = linearPredictor(start, x, rows, offset);
        mu = eta.map(inverseLogLink);
        dev = deviance(mu);
      }
    }
    return start;
  };
  // The columns the normal equations solve for (see `normalEquationsStep`) once a QR has found the weighted design well
  // conditioned (or an earlier fit's, `options.fastKept`); while it is not, every iteration takes the QR. The first
  // iteration of a fit without that hint takes the QR: its weights, from R's start μ = y + 0.1, can be far from the
  // last ones, and with them the normal equations moved θ of the article's raw export from 8.0 to 6.8 digits of R's.
  // The last iteration is solved again on the QR.
  let fastKept: Int32Array | null = options.fastKept ?? null;
  let lastWasFast = false;
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    for (let i = 0; i < rows; i++) {
      const prior = weights[i] as number;
      if (!(prior > 0)) {
        w[i] = 0;
        zw[i] = 0;
        continue;
      }
      // dμ/dη for the log link is R's mu.eta, max(e^η, ε): μ itself.
      const mi = mu[i] as number;
      const z = (eta[i] as number) - (offset[i] as number) + ((y[i] as number) - mi) / mi;
      const wi = Math.sqrt((prior * mi * mi) / family.variance(mi));
      w[i] = wi;
      zw[i] = z * wi;
    }
    if (fastKept !== null) weighRows();
    const fast = fastKept === null ? null : normalEquationsStep(x, rows, columns, w, zw, fastKept, { wx, m, wz });
    lastWasFast = fast !== null;
    if (fast === null) {
      if (fastKept === null) weighRows();
      solution = solveLeastSquares(wx, m, columns, wz, { refineCovarianceAbove: Infinity });
      fastKept = solution.conditionNumber <= FAST_CONDITION_LIMIT ? solution.kept : null;
    }
    coefficients = stepTo(fast ?? (solution as LeastSquaresSolution).coefficients);
    if (Math.abs(dev - devianceOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devianceOld = dev;
    previous = coefficients;
  }
  if (iterations > maxIterations) iterations = maxIterations;
  // The last iteration's weighted least squares on the accurate QR, as R's comes from its last QR: the coefficients
  // when that iteration took the normal equations, and the standard errors always. The iterations skip the
  // refinement of (XᵀWX)⁻¹ (6 times the QR's cost); the standard errors get it here, once, when κ asks for it.
  const final = (): IrlsFit => {
    if (lastWasFast || (solution as LeastSquaresSolution).conditionNumber > 1e3) {
      // wx and wz hold the last iteration's weighted rows (every iteration weighs them before it solves).
      solution = solveLeastSquares(wx, m, columns, wz);
      if (lastWasFast) coefficients = stepTo(solution.coefficients);
    }
    const last = solution as LeastSquaresSolution;
    const result = Float64Array.from(coefficients);
    for (let j = 0; j < columns; j++) if (last.aliased[j]) result[j] = NaN;
    return {
      coefficients: result,
      solution: last,
      eta,
      mu,
      deviance: dev,
      iterations,
      converged,
      halved,
      fastKept: last.conditionNumber <= FAST_CONDITION_LIMIT ? last.kept : null,
      family,
    };
  };
  const qr = solution as LeastSquaresSolution | null;
  const kept = lastWasFast ? (fastKept as Int32Array) : (qr as LeastSquaresSolution).kept;
  return {
    mu,
    rows: m,
    rank: lastWasFast ? kept.length : (qr as LeastSquaresSolution).rank,
    fastKept: lastWasFast || (qr as LeastSquaresSolution).conditionNumber <= FAST_CONDITION_LIMIT ? kept : null,
    final,
  };
}

/**
 * The largest condition number (of the weighted design with unit columns) for which the iterations before the last
 * take the normal equations: their error is about κ²·ε ≈ 2e-10 before the refinement step and near κ·ε after it, and
 * it reaches the answer only through the last iteration's weights, whose least squares the QR then solves as R's.
 */
const FAST_CONDITION_LIMIT = 1e3;

/**
 * One IRLS iteration's weighted least squares by the normal equations over the kept columns: G = XₖᵀWXₖ formed from
 * the weighted rows √W·X (`weighRows`: a row of weight 0 left out) by `crossProducts`, as the least squares of a
 * well-conditioned design does, equilibrated by its diagonal, Cholesky, and one refinement step with the residual
 * √w·(z − Xβ). Returns the coefficients (NaN for the columns not kept), or null when G is not numerically positive
 * definite or the equilibrated design's condition number (from the Cholesky factor's singular values, as the QR's)
 * is above FAST_CONDITION_LIMIT: the caller then takes the QR.
 *
 * Hand-written in place of the accurate QR for the iterations before the last: bench/run.mjs --glm (100,000 × 30,
 * statsmodels GLM/NegativeBinomial as the peer) measured the QR with its refinement at 3 to 4 times this step's cost.
 * Cost: n·k²/2 + 4·n·k flops for k kept columns, plus O(k³).
 */
function normalEquationsStep(
  x: Float64Array,
  rows: number,
  columns: number,
  w: Float64Array,
  zw: Float64Array,
  kept: Int32Array,
  weighed: { wx: Float64Array; m: number; wz: Float64Array },
): Float64Array | null {
  const k = kept.length;
  const { wx, m, wz } = weighed;
  // G = (√W·X)ᵀ(√W·X) and (√W·X)ᵀ(√W·z) from the weighted rows (zero weights left out).
  const { gram, cross: xz } = crossProducts(
    wx,
    m,
    kept.map((j) => j * m),
    wz,
  );
  const d = new Float64Array(k);
  for (let a = 0; a < k; a++) d[a] = 1 / Math.sqrt(gram[a * k + a] as number);
  if (!d.every(Number.isFinite)) return null;
  for (let b = 0; b < k; b++)
    for (let a = b; a < k; a++) gram[b * k + a] = (gram[b * k + a] as number) * (d[a] as number) * (d[b] as number);
  const factor = cholesky(gram, k);
  if (factor === null) return null;
  // κ of the design with unit columns: the ratio of the singular values of L (G = L·Lᵀ), as the QR's R gives it.
  const values = singularValues(factor, k);
  if (!(Math.max(...values) <= FAST_CONDITION_LIMIT * Math.min(...values))) return null;
  const beta = xz.map((v, a) => v * (d[a] as number));
  choleskySolve(factor, k, beta);
  for (let a = 0; a < k; a++) beta[a] = (beta[a] as number) * (d[a] as number);
  // One refinement step: β += G⁻¹·Xᵀ√w(z√w − √w·Xβ).
  const estimates = new Float64Array(columns).fill(NaN);
  for (let a = 0; a < k; a++) estimates[kept[a] as number] = beta[a] as number;
  const fitted = linearPredictor(estimates, x, rows);
  const residual = zw.map((v, r) => (v - (w[r] as number) * (fitted[r] as number)) * (w[r] as number));
  const correction = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const ca = (kept[a] as number) * rows;
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += (x[ca + r] as number) * (residual[r] as number);
    correction[a] = sum * (d[a] as number);
  }
  choleskySolve(factor, k, correction);
  const coefficients = new Float64Array(columns).fill(NaN);
  for (let a = 0; a < k; a++)
    coefficients[kept[a] as number] = (beta[a] as number) + (correction[a] as number) * (d[a] as number);
  return coefficients;
}
