import { leastSquaresFoldScores, type FoldBounds, type MainFit } from './foldLeastSquares';
import { fitRecipeModel, predictRecipeModel, type RecipeColumn, type RecipeModelInfo } from './recipeModel';

/**
 * k-fold cross-validation's RMSE, mean and SD over the folds that could be fitted: on the log1p scale for least
 * squares, in the target's counts (observed against expected counts) for a count model.
 */
export interface CrossValidation {
  mean: number | null;
  sd: number | null;
  folds: number;
  warnings: string[];
}

/**
 * k-fold cross-validation on the training rows, in their (shuffled) order: contiguous folds, transforms refitted
 * on each fold's training part. With a count model `logY` holds the counts and each fold's score is the RMSE of
 * the expected counts exp(η). Skipped, with a warning, when the rows are too few for the folds. With least squares
 * and the main fit (its transforms and design of the training rows) the folds come from one pass over that design
 * (see `leastSquaresFoldScores`). Cost: k fits, or about one QR of the training rows.
 */
export function crossValidate(
  columns: readonly RecipeColumn[],
  logY: Float64Array,
  trainRows: Int32Array,
  folds: number,
  info: RecipeModelInfo,
  main?: MainFit,
): CrossValidation {
  const scores: number[] = [];
  const warnings: string[] = [];
  if (folds >= 2) {
    if (trainRows.length < folds * 2) {
      warnings.push(`Cross-validation skipped: ${trainRows.length} training rows are too few for ${folds} folds`);
    } else {
      const bounds = Array.from({ length: folds }, (_, f) => ({
        start: Math.floor((f * trainRows.length) / folds),
        end: Math.floor(((f + 1) * trainRows.length) / folds),
      }));
      // Least squares: the folds from one pass over the training rows where that gives their answers (null: fit it).
      const shared =
        (info.model ?? 'ols') === 'ols' && main !== undefined
          ? leastSquaresFoldScores(columns, trainRows, bounds, main)
          : bounds.map(() => null);
      for (let f = 0; f < folds; f++) {
        const { start, end } = bounds[f] as FoldBounds;
        const score = shared[f];
        if (score !== null && score !== undefined) {
          scores.push(score);
          continue;
        }
        const held = trainRows.slice(start, end);
        const rest = Int32Array.from([...trainRows.slice(0, start), ...trainRows.slice(end)]);
        try {
          const predicted = predictRecipeModel(fitRecipeModel(columns, logY, rest, info), columns, held);
          let squared = 0;
          const counts = (info.model ?? 'ols') !== 'ols';
          const scored = counts ? predicted.inTargetUnits : predicted.modelScale;
          held.forEach((i, r) => {
            squared += ((logY[i] as number) - (scored[r] as number)) ** 2;
          });
          scores.push(Math.sqrt(squared / held.length));
        } catch (error) {
          warnings.push(`Cross-validation fold ${f + 1} could not be fitted: ${(error as Error).message}`);
        }
      }
    }
  }
  const mean = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  const sd =
    scores.length > 1 && mean !== null
      ? Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1))
      : null;
  return { mean, sd, folds: scores.length, warnings };
}
