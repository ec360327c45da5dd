// Peer comparison: the `tikfit` CLI against statsmodels on the same synthetic CSV.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median, outDir, projectRoot } from './util.mjs';

const sharedDir = '/work/shared/bench';
const makeData = join(sharedDir, 'make_data.py');
const statsmodelsFit = join(sharedDir, 'statsmodels_fit.py');
const python = '/usr/bin/python3';
const cli = join(projectRoot, 'dist', 'cli.js');
const timeoutMs = 10 * 60 * 1000; // bound every child process

/** The environment for Python: ours without the OpenBLAS overrides (as `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`). */
export function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Runs a command and returns its stdout; throws with its stderr when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    cwd: projectRoot,
    ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Why the peer comparison cannot run here, or null when it can. */
export function peerUnavailable() {
  for (const file of [makeData, statsmodelsFit]) if (!existsSync(file)) return `${file} is missing`;
  if (!existsSync(python)) return `${python} is missing`;
  const probe = spawnSync(python, ['-c', 'import statsmodels, pandas, numpy'], {
    encoding: 'utf8',
    env: pythonEnv(),
    timeout: 60_000,
  });
  if (probe.status !== 0) return `${python} cannot import statsmodels/pandas/numpy`;
  if (!existsSync(cli)) return `${cli} is missing (npm run build)`;
  return null;
}

/**
 * Writes an n×p CSV with make_data.py, then fits it `runs` times with each tool. Returns the medians:
 * tikfit {read, prepare, fit, total} (its own --json timingsMs) and statsmodels {import, read, fit}, plus the x1
 * estimate from each as a sanity check that both fitted the same model.
 */
export function comparePeer(n, p, runs = 3) {
  mkdirSync(outDir, { recursive: true });
  const csv = join(outDir, `peer-${n}x${p}.csv`);
  run(python, [makeData, String(n), String(p), csv], { env: pythonEnv() });

  const tikfitRuns = [];
  for (let i = 0; i < runs; i++) {
    const out = JSON.parse(run(process.execPath, [cli, 'fit', csv, '--target', 'y', '--json']));
    tikfitRuns.push({ ...out.timingsMs, b1: out.coefficients.find((c) => c.name === 'x1').estimate });
  }
  const statsmodelsRuns = [];
  for (let i = 0; i < runs; i++)
    statsmodelsRuns.push(JSON.parse(run(python, [statsmodelsFit, csv], { env: pythonEnv() })));

  const medians = (list, keys) => Object.fromEntries(keys.map((key) => [key, median(list.map((r) => r[key]))]));
  return {
    csv,
    tikfit: { ...medians(tikfitRuns, ['read', 'prepare', 'fit', 'total']), b1: tikfitRuns[0].b1 },
    statsmodels: { ...medians(statsmodelsRuns, ['importMs', 'readMs', 'fitMs']), b1: statsmodelsRuns[0].b1 },
  };
}
