import type { Design } from './design';
import { accurateMean, meanAndSquaredDeviations } from '../numerics/accurateMean';
import { fUpperTailPValue } from '../distributions/fDistribution';
import type { LeastSquaresSolution } from '../numerics/leastSquares';
import { studentTTwoSidedPValue, studentTUpperQuantile } from '../distributions/studentT';
import { invertUpper } from '../numerics/triangular';
import { cholesky, choleskySolve } from '../numerics/cholesky';
import { generalizedVif, type ColumnVif } from './generalizedVif';
import { FittedModel, type PredictionScale } from './fittedModel';
import type { StandardErrorKind } from '../options';

/** Rows a block of the passes over the design's rows that keep a value per row. */
const BLOCK_ROWS = 1024;

/** Which standard errors the coefficient table reports (declared with the options). */
export type { StandardErrorKind };

/** One row of the coefficient table. Statistics are NaN where undefined (aliased terms, zero residual df). */
export interface Coefficient {
  name: string;
  estimate: number;
  stdError: number;
  tStat: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
  /** Variance inflation factor; NaN for the intercept and aliased terms. */
  vif: number;
  aliased: boolean;
}

/** The JSON form of a fit, as `tikfit fit --json` prints it (non-finite numbers become null). */
export interface OlsJson {
  target: string;
  logTarget: boolean;
  level: number;
  standardErrors: StandardErrorKind;
  n: number;
  rank: number;
  dfResidual: number;
  rowsDropped: number;
  rSquared: number | null;
  adjRSquared: number | null;
  residualStdError: number | null;
  fStatistic: number | null;
  fPValue: number | null;
  /** Which overall test fStatistic is: the classical F, or the Wald F with HC3 covariance under `--robust hc3`. */
  fTest: 'classical' | 'hc3Wald';
  /** Generalized VIF per input column (as car::vif); empty without an intercept. */
  gvif: { column: string; df: number; gvif: number | null; gvifScaled: number | null }[];
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  conditionNumber: number | null;
  coefficients: {
    name: string;
    estimate: number | null;
    stdError: number | null;
    tStat: number | null;
    pValue: number | null;
    ciLower: number | null;
    ciUpper: number | null;
    vif: number | null;
    aliased: boolean;
  }[];
  warnings: string[];
}

/**
 * The results of an ordinary-least-squares fit, in the manner of statsmodels' RegressionResults: every derived
 * statistic (standard errors → t → p, R², F, information criteria, VIF) is computed on first use and cached, and
 * the object keeps the design it describes. `predict` gives predictions for new rows in the target's units (expm1
 * of the log target's scale when the design has the log target).
 */
export class OlsResults extends FittedModel {
  readonly solution: LeastSquaresSolution;
  readonly standardErrorKind: StandardErrorKind;

  constructor(design: Design, solution: LeastSquaresSolution, level: number, standardErrorKind: StandardErrorKind) {
    super(design, level);
    this.solution = solution;
    this.standardErrorKind = standardErrorKind;
  }

  /** The log target's scale when the design models log1p(target), else the target itself. */
  get predictionScale(): PredictionScale {
    return this.design.logTarget ? 'logTarget' : 'identity';
  }

  /** Rows used. */
  get n(): number {
    return this.design.rows;
  }

  get rank(): number {
    return this.solution.rank;
  }

  /** n − rank. */
  get dfResidual(): number {
    return this.n - this.rank;
  }

  /** The mean of each design column (see `accurateMean`), shared by the model sum of squares and the VIFs. */
  get columnMeans(): Float64Array {
    return this.columnMoments.means;
  }

  /** Per design column, its mean and Σ(x − x̄)² from one pair of passes (see `meanAndSquaredDeviations`). */
  private get columnMoments(): { means: Float64Array; squaredDeviations: Float64Array } {
    return this.memo('moments', () => {
      const { rows, columns, x } = this.design;
      const means = new Float64Array(columns).fill(NaN);
      const squaredDeviations = new Float64Array(columns).fill(NaN);
      for (let j = 0; j < columns && rows > 0; j++) {
        const moments = meanAndSquaredDeviations(x, j * rows, rows);
        means[j] = moments.mean;
        squaredDeviations[j] = moments.squaredDeviations;
      }
      return { means, squaredDeviations };
    });
  }

  /** Estimates per term, NaN for aliased terms. */
  get estimates(): Float64Array {
    return this.solution.coefficients;
  }

  get residuals(): Float64Array {
    return this.solution.residuals;
  }

  /** y − residuals, on the modelled scale. */
  get fittedValues(): Float64Array {
    return this.memo('fitted', () => {
      const { y } = this.design;
      const residuals = this.residuals;
      const fitted = new Float64Array(y.length);
      for (let i = 0; i < y.length; i++) fitted[i] = (y[i] as number) - (residuals[i] as number);
      return fitted;
    });
  }

  get residualSumOfSquares(): number {
    return this.solution.residualSumOfSquares;
  }

  /** σ̂² = RSS / (n − rank); NaN when there are no residual degrees of freedom. */
  get residualVariance(): number {
    return this.dfResidual > 0 ? this.residualSumOfSquares / this.dfResidual : NaN;
  }

  /** σ̂, R's "Residual standard error". */
  get residualStdError(): number {
    return Math.sqrt(this.residualVariance);
  }

  /**
   * Σ(f − f̄)² with an intercept, Σf² without: the part of y the model explains. With an intercept, f − f̄ is formed
   * as Σⱼ bⱼ·(xⱼ − x̄ⱼ) over the other terms, so that a large level (y near 1e8, say) does not cost digits.
   */
  get modelSumOfSquares(): number {
    return this.memo('mss', () => {
      const { rows, x, hasIntercept } = this.design;
      const { kept, rank } = this.solution;
      if (!hasIntercept) {
        let sum = 0;
        const fitted = this.fittedValues;
        for (let i = 0; i < fitted.length; i++) sum += (fitted[i] as number) * (fitted[i] as number);
        return sum;
      }
      const terms = Array.from(kept.subarray(0, rank)).filter((j) => j !== 0);
      return centredSquares(x, rows, terms, this.estimates, this.columnMeans);
    });
  }

  /** R², centred with an intercept and uncentred without (as R and NIST define it). */
  get rSquared(): number {
    return this.memo('r2', () => {
      const mss = this.modelSumOfSquares;
      return mss / (mss + this.residualSumOfSquares);
    });
  }

  get adjRSquared(): number {
    const interceptDf = this.design.hasIntercept ? 1 : 0;
    return this.dfResidual > 0 ? 1 - (1 - this.rSquared) * ((this.n - interceptDf) / this.dfResidual) : NaN;
  }

  /** Degrees of freedom of the overall F test's numerator: rank less the intercept. */
  get fNumeratorDf(): number {
    return this.rank - (this.design.hasIntercept ? 1 : 0);
  }

  /** The overall test: 'hc3Wald' under HC3 standard errors, else the classical F. */
  get fTest(): 'classical' | 'hc3Wald' {
    return this.standardErrorKind === 'hc3' ? 'hc3Wald' : 'classical';
  }

  /**
   * The overall F statistic against the intercept-only model (against zero without an intercept). Under HC3 it is
   * the Wald statistic b₂ᵀ·V₂₂⁻¹·b₂ / q with V the HC3 covariance and b₂ the q non-intercept estimates, as
   * `lmtest::waldtest(fit, vcov = sandwich::vcovHC(fit, type = "HC3"), test = "F")`; the classical F would sit
   * unlabelled beside robust p-values (issue 13). NaN for an essentially perfect fit, whose F is rounding noise.
   */
  get fStatistic(): number {
    return this.memo('f', () => {
      if (this.fNumeratorDf <= 0 || this.dfResidual <= 0 || this.essentiallyPerfectFit) return NaN;
      if (this.standardErrorKind === 'hc3') return this.hc3WaldStatistic;
      return this.modelSumOfSquares / this.fNumeratorDf / this.residualVariance;
    });
  }

  /** b₂ᵀ·V₂₂⁻¹·b₂ / q over the kept non-intercept terms, V the HC3 covariance; NaN when V₂₂ is singular or undefined. */
  private get hc3WaldStatistic(): number {
    const { kept, rank } = this.solution;
    const covariance = this.keptHc3Covariance;
    const tested: number[] = [];
    for (let k = 0; k < rank; k++) if (!(this.design.hasIntercept && kept[k] === 0)) tested.push(k);
    const q = tested.length;
    const block = new Float64Array(q * q);
    tested.forEach((kb, b) => tested.forEach((ka, a) => (block[b * q + a] = covariance[kb * rank + ka] as number)));
    if (block.some(Number.isNaN)) return NaN;
    const l = cholesky(block, q);
    if (l === null) return NaN;
    const estimates = Float64Array.from(tested, (k) => this.estimates[kept[k] as number] as number);
    const solved = Float64Array.from(estimates);
    choleskySolve(l, q, solved);
    let sum = 0;
    for (let i = 0; i < q; i++) sum += (estimates[i] as number) * (solved[i] as number);
    return sum / q;
  }

  get fPValue(): number {
    return this.memo('fp', () => {
      const f = this.fStatistic;
      return Number.isNaN(f) ? NaN : fUpperTailPValue(f, this.fNumeratorDf, this.dfResidual);
    });
  }

  /**
   * True when the residuals are rounding noise, by R's summary.lm test: σ̂² < 1e-30·(mean(f)² + var(f)), f the
   * fitted values. R then warns "essentially perfect fit: summary may be unreliable"; TikFit also withholds the t
   * values, p-values and F, which would come from that noise (y = 2x gave p = 0 *** beside t = NA).
   */
  get essentiallyPerfectFit(): boolean {
    return this.memo('perfect', () => {
      if (!(this.dfResidual > 0) || this.n < 2) return false;
      // mean(f)² + var(f) = (Σf² − f̄²)/(n − 1) ≤ Σy²/(n − 1), f being y's projection: a larger σ̂² (with a margin of 4
      // for rounding) settles it from one pass over y instead of four over f (1e6 × 10, bench/fitKernel.mjs).
      // Indexed loops: `for (const v of …)` over a typed array stays several times slower until the JIT has this
      // closure, which a fit calls once (0.25 ms a fit at 10,000 rows, bench/fitKernel.mjs).
      const y = this.design.y;
      let squaresOfY = 0;
      for (let i = 0; i < y.length; i++) squaresOfY += (y[i] as number) * (y[i] as number);
      if (squaresOfY > 1e-250 && squaresOfY < Infinity && this.residualVariance >= (4e-30 * squaresOfY) / (this.n - 1))
        return false;
      const fitted = this.fittedValues;
      const mean = accurateMean(fitted);
      let squares = 0;
      for (let i = 0; i < fitted.length; i++) squares += ((fitted[i] as number) - mean) ** 2;
      return this.residualVariance < (mean * mean + squares / (this.n - 1)) * 1e-30;
    });
  }

  /** Gaussian log-likelihood at the ML variance RSS/n, as R's logLik(lm). */
  get logLikelihood(): number {
    const n = this.n;
    return -0.5 * n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(this.residualSumOfSquares));
  }

  /** AIC counting σ as a parameter, as R's AIC(lm): −2·logL + 2·(rank + 1). */
  get aic(): number {
    return -2 * this.logLikelihood + 2 * (this.rank + 1);
  }

  /** BIC as R's BIC(lm): −2·logL + ln(n)·(rank + 1). */
  get bic(): number {
    return -2 * this.logLikelihood + Math.log(this.n) * (this.rank + 1);
  }

  /** Condition number of the design with columns scaled to unit length (Belsley, Kuh and Welsch). */
  get conditionNumber(): number {
    return this.solution.conditionNumber;
  }

  /** Variance of each kept coefficient, in the solution's kept order, before multiplying by σ̂². */
  private get keptClassicalVariance(): Float64Array {
    const { rank, unscaledCovariance } = this.solution;
    return this.memo('cv', () =>
      Float64Array.from({ length: rank }, (_, k) => unscaledCovariance[k * rank + k] as number),
    );
  }

  /** HC3 variances (MacKinnon and White) of the kept coefficients; NaN when a row has leverage 1. */
  private get keptHc3Variance(): Float64Array {
    return this.memo('hc3', () => {
      const { rank } = this.solution;
      const covariance = this.keptHc3Covariance;
      return Float64Array.from({ length: rank }, (_, k) => covariance[k * rank + k] as number);
    });
  }

  /** The HC3 covariance of the kept coefficients, rank×rank column-major, in original units. Cost: O(n·p² + p⁴/…). */
  private get keptHc3Covariance(): Float64Array {
    return this.memo('hc3cov', () => {
      const { rank, kept, scaledR, scale } = this.solution;
      const { rows, x } = this.design;
      const rInverse = invertUpper(scaledR, rank);
      // U = Xs·R⁻¹ has orthonormal columns; leverage hᵢ = ‖Uᵢ‖², and the HC3 covariance is R⁻¹·(Uᵀ W U)·R⁻ᵀ.
      const u = new Float64Array(rows * rank);
      for (let b = 0; b < rank; b++) {
        for (let a = 0; a <= b; a++) {
          const coefficient = (rInverse[b * rank + a] as number) * (scale[kept[a] as number] as number);
          if (coefficient === 0) continue;
          const source = (kept[a] as number) * rows;
          for (let i = 0; i < rows; i++)
            u[b * rows + i] = (u[b * rows + i] as number) + coefficient * (x[source + i] as number);
        }
      }
      const meat = new Float64Array(rank * rank);
      const weights = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let leverage = 0;
        for (let b = 0; b < rank; b++) leverage += (u[b * rows + i] as number) ** 2;
        const e = this.residuals[i] as number;
        weights[i] = 1 - leverage > 1e-10 ? (e * e) / ((1 - leverage) * (1 - leverage)) : NaN;
      }
      for (let a = 0; a < rank; a++) {
        for (let b = a; b < rank; b++) {
          let sum = 0;
          for (let i = 0; i < rows; i++)
            sum += (weights[i] as number) * (u[a * rows + i] as number) * (u[b * rows + i] as number);
          meat[b * rank + a] = meat[a * rank + b] = sum;
        }
      }
      // R⁻¹·meat·R⁻ᵀ (row k of R⁻¹ is nonzero from column k on), then back to original units.
      const middle = new Float64Array(rank * rank); // R⁻¹·meat
      for (let k = 0; k < rank; k++) {
        for (let b = 0; b < rank; b++) {
          let sum = 0;
          for (let a = k; a < rank; a++) sum += (rInverse[a * rank + k] as number) * (meat[b * rank + a] as number);
          middle[b * rank + k] = sum;
        }
      }
      const covariance = new Float64Array(rank * rank);
      for (let k = 0; k < rank; k++) {
        for (let m = k; m < rank; m++) {
          let sum = 0;
          for (let b = m; b < rank; b++) sum += (middle[b * rank + k] as number) * (rInverse[b * rank + m] as number);
          const value = sum * (scale[kept[k] as number] as number) * (scale[kept[m] as number] as number);
          covariance[m * rank + k] = covariance[k * rank + m] = value;
        }
      }
      return covariance;
    });
  }

  /** True when some row has leverage 1, which leaves HC3 undefined. */
  get hasLeverageOne(): boolean {
    return this.standardErrorKind === 'hc3' && Array.from(this.keptHc3Variance).some(Number.isNaN);
  }

  /** The coefficient table, in term order. */
  get coefficients(): Coefficient[] {
    return this.memo('coefficients', () => {
      const { aliased, kept, rank } = this.solution;
      const variance =
        this.standardErrorKind === 'hc3'
          ? this.keptHc3Variance
          : this.keptClassicalVariance.map((v) => v * this.residualVariance);
      const df = this.dfResidual;
      const quantile = df > 0 ? studentTUpperQuantile((1 - this.level) / 2, df) : NaN;
      const vif = this.varianceInflationFactors;
      const position = new Map<number, number>();
      for (let k = 0; k < rank; k++) position.set(kept[k] as number, k);
      return this.design.terms.map((name, j) => {
        const k = position.get(j);
        if (aliased[j] || k === undefined) {
          return {
            name,
            estimate: NaN,
            stdError: NaN,
            tStat: NaN,
            pValue: NaN,
            ciLower: NaN,
            ciUpper: NaN,
            vif: NaN,
            aliased: true,
          };
        }
        const estimate = this.estimates[j] as number;
        const stdError = Math.sqrt(variance[k] as number);
        const perfect = this.essentiallyPerfectFit;
        const tStat = perfect ? NaN : estimate / stdError;
        const pValue = df > 0 && !Number.isNaN(tStat) ? studentTTwoSidedPValue(tStat, df) : NaN;
        return {
          name,
          estimate,
          stdError,
          tStat,
          pValue,
          ciLower: estimate - quantile * stdError,
          ciUpper: estimate + quantile * stdError,
          vif: vif[j] as number,
          aliased: false,
        };
      });
    });
  }

  /**
   * VIFⱼ = 1/(1 − R²ⱼ), R²ⱼ from regressing term j on the other kept terms, computed as [(XᵀX)⁻¹]ⱼⱼ·Σ(xⱼ − x̄ⱼ)²
   * (uncentred without an intercept). NaN for the intercept and aliased terms.
   */
  get varianceInflationFactors(): Float64Array {
    return this.memo('vif', () => {
      const { kept, rank, unscaledCovariance } = this.solution;
      const { rows, x, terms, hasIntercept } = this.design;
      const result = new Float64Array(terms.length).fill(NaN);
      for (let k = 0; k < rank; k++) {
        const j = kept[k] as number;
        if (hasIntercept && j === 0) continue;
        let sum = this.columnMoments.squaredDeviations[j] as number;
        if (!hasIntercept) {
          sum = 0;
          for (let i = j * rows; i < (j + 1) * rows; i++) sum += (x[i] as number) ** 2;
        }
        result[j] = (unscaledCovariance[k * rank + k] as number) * sum;
      }
      return result;
    });
  }

  /** Generalized VIF per input column, as car::vif (see `generalizedVif`); empty without an intercept. */
  get generalizedVif(): ColumnVif[] {
    return this.memo('gvif', () => generalizedVif(this.design, this.solution.kept, this.solution.unscaledCovariance));
  }

  /**
   * Text columns whose reference level is tiny — fewer than 5 rows, or under 2% of them: every dummy is measured
   * against it, so their VIFs and standard errors are large whatever the data say about the other levels.
   */
  get tinyReferenceLevels(): { column: string; reference: string; rows: number }[] {
    return this.memo('tinyReference', () => {
      const { rows, x, terms } = this.design;
      const out: { column: string; reference: string; rows: number }[] = [];
      for (const predictor of this.design.predictors) {
        if (predictor.kind !== 'categorical' || predictor.reference === undefined || predictor.terms.length === 0)
          continue;
        const columns = predictor.terms.map((t) => terms.indexOf(t));
        let count = 0;
        for (let i = 0; i < rows; i++) if (columns.every((j) => x[j * rows + i] === 0)) count++;
        if (count < 5 || count < 0.02 * rows)
          out.push({ column: predictor.name, reference: predictor.reference, rows: count });
      }
      return out;
    });
  }

  /** Warnings a careful analyst would want to see with these results. */
  get warnings(): string[] {
    return this.memo('warnings', () => {
      const warnings = this.designWarnings(this.solution.aliased);
      if (this.dfResidual === 0)
        warnings.push(
          'No residual degrees of freedom: the model fits every row exactly, so there are no standard errors, p-values or intervals',
        );
      if (this.essentiallyPerfectFit) {
        warnings.push(
          'Essentially perfect fit (R: "summary may be unreliable"): the residuals are rounding noise, so t values, p-values and the F test are not reported',
        );
      }
      // Per input column (GVIF, as car::vif), not per dummy: a dummy's VIF mostly measures how small its reference
      // level is. GVIF^(1/df) > 10 matches VIF > 10 for a number column. Without an intercept, per term as before.
      const highVif = this.design.hasIntercept
        ? this.generalizedVif
            .filter((g) => g.gvifScaled ** 2 > 10)
            .map((g) =>
              g.df === 1
                ? `${g.column} (${formatShort(g.gvif)})`
                : `${g.column} (GVIF^(1/(2·Df)) ${formatShort(g.gvifScaled)}, ${g.df} df)`,
            )
        : this.coefficients.filter((c) => c.vif > 10).map((c) => `${c.name} (${formatShort(c.vif)})`);
      if (highVif.length > 0)
        warnings.push(
          `High variance inflation (VIF > 10, or GVIF^(1/Df) > 10 for a text column), so these estimates are unstable: ${highVif.join(', ')}`,
        );
      for (const tiny of this.tinyReferenceLevels) {
        warnings.push(
          `"${tiny.column}": its reference level "${tiny.reference}" has only ${tiny.rows} of ${this.n} rows, ` +
            `and every "${tiny.column}" dummy is compared with it, so their standard errors and VIFs are large; ` +
            'a commoner reference level would give steadier comparisons',
        );
      }
      if (this.conditionNumber > 1e10)
        warnings.push(
          `The design is very ill-conditioned (scaled condition number ${formatShort(this.conditionNumber)}); ` +
            'small changes in the data can move the estimates a lot',
        );
      if (!this.solution.refinementConverged)
        warnings.push('Iterative refinement did not converge; the estimates may have lost accuracy');
      if (this.n - this.rank > 0 && this.n < 10 * this.rank)
        warnings.push(
          `Only ${this.n} rows for ${this.rank} parameters (fewer than 10 per parameter); estimates will be noisy`,
        );
      if (this.hasLeverageOne)
        warnings.push('HC3 standard errors are undefined: some rows have leverage 1 (a level seen in only one row?)');
      return warnings;
    });
  }

  /** The results as `tikfit fit --json` prints them. */
  toJSON(): OlsJson {
    return {
      target: this.design.target,
      logTarget: this.design.logTarget,
      level: this.level,
      standardErrors: this.standardErrorKind,
      n: this.n,
      rank: this.rank,
      dfResidual: this.dfResidual,
      rowsDropped: this.design.rowsDropped,
      rSquared: finiteOrNull(this.rSquared),
      adjRSquared: finiteOrNull(this.adjRSquared),
      residualStdError: finiteOrNull(this.residualStdError),
      fStatistic: finiteOrNull(this.fStatistic),
      fPValue: finiteOrNull(this.fPValue),
      fTest: this.fTest,
      gvif: this.generalizedVif.map((g) => ({
        column: g.column,
        df: g.df,
        gvif: finiteOrNull(g.gvif),
        gvifScaled: finiteOrNull(g.gvifScaled),
      })),
      logLikelihood: finiteOrNull(this.logLikelihood),
      aic: finiteOrNull(this.aic),
      bic: finiteOrNull(this.bic),
      conditionNumber: finiteOrNull(this.conditionNumber),
      coefficients: this.coefficients.map((c) => ({
        name: c.name,
        estimate: finiteOrNull(c.estimate),
        stdError: finiteOrNull(c.stdError),
        tStat: finiteOrNull(c.tStat),
        pValue: finiteOrNull(c.pValue),
        ciLower: finiteOrNull(c.ciLower),
        ciUpper: finiteOrNull(c.ciUpper),
        vif: finiteOrNull(c.vif),
        aliased: c.aliased,
      })),
      warnings: this.warnings,
    };
  }
}

/** A finite number as it is, anything else as null (JSON has no NaN or Infinity). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function formatShort(value: number): string {
  return value >= 1e6 ? value.toExponential(1) : value.toPrecision(3);
}

/**
 * Σᵢ (Σⱼ bⱼ·(xᵢⱼ − x̄ⱼ))² over the given terms (b the estimates, x̄ the column means): the model sum of squares
 * with an intercept. Two terms a pass over a block of rows, whose centred values stay in cache, block after block (the
 * same sums per row, in the same order, as one term at a time over every row). A function of its own, not a closure
 * of the results: compiled once, where the closure was compiled four times over the first fits of a process
 * (node --trace-opt, 10,000 × 10).
 */
function centredSquares(
  x: Float64Array,
  rows: number,
  terms: readonly number[],
  estimates: Float64Array,
  means: Float64Array,
): number {
  const centred = new Float64Array(Math.min(rows, BLOCK_ROWS));
  let sum = 0;
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const m = Math.min(BLOCK_ROWS, rows - start);
    centred.fill(0);
    for (let q = 0; q < terms.length; q += 2) {
      const j0 = terms[q] as number;
      const j1 = q + 1 < terms.length ? (terms[q + 1] as number) : j0;
      const b0 = estimates[j0] as number;
      const b1 = q + 1 < terms.length ? (estimates[j1] as number) : 0;
      const mean0 = means[j0] as number;
      const mean1 = means[j1] as number;
      const offset0 = j0 * rows + start;
      const offset1 = j1 * rows + start;
      if (b1 === 0) {
        for (let i = 0; i < m; i++) centred[i] = (centred[i] as number) + b0 * ((x[offset0 + i] as number) - mean0);
        continue;
      }
      for (let i = 0; i < m; i++)
        centred[i] =
          (centred[i] as number) +
          b0 * ((x[offset0 + i] as number) - mean0) +
          b1 * ((x[offset1 + i] as number) - mean1);
    }
    for (let i = 0; i < m; i++) sum += (centred[i] as number) * (centred[i] as number);
  }
  return sum;
}
