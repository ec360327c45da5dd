// Issue 14's whole-process targets for `tikfit fit`, against peers measured in the same run (bench/peers/):
//   - `tikfit fit FILE --target y --json` from a cold start (a new node process) ≤ 0.7 × pandas read_csv +
//     statsmodels OLS with SE/p (a new python process, its imports included), at 1e4×10, 1e5×30, 1e6×10, 2e5×100 and
//     2e4×300; also the ratio without start-up and imports (tikfit read+prepare+fit against pandas read + fit), and
//     the ratio to R's data.table::fread + lm + summary (a new Rscript process);
//   - the CSV read ≤ 1.0 × pandas read_csv on the same file (tikfit's read + prepare, bytes to the design, against
//     read_csv alone, bytes to a DataFrame).
// Runs are paired (tikfit, python, R back to back, `runs` times) and the medians are compared, so that the load of
// a shared machine falls on all three alike. Each tool's read and fit parts are printed, so it is clear where the
// time goes. Data: bench/peers/make_regression_csv.py, seed 7.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fmt, median, outDir, projectRoot, table } from './util.mjs';

const python = '/usr/bin/python3';
const rscript = '/usr/bin/Rscript';
const cli = join(projectRoot, 'dist', 'cli.js');
const peers = join(projectRoot, 'bench', 'peers');
export const FIT_SHAPES = [
  [1e4, 10],
  [1e5, 30],
  [1e6, 10],
  [2e5, 100],
  [2e4, 300],
];
const timeoutMs = 10 * 60 * 1000;

/** Python's environment without the OpenBLAS overrides (as `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`). */
function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Runs a process; returns its wall time (ms) and its stdout parsed as JSON. */
function timed(command, args, env = process.env) {
  const start = performance.now();
  const child = spawnSync(command, args, {
    encoding: 'utf8',
    env,
    cwd: projectRoot,
    timeout: timeoutMs,
    maxBuffer: 1 << 26,
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${(child.stderr || child.error?.message || '').trim()}`);
  return { wallMs, ...(child.stdout.trim() === '' ? {} : JSON.parse(child.stdout)) };
}

/** Why a peer cannot run here, or null. */
function unavailable(which) {
  if (which === 'python') {
    const probe = spawnSync(python, ['-c', 'import statsmodels, pandas, numpy'], {
      env: pythonEnv(),
      timeout: 120_000,
    });
    return probe.status === 0 ? null : `${python} cannot import statsmodels, pandas and numpy`;
  }
  const probe = spawnSync(rscript, ['-e', 'library(data.table)'], { timeout: 120_000 });
  return probe.status === 0 ? null : `${rscript} cannot load data.table`;
}

/** Measures every shape; prints the table and one PASS/FAIL line per target. */
export function runFitPeers({ runs = 5, shapes = FIT_SHAPES, readers = true } = {}) {
  console.log(
    `\nWhole process: tikfit fit against pandas + statsmodels and R (fread + lm), medians of ${runs} paired runs\n`,
  );
  if (!existsSync(cli)) {
    console.log(`SKIPPED: ${cli} is missing (npm run build)`);
    return;
  }
  const noPython = unavailable('python');
  if (noPython !== null) {
    console.log(`SKIPPED: ${noPython}`);
    return;
  }
  const noR = unavailable('r');
  if (noR !== null) console.log(`R peer SKIPPED: ${noR}`);
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  const verdicts = [];
  for (const [n, p] of shapes) {
    const csv = join(outDir, `fit-${n}x${p}.csv`);
    if (!existsSync(csv))
      timed(python, [join(peers, 'make_regression_csv.py'), String(n), String(p), csv], pythonEnv());
    const t = [];
    const py = [];
    const r = [];
    for (let k = 0; k < runs; k++) {
      const out = timed(process.execPath, [cli, 'fit', csv, '--target', 'y', '--json']);
      t.push({ wallMs: out.wallMs, ...out.timingsMs, b1: out.coefficients[1].estimate });
      py.push(timed(python, [join(peers, 'fit_pandas_statsmodels.py'), csv], pythonEnv()));
      if (noR === null) r.push(timed(rscript, [join(peers, 'fit_fread_lm.R'), csv]));
    }
    const m = (list, key) => (list.length === 0 ? NaN : median(list.map((x) => x[key])));
    const tikfit = {
      wall: m(t, 'wallMs'),
      read: m(t, 'read'),
      prepare: m(t, 'prepare'),
      fit: m(t, 'fit'),
      total: m(t, 'total'),
    };
    const pandas = { wall: m(py, 'wallMs'), import: m(py, 'importMs'), read: m(py, 'readMs'), fit: m(py, 'fitMs') };
    const rPeer = { wall: m(r, 'wallMs'), read: m(r, 'readMs'), fit: m(r, 'fitMs') };
    const relative = Math.abs(t[0].b1 - py[0].b1) / Math.abs(py[0].b1);
    if (!(relative < 1e-6)) throw new Error(`${n}×${p}: x1 differs: tikfit ${t[0].b1}, statsmodels ${py[0].b1}`);
    const shape = `${n.toLocaleString('en-US')}×${p}`;
    const whole = tikfit.wall / pandas.wall;
    const inProcess = tikfit.total / (pandas.read + pandas.fit);
    const read = (tikfit.read + tikfit.prepare) / pandas.read;
    const toR = tikfit.wall / rPeer.wall;
    rows.push([
      shape,
      fmt(tikfit.wall, 0),
      fmt(tikfit.read, 0),
      fmt(tikfit.prepare, 0),
      fmt(tikfit.fit, 0),
      fmt(pandas.wall, 0),
      fmt(pandas.import, 0),
      fmt(pandas.read, 0),
      fmt(pandas.fit, 0),
      fmt(rPeer.wall, 0),
      fmt(rPeer.read, 0),
      fmt(rPeer.fit, 0),
      fmt(whole, 2),
      fmt(inProcess, 2),
      fmt(toR, 2),
      fmt(read, 2),
    ]);
    verdicts.push(
      `target: tikfit fit ${shape} whole process ≤ 0.7 × pandas + statsmodels (imports included): ${whole <= 0.7 ? 'PASS' : 'FAIL'} (${fmt(whole, 2)}×; without start-up and imports ${fmt(inProcess, 2)}×; to R fread + lm ${noR === null ? `${fmt(toR, 2)}×` : 'SKIPPED'})`,
    );
    verdicts.push(
      `target: CSV read ${shape} ≤ 1.0 × pandas read_csv: ${read <= 1 ? 'PASS' : 'FAIL'} (${fmt(read, 2)}×: ${fmt(tikfit.read + tikfit.prepare, 0)} vs ${fmt(pandas.read, 0)} ms)`,
    );
  }
  console.log(
    table(
      [
        'n×p',
        'tikfit wall',
        'read',
        'prepare',
        'fit',
        'python wall',
        'import',
        'read_csv',
        'fit',
        'R wall',
        'fread',
        'lm',
        'ratio',
        'no import',
        'to R',
        'read ratio',
      ],
      rows,
    ),
  );
  console.log(
    '\nms. tikfit wall = the whole `node dist/cli.js fit` process; read = bytes to typed columns; prepare = typed columns to the design;' +
      '\nfit = the solve (QR or normal equations) + every statistic. python wall = the whole process; import = numpy + pandas + statsmodels. R wall = the whole Rscript' +
      '\nprocess (fread, lm, summary). ratio = tikfit wall / python wall; no import = tikfit read+prepare+fit / (read_csv + fit);' +
      '\nto R = tikfit wall / R wall; read ratio = tikfit read+prepare / read_csv.',
  );
  for (const line of verdicts) console.log(line);

  // The reader against the CSV libraries on the 1e6 × 10 file (bench/csvReaders.mjs; why the reader is hand-written).
  const readersCsv = join(outDir, `fit-${1e6}x${10}.csv`);
  if (!readers) return;
  if (existsSync(readersCsv)) {
    const child = spawnSync(process.execPath, [join(projectRoot, 'bench', 'csvReaders.mjs'), readersCsv, '3'], {
      encoding: 'utf8',
      cwd: projectRoot,
      timeout: 30 * 60 * 1000,
    });
    const result = child.status === 0 ? JSON.parse(child.stdout) : null;
    console.log(
      '\nCSV readers on the 1,000,000 × 10 file, bytes in memory to one Float64Array per column (ms, medians of 3):\n',
    );
    console.log(
      result === null
        ? `SKIPPED: ${(child.stderr || '').trim().split('\n')[0]}`
        : table(
            ['reader', 'ms'],
            Object.entries(result).map(([name, ms]) => [name, ms === null ? 'not installed' : fmt(ms, 0)]),
          ),
    );
  }
}

if (process.argv[1] && process.argv[1].endsWith('fitPeers.mjs')) {
  const runsArg = process.argv.find((a) => a.startsWith('--runs='));
  runFitPeers({ runs: runsArg ? Number(runsArg.slice(7)) : 5 });
}
