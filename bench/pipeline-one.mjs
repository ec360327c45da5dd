// Benchmarks the whole preparation pipeline on one size, in its own process so that its peak RSS is its own.
//
// Usage: node --expose-gc bench/pipeline-one.mjs N
// Needs bench/out/core.cjs and bench/out/csv.cjs (bench/run.mjs builds them). The data: N rows × 30 columns as a
// creator's hand-typed export would have them — a name, 25 numeric columns (counts with placeholder zeros and
// blanks), two categorical columns with 10 levels each (with stray spaces and case variants), the target — written
// to CSV text first, so that parsing is timed too. Prints one JSON line with milliseconds per stage and maxRssMB.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { collectGarbage, outDir } from './util.mjs';

const n = Number(process.argv[2]);
if (!(Number.isInteger(n) && n > 0)) {
  console.error('usage: node --expose-gc bench/pipeline-one.mjs N');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const core = require(join(outDir, 'core.cjs'));
const { parseCsvText, typeNumbers } = require(join(outDir, 'csv.cjs'));

function makeCsv(rows) {
  const random = core.seededRandom(20221);
  const numeric = Array.from({ length: 25 }, (_, j) => `m${j + 1}`);
  const header = ['name', ...numeric, 'category', 'subject', 'newFollowers'];
  const levels = (prefix) => Array.from({ length: 10 }, (_, k) => `${prefix} ${k}`);
  const categories = levels('category');
  const subjects = levels('subject');
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
    const c = categories[Math.floor(random() * random() * 10)];
    const s = subjects[Math.floor(random() * 10)];
    cells.push(random() < 0.02 ? `${c} ` : random() < 0.01 ? c.toUpperCase() : c, s);
    const followers = Math.max(0, Math.round(Math.expm1(signal + (random() - 0.5))));
    cells.push(random() < 0.03 ? '0' : String(followers));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

const text = makeCsv(n);
collectGarbage();
const timings = {};
const time = (stage, work) => {
  const start = performance.now();
  const value = work();
  timings[stage] = performance.now() - start;
  return value;
};
const grid = time('parse', () => typeNumbers(parseCsvText(text)));
time('profile', () => core.profileGrid(grid, { target: 'newFollowers' }));
// The recipe times its own stages: clean (with missing values and rare levels), impute, encode, fit, cv.
const result = time('recipe', () =>
  core.runRecipe(grid, { target: 'newFollowers', zeroMissing: ['newFollowers'], testFraction: 0.2, folds: 5 }),
);
for (const [stage, ms] of Object.entries(result.json.timingsMs)) timings[stage] = ms;
delete timings.recipe;
timings.total = Object.values(timings).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    n,
    cells: n * 30,
    timings,
    terms: result.json.model.coefficients.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
