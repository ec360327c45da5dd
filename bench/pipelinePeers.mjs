// The pipeline section of `npm run bench` (issue 14): the whole recipe (parse → clean → impute → encode → fit →
// 5-fold CV) at 1e4, 1e5 and 330,000 rows × 30 columns (bench/pipelineData.mjs: a date used as the trend, two text
// categories), each in its own process (bench/pipeline-one.mjs), then the targets at 330,000 × 30 (10M cells):
//   - `run` (parse + the recipe, in Node) ≤ 10 s, peak RSS ≤ 1 GB;
//   - ≤ 0.7× the same recipe written with pandas + scikit-learn + statsmodels (bench/peers/recipe_pandas.py) on the
//     same file in the same run, after checking on a 2,000-row file that both give the same coefficients and CV;
//   - the same recipe through the add-on's built bundle in a bare V8 context over the Apps Script fake
//     (bench/pipeline-vm.mjs: Fit regression, which reads the sheet, runs the recipe and writes the results sheet)
//     ≤ 1.5× the core in plain Node on the same cells, with the spreadsheet calls it made; and Run all (which also
//     writes the prepared cells back and keeps a backup, so it needs room for two copies under Sheets' 10M cells)
//     at 100,000 × 30.
// Both sides are timed in process, without start-up or imports (Python's imports take about 1.5 s here).
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PIPELINE_RECIPE } from './pipelineData.mjs';
import { fmt, median, outDir, projectRoot, table } from './util.mjs';

const python = '/usr/bin/python3';
const peerScript = join(projectRoot, 'bench/peers/recipe_pandas.py');
const timeoutMs = 15 * 60 * 1000;
const targetRows = 3.3e5;
const checkRows = 2000;

/** Runs a child and parses the one JSON line it prints (null if none); throws with its stderr when it fails. */
function child(command, args, env = process.env) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    cwd: projectRoot,
    env,
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (status ${result.status}): ${result.stderr || result.error}`);
  return result.stdout.trim() === '' ? null : JSON.parse(result.stdout);
}

const node = (script, ...args) =>
  child(process.execPath, ['--expose-gc', '--max-old-space-size=4096', join(projectRoot, script), ...args.map(String)]);

/** The peer on a file, with Python's OpenBLAS overrides unset (undefined values leave the environment). */
function peer(file) {
  const flags = ['--target', PIPELINE_RECIPE.target, '--zero-missing', PIPELINE_RECIPE.zeroMissing.join(',')];
  flags.push('--trend', PIPELINE_RECIPE.trend);
  return child(python, [peerScript, file, ...flags], {
    ...process.env,
    OPENBLAS_CORETYPE: undefined,
    OPENBLAS_L2_SIZE: undefined,
  });
}

/** Why the peer cannot run here, or null. */
function peerUnavailable() {
  if (!existsSync(python)) return `${python} is missing`;
  const probe = spawnSync(python, ['-c', 'import pandas, sklearn, statsmodels'], { encoding: 'utf8', timeout: 60_000 });
  return probe.status === 0 ? null : `${python} cannot import pandas, sklearn and statsmodels`;
}

/** The largest relative difference between two lists of coefficients, by position (names must agree). */
function largestDifference(ours, theirs) {
  if (ours.length !== theirs.length) return Infinity;
  let largest = 0;
  ours.forEach((c, k) => {
    const other = theirs[k];
    if (other.name !== c.name) largest = Infinity;
    for (const key of ['estimate', 'stdError'])
      largest = Math.max(largest, Math.abs(c[key] - other[key]) / Math.max(Math.abs(other[key]), 1e-300));
  });
  return largest;
}

const verdict = (pass) => (pass ? 'PASS' : 'FAIL');

/** Prints the section. `quick`: 1e4 only, and the 330,000-row targets are SKIPPED. */
export async function pipelineSection({ quick }) {
  const sizes = quick ? [1e4] : [1e4, 1e5, targetRows];
  const rows = [];
  let target = null;
  for (const n of sizes) {
    const r = node('bench/pipeline-one.mjs', n);
    const t = r.timings;
    rows.push([
      n.toLocaleString('en-US'),
      (r.cells / 1e6).toFixed(1),
      ...[t.parse, t.profile, t.clean, t.impute, t.encode, t.fit, t.cv, t.run].map((v) => fmt(v)),
      fmt(r.maxRssMB, 0),
    ]);
    if (n === targetRows) target = r;
  }
  console.log(
    `\nPipeline: ${sizes.map((k) => k.toLocaleString('en-US')).join(', ')} rows × 30 columns ` +
      '(a date as the trend, two text categories), CSV text in memory\n',
  );
  const headers = [
    'rows',
    'M cells',
    'parse',
    'profile',
    'clean',
    'impute',
    'encode',
    'fit',
    'cv',
    'run',
    'peak RSS MB',
  ];
  console.log(table(headers, rows));
  console.log('\nms; run = parse + the recipe (what `tikfit run` does after reading the file; the profile is apart).');
  const label = `the recipe on ${targetRows.toLocaleString('en-US')}×30`;
  if (target === null) {
    for (const what of ['≤ 10 s', '≤ 1 GB', '≤ 0.7× pandas + sklearn + statsmodels', 'add-on in a bare V8 ≤ 1.5× Node'])
      console.log(`target: ${label} ${what}: SKIPPED (--quick)`);
    return;
  }
  console.log(
    `\ntarget: ${label} ≤ 10 s in Node: ${verdict(target.timings.run <= 10_000)} (${fmt(target.timings.run / 1000, 2)} s)`,
  );
  console.log(`target: ${label} peak RSS ≤ 1 GB: ${verdict(target.maxRssMB <= 1024)} (${fmt(target.maxRssMB, 0)} MB)`);

  // The peer: same answers on a small file, then the time on the same 10M-cell file.
  const reason = peerUnavailable();
  if (reason !== null) {
    console.log(`target: ${label} ≤ 0.7× pandas + sklearn + statsmodels: SKIPPED (${reason})`);
  } else {
    mkdirSync(outDir, { recursive: true });
    const small = join(outDir, `pipeline-${checkRows}.csv`);
    node('bench/pipeline-one.mjs', checkRows, '--write', small);
    const ours = node('bench/pipeline-one.mjs', checkRows);
    const theirs = peer(small);
    const coefficientGap = largestDifference(ours.coefficients, theirs.coefficients);
    const cvGap = Math.abs(ours.cv.mean - theirs.cv.mean) / theirs.cv.mean;
    console.log(
      `check: the peer gives TikFit's answers on ${checkRows.toLocaleString('en-US')} rows: ` +
        `${verdict(coefficientGap <= 1e-9 && cvGap <= 1e-9)} (${ours.coefficients.length} terms; largest relative ` +
        `difference ${coefficientGap.toExponential(1)} in estimates and SEs, ${cvGap.toExponential(1)} in CV RMSE)`,
    );
    const file = join(outDir, `pipeline-${targetRows}.csv`);
    node('bench/pipeline-one.mjs', targetRows, '--write', file);
    const p = peer(file);
    const ratio = target.timings.run / p.timingsMs.total;
    console.log(
      `\nPeer on the same ${targetRows.toLocaleString('en-US')}×30 file (ms): ` +
        Object.entries(p.timingsMs)
          .map(([stage, ms]) => `${stage} ${fmt(ms, 0)}`)
          .join(', ') +
        `; peak RSS ${fmt(p.maxRssMB, 0)} MB`,
    );
    console.log(
      `target: ${label} ≤ 0.7× pandas + sklearn + statsmodels: ${verdict(ratio <= 0.7)} ` +
        `(${ratio.toFixed(2)}×: ${fmt(target.timings.run / 1000, 2)} s vs ${fmt(p.timingsMs.total / 1000, 2)} s; ` +
        `CPU time ${fmt(target.timings.cpu / 1000, 1)} s with the profile vs ${fmt(p.timingsMs.cpu / 1000, 1)} s)`,
    );
  }

  // The add-on's bundle in a bare V8 context over the fake.
  if (!existsSync(join(projectRoot, 'dist/addon/Code.js'))) {
    console.log(`target: ${label} through the add-on in a bare V8 ≤ 1.5× Node: SKIPPED (npm run build first)`);
    return;
  }
  await build({
    entryPoints: [join(projectRoot, 'dev/addonRuntime.ts')],
    outfile: join(outDir, 'addonRuntime.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  console.log('\nAdd-on: dist/addon/Code.js in a bare V8 context over the fake, against the core in plain Node');
  let vm = null;
  // The target's pair is measured in 3 processes and the medians compared: one process's pair moved between 1.03×
  // and 1.84× over four runs on this machine (a 2 GB heap: the collector's pauses fall on either side).
  const vmRuns = quick ? 1 : 3;
  for (const [n, step, name, runs] of [
    [targetRows, 'runModel', 'Fit regression', vmRuns],
    [1e5, 'runRecipe', 'Run all', 1],
  ]) {
    const each = Array.from({ length: runs }, () => node('bench/pipeline-vm.mjs', n, step));
    const r = { ...each[0] };
    for (const key of ['vmMs', 'nodeMs', 'vmCpuMs', 'nodeCpuMs', 'maxRssMB']) r[key] = median(each.map((e) => e[key]));
    const top = Object.entries(r.calls)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([method, count]) => `${method} ${count}`)
      .join(', ');
    console.log(
      `${name} on ${n.toLocaleString('en-US')}×30${runs > 1 ? ` (medians of ${runs} processes)` : ''}: ${fmt(r.vmMs / 1000, 1)} s in the vm ` +
        `(CPU ${fmt(r.vmCpuMs / 1000, 1)} s; the core in Node on the same cells ${fmt(r.nodeMs / 1000, 1)} s, ` +
        `CPU ${fmt(r.nodeCpuMs / 1000, 1)} s); ` +
        `${r.totalCalls} spreadsheet calls (${top}, …); peak RSS ${fmt(r.maxRssMB, 0)} MB`,
    );
    vm ??= r;
  }
  const vmRatio = vm.vmMs / vm.nodeMs;
  console.log(
    `target: ${label} through the add-on in a bare V8 ≤ 1.5× Node: ${verdict(vmRatio <= 1.5)} ` +
      `(${vmRatio.toFixed(2)}×; CPU time ${(vm.vmCpuMs / vm.nodeCpuMs).toFixed(2)}×)`,
  );
  // Apps Script stops an execution at 6 minutes. Its V8 is slower than Node on this machine by a factor we cannot
  // measure here; the README's sizes allow 3× (and the time grows about linearly in the cells).
  // The CPU time stands for the wall time of a machine with a core to itself (this one is shared).
  const perMillionCells = vm.vmCpuMs / (vm.cells / 1e6);
  console.log(
    `Apps Script estimate at 3× this vm's CPU time: ${fmt((3 * vm.vmCpuMs) / 1000, 0)} s for ` +
      `${(vm.cells / 1e6).toFixed(1)}M cells; 6 minutes hold about ${fmt(360_000 / (3 * perMillionCells), 1)}M cells`,
  );
}
