// Benchmarks the count models (issue 13) on one size, in its own process so that its peak RSS is its own.
//
// Usage: node --expose-gc bench/glm-one.mjs N P RUNS FILE.csv
// Needs bench/out/core.cjs (bench/run.mjs builds it). Makes seeded negative-binomial counts — y and x1..x{P-1}, so P
// design columns with the intercept — writes them to FILE.csv for the statsmodels peer (bench/peers/glm_statsmodels.py
// fits the same file), then fits the same numbers RUNS times with each model. Prints one JSON line:
//   { n, p, runs, generateMs, prepareMs, maxRssMB, poisson: { fitMs[], iterations, b1, deviance, aic },
//     nb: { fitMs[], iterations, theta, b1, deviance, aic } }
// where prepare = buildDesign on the numeric grid and fit = fitGlm(design, { model }).toJSON() (IRLS, for the negative
// binomial θ by maximum likelihood as MASS::glm.nb, and every statistic: SE, z, p, intervals, deviances, AIC, BIC).
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mulberry32, normalSource } from './data.mjs';
import { collectGarbage, outDir } from './util.mjs';

const [n, p, runs] = process.argv.slice(2, 5).map(Number);
const csvPath = process.argv[5];
if (!(Number.isInteger(n) && n > 0 && Number.isInteger(p) && p > 1 && Number.isInteger(runs) && runs > 0 && csvPath)) {
  console.error('usage: node --expose-gc bench/glm-one.mjs N P RUNS FILE.csv');
  process.exit(2);
}
const corePath = join(outDir, 'core.cjs');
if (!existsSync(corePath)) {
  console.error(`${corePath} is missing: run bench/run.mjs, which builds it`);
  process.exit(2);
}
const { buildDesign, fitGlm } = createRequire(import.meta.url)(corePath);

/**
 * Seeded counts with the negative binomial's overdispersion: predictors N(0, 1) times a scale in [0.5, 2), each
 * rounded to 6 decimals (so the CSV holds exactly these doubles), η = 1 + X·β with β ~ N(0, 0.15²), and y Poisson
 * with mean e^η·G, G ~ Gamma(θ = 1.5, 1/θ): NB(μ = e^η, θ = 1.5), about a fifth of them zeros.
 */
function makeCountGrid(rows, columns, seed = 13) {
  const uniform = mulberry32(seed);
  const normal = normalSource(uniform);
  const theta = 1.5;
  // Marsaglia and Tsang's gamma(shape ≥ 1, scale 1).
  const gamma = (shape) => {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x;
      let v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  // Knuth's multiplication method, in pieces of mean ≤ 20 so that e^−mean stays far from underflow.
  const poisson = (mean) => {
    const pieces = Math.max(1, Math.ceil(mean / 20));
    const limit = Math.exp(-mean / pieces);
    let count = 0;
    for (let piece = 0; piece < pieces; piece++) {
      let product = uniform();
      while (product > limit) {
        count++;
        product *= uniform();
      }
    }
    return count;
  };
  const k = columns - 1;
  const scales = Array.from({ length: k }, () => 0.5 + 1.5 * uniform());
  const beta = Array.from({ length: k }, () => 0.15 * normal());
  const grid = new Array(rows + 1);
  grid[0] = ['y', ...Array.from({ length: k }, (_, j) => `x${j + 1}`)];
  for (let i = 1; i <= rows; i++) {
    const row = new Array(columns).fill(0);
    let eta = 1;
    for (let j = 0; j < k; j++) {
      const x = Math.round(normal() * scales[j] * 1e6) / 1e6;
      row[j + 1] = x;
      eta += beta[j] * x;
    }
    row[0] = poisson((Math.exp(eta) * gamma(theta)) / theta);
    grid[i] = row;
  }
  return grid;
}

// The grid is dropped once the design is built, so that the fits' allocations do not make the collector trace it.
const { design, generateMs, prepareMs } = (() => {
  let start = performance.now();
  const grid = makeCountGrid(n, p);
  const generated = performance.now() - start;
  writeFileSync(csvPath, grid.map((row) => row.join(',')).join('\n') + '\n');
  collectGarbage();
  start = performance.now();
  const built = buildDesign(grid, { target: 'y' });
  return { design: built, generateMs: generated, prepareMs: performance.now() - start };
})();
let start;

const fits = {};
for (const model of ['poisson', 'nb']) {
  const fitMs = [];
  let json;
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    start = performance.now();
    json = fitGlm(design, { model }).toJSON(); // computes and caches every statistic
    fitMs.push(performance.now() - start);
  }
  if (json.rank !== p) throw new Error(`${model}: expected rank ${p}, got ${json.rank}`);
  if (!json.converged) throw new Error(`${model}: IRLS did not converge`);
  fits[model] = {
    fitMs,
    iterations: json.iterations,
    ...(model === 'nb' ? { theta: json.theta } : {}),
    b1: json.coefficients.find((c) => c.name === 'x1').estimate,
    deviance: json.deviance,
    aic: json.aic,
  };
}

console.log(
  JSON.stringify({
    n,
    p,
    runs,
    generateMs,
    prepareMs,
    // maxRSS is in kilobytes (KiB on Linux).
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    ...fits,
  }),
);
