import type { Design } from './design';
import { irls, irlsDraft, type IrlsDraft, type IrlsFit } from './irls';
import {
  inverseLogLink,
  negativeBinomialFamily,
  negativeBinomialLogLikelihood,
  POISSON,
  type CountFamily,
} from './glmFamily';
import { thetaMl, type ThetaEstimate } from './thetaMl';
import { GlmResults } from './glmResults';

/** The count models TikFit fits (log link). */
export type CountModel = 'poisson' | 'nb';

/** Options for `fitGlm`. */
export interface GlmOptions {
  /** 'poisson' or 'nb' (negative binomial with θ by maximum likelihood). */
  model: CountModel;
  /** Offset on the log scale, one per row: log(exposure), e.g. log(Holders). */
  offset?: Float64Array;
  /** Prior weights, one per row (default 1). */
  weights?: Float64Array;
  /** Confidence level of the Wald intervals, in (0, 1). Default 0.95. */
  level?: number;
  /** R's glm.control: epsilon (default 1e-8) and maxit (default 25). */
  epsilon?: number;
  maxIterations?: number;
}

/** What `fitGlm` hands to `GlmResults`. */
export interface GlmFit {
  model: CountModel;
  family: CountFamily;
  irls: IrlsFit;
  weights: Float64Array;
  offset: Float64Array;
  hasOffset: boolean;
  nullDeviance: number;
  /** Whether the intercept-only fit for the null deviance converged (with an offset only). */
  nullConverged: boolean;
  theta: ThetaEstimate | null;
  /** Outer iterations of glm.nb's alternation, and whether it hit its limit. */
  alternations: number;
  alternationLimitReached: boolean;
  /** For the negative binomial: MASS's log-likelihood at the final θ and μ. */
  negativeBinomialLogLikelihood: number;
}

/**
 * Fits a count regression with the log link: Poisson by R's `glm(family = poisson)`, or negative binomial by
 * `MASS::glm.nb` — a Poisson fit, θ by `thetaMl` on its means, then alternating IRLS at fixed θ and θ at fixed means
 * (MASS's quirk included: θ is re-estimated at the means before the latest IRLS) until the log-likelihood and θ settle:
 * |ΔL|/d₁ + |Δθ| ≤ epsilon with d₁ = √(2·max(1, df)), at most `maxIterations` alternations. The null deviance, with
 * an offset and an intercept, comes from fitting the intercept alone, as R does.
 *
 * Cost: a few IRLS fits of O(n·p²) each (NB: one per alternation, usually 3–8), plus O(n) per θ step.
 * @throws Error when the target has a negative value or is all zeros, the level is not in (0, 1), the
 *   offset or weights do not have one value per row, or IRLS cannot start (see `irls`).
 */
export function fitGlm(design: Design, options: GlmOptions): GlmResults {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`The confidence level must be between 0 and 1, got ${level}`);
  if (options.model !== 'poisson' && options.model !== 'nb')
    throw new Error(`Unknown count model "${String(options.model)}": use poisson or nb`);
  const { rows, columns, x, y } = design;
  const negative = y.findIndex((v) => v < 0);
  if (negative >= 0)
    throw new Error(
      `a count model needs counts, but "${design.target}" has ${y[negative]} in row ${(design.rowIndex[negative] as number) + 1}`,
    );
  if (y.every((v) => v === 0)) throw new Error(`every "${design.target}" is 0, so there is nothing to explain`);
  const offset = options.offset ?? new Float64Array(rows);
  const weights = options.weights ?? new Float64Array(rows).fill(1);
  if (offset.length !== rows) throw new Error(`the offset has ${offset.length} values for ${rows} rows`);
  if (weights.length !== rows) throw new Error(`the weights have ${weights.length} values for ${rows} rows`);
  if (!offset.every(Number.isFinite))
    throw new Error('the offset has a value that is not finite (log of 0 or of a negative number?)');
  const hasOffset = options.offset !== undefined && offset.some((v) => v !== 0);
  const control = { epsilon: options.epsilon ?? 1e-8, maxIterations: options.maxIterations ?? 25 };
  const base = { weights, offset, ...control };

  // The alternations' fits leave their last QR to the one whose results are kept (`irlsDraft`): glm.nb reads only the
  // means of the others. The Poisson fit it starts from is finished: θ's first estimate comes from its means, and
  // with them from the normal equations θ of the article's raw export (at theta.ml's limit) kept 6.9 digits of R's,
  // not 8.0.
  const poisson = irls(x, rows, columns, y, POISSON, base);
  let draft: IrlsDraft = { ...poisson, rows: poisson.solution.rows, rank: poisson.solution.rank, final: () => poisson };
  let family: CountFamily = POISSON;
  let theta: ThetaEstimate | null = null;
  let alternations = 0;
  let limitReached = false;
  let logLikelihoodNb = NaN;
  if (options.model === 'nb') {
    let mu = draft.mu;
    theta = thetaMl(y, mu, weights, control.maxIterations);
    family = negativeBinomialFamily(theta.theta);
    const df = draft.rows - draft.rank;
    const d1 = Math.sqrt(2 * Math.max(1, df));
    const d2 = 1;
    let change = 1;
    let logLikelihood = negativeBinomialLogLikelihood(theta.theta, mu, y, weights);
    let previousLogLikelihood = logLikelihood + 2 * d1;
    while (
      ++alternations <= control.maxIterations &&
      Math.abs(previousLogLikelihood - logLikelihood) / d1 + Math.abs(change) / d2 > control.epsilon
    ) {
      const start = { ...base, etaStart: mu.map(Math.log), fastKept: draft.fastKept };
      draft = irlsDraft(x, rows, columns, y, family, start);
      const before = theta.theta;
      theta = thetaMl(y, mu, weights, control.maxIterations); // at the means before this fit, as MASS does
      family = negativeBinomialFamily(theta.theta);
      mu = draft.mu;
      change = before - theta.theta;
      previousLogLikelihood = logLikelihood;
      logLikelihood = negativeBinomialLogLikelihood(theta.theta, mu, y, weights);
    }
    if (alternations > control.maxIterations) {
      limitReached = true;
      alternations = control.maxIterations;
    }
    logLikelihoodNb = logLikelihood;
  }
  const fit = draft.final();

  // The null deviance: the weighted mean without an offset; with one (and an intercept), the intercept-only fit.
  let nullDeviance = 0;
  let nullConverged = true;
  if (hasOffset && design.hasIntercept) {
    const ones = new Float64Array(rows).fill(1);
    const nullFit = irls(ones, rows, 1, y, family, options.model === 'poisson' ? { ...base, muStart: fit.mu } : base);
    nullDeviance = nullFit.deviance;
    nullConverged = nullFit.converged;
  } else {
    let sumWy = 0;
    let sumW = 0;
    for (let i = 0; i < rows; i++) {
      sumWy += (weights[i] as number) * (y[i] as number);
      sumW += weights[i] as number;
    }
    for (let i = 0; i < rows; i++) {
      const mean = design.hasIntercept ? sumWy / sumW : inverseLogLink(offset[i] as number);
      nullDeviance += family.deviance(y[i] as number, mean, weights[i] as number);
    }
  }
  return new GlmResults(
    design,
    {
      model: options.model,
      family,
      irls: fit,
      weights,
      offset,
      hasOffset,
      nullDeviance,
      nullConverged,
      theta,
      alternations,
      alternationLimitReached: limitReached,
      negativeBinomialLogLikelihood: logLikelihoodNb,
    },
    level,
  );
}
