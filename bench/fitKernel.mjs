// Fit alone against statsmodels (issue 14): the core's fitOls(design).toJSON() (bench/fit-one.mjs, in a child) and
// statsmodels' add_constant + OLS().fit() + bse, t, p, adj. R², F (bench/peers/statsmodels_fit.py, in a child) on
// designs of the same shape held in memory, so neither reading nor process start-up is in either figure.
// The machine is shared, so the two children alternate, round after round, and the ratio is of the medians of
// every fit each tool made in the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pythonEnv } from './peer.mjs';
import { fmt, median, projectRoot, table } from './util.mjs';

const python = '/usr/bin/python3';
const peerScript = join(projectRoot, 'bench/peers/statsmodels_fit.py');
const timeoutMs = 20 * 60 * 1000;

/** The shapes of issue 14's fit target, n × p (p design columns, intercept included). */
export const fitShapes = [
  [1e4, 10],
  [1e5, 30],
  [1e6, 10],
  [2e5, 100],
  [2e4, 300],
];

/** The target: fit time at most this multiple of statsmodels'. */
export const fitTargetRatio = 0.7;

/** Why statsmodels cannot be run here, or null when it can. */
export function fitPeerUnavailable() {
  if (!existsSync(python)) return `${python} is missing`;
  const probe = spawnSync(python, ['-c', 'import statsmodels, numpy'], {
    encoding: 'utf8',
    env: pythonEnv(),
    timeout: 60_000,
  });
  return probe.status === 0 ? null : `${python} cannot import statsmodels/numpy`;
}

/** Runs a child to completion and parses its one JSON line; throws with its stderr when it fails. */
export function runJson(command, args, env) {
  const child = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, cwd: projectRoot, env });
  if (child.status !== 0)
    throw new Error(
      `${args.join(' ')} failed (status ${child.status}): ${(child.stderr || child.error?.message) ?? ''}`,
    );
  return JSON.parse(child.stdout);
}

/**
 * Fits n × p with both tools, `rounds` times each, alternating, `runs` fits a child (more fits and rounds for small
 * shapes, whose first fits in a fresh process are the JIT's and whose times move most between children). Returns the medians (ms) over every fit, and the median of TikFit's
 * first (coldest) fit of each child.
 */
export function compareFit(
  n,
  p,
  // Small shapes: 4 rounds of alternating children, where 2 gave 0.53–0.76 for the same code within an hour (each
  // tool's median moved by a third between rounds on this shared machine); a round there costs about 3 s.
  { rounds = n * p <= 1e5 ? 4 : 2, runs = n * p <= 1e5 ? 15 : n * p <= 5e6 ? 5 : 3 } = {},
) {
  const tikfit = [];
  const tikfitCold = [];
  const statsmodels = [];
  let refinementSteps;
  for (let round = 0; round < rounds; round++) {
    const core = runJson(process.execPath, [
      '--expose-gc',
      join(projectRoot, 'bench/fit-one.mjs'),
      String(n),
      String(p),
      String(runs),
      '--fit-only',
    ]);
    tikfit.push(...core.fitMs);
    tikfitCold.push(core.fitMs[0]);
    refinementSteps = core.refinementSteps;
    const peer = runJson(python, [peerScript, String(n), String(p), String(runs)], pythonEnv());
    statsmodels.push(...peer.fitMs);
  }
  const tikfitMs = median(tikfit);
  const statsmodelsMs = median(statsmodels);
  return { n, p, rounds, runs, tikfitMs, tikfitColdMs: median(tikfitCold), statsmodelsMs, refinementSteps };
}

/** Prints the fit table and one target line per shape; returns the results. */
export function reportFitKernel(shapes = fitShapes, options = {}) {
  const reason = fitPeerUnavailable();
  const results = [];
  for (const [n, p] of shapes) {
    if (reason !== null) break;
    results.push(compareFit(n, p, options));
  }
  const shape = (n, p) => `${n.toLocaleString('en-US')}×${p}`;
  if (reason !== null) {
    console.log(`\nnote: fit comparison skipped: ${reason}`);
    for (const [n, p] of shapes)
      console.log(`target: fit ${shape(n, p)} ≤ ${fitTargetRatio}× statsmodels: SKIPPED (${reason})`);
    return results;
  }
  console.log('\nFit alone, against statsmodels on a design of the same shape in memory (children alternating)\n');
  console.log(
    table(
      ['n × p', 'fits', 'tikfit ms', 'tikfit first fit ms', 'statsmodels ms', 'ratio', 'refinement steps'],
      results.map((r) => [
        shape(r.n, r.p),
        `${r.rounds}×${r.runs}`,
        fmt(r.tikfitMs),
        fmt(r.tikfitColdMs),
        fmt(r.statsmodelsMs),
        fmt(r.tikfitMs / r.statsmodelsMs, 2),
        String(r.refinementSteps),
      ]),
    ),
  );
  console.log(
    'tikfit = fitOls(design).toJSON() (R from the QR, or the normal equations at κ ≤ 30; refinement; every statistic incl. VIF and GVIF); statsmodels = ' +
      'add_constant + OLS().fit() + bse, t, p, adj. R², F; medians of every fit; first fit = a fresh process (cold JIT).',
  );
  for (const r of results) {
    const ratio = r.tikfitMs / r.statsmodelsMs;
    console.log(
      `target: fit ${shape(r.n, r.p)} ≤ ${fitTargetRatio}× statsmodels: ${ratio <= fitTargetRatio ? 'PASS' : 'FAIL'} (${fmt(ratio, 2)})`,
    );
  }
  return results;
}

// `node bench/fitKernel.mjs [N P]…`: the comparison alone (needs bench/out/core.cjs from bench/run.mjs).
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).map(Number);
  const shapes = [];
  for (let i = 0; i + 1 < args.length; i += 2) shapes.push([args[i], args[i + 1]]);
  reportFitKernel(shapes.length > 0 ? shapes : fitShapes);
}
