import { logGamma } from '../distributions/logBeta';
import { distinctValues } from '../numerics/distinctValues';

/**
 * The count families TikFit fits, with R's log link: Poisson, and the negative binomial with a known θ (MASS's
 * `negative.binomial(theta)`; `fitGlm` estimates θ around it). Each function follows R's family object line by line,
 * so that the iterations match R's `glm.fit` to rounding.
 */
export interface CountFamily {
  name: 'poisson' | 'negativeBinomial';
  /** θ of the negative binomial; Infinity for Poisson. */
  theta: number;
  /** Var(Y) / φ at mean μ. */
  variance(mu: number): number;
  /** One row's deviance residual, squared and weighted: R's `dev.resids`. */
  deviance(y: number, mu: number, weight: number): number;
  /** R's `initialize`: the starting mean for a count y. */
  startMu(y: number): number;
}

/** DBL_EPSILON, R's floor on a log link's mean (`pmax(exp(eta), .Machine$double.eps)`). */
export const MU_FLOOR = 2 ** -52;

/** μ = max(e^η, ε): R's log-link inverse. Cost: O(1). */
export function inverseLogLink(eta: number): number {
  return Math.max(Math.exp(eta), MU_FLOOR);
}

/** R's `poisson()`. */
export const POISSON: CountFamily = {
  name: 'poisson',
  theta: Infinity,
  variance: (mu) => mu,
  deviance: (y, mu, weight) => (y > 0 ? 2 * weight * (y * Math.log(y / mu) - (y - mu)) : 2 * mu * weight),
  startMu: (y) => y + 0.1,
};

/**
 * MASS's `negative.binomial(theta)`: Var = μ + μ²/θ. Cost: O(1).
 * @throws Error when θ is not positive.
 */
export function negativeBinomialFamily(theta: number): CountFamily {
  if (!(theta > 0)) throw new Error(`negativeBinomialFamily: theta must be positive, got ${theta}`);
  return {
    name: 'negativeBinomial',
    theta,
    variance: (mu) => mu + (mu * mu) / theta,
    deviance: (y, mu, weight) =>
      2 * weight * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    startMu: (y) => y + (y === 0 ? 1 / 6 : 0),
  };
}

/** ln P(Y = y) for Poisson(μ), as R's dpois(y, mu, log = TRUE) in its plain form. Cost: O(1). */
export function poissonLogDensity(y: number, mu: number): number {
  if (y === 0) return -mu;
  return y * Math.log(mu) - mu - logGamma(y + 1);
}

/**
 * Σ wᵢ·ln P(Yᵢ = yᵢ) for the negative binomial, exactly MASS's `loglik` in glm.nb (y·log(μ + [y = 0]) keeps y = 0
 * finite). Cost: O(n), and log Γ once per distinct y.
 */
export function negativeBinomialLogLikelihood(
  theta: number,
  mu: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  let sum = 0;
  const logTheta = Math.log(theta);
  const lgTheta = logGamma(theta);
  // log Γ(θ + y) − log Γ(y + 1) once per distinct y (the same values, so the same sum).
  const distinct = distinctValues(y);
  const lgY = distinct.values.map((v) => logGamma(theta + v) - lgTheta - logGamma(v + 1));
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    const w = weights[i] as number;
    if (w === 0) continue;
    sum +=
      w *
      ((lgY[distinct.index[i] as number] as number) +
        theta * logTheta +
        yi * Math.log(mi + (yi === 0 ? 1 : 0)) -
        (theta + yi) * Math.log(theta + mi));
  }
  return sum;
}
