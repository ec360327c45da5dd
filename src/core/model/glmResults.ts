import type { Design } from './design';
import type { GlmFit } from './fitGlm';
import { poissonLogDensity } from './glmFamily';
import { normalTwoSidedPValue, normalUpperQuantile } from '../distributions/normalDistribution';
import { finiteOrNull } from './olsResults';
import { FittedModel, type PredictionScale } from './fittedModel';

/** One row of a count model's coefficient table. NaN where undefined (aliased terms). */
export interface GlmCoefficient {
  name: string;
  estimate: number;
  stdError: number;
  /** Wald z = estimate / stdError. */
  zStat: number;
  /** Two-sided, from the standard normal. */
  pValue: number;
  /** Wald interval estimate ± z₁₋α/₂·stdError (R's confint.default). */
  ciLower: number;
  ciUpper: number;
  /** e^estimate: the factor on the expected count per unit (per level against the reference), with its interval. */
  expEstimate: number;
  expCiLower: number;
  expCiUpper: number;
  aliased: boolean;
}

/**
 * The header of a count model's coefficient table, in the results sheet and in TIKFIT's spilled table: R's
 * summary(glm) names the Wald statistic z, and exp(Estimate) with its interval is the factor on the expected count.
 */
export const GLM_COEFFICIENT_HEADER: readonly string[] = [
  'Term',
  'Estimate',
  'Std. Error',
  'z',
  'p-value',
  'CI low',
  'CI high',
  'exp(Estimate)',
  'exp CI low',
  'exp CI high',
];

/** The JSON form of a count model (non-finite numbers become null). */
export interface GlmJson {
  model: 'poisson' | 'nb';
  target: string;
  level: number;
  n: number;
  rank: number;
  dfResidual: number;
  rowsDropped: number;
  deviance: number | null;
  nullDeviance: number | null;
  dfNull: number;
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  theta: number | null;
  thetaStdError: number | null;
  iterations: number;
  converged: boolean;
  coefficients: {
    name: string;
    estimate: number | null;
    stdError: number | null;
    zStat: number | null;
    pValue: number | null;
    ciLower: number | null;
    ciUpper: number | null;
    expEstimate: number | null;
    expCiLower: number | null;
    expCiUpper: number | null;
    aliased: boolean;
  }[];
  warnings: string[];
}

/**
 * The results of a Poisson or negative-binomial fit, as R's summary(glm) / summary(glm.nb) report them: statistics
 * are computed on first use and cached; `predict` gives expected counts for new rows (R's `type = "response"`).
 */
export class GlmResults extends FittedModel {
  readonly fit: GlmFit;

  constructor(design: Design, fit: GlmFit, level: number) {
    super(design, level);
    this.fit = fit;
  }

  /** The log link: the linear predictor is the log of the expected count. */
  get predictionScale(): PredictionScale {
    return 'logLink';
  }

  get model(): 'poisson' | 'nb' {
    return this.fit.model;
  }

  /** Rows with a positive weight (R's nobs). */
  get n(): number {
    return this.memo('n', () => this.fit.weights.reduce((count, w) => count + (w !== 0 ? 1 : 0), 0));
  }

  get rank(): number {
    return this.fit.irls.solution.rank;
  }

  get dfResidual(): number {
    return this.n - this.rank;
  }

  get dfNull(): number {
    return this.n - (this.design.hasIntercept ? 1 : 0);
  }

  /** Estimates per term on the log scale, NaN for aliased terms. */
  get estimates(): Float64Array {
    return this.fit.irls.coefficients;
  }

  /** Fitted expected counts μ. */
  get fittedValues(): Float64Array {
    return this.fit.irls.mu;
  }

  /** The linear predictor η = X·b + offset on the rows fitted, the log of the expected count (R's `predict(fit)`). */
  get linearPredictors(): Float64Array {
    return this.fit.irls.eta;
  }

  /**
   * Deviance residuals sign(y − μ)·√dᵢ, whose squares sum to the deviance (R's `residuals(fit)`, the residuals R's
   * `plot(fit)` draws against the linear predictor): of the family of the last IRLS, as R's fit$family is (for
   * glm.nb, θ before its last re-estimate). Cost: O(n) on first use.
   */
  get devianceResiduals(): Float64Array {
    return this.memo('devianceResiduals', () => {
      const { y } = this.design;
      const mu = this.fittedValues;
      return y.map((yi, i) => {
        const mi = mu[i] as number;
        const d = this.fit.irls.family.deviance(yi, mi, this.fit.weights[i] as number);
        return Math.sign(yi - mi) * Math.sqrt(Math.max(d, 0));
      });
    });
  }

  get deviance(): number {
    return this.fit.irls.deviance;
  }

  get nullDeviance(): number {
    return this.fit.nullDeviance;
  }

  get iterations(): number {
    return this.fit.irls.iterations;
  }

  get converged(): boolean {
    return this.fit.irls.converged && !this.fit.alternationLimitReached;
  }

  /** θ of the negative binomial (Var = μ + μ²/θ); NaN for Poisson. */
  get theta(): number {
    return this.fit.theta?.theta ?? NaN;
  }

  get thetaStdError(): number {
    return this.fit.theta?.stdError ?? NaN;
  }

  /** As R's logLik: Poisson Σw·ln P(y | μ); negative binomial MASS's loglik at the final θ. */
  get logLikelihood(): number {
    return this.memo('logLik', () => {
      if (this.model === 'nb') return this.fit.negativeBinomialLogLikelihood;
      const { weights } = this.fit;
      const { y } = this.design;
      let sum = 0;
      for (let i = 0; i < y.length; i++)
        if ((weights[i] as number) !== 0)
          sum += (weights[i] as number) * poissonLogDensity(y[i] as number, this.fittedValues[i] as number);
      return sum;
    });
  }

  /** Parameters counted by AIC and BIC: the rank, plus θ for the negative binomial (as R's logLik df). */
  get parameterCount(): number {
    return this.rank + (this.model === 'nb' ? 1 : 0);
  }

  get aic(): number {
    return -2 * this.logLikelihood + 2 * this.parameterCount;
  }

  get bic(): number {
    return -2 * this.logLikelihood + Math.log(this.n) * this.parameterCount;
  }

  /** The coefficient table in term order: Wald statistics with dispersion 1 (as summary.glm for these families). */
  get coefficients(): GlmCoefficient[] {
    return this.memo('coefficients', () => {
      const { kept, rank, unscaledCovariance } = this.fit.irls.solution;
      const quantile = normalUpperQuantile((1 - this.level) / 2);
      const position = new Map<number, number>();
      for (let k = 0; k < rank; k++) position.set(kept[k] as number, k);
      return this.design.terms.map((name, j) => {
        const k = position.get(j);
        if (k === undefined) {
          return {
            name,
            estimate: NaN,
            stdError: NaN,
            zStat: NaN,
            pValue: NaN,
            ciLower: NaN,
            ciUpper: NaN,
            expEstimate: NaN,
            expCiLower: NaN,
            expCiUpper: NaN,
            aliased: true,
          };
        }
        const estimate = this.estimates[j] as number;
        const stdError = Math.sqrt(unscaledCovariance[k * rank + k] as number);
        const zStat = estimate / stdError;
        const ciLower = estimate - quantile * stdError;
        const ciUpper = estimate + quantile * stdError;
        return {
          name,
          estimate,
          stdError,
          zStat,
          pValue: Number.isNaN(zStat) ? NaN : normalTwoSidedPValue(zStat),
          ciLower,
          ciUpper,
          expEstimate: Math.exp(estimate),
          expCiLower: Math.exp(ciLower),
          expCiUpper: Math.exp(ciUpper),
          aliased: false,
        };
      });
    });
  }

  /** Levels (dummy terms) whose rows all have a count of 0: their coefficient runs off to −∞. */
  get allZeroLevels(): string[] {
    return this.memo('allZero', () => {
      const { rows, x, y, terms } = this.design;
      const out: string[] = [];
      for (const predictor of this.design.predictors) {
        if (predictor.kind !== 'categorical') continue;
        for (const term of predictor.terms) {
          const j = terms.indexOf(term);
          let seen = false;
          let allZero = true;
          for (let i = 0; i < rows && allZero; i++) {
            if (x[j * rows + i] !== 1) continue;
            seen = true;
            if ((y[i] as number) !== 0) allZero = false;
          }
          if (seen && allZero) out.push(term);
        }
      }
      return out;
    });
  }

  /** Warnings a careful analyst would want with these results. */
  get warnings(): string[] {
    return this.memo('warnings', () => {
      const warnings = this.designWarnings(this.fit.irls.solution.aliased);
      if (!this.fit.irls.converged)
        warnings.push(
          `The count model did not converge in ${this.iterations} iterations: its estimates are not reliable`,
        );
      if (this.fit.alternationLimitReached)
        warnings.push(
          'The negative binomial\'s alternation between the coefficients and θ reached its limit (MASS: "alternation limit reached")',
        );
      if (!this.fit.nullConverged)
        warnings.push('The fit of the intercept alone, for the null deviance, did not converge');
      const zeroLevels = this.allZeroLevels;
      if (zeroLevels.length > 0) {
        warnings.push(
          `Every row of ${zeroLevels.join(', ')} has a count of 0, ` +
            `so ${zeroLevels.length > 1 ? 'their coefficients run' : 'its coefficient runs'} ` +
            'off to −∞ (separation): the estimate and its interval mean nothing; merge or drop that level',
        );
      }
      const tiny = 10 * 2 ** -52;
      if (this.fittedValues.some((mu) => mu < tiny))
        warnings.push(
          'Some fitted counts are numerically 0 (R: "fitted rates numerically 0 occurred"): ' +
            'a coefficient is diverging, as with a level or range where every count is 0',
        );
      const diverging = this.coefficients
        .filter(
          (c) =>
            !c.aliased &&
            Math.abs(c.estimate) > 10 &&
            c.stdError > 10 * Math.abs(c.estimate) &&
            !zeroLevels.includes(c.name),
        )
        .map((c) => c.name);
      if (diverging.length > 0)
        warnings.push(
          `These coefficients look diverging (large, with a far larger standard error): ${diverging.join(', ')}`,
        );
      const thetaWarning = this.fit.theta?.warning ?? null;
      if (thetaWarning === 'iteration limit reached') {
        warnings.push(
          `θ did not settle (MASS: "iteration limit reached"; θ = ${this.theta.toPrecision(3)}): ` +
            'the counts show no overdispersion, and the negative binomial here is the Poisson model',
        );
      } else if (thetaWarning === 'estimate truncated at zero')
        warnings.push('θ was truncated at zero (MASS: "estimate truncated at zero")');
      return warnings;
    });
  }

  /** The results as `tikfit fit --model poisson|nb --json` prints them. */
  toJSON(): GlmJson {
    return {
      model: this.model,
      target: this.design.target,
      level: this.level,
      n: this.n,
      rank: this.rank,
      dfResidual: this.dfResidual,
      rowsDropped: this.design.rowsDropped,
      deviance: finiteOrNull(this.deviance),
      nullDeviance: finiteOrNull(this.nullDeviance),
      dfNull: this.dfNull,
      logLikelihood: finiteOrNull(this.logLikelihood),
      aic: finiteOrNull(this.aic),
      bic: finiteOrNull(this.bic),
      theta: finiteOrNull(this.theta),
      thetaStdError: finiteOrNull(this.thetaStdError),
      iterations: this.iterations,
      converged: this.converged,
      coefficients: this.coefficients.map((c) => ({
        name: c.name,
        estimate: finiteOrNull(c.estimate),
        stdError: finiteOrNull(c.stdError),
        zStat: finiteOrNull(c.zStat),
        pValue: finiteOrNull(c.pValue),
        ciLower: finiteOrNull(c.ciLower),
        ciUpper: finiteOrNull(c.ciUpper),
        expEstimate: finiteOrNull(c.expEstimate),
        expCiLower: finiteOrNull(c.expCiLower),
        expCiUpper: finiteOrNull(c.expCiUpper),
        aliased: c.aliased,
      })),
      warnings: this.warnings,
    };
  }
}
