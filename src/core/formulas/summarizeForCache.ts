import { finiteOrNull } from '../model/olsResults';
import { solveLeastSquares } from '../numerics/leastSquares';
import type { RangeFit } from './fitFromRanges';
import type { FormulaOptions } from './parseFormulaOptions';

/** Bumped whenever `FitSummary` changes shape or meaning, so that an older cached summary is never misread. */
export const FIT_SUMMARY_VERSION = 2;

/** One known_x column as predictions need it. */
export interface FitSummaryColumn {
  /** The name its terms carry (its header, or X<k>). */
  name: string;
  /** Its header text as given ("" when blank or when the ranges had no header row). */
  header: string;
  kind: 'numeric' | 'categorical';
  /** Categorical: every level in the rows used, in code-point order; [] for numeric columns. */
  levels: string[];
  /** Categorical: the level without a dummy; null for numeric columns. */
  reference: string | null;
  /**
   * Indices into `terms` of the terms this column produced: one for a numeric column; for a categorical one, one per
   * level other than the reference, in `levels` order ([] when the column had a single level).
   */
  terms: number[];
}

/**
 * Everything every TIKFIT formula needs to answer, JSON-safe (numbers that are not finite are null) and small (a few
 * hundred bytes per term), so that it can be cached and answered from without refitting.
 */
export interface FitSummary {
  version: typeof FIT_SUMMARY_VERSION;
  /** known_y's name: its header, or "y". */
  target: string;
  /** True when the ranges started with a header row. */
  hasHeader: boolean;
  options: FormulaOptions;
  /** Rows used, and data rows in the ranges (blank-containing rows are the difference). */
  n: number;
  inputRows: number;
  rank: number;
  dfResidual: number;
  /** Term names in design order: Intercept (when fitted), then the columns in order, dummies in level order. */
  terms: string[];
  /**
   * Per term, in `terms` order; null where undefined (aliased terms; no residual degrees of freedom; HC3 at leverage
   * 1). A count model's estimates are on the log scale, and `tStat` holds its Wald z.
   */
  estimate: (number | null)[];
  stdError: (number | null)[];
  tStat: (number | null)[];
  pValue: (number | null)[];
  ciLower: (number | null)[];
  ciUpper: (number | null)[];
  aliased: boolean[];
  /**
   * Per term: null unless aliased; for an aliased term, its coefficients on every term (0 for itself and other aliased
   * terms) such that, in the rows used, term = Σ coefficient·term. Predictions check new rows keep that relation.
   */
  aliasing: (number[] | null)[];
  /** Least squares' statistics (null for a count model). */
  rSquared: number | null;
  adjRSquared: number | null;
  fStatistic: number | null;
  fPValue: number | null;
  /** σ̂, on the fitted scale (of log1p(y) with log-target). */
  residualStdError: number | null;
  /** A count model's statistics (null for least squares; θ and its SE for the negative binomial only). */
  deviance: number | null;
  nullDeviance: number | null;
  aic: number | null;
  theta: number | null;
  thetaStdError: number | null;
  /** The known_x columns in order. */
  columns: FitSummaryColumn[];
  /** The engine's warnings about this fit (rows left out, aliased terms, few rows per parameter…). */
  warnings: string[];
}

/**
 * Condenses a fit into a `FitSummary`.
 *
 * Cost: O(p) plus, per aliased term, one least-squares solve of that term on the kept terms (O(n·rank²)).
 */
export function summarizeForCache(fit: RangeFit): FitSummary {
  const { results, design, range, options } = fit;
  const count = 'fit' in results ? results : null;
  const ols = 'fit' in results ? null : results;
  const coefficients = results.coefficients.map((c) => ({ ...c, tStat: 'zStat' in c ? c.zStat : c.tStat }));
  const termIndex = new Map(design.terms.map((term, j) => [term, j] as const));
  const columns: FitSummaryColumn[] = design.predictors.map((predictor, j) => ({
    name: predictor.name,
    header: range.columns[j]?.header ?? '',
    kind: predictor.kind,
    levels: predictor.levels ?? [],
    reference: predictor.reference ?? null,
    terms: predictor.terms.map((term) => termIndex.get(term) as number),
  }));
  return {
    version: FIT_SUMMARY_VERSION,
    target: range.target,
    hasHeader: range.hasHeader,
    options: { ...options },
    n: results.n,
    inputRows: design.inputRows,
    rank: results.rank,
    dfResidual: results.dfResidual,
    terms: [...design.terms],
    estimate: coefficients.map((c) => finiteOrNull(c.estimate)),
    stdError: coefficients.map((c) => finiteOrNull(c.stdError)),
    tStat: coefficients.map((c) => finiteOrNull(c.tStat)),
    pValue: coefficients.map((c) => finiteOrNull(c.pValue)),
    ciLower: coefficients.map((c) => finiteOrNull(c.ciLower)),
    ciUpper: coefficients.map((c) => finiteOrNull(c.ciUpper)),
    aliased: coefficients.map((c) => c.aliased),
    aliasing: aliasingOf(fit),
    rSquared: ols === null ? null : finiteOrNull(ols.rSquared),
    adjRSquared: ols === null ? null : finiteOrNull(ols.adjRSquared),
    fStatistic: ols === null ? null : finiteOrNull(ols.fStatistic),
    fPValue: ols === null ? null : finiteOrNull(ols.fPValue),
    residualStdError: ols === null ? null : finiteOrNull(ols.residualStdError),
    deviance: count === null ? null : finiteOrNull(count.deviance),
    nullDeviance: count === null ? null : finiteOrNull(count.nullDeviance),
    aic: count === null ? null : finiteOrNull(count.aic),
    theta: count === null ? null : finiteOrNull(count.theta),
    thetaStdError: count === null ? null : finiteOrNull(count.thetaStdError),
    columns,
    warnings: [...results.warnings],
  };
}

/** For each aliased term, its expression in the kept terms over the rows used. */
function aliasingOf(fit: RangeFit): (number[] | null)[] {
  const { design, results } = fit;
  const { rows, columns: p, x } = design;
  const { kept, rank, aliased } = 'fit' in results ? results.fit.irls.solution : results.solution;
  if (!aliased.some(Boolean)) return design.terms.map(() => null);
  const keptX = new Float64Array(rows * rank);
  for (let k = 0; k < rank; k++)
    keptX.set(x.subarray((kept[k] as number) * rows, ((kept[k] as number) + 1) * rows), k * rows);
  return design.terms.map((_, j) => {
    if (!aliased[j]) return null;
    const combination = new Array<number>(p).fill(0);
    const solution = solveLeastSquares(keptX, rows, rank, x.slice(j * rows, (j + 1) * rows));
    for (let k = 0; k < rank; k++) {
      const c = solution.coefficients[k] as number;
      combination[kept[k] as number] = Number.isFinite(c) ? c : 0;
    }
    return combination;
  });
}

/**
 * True when `value` is a `FitSummary` of this version (a cached value from an older release is not).
 * Cost: O(1); it checks the version and a few fields, not every number.
 */
export function isFitSummary(value: unknown): value is FitSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<FitSummary>;
  return (
    v.version === FIT_SUMMARY_VERSION &&
    Array.isArray(v.terms) &&
    Array.isArray(v.estimate) &&
    Array.isArray(v.columns) &&
    typeof v.options === 'object'
  );
}
