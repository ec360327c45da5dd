import { digamma, trigamma } from '../distributions/digamma';
import { distinctValues } from '../numerics/distinctValues';

/** θ's maximum-likelihood estimate for fixed means, with what MASS's theta.ml attaches to it. */
export interface ThetaEstimate {
  theta: number;
  /** √(1/information) at the last Newton step, MASS's `SE`. */
  stdError: number;
  /** 'iteration limit reached' (θ growing without bound: no overdispersion) or 'estimate truncated at zero'. */
  warning: 'iteration limit reached' | 'estimate truncated at zero' | null;
}

/**
 * The negative binomial's θ by Newton's method on its profile log-likelihood for fixed μ, exactly as MASS's
 * `theta.ml`: start at n/Σw(y/μ − 1)², step by score/information (digamma and trigamma), stop when a step is at most
 * ε^¼ ≈ 1.2e-4 or after `limit` − 1 steps. Cost: O(n) per step, and digamma and trigamma once per distinct y.
 */
export function thetaMl(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  weights: ArrayLike<number>,
  limit: number,
): ThetaEstimate {
  const eps = 2 ** -13; // .Machine$double.eps^0.25
  let n = 0;
  let start = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    n += w;
    start += w * ((y[i] as number) / (mu[i] as number) - 1) ** 2;
  }
  let t0 = n / start;
  // digamma(θ + y) and trigamma(θ + y) once per distinct y in a step (the same values, so the same sums).
  const distinct = distinctValues(y);
  const digammaY = new Float64Array(distinct.values.length);
  const trigammaY = new Float64Array(distinct.values.length);
  let iteration = 0;
  let step = 1;
  let information = NaN;
  while (++iteration < limit && Math.abs(step) > eps) {
    t0 = Math.abs(t0);
    let score = 0;
    information = 0;
    const digammaT = digamma(t0);
    const trigammaT = trigamma(t0);
    const logT = Math.log(t0);
    distinct.values.forEach((v, k) => {
      digammaY[k] = digamma(t0 + v);
      trigammaY[k] = trigamma(t0 + v);
    });
    for (let i = 0; i < y.length; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const yi = y[i] as number;
      const mi = mu[i] as number;
      const k = distinct.index[i] as number;
      score += w * ((digammaY[k] as number) - digammaT + logT + 1 - Math.log(t0 + mi) - (yi + t0) / (mi + t0));
      information += w * (-(trigammaY[k] as number) + trigammaT - 1 / t0 + 2 / (mi + t0) - (yi + t0) / (mi + t0) ** 2);
    }
    step = score / information;
    t0 += step;
  }
  let warning: ThetaEstimate['warning'] = null;
  if (t0 < 0) {
    t0 = 0;
    warning = 'estimate truncated at zero';
  }
  if (iteration === limit) warning = 'iteration limit reached';
  return { theta: t0, stdError: Math.sqrt(1 / information), warning };
}
