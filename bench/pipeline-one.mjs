// Benchmarks the whole preparation pipeline on one size, in its own process so that its peak RSS is its own.
//
// Usage: node --expose-gc bench/pipeline-one.mjs N [--write FILE] [--grid]
// Needs bench/out/core.cjs and bench/out/csv.cjs (bench/run.mjs builds them). The data: N rows × 30 columns as a
// creator's hand-typed export would have them (bench/pipelineData.mjs: a name, 24 numeric columns, a date used as
// the trend, two categorical columns, the target), written to CSV text first, so that parsing is timed too. Prints
// one JSON line with milliseconds per stage (run: parse and the recipe's wall time, without the profile), the
// recipe's answers (coefficients, CV) and maxRssMB. With --write, writes the CSV text to FILE and exits. Parsing is
// what `tikfit run` does (typed columns, then a table of them); with --grid, papaparse's grid as before.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makePipelineCsv, PIPELINE_RECIPE } from './pipelineData.mjs';
import { collectGarbage, outDir } from './util.mjs';

const n = Number(process.argv[2]);
if (!(Number.isInteger(n) && n > 0)) {
  console.error('usage: node --expose-gc bench/pipeline-one.mjs N [--write FILE]');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const core = require(join(outDir, 'core.cjs'));
const { parseCsvText, typeNumbers } = require(join(outDir, 'csv.cjs'));

let text = makePipelineCsv(n, core.seededRandom(20221));
const writeAt = process.argv.indexOf('--write');
if (writeAt > 0) {
  writeFileSync(process.argv[writeAt + 1], text);
  process.exit(0);
}
// `tikfit run` holds the file's bytes, not its text, and lets go of them once they are read (src/cli/readCsv.ts):
// so does the bench, so that the peak RSS is the command's own.
const viaGrid = process.argv.includes('--grid');
let bytes = viaGrid ? null : Buffer.from(text);
if (!viaGrid) text = null;
collectGarbage();
const timings = {};
const time = (stage, work) => {
  const start = performance.now();
  const value = work();
  timings[stage] = performance.now() - start;
  return value;
};
const cpuStart = process.cpuUsage();
// As `tikfit run` reads a file (src/cli/readCsv.ts, readRecipeInput): its bytes into typed columns, and a table of
// them with every column classified. --grid: papaparse's grid of strings with whole numbers typed, as before.
const input = time('parse', () =>
  viaGrid ? typeNumbers(parseCsvText(text)) : core.tableFromTyped(core.readTypedCsv(bytes, 'bench')),
);
bytes = null;
text = null;
// The profile takes a grid and classifies it on its own (the recipe's table keeps no classification from it).
time('profile', () => core.profileGrid(viaGrid ? input : core.tableToGrid(input), { target: 'newFollowers' }));
// The recipe times its own stages: clean (with missing values and rare levels), impute, encode, fit, cv.
const result = time('recipe', () => core.runRecipe(input, PIPELINE_RECIPE));
const recipeWall = timings.recipe;
const cpuUsed = process.cpuUsage(cpuStart);
for (const [stage, ms] of Object.entries(result.json.timingsMs)) timings[stage] = ms;
delete timings.recipe;
timings.total = Object.values(timings).reduce((a, b) => a + b, 0);
// What `tikfit run` does after reading the file: parse, then the whole recipe (its wall time, not its stages' sum).
timings.run = timings.parse + recipeWall;
// CPU time of the same (profile included: it runs in between), steadier than the wall time on a shared machine.
timings.cpu = (cpuUsed.user + cpuUsed.system) / 1000;
console.log(
  JSON.stringify({
    n,
    cells: n * 30,
    timings,
    terms: result.json.model.coefficients.length,
    coefficients: result.json.model.coefficients.map((c) => ({
      name: c.name,
      estimate: c.estimate,
      stdError: c.stdError,
    })),
    cv: result.json.evaluation.cvRmseLog,
    testRmseLog: result.json.evaluation.testRmseLog,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
