import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText, readCsv } from '../../../src/cli/readCsv';
import { runRecipe } from '../../../src/core/pipeline/runRecipe';
import { seededShuffle } from '../../../src/core/prepare/seededRandom';
import { TRUE_MODEL } from '../../../samples/generate';
import { describeWithShared, projectRoot, sharedRoot } from '../../helpers/shared';

const samplePath = join(projectRoot, 'samples', 'tiktok-sample.csv');
const rawPath = join(sharedRoot, 'data', 'tiktok', 'tik-tok-analytics-2022-unprocessed.csv');

describeWithShared('data/tiktok/tik-tok-analytics-2022-unprocessed.csv')('the article recipe on the raw export', () => {
  // Acceptance numbers from the issue: 119 rows kept, 44 watchedFullVideo and 105 newFollowers values imputed,
  // the seven demographic columns excluded, 16 terms.
  const result = runRecipe(readCsv(rawPath), { recipe: 'article', testFraction: 0 });
  const json = result.json;
  test('keeps 119 rows and fits 16 terms', () => {
    expect(json.rows).toMatchObject({ input: 190, afterRare: 119, modeled: 119, train: 119, test: 0 });
    expect(json.model.coefficients).toHaveLength(16);
    expect(json.model.n).toBe(119);
  });
  test('imputes 44 watchedFullVideo and 105 newFollowers values', () => {
    expect(json.imputed).toEqual({ watchedFullVideo: 44, newFollowers: 105 });
  });
  test('excludes the seven demographic columns and ignores the name', () => {
    expect(json.excluded).toEqual(['male', 'female', '18-24', '25-34', '35-44', '45-54', '55+']);
    const exclude = json.steps.find((s) => s.step === 'exclude') as unknown as { ignored: { column: string; kind: string }[] };
    expect(exclude.ignored).toEqual([{ column: 'name', kind: 'identifier' }]);
  });
  test('encodes category and subject against their first levels, after the recount drops "random"', () => {
    expect(json.encoded).toEqual({ category: ['category_info', 'category_opinion'], subject: ['subject_cyber security', 'subject_data analytics', 'subject_software'] });
  });
  test('says loudly that most of the target was imputed, and applies the 2% rule', () => {
    expect(json.warnings.join('\n')).toMatch(/IMPUTED TARGET: 105 of 119 newFollowers values \(88%\)/);
    expect(json.warnings.join('\n')).toMatch(/more than 2%, so they are imputed rather than deleted/);
  });
  test('log1p goes to the skewed counts, never to 0/1 columns or dummies', () => {
    expect(json.logTransformed).toEqual(['views', 'likes', 'comments', 'shares', 'bookmarks', 'length']);
    expect(json.standardized).toEqual(['views', 'likes', 'comments', 'shares', 'bookmarks', 'watchedFullVideo', 'length']);
  });
});

describe('the recipe on the synthetic sample', () => {
  const grid = readCsv(samplePath);

  test('the default split is seeded: the same on every run, and 80/20', () => {
    const a = runRecipe(grid, { recipe: 'article' }).json;
    const b = runRecipe(grid, { recipe: 'article' }).json;
    expect(a.model.coefficients).toEqual(b.model.coefficients);
    expect(a.evaluation).toEqual(b.evaluation);
    expect(a.rows.test).toBe(Math.floor(0.2 * a.rows.modeled));
    const c = runRecipe(grid, { recipe: 'article', seed: 7 }).json;
    expect(c.model.coefficients).not.toEqual(a.model.coefficients);
  });

  test('transforms are fitted on training rows only: changing a held-out row changes nothing in the fit', () => {
    // Re-running the recipe on its own prepared grid repeats the same rows in the same order, hence the same split.
    const base = runRecipe(runRecipe(grid, { recipe: 'article' }).preparedGrid, { recipe: 'article' });
    const prepared = base.preparedGrid.map((row) => row.slice());
    const n = prepared.length - 1;
    const heldOut = seededShuffle(n, 42)[0] as number; // the first shuffled row is a test row
    const likes = (prepared[0] as string[]).indexOf('likes');
    (prepared[heldOut + 1] as unknown[])[likes] = 1e9;
    const changed = runRecipe(prepared, { recipe: 'article' });
    expect(changed.json.rows.test).toBe(base.json.rows.test);
    expect(changed.json.model.coefficients).toEqual(base.json.model.coefficients);
    expect(changed.transforms).toEqual(base.transforms);
    expect(changed.json.evaluation.testRmseLog).not.toEqual(base.json.evaluation.testRmseLog);
    // And the z-scores use training statistics: the training column has mean 0.
    const design = base.results.design;
    const term = design.terms.indexOf('likes');
    let mean = 0;
    for (let i = 0; i < design.rows; i++) mean += design.x[term * design.rows + i] as number;
    expect(Math.abs(mean / design.rows)).toBeLessThan(1e-12);
  });

  test('recovers the true effects within simultaneous (Bonferroni) confidence intervals', () => {
    const effects = Object.entries(TRUE_MODEL.effects);
    const level = 1 - 0.05 / effects.length;
    const result = runRecipe(grid, { recipe: 'article', level });
    const byName = new Map(result.json.model.coefficients.map((c) => [c.name, c]));
    for (const [term, effect] of effects) {
      const coefficient = byName.get(term);
      expect({ term, present: coefficient !== undefined }).toEqual({ term, present: true });
      const transform = result.transforms.find((t) => t.name === term)!;
      // On the model's scale a standardized predictor's coefficient is the per-unit effect times the training SD
      // (of log1p(x) when the pipeline took logs, which matches the true model's transform).
      const truth = effect.perUnit * (transform.sd ?? 1);
      if (transform.sd !== null) expect(transform.log1p).toBe(effect.transform === 'log1p');
      const inside = (coefficient!.ciLower as number) <= truth && truth <= (coefficient!.ciUpper as number);
      expect({ term, truth, ciLower: coefficient!.ciLower, ciUpper: coefficient!.ciUpper, inside }).toMatchObject({ term, inside: true });
      if (effect.perUnit !== 0) {
        // Every real effect is found, with the right sign.
        expect({ term, significant: (coefficient!.pValue as number) < 0.05, sign: Math.sign(coefficient!.estimate as number) }).toEqual({ term, significant: true, sign: Math.sign(effect.perUnit) });
      }
    }
  });

  test('findings speak in followers, per one SD in a predictor\'s own units, and compare levels with the reference', () => {
    const json = runRecipe(grid, { recipe: 'article' }).json;
    const text = json.findings.join('\n');
    expect(text).toMatch(/^Videos about data analytics gain about \d+% more new followers than videos about career \(p [<=] [\d.]+\)$/m);
    expect(text).toMatch(/^Videos in the tech category gain about \d+% fewer new followers than videos in the humor category/m);
    expect(text).toMatch(/^Videos with [\d.]+ times as many likes \(one standard deviation, on the log scale\) gain/m);
    expect(text).toMatch(/^Videos with [\d.]+ more watchedFullVideo \(one standard deviation\) gain about \d+% more new followers/m);
    expect(text).toMatch(/^Videos with hasCover \(hasCover = 1\) gain about \d+% more new followers than those without/m);
  });

  test('evaluation reports log-scale and follower-scale errors and CV mean ± sd', () => {
    const { evaluation } = runRecipe(grid, { recipe: 'article' }).json;
    expect(evaluation.testRmseLog).toBeGreaterThan(0);
    expect(evaluation.testRmseFollowers).toBeGreaterThan(evaluation.testRmseLog as number); // followers, not log units
    expect(evaluation.testMaeFollowers).toBeLessThanOrEqual(evaluation.testRmseFollowers as number);
    expect(evaluation.cvRmseLog.folds).toBe(5);
    expect(evaluation.cvRmseLog.sd).toBeGreaterThan(0);
  });

  test('a suggested typo is reported while its rows remain, and not once the rare step dropped them', () => {
    const kept = runRecipe(grid, { recipe: 'article', rareThreshold: 0 }).json.warnings.join('\n');
    expect(kept).toMatch(/In "category", "infi" looks like a typo for "info"/);
    const dropped = runRecipe(grid, { recipe: 'article' }).json.warnings.join('\n');
    expect(dropped).not.toMatch(/"infi"/);
  });

  test('test fraction 0 fits on every row and has no test error', () => {
    const json = runRecipe(grid, { recipe: 'article', testFraction: 0 }).json;
    expect(json.rows.train).toBe(json.rows.modeled);
    expect(json.evaluation.testRmseLog).toBeNull();
  });

  test('lump instead of drop keeps every row and adds an Other level', () => {
    const json = runRecipe(grid, { recipe: 'article', rare: 'lump', testFraction: 0 }).json;
    expect(json.rows.afterRare).toBe(json.rows.afterClean);
    // "Other" sorts first in code-point order, so it becomes the reference level, as the spec's rule says.
    const encode = json.steps.find((s) => s.step === 'encode') as unknown as { columns: { column: string; reference: string }[] };
    expect(encode.columns.find((c) => c.column === 'category')?.reference).toBe('Other');
    expect(json.encoded.category).toContain('category_humor');
  });

  test('imputing the target can be replaced by dropping those rows', () => {
    const json = runRecipe(grid, { recipe: 'article', impute: { newFollowers: 'drop' }, testFraction: 0 }).json;
    expect(json.imputed.newFollowers).toBeUndefined();
    expect(json.warnings.join()).not.toMatch(/IMPUTED TARGET/);
    expect(json.rows.modeled).toBeLessThan(json.rows.afterRare);
  });
});

describe('bad input', () => {
  test.each([
    [{ target: 'nope' }, /runRecipe: there is no column "nope"/],
    [{ testFraction: 1 }, /test fraction must be in \[0, 1\)/],
    [{ zeroMissing: ['missingColumn'] }, /markMissing: there is no column "missingColumn"/],
    [{ target: 'name' }, /target "name" is not numeric/],
  ])('%p', (options, message) => {
    expect(() => runRecipe(parseCsvText(readFileSync(samplePath, 'utf8')), options)).toThrow(message);
  });
});
