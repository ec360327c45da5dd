import { solveLeastSquares, type LeastSquaresSolution } from '../numerics/leastSquares';
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
}

/**
 * Iteratively reweighted least squares for a count family with the log link, step for step as R's `glm.fit`: start
 * from η = log μ₀; each iteration forms z = η − offset + (y − μ)/μ and w = √(prior·μ²/V(μ)), solves the weighted
 * least squares on TikFit's accurate QR (rows scaled by √w, aliased columns set aside as for OLS), and stops when the
 * deviance changes by less than epsilon relative. A non-finite deviance halves the step, as R does.
 *
 * Cost: per iteration one `solveLeastSquares` (O(n·p²)) plus O(n·p); usually 4–10 iterations.
 * @throws Error when no finite deviance can be reached from the start, or the step-halving limit is hit.
 */
export function irls(
  x: Float64Array,
  rows: number,
  columns: number,
  y: Float64Array,
  family: CountFamily,
  options: IrlsOptions = {},
): IrlsFit {
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
  let coefficients = new Float64Array(columns);
  let previous: Float64Array | null = null;
  let solution: LeastSquaresSolution | null = null;
  let converged = false;
  let halved = false;
  let iterations: number;
  let dev = devianceOld;
  const linearPredictor = (b: Float64Array): Float64Array => {
    const out = Float64Array.from(offset);
    for (let j = 0; j < columns; j++) {
      const bj = b[j] as number;
      if (bj === 0 || Number.isNaN(bj)) continue;
      for (let i = 0; i < rows; i++) out[i] = (out[i] as number) + bj * (x[j * rows + i] as number);
    }
    return out;
  };
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    for (let r = 0; r < m; r++) {
      const i = good[r] as number;
      const mi = mu[i] as number;
      const muEta = Math.max(Math.exp(eta[i] as number), 2 ** -52); // dμ/dη for the log link, as R's mu.eta
      const z = (eta[i] as number) - (offset[i] as number) + ((y[i] as number) - mi) / muEta;
      const w = Math.sqrt(((weights[i] as number) * muEta * muEta) / family.variance(mi));
      wz[r] = z * w;
      for (let j = 0; j < columns; j++) wx[j * m + r] = (x[j * rows + i] as number) * w;
    }
    solution = solveLeastSquares(wx, m, columns, wz, { refineCovarianceAbove: Infinity });
    const start = solution.coefficients.map((b) => (Number.isNaN(b) ? 0 : b));
    eta = linearPredictor(start);
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
        eta = linearPredictor(start);
        mu = eta.map(inverseLogLink);
        dev = deviance(mu);
      }
    }
    coefficients = start;
    if (Math.abs(dev - devianceOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devianceOld = dev;
    previous = start;
  }
  if (iterations > maxIterations) iterations = maxIterations;
  // The iterations skip the refinement of (XᵀWX)⁻¹ (6 times the QR's cost); the standard errors get it once, at the
  // last working weights, as R's come from its last QR.
  const last = solution as LeastSquaresSolution;
  if (last.conditionNumber > 1e3) solution = solveLeastSquares(wx, m, columns, wz);
  const result = Float64Array.from(coefficients);
  const aliased = (solution as LeastSquaresSolution).aliased;
  for (let j = 0; j < columns; j++) if (aliased[j]) result[j] = NaN;
  return {
    coefficients: result,
    solution: solution as LeastSquaresSolution,
    eta,
    mu,
    deviance: dev,
    iterations,
    converged,
    halved,
  };
}
