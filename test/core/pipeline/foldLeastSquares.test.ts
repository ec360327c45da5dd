import { leastSquaresFoldScores, type MainFit } from '../../../src/core/pipeline/foldLeastSquares';
import { fitRecipeModel, predictRecipeModel, type RecipeColumn } from '../../../src/core/pipeline/recipeModel';
import { applyTransform, fitTransforms } from '../../../src/core/pipeline/transformPlan';
import { fitOls } from '../../../src/core/model/fitOls';
import { seededRandom } from '../../../src/core/prepare/seededRandom';

// The folds from one pass over the training rows must give each fold's own least-squares fit: transforms refitted
// on the fold's training part, OLS with refinement, predictions on the fold's rows (what crossValidate did before).
function foldByFold(columns: RecipeColumn[], y: Float64Array, train: Int32Array, start: number, end: number): number {
  const held = train.slice(start, end);
  const rest = Int32Array.from([...train.slice(0, start), ...train.slice(end)]);
  const model = fitRecipeModel(columns, y, rest, { target: 'y', level: 0.95 });
  const predicted = predictRecipeModel(model, columns, held);
  const scale: ArrayLike<number> =
    'modelScale' in predicted ? (predicted as { modelScale: Float64Array }).modelScale : predicted;
  let squared = 0;
  held.forEach((i, r) => (squared += ((y[i] as number) - (scale[r] as number)) ** 2));
  return Math.sqrt(squared / held.length);
}

/** The main fit's transforms and design on the training rows, as crossValidate is given them. */
function mainFit(columns: RecipeColumn[], y: Float64Array, train: Int32Array): MainFit {
  const model = fitRecipeModel(columns, y, train, { target: 'y', level: 0.95 });
  return { transforms: model.transforms, design: model.results.design };
}

function data(n: number, seed: number): { columns: RecipeColumn[]; y: Float64Array } {
  const random = seededRandom(seed);
  const counts = Float64Array.from({ length: n }, () => Math.floor(Math.exp(random() * 8))); // skewed: log1p
  const share = Float64Array.from({ length: n }, () => random() * 100 - 20); // negative values: z-score only
  const dummy = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  const twice = Float64Array.from(dummy, (v) => 2 * v); // aliased with the dummy in every fold
  const y = Float64Array.from(
    { length: n },
    (_, i) => 0.5 * Math.log1p(counts[i] as number) + 0.01 * (share[i] as number) + (dummy[i] as number) + random(),
  );
  const column = (name: string, values: Float64Array): RecipeColumn => ({
    name,
    values,
    nonNegative: values.every((v) => v >= 0),
  });
  return {
    columns: [column('counts', counts), column('share', share), column('dummy', dummy), column('twice', twice)],
    y,
  };
}

describe('leastSquaresFoldScores', () => {
  test.each([
    [200, 5, 1],
    [1000, 3, 2],
    [5000, 10, 3],
  ])('n = %i, %i folds: each fold as its own refined fit gives it, to 1e-12', (n, k, seed) => {
    const { columns, y } = data(n, seed);
    const train = Int32Array.from({ length: n - 10 }, (_, r) => 10 + r);
    const bounds = Array.from({ length: k }, (_, f) => ({
      start: Math.floor((f * train.length) / k),
      end: Math.floor(((f + 1) * train.length) / k),
    }));
    const scores = leastSquaresFoldScores(columns, train, bounds, mainFit(columns, y, train));
    bounds.forEach(({ start, end }, f) => {
      const score = scores[f];
      expect(score).not.toBeNull();
      const expected = foldByFold(columns, y, train, start, end);
      expect(Math.abs((score as number) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    });
  });

  test('a fold whose log1p decision differs from the whole training part is left to its own fit (null)', () => {
    // One outlier makes the column skewed in every fold but the one that holds it.
    const n = 300;
    const random = seededRandom(7);
    const x = Float64Array.from({ length: n }, () => 10 + random());
    x[50] = 1000;
    const y = Float64Array.from({ length: n }, () => random());
    const columns = [{ name: 'x', values: x, nonNegative: true }];
    const train = Int32Array.from({ length: n }, (_, r) => r);
    const bounds = [0, 1, 2].map((f) => ({ start: f * 100, end: (f + 1) * 100 }));
    const main = mainFit(columns, y, train);
    expect(main.transforms[0]?.log1p).toBe(true);
    const scores = leastSquaresFoldScores(columns, train, bounds, main);
    expect(scores[0]).toBeNull();
    expect(scores[1]).not.toBeNull();
    expect(Math.abs((scores[1] as number) - foldByFold(columns, y, train, 100, 200))).toBeLessThan(1e-12);
  });

  test("the main fit's design stands in for the folds' own transform of the training rows, to the bit", () => {
    const n = 3000;
    const { columns, y } = data(n, 11);
    const train = Int32Array.from({ length: n - 600 }, (_, r) => 600 + r);
    const bounds = [0, 1, 2, 3, 4].map((f) => ({
      start: Math.floor((f * train.length) / 5),
      end: Math.floor(((f + 1) * train.length) / 5),
    }));
    const model = fitRecipeModel(columns, y, train, { target: 'y', level: 0.95 });
    const design = model.results.design;
    const x = design.x.slice();
    // The training rows transformed here on their own, as the folds would transform them.
    const own = new Float64Array(x.length);
    own.fill(1, 0, train.length);
    columns.forEach((column, k) =>
      applyTransform(
        model.transforms[k]!,
        column.values,
        train,
        own.subarray((k + 1) * train.length, (k + 2) * train.length),
      ),
    );
    const ownY = Float64Array.from(train, (i) => y[i] as number);
    const alone = leastSquaresFoldScores(columns, train, bounds, {
      transforms: model.transforms,
      design: { x: own, y: ownY },
    });
    const shared = leastSquaresFoldScores(columns, train, bounds, { transforms: model.transforms, design });
    expect(shared).toEqual(alone);
    expect(alone.every((score) => score !== null)).toBe(true);
    // The fit left its design as it was built, which the folds rely on.
    expect(design.x).toEqual(x);
  });
});

describe('fitTransforms into a design', () => {
  test('writes the ones and each column exactly as applyTransform gives it', () => {
    const { columns } = data(500, 5);
    const train = Int32Array.from({ length: 400 }, (_, r) => 499 - r);
    const into = new Float64Array(train.length * (columns.length + 1)).fill(NaN);
    const transforms = fitTransforms(columns, train, into);
    expect(transforms).toEqual(fitTransforms(columns, train));
    expect(Array.from(into.subarray(0, train.length))).toEqual(Array.from({ length: train.length }, () => 1));
    expect(transforms.map((t) => [t.log1p, t.sd !== null])).toEqual([
      [true, true],
      [false, true],
      [false, false], // a 0/1 dummy stays as it is
      [true, true], // 0/2, skewed: log1p and z-score
    ]);
    columns.forEach((column, k) => {
      const expected = applyTransform(transforms[k]!, column.values, train);
      expect(into.subarray((k + 1) * train.length, (k + 2) * train.length)).toEqual(expected);
    });
  });

  test("a least-squares fit keeps its design's x unchanged", () => {
    const { columns, y } = data(200, 9);
    const train = Int32Array.from({ length: 200 }, (_, r) => r);
    const design = fitRecipeModel(columns, y, train, { target: 'y', level: 0.95 }).results.design;
    const before = design.x.slice();
    fitOls(design).toJSON();
    expect(design.x).toEqual(before);
  });
});
