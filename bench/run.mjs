// TikFit benchmark: `npm run bench` (full) or `node bench/run.mjs --quick` (1e3 and 1e4 rows, no peer).
//
// 1. Bundles src/core/index.ts to bench/out/core.cjs with esbuild.
// 2. For each size n × 30 (intercept + 29 predictors, seeded data), runs bench/fit-one.mjs in a child process and
//    reports prepare (buildDesign on a numeric grid) and fit (fitOls(design).toJSON(), every statistic) medians, and
//    the child's peak RSS.
// 3. Full run only: fits the same 100,000 × 30 CSV with `tikfit fit --json` and with statsmodels, and checks the
//    target fit(100,000×30) ≤ statsmodels fit.
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { comparePeer, peerUnavailable } from './peer.mjs';
import { fmt, median, outDir, projectRoot, table } from './util.mjs';

const quick = process.argv.includes('--quick');
const columns = 30; // design columns: intercept + 29 predictors
const sizes = quick ? [1e3, 1e4] : [1e3, 1e4, 1e5, 1e6];
const runsFor = (n) => (n <= 1e5 ? 3 : 1);
const peerRows = 1e5;
const peerRuns = 5; // the two tools are close at this size, so take a few more runs than the table does
const childTimeoutMs = 10 * 60 * 1000;

// 1. Bundle the code the children load: the core, the CSV reader, the custom formulas.
mkdirSync(outDir, { recursive: true });
const bundle = (entry, out) =>
  build({ entryPoints: [join(projectRoot, entry)], outfile: join(outDir, out), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
await bundle('src/core/index.ts', 'core.cjs');
await bundle('src/cli/readCsv.ts', 'csv.cjs');
await bundle('src/core/formulas/index.ts', 'formulas.cjs');

console.log(`TikFit bench${quick ? ' (quick)' : ''} — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}\n`);

// 2. One child process per size.
const rows = [];
for (const n of sizes) {
  const runs = runsFor(n);
  const child = spawnSync(process.execPath, ['--expose-gc', join(projectRoot, 'bench/fit-one.mjs'), String(n), String(columns), String(runs)], {
    encoding: 'utf8',
    timeout: childTimeoutMs,
    cwd: projectRoot,
  });
  if (child.status !== 0) {
    console.error(child.stderr || child.error?.message);
    throw new Error(`bench/fit-one.mjs ${n} ${columns} failed (status ${child.status})`);
  }
  const result = JSON.parse(child.stdout);
  rows.push([
    n.toLocaleString('en-US'),
    String(columns),
    String(runs),
    fmt(median(result.prepareMs)),
    fmt(median(result.fitMs)),
    fmt(result.maxRssMB, 0),
  ]);
}
console.log(table(['rows', 'cols', 'runs', 'prepare ms', 'fit ms', 'peak RSS MB'], rows));
console.log('\nprepare = buildDesign(numeric grid); fit = fitOls(design).toJSON() (QR + refinement + every statistic);');
console.log('times are medians of the runs; peak RSS is the whole child process (seeded grid + design + fit).');

// 3. Peer comparison on the same CSV.
if (quick) {
  console.log('\n(--quick: peer comparison skipped)');
  console.log(`target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: SKIPPED (--quick)`);
} else {
  const reason = peerUnavailable();
  if (reason !== null) {
    console.log(`\nnote: peer comparison skipped: ${reason}`);
    console.log(`target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: SKIPPED (${reason})`);
  } else {
    const peer = comparePeer(peerRows, columns, peerRuns);
    console.log(`\nPeer: ${peerRows.toLocaleString('en-US')} × ${columns} CSV from make_data.py (medians of ${peerRuns} runs each)\n`);
    console.log(
      table(
        ['tool', 'import ms', 'read ms', 'prepare ms', 'fit ms', 'total ms', 'x1 estimate'],
        [
          ['tikfit fit --json', '—', fmt(peer.tikfit.read), fmt(peer.tikfit.prepare), fmt(peer.tikfit.fit), fmt(peer.tikfit.total), peer.tikfit.b1.toPrecision(12)],
          [
            'statsmodels OLS',
            fmt(peer.statsmodels.importMs),
            fmt(peer.statsmodels.readMs),
            '—',
            fmt(peer.statsmodels.fitMs),
            fmt(peer.statsmodels.readMs + peer.statsmodels.fitMs),
            peer.statsmodels.b1.toPrecision(12),
          ],
        ],
      ),
    );
    console.log('\ntikfit total = read + prepare + fit (no process start-up); statsmodels total = read + fit (no import).');
    console.log('statsmodels fit = add_constant + OLS().fit() + bse, t, p, adj. R², F (pandas/NumPy/OpenBLAS).');
    const pass = peer.tikfit.fit <= peer.statsmodels.fitMs;
    console.log(
      `target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: ${pass ? 'PASS' : 'FAIL'} ` +
        `(tikfit ${fmt(peer.tikfit.fit)} ms vs statsmodels ${fmt(peer.statsmodels.fitMs)} ms)`,
    );
  }
}

// 4. The whole pipeline (parse → profile → clean → impute → encode → fit + 5-fold CV), issue 3's scale targets.
const pipelineSizes = quick ? [1e4] : [1e4, 1e5, 3.3e5];
const pipelineRows = [];
for (const n of pipelineSizes) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', join(projectRoot, 'bench/pipeline-one.mjs'), String(n)], {
    encoding: 'utf8',
    timeout: childTimeoutMs,
    cwd: projectRoot,
  });
  if (child.status !== 0) {
    console.error(child.stderr || child.error?.message);
    throw new Error(`bench/pipeline-one.mjs ${n} failed (status ${child.status})`);
  }
  const r = JSON.parse(child.stdout);
  const t = r.timings;
  pipelineRows.push([n.toLocaleString('en-US'), (r.cells / 1e6).toFixed(1), fmt(t.parse), fmt(t.profile), fmt(t.clean), fmt(t.impute), fmt(t.encode), fmt(t.fit), fmt(t.cv), fmt(t.total), fmt(r.maxRssMB, 0)]);
  if (n >= 3.3e5) {
    const withinMemory = r.maxRssMB < 2048;
    const withinTime = t.total < 0.25 * 360000;
    console.log(`\ntarget: pipeline on ${n.toLocaleString('en-US')}×30 (Sheets' 10M-cell ceiling) < 2 GB: ${withinMemory ? 'PASS' : 'FAIL'} (${fmt(r.maxRssMB, 0)} MB); within a quarter of Apps Script's 6 minutes: ${withinTime ? 'PASS' : 'FAIL'} (${fmt(t.total / 1000, 1)} s)`);
  }
}
console.log(`\nPipeline: ${pipelineSizes.map((k) => k.toLocaleString('en-US')).join(', ')} rows × 30 columns (two categorical with 10 levels), CSV text in memory\n`);
console.log(table(['rows', 'M cells', 'parse ms', 'profile ms', 'clean ms', 'impute ms', 'encode ms', 'fit ms', 'cv ms', 'total ms', 'peak RSS MB'], pipelineRows));

// 5. Custom formulas: one call on 10,000 × 20, fifty calls over the same ranges, and a later execution.
{
  const child = spawnSync(process.execPath, [join(projectRoot, 'bench/formulas-one.mjs')], { encoding: 'utf8', timeout: childTimeoutMs, cwd: projectRoot });
  if (child.status !== 0) {
    console.error(child.stderr || child.error?.message);
    throw new Error(`bench/formulas-one.mjs failed (status ${child.status})`);
  }
  const r = JSON.parse(child.stdout);
  console.log(`\nCustom formulas: ${r.rows.toLocaleString('en-US')} rows × ${r.columns} columns (header row, one text column), core code in Node\n`);
  console.log(
    table(
      ['case', 'ms'],
      [
        ['one TIKFIT_PVALUE call (fit included)', fmt(r.firstCallMs)],
        ['50 calls over the same ranges, one execution', fmt(r.fiftyCallsMs)],
        ['a later execution, from the cache', fmt(r.nextExecutionMs)],
      ],
    ),
  );
  console.log(`cached summary: ${r.summaryBytes.toLocaleString('en-US')} bytes (CacheService allows 100 KB)`);
  console.log(`target: one call well under the 30 s limit: ${r.firstCallMs < 3000 ? 'PASS' : 'FAIL'}; 50 calls within twice one call: ${r.fiftyCallsMs < 2 * r.firstCallMs ? 'PASS' : 'FAIL'}`);
}
