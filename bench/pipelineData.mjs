// The pipeline bench's data and recipe, shared by bench/pipeline-one.mjs (TikFit in Node), bench/pipeline-vm.mjs
// (the add-on's bundle in a bare V8 context) and bench/pipelinePeers.mjs (the pandas + scikit-learn + statsmodels
// peer reads the same bytes from a file).

/** The options of `runRecipe` (and the peer's flags) the bench runs the recipe with. */
export const PIPELINE_RECIPE = {
  target: 'newFollowers',
  zeroMissing: ['newFollowers'],
  trend: 'posted',
  testFraction: 0.2,
  folds: 5,
};

/**
 * N rows × 30 columns as a creator's hand-typed export would have them: a name (quoted, with a comma), 24 numeric
 * columns (counts with placeholder blanks and NA), the date the video was posted (ISO, over two years, 1% blank),
 * two categorical columns with 10 levels each (with stray spaces and case variants), the target (3% zeros, which
 * the recipe treats as not recorded). `random` is a seeded uniform generator (core's seededRandom(20221)).
 * Returns the CSV text.
 */
export function makePipelineCsv(rows, random) {
  const numeric = Array.from({ length: 24 }, (_, j) => `m${j + 1}`);
  const header = ['name', ...numeric, 'posted', 'category', 'subject', 'newFollowers'];
  const levels = (prefix) => Array.from({ length: 10 }, (_, k) => `${prefix} ${k}`);
  const categories = levels('category');
  const subjects = levels('subject');
  const firstDay = Date.UTC(2021, 0, 1);
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [`"video ${i}, take ${i % 7}"`];
    let signal = 0;
    for (let j = 0; j < numeric.length; j++) {
      const value = Math.floor(Math.exp(random() * 6 + (j % 5)));
      signal += (j % 4 === 0 ? 0.1 : 0) * Math.log1p(value);
      const r = random();
      cells.push(r < 0.01 ? '' : r < 0.02 ? 'NA' : String(value));
    }
    const day = Math.floor((i * 730) / rows + random() * 3);
    signal += day / 2000;
    cells.push(random() < 0.01 ? '' : new Date(firstDay + day * 86400000).toISOString().slice(0, 10));
    const c = categories[Math.floor(random() * random() * 10)];
    const s = subjects[Math.floor(random() * 10)];
    cells.push(random() < 0.02 ? `${c} ` : random() < 0.01 ? c.toUpperCase() : c, s);
    const followers = Math.max(0, Math.round(Math.expm1(signal + (random() - 0.5))));
    cells.push(random() < 0.03 ? '0' : String(followers));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
