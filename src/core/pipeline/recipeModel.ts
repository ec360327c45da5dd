import { designFromMatrix } from '../model/design';
import { fitGlm } from '../model/fitGlm';
import type { GlmResults } from '../model/glmResults';
import { fitOls } from '../model/fitOls';
import type { OlsResults } from '../model/olsResults';
import type { ModelName } from '../options';
import { applyTransform, fitTransforms, tableOrder, type PredictorTransform } from './transformPlan';

/** A predictor column of the recipe, in the split's shuffled row order. */
export interface RecipeColumn {
  name: string;
  values: Float64Array;
  nonNegative: boolean;
}

/** The recipe's model fitted on some rows: the OLS or count-model results and the transforms fitted on the same rows. */
export interface RecipeModel {
  results: OlsResults | GlmResults;
  transforms: PredictorTransform[];
  /** A count model's offset, log(exposure), for every row (the same order as the columns); predictions add it. */
  offset?: Float64Array;
}

/** What the recipe's model is: the target's name, the confidence level, the model, and a count model's offset. */
export interface RecipeModelInfo {
  target: string;
  level: number;
  model?: ModelName;
  /** log(exposure) for every row, in the columns' order (a count model only). */
  offset?: Float64Array;
}

/**
 * Fits the recipe's model on the given rows: transforms (log1p for skewed counts, z-scores) decided and fitted on
 * those rows only, so nothing leaks from the others, then OLS of `y` (already on the log scale), or, with a count
 * model ('poisson' or 'nb'), the GLM with the log link of `y` as counts (zeros included).
 * Cost: O(rows × columns²).
 * @throws Error from the fit (too few rows, a constant target).
 */
export function fitRecipeModel(
  columns: readonly RecipeColumn[],
  y: Float64Array,
  rows: Int32Array,
  info: RecipeModelInfo,
): RecipeModel {
  const model = info.model ?? 'ols';
  // The transforms are fitted and the training rows' design is written in one pass (fitTransforms' `into`).
  const x = new Float64Array(rows.length * (columns.length + 1));
  const transforms = fitTransforms(columns, rows, x);
  const design = designFromMatrix(
    x,
    columns.map((c) => c.name),
    Float64Array.from(rows, (i) => y[i] as number),
    { target: info.target, logTarget: model === 'ols' },
  );
  const offset = info.offset;
  const results =
    model === 'ols'
      ? fitOls(design, { level: info.level })
      : fitGlm(design, {
          model,
          level: info.level,
          ...(offset === undefined ? {} : { offset: Float64Array.from(rows, (i) => offset[i] as number) }),
        });
  return offset === undefined ? { results, transforms } : { results, transforms, offset };
}

/** The recipe model's predictions for some rows, on the model's scale and in the target's units. */
export interface RecipePrediction {
  /** The linear predictor: of log1p(y) for least squares, the log of the expected count for a count model. */
  modelScale: Float64Array;
  /** In the target's units: expm1 of the above for least squares, the expected count for a count model. */
  inTargetUnits: Float64Array;
}

/**
 * The model's predictions for the given rows, with the transforms fitted with it: the rows' design (an intercept,
 * then each column transformed, and a count model's offset) through the results' `linearPredictor` and
 * `inTargetUnits`. An aliased term (a combination of the others) contributes 0, which predicts the same on the rows
 * it was fitted on.
 * Cost: O(rows × columns).
 */
export function predictRecipeModel(
  model: RecipeModel,
  columns: readonly RecipeColumn[],
  rows: Int32Array,
): RecipePrediction {
  const n = rows.length;
  const x = new Float64Array(n * (columns.length + 1));
  x.fill(1, 0, n);
  const order = tableOrder(rows);
  columns.forEach((c, k) =>
    applyTransform(
      model.transforms[k] as PredictorTransform,
      c.values,
      rows,
      x.subarray((k + 1) * n, (k + 2) * n),
      order,
    ),
  );
  const offset = model.offset;
  const modelScale = model.results.linearPredictor(
    x,
    n,
    offset === undefined ? undefined : Float64Array.from(rows, (i) => offset[i] as number),
  );
  return { modelScale, inTargetUnits: model.results.inTargetUnits(modelScale) };
}
