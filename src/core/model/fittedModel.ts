import type { Design } from './design';
import { inverseLogLink } from './glmFamily';
import { fromLogScale } from './logTarget';

/**
 * What a model's linear predictor X·b is on, and so how it goes back to the target's units: 'identity' (the target
 * itself), 'logTarget' (log1p of the target, back by expm1: least squares with the log target) or 'logLink' (the log
 * of the expected count, back by exp: a count model).
 */
export type PredictionScale = 'identity' | 'logTarget' | 'logLink';

/**
 * X·b (+ offset) for new rows, X column-major rows×terms in the fit's term order. Aliased terms (NaN estimates)
 * contribute nothing, as R's predict does. Cost: O(rows × terms).
 * @throws Error when X or the offset does not have the right size.
 */
export function linearPredictor(
  estimates: ArrayLike<number>,
  x: ArrayLike<number>,
  rows: number,
  offset?: ArrayLike<number>,
): Float64Array {
  const columns = estimates.length;
  if (x.length !== rows * columns) throw new Error(`predict: X should hold ${rows}×${columns} values, got ${x.length}`);
  if (offset !== undefined && offset.length !== rows)
    throw new Error(`predict: the offset has ${offset.length} values for ${rows} rows`);
  const eta = offset === undefined ? new Float64Array(rows) : Float64Array.from(offset);
  const terms: number[] = [];
  for (let j = 0; j < columns; j++) if (!Number.isNaN(estimates[j] as number)) terms.push(j);
  // Four terms a pass over the rows, each row's sum still taken term after term in order: a quarter of the passes
  // over η (the count models call this every iteration, on every row).
  let q = 0;
  for (; q + 3 < terms.length; q += 4) {
    const o0 = (terms[q] as number) * rows;
    const o1 = (terms[q + 1] as number) * rows;
    const o2 = (terms[q + 2] as number) * rows;
    const o3 = (terms[q + 3] as number) * rows;
    const b0 = estimates[terms[q] as number] as number;
    const b1 = estimates[terms[q + 1] as number] as number;
    const b2 = estimates[terms[q + 2] as number] as number;
    const b3 = estimates[terms[q + 3] as number] as number;
    for (let i = 0; i < rows; i++)
      eta[i] =
        (eta[i] as number) +
        b0 * (x[o0 + i] as number) +
        b1 * (x[o1 + i] as number) +
        b2 * (x[o2 + i] as number) +
        b3 * (x[o3 + i] as number);
  }
  for (; q < terms.length; q++) {
    const offsetOf = (terms[q] as number) * rows;
    const b = estimates[terms[q] as number] as number;
    for (let i = 0; i < rows; i++) eta[i] = (eta[i] as number) + b * (x[offsetOf + i] as number);
  }
  return eta;
}

/**
 * Linear predictions back in the target's units: expm1 on the log target's scale, R's log-link inverse
 * max(e^η, ε) for a count model (the expected count), unchanged otherwise. Cost: O(rows).
 */
export function inTargetUnits(scale: PredictionScale, linear: Float64Array): Float64Array {
  if (scale === 'logTarget') return linear.map(fromLogScale);
  if (scale === 'logLink') return linear.map(inverseLogLink);
  return Float64Array.from(linear);
}

/**
 * What least squares and the count models share: the design they were fitted on, the intervals' level, a cache of
 * statistics computed on first use, and predictions for new rows.
 */
export abstract class FittedModel {
  readonly design: Design;
  /** Confidence level of the intervals. */
  readonly level: number;
  private readonly cache = new Map<string, unknown>();

  protected constructor(design: Design, level: number) {
    this.design = design;
    this.level = level;
  }

  /** `compute()` on the first call with this key, its cached value after. */
  protected memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * The design's own warnings, then one naming the aliased terms (exact combinations of earlier terms, left out) when
   * there are any: how every model's warnings begin.
   */
  protected designWarnings(aliased: readonly boolean[]): string[] {
    const warnings = [...this.design.warnings];
    const aliasedTerms = this.design.terms.filter((_, j) => aliased[j]);
    if (aliasedTerms.length > 0) {
      warnings.push(
        `${aliasedTerms.length} term${aliasedTerms.length > 1 ? 's are' : ' is'} aliased ` +
          `(an exact combination of earlier terms, so not estimable) and left out: ${aliasedTerms.join(', ')}`,
      );
    }
    return warnings;
  }

  /** Estimates per term on the linear predictor's scale, NaN for aliased terms. */
  abstract get estimates(): Float64Array;

  /** The scale of the linear predictor (see `PredictionScale`). */
  abstract get predictionScale(): PredictionScale;

  /**
   * X·b (+ offset) for new rows, on the model's own scale (see `linearPredictor`). Cost: O(rows × terms).
   * @throws Error when X or the offset does not have the right size.
   */
  linearPredictor(x: ArrayLike<number>, rows: number, offset?: ArrayLike<number>): Float64Array {
    return linearPredictor(this.estimates, x, rows, offset);
  }

  /** Linear predictions of this model back in the target's units (see `inTargetUnits`). Cost: O(rows). */
  inTargetUnits(linear: Float64Array): Float64Array {
    return inTargetUnits(this.predictionScale, linear);
  }

  /**
   * Predictions for new rows in the target's units, as R's `predict(fit, newdata)` (with `type = "response"` for
   * a count model, `expm1` of it for the log target): X column-major rows×terms in this design's term order, an
   * optional offset on the model's scale. Aliased terms contribute nothing. Cost: O(rows × terms).
   * @throws Error when X or the offset does not have the right size.
   */
  predict(x: ArrayLike<number>, rows: number, offset?: ArrayLike<number>): Float64Array {
    return this.inTargetUnits(this.linearPredictor(x, rows, offset));
  }
}
