// Benchmarks one problem size in its own process, so that its peak RSS is its own.
//
// Usage: node --expose-gc bench/fit-one.mjs N P [RUNS] [--fit-only]
// --fit-only builds the design once (prepareMs has one entry) and fits it RUNS times (bench/fitKernel.mjs). Needs bench/out/core.cjs (bench/run.mjs builds it). Prints one JSON line:
//   { n, p, runs, generateMs, prepareMs[], fitMs[], maxRssMB, rank, rSquared, refinementSteps }
// where prepare = buildDesign on a numeric grid and fit = fitOls(design).toJSON() (every statistic computed).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeGrid } from './data.mjs';
import { collectGarbage, outDir } from './util.mjs';

const fitOnly = process.argv.includes('--fit-only');
const [n, p, runs = 3] = process.argv
  .slice(2)
  .filter((arg) => arg !== '--fit-only')
  .map(Number);
if (!(Number.isInteger(n) && n > 0 && Number.isInteger(p) && p > 1 && Number.isInteger(runs) && runs > 0)) {
  console.error('usage: node --expose-gc bench/fit-one.mjs N P [RUNS] [--fit-only]');
  process.exit(2);
}
const corePath = join(outDir, 'core.cjs');
if (!existsSync(corePath)) {
  console.error(`${corePath} is missing: run bench/run.mjs, which builds it`);
  process.exit(2);
}
const { buildDesign, fitOls } = createRequire(import.meta.url)(corePath);

// Data generation is not timed as part of the engine, but it counts toward the process's peak RSS.
let start = performance.now();
const grid = makeGrid(n, p);
const generateMs = performance.now() - start;

const prepareMs = [];
const fitMs = [];
let design; // the last run's design, kept for the fits
let json; // the last run's statistics, kept for the sanity check below
const prepareRuns = fitOnly ? 1 : runs;
for (let run = 0; run < prepareRuns; run++) {
  collectGarbage(); // the previous run's design is unreachable by now
  start = performance.now();
  const built = buildDesign(grid, { target: 'y' });
  prepareMs.push(performance.now() - start);
  if (run === prepareRuns - 1) design = built;
}
for (let run = 0; run < runs; run++) {
  // The previous fit's garbage is collected before the clock starts, as the peer frees its arrays after its clock
  // stops; except for small fits under --fit-only, which a forced full collection left 4–5× slower than fits run
  // back to back (1e4 × 10: 40 vs 7–10 ms; the heap it shrinks is grown again inside the timed fit).
  if (!fitOnly || n * p > 1e6) collectGarbage();
  start = performance.now();
  const results = fitOls(design);
  const statistics = results.toJSON(); // computes and caches SE, t, p, CI, R², F, VIF, logLik, AIC, BIC
  fitMs.push(performance.now() - start);
  if (run === runs - 1) json = { ...statistics, refinementSteps: results.solution.refinementSteps };
}

if (json.rank !== p) throw new Error(`expected rank ${p}, got ${json.rank}`);
console.log(
  JSON.stringify({
    n,
    p,
    runs,
    generateMs,
    prepareMs,
    fitMs,
    // maxRSS is in kilobytes (KiB on Linux).
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rank: json.rank,
    rSquared: json.rSquared,
    refinementSteps: json.refinementSteps,
  }),
);
