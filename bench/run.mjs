// TikFit benchmark: `npm run bench` (full), `node bench/run.mjs --quick` (1e3 and 1e4 rows, no peer), or
// `node bench/run.mjs --formulas` (the custom formulas only; needs `npm run build` first).
//
// 1. Bundles bench/core.ts (what the children call in the core) to bench/out/core.cjs with esbuild.
// 2. For each size n × 30 (intercept + 29 predictors, seeded data), runs bench/fit-one.mjs in a child process and
//    reports prepare (buildDesign on a numeric grid) and fit (fitOls(design).toJSON(), every statistic) medians, and
//    the child's peak RSS.
//    Full run: fit alone against statsmodels at 1e4×10, 1e5×30, 1e6×10, 2e5×100 and 2e4×300 (bench/fitKernel.mjs).
// 3. Full run only: fits the same 100,000 × 30 CSV with `tikfit fit --json` and with statsmodels, and checks the
//    target fit(100,000×30) ≤ statsmodels fit.
// 4. The whole pipeline at 1e4, 1e5 and 330,000 rows, against pandas + scikit-learn + statsmodels and through the
//    add-on's bundle in a bare V8 context (bench/pipelinePeers.mjs).
// 5. The custom formulas in the one-execution-per-cell model of Sheets (bench/formulas-one.mjs).
// 6. The count models (Poisson, negative binomial) at 100,000 × 30 against statsmodels (bench/glm.mjs); only this
//    part: `node bench/run.mjs --glm`.
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { comparePeer, peerUnavailable } from './peer.mjs';
import { pipelineSection } from './pipelinePeers.mjs';
import { reportFitKernel } from './fitKernel.mjs';
import { coldStart, coldStartTargetMs } from './coldStart.mjs';
import { glmSection } from './glm.mjs';
import { runFitPeers } from './fitPeers.mjs';
import { fmt, median, outDir, projectRoot, table } from './util.mjs';

const quick = process.argv.includes('--quick');
const formulasOnly = process.argv.includes('--formulas');
const columns = 30; // design columns: intercept + 29 predictors
const sizes = quick ? [1e3, 1e4] : [1e3, 1e4, 1e5, 1e6];
const runsFor = (n) => (n <= 1e5 ? 3 : 1);
const peerRows = 1e5;
const peerRuns = 5; // the two tools are close at this size, so take a few more runs than the table does
const childTimeoutMs = 10 * 60 * 1000;

// 1. Bundle the code the children load: the core, the CSV reader, the custom formulas.
mkdirSync(outDir, { recursive: true });
const bundle = (entry, out) =>
  build({
    entryPoints: [join(projectRoot, entry)],
    outfile: join(outDir, out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
await bundle('bench/core.ts', 'core.cjs');
await bundle('src/core/io/csv.ts', 'csv.cjs');
await bundle('src/core/io/typedCsv.ts', 'typedCsv.cjs'); // bench/csvReaders.mjs
await bundle('src/core/formulas/index.ts', 'formulas.cjs');
await bundle('dev/formulaCells.ts', 'formulaCells.cjs');
if (process.argv.includes('--glm')) {
  glmSection(); // section 6 alone
  process.exit(0);
}

console.log(
  `TikFit bench${quick ? ' (quick)' : ''} — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}\n`,
);

// 2. One child process per size.
const rows = [];
for (const n of formulasOnly ? [] : sizes) {
  const runs = runsFor(n);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', join(projectRoot, 'bench/fit-one.mjs'), String(n), String(columns), String(runs)],
    {
      encoding: 'utf8',
      timeout: childTimeoutMs,
      cwd: projectRoot,
    },
  );
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
if (!formulasOnly) {
  console.log(table(['rows', 'cols', 'runs', 'prepare ms', 'fit ms', 'peak RSS MB'], rows));
  console.log(
    '\nprepare = buildDesign(numeric grid); fit = fitOls(design).toJSON() (QR or normal equations + refinement + every statistic);',
  );
  console.log('times are medians of the runs; peak RSS is the whole child process (seeded grid + design + fit).');
  // Fit alone against statsmodels at issue 14's five shapes, with a PASS/FAIL line per shape (bench/fitKernel.mjs).
  if (quick) console.log('\n(--quick: the fit comparison with statsmodels is skipped)');
  else reportFitKernel();
}

// 3. Peer comparison on the same CSV.
if (formulasOnly) {
  // only section 5
} else if (quick) {
  console.log('\n(--quick: peer comparison skipped)');
  console.log(`target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: SKIPPED (--quick)`);
} else {
  const reason = peerUnavailable();
  if (reason !== null) {
    console.log(`\nnote: peer comparison skipped: ${reason}`);
    console.log(`target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: SKIPPED (${reason})`);
  } else {
    const peer = comparePeer(peerRows, columns, peerRuns);
    console.log(
      `\nPeer: ${peerRows.toLocaleString('en-US')} × ${columns} CSV from make_data.py (medians of ${peerRuns} runs each)\n`,
    );
    console.log(
      table(
        ['tool', 'import ms', 'read ms', 'prepare ms', 'fit ms', 'total ms', 'x1 estimate'],
        [
          [
            'tikfit fit --json',
            '—',
            fmt(peer.tikfit.read),
            fmt(peer.tikfit.prepare),
            fmt(peer.tikfit.fit),
            fmt(peer.tikfit.total),
            peer.tikfit.b1.toPrecision(12),
          ],
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
    console.log(
      '\ntikfit total = read + prepare + fit (no process start-up); statsmodels total = read + fit (no import).',
    );
    console.log('statsmodels fit = add_constant + OLS().fit() + bse, t, p, adj. R², F (pandas/NumPy/OpenBLAS).');
    const pass = peer.tikfit.fit <= peer.statsmodels.fitMs;
    console.log(
      `target: fit(${peerRows.toLocaleString('en-US')}×${columns}) ≤ statsmodels fit: ${pass ? 'PASS' : 'FAIL'} ` +
        `(tikfit ${fmt(peer.tikfit.fit)} ms vs statsmodels ${fmt(peer.statsmodels.fitMs)} ms)`,
    );
  }
}

// 3b. Issue 14's whole-process targets of `tikfit fit` against pandas + statsmodels and R (bench/fitPeers.mjs).
if (!formulasOnly && !quick) runFitPeers();
else if (quick) console.log('\ntarget: tikfit fit whole process and CSV read against its peers: SKIPPED (--quick)');

// 4. The whole pipeline, and the recipe's targets at 330,000 × 30 against its peers (bench/pipelinePeers.mjs).
if (!formulasOnly) await pipelineSection({ quick });

// 5. Custom formulas at their true cost: in Sheets every formula cell is its own execution (a fresh load of Code.js,
// nothing shared in memory), so the bench runs them that way (dev/formulaCells.ts) on 10,000 × 20.
{
  const child = spawnSync(process.execPath, [join(projectRoot, 'bench/formulas-one.mjs')], {
    encoding: 'utf8',
    timeout: childTimeoutMs,
    cwd: projectRoot,
  });
  if (child.status !== 0) {
    console.error(child.stderr || child.error?.message);
    throw new Error(`bench/formulas-one.mjs failed (status ${child.status})`);
  }
  const r = JSON.parse(child.stdout);
  const kb = (bytes) => `${fmt(bytes / 1024, 0)} KB`;
  console.log(
    `\nCustom formulas, one execution per cell (as Sheets runs them): ${r.rows.toLocaleString('en-US')} rows × ${r.columns} columns (header row, one text column); Code.js ${kb(r.bundleBytes)} minified\n`,
  );
  console.log(
    table(
      ['per cell', 'ms'],
      [
        ['a fresh V8 context alone', fmt(r.contextMs, 2)],
        ['load: fresh context + Code.js parsed from scratch + its top level', fmt(r.loadMs, 2)],
        ['content hash of both ranges, Node', fmt(r.hashNodeMs, 2)],
        ['content hash of both ranges, bare V8 context (node:vm)', fmt(r.hashVmMs, 2)],
        ['arguments copied into the cell (the harness standing in for Sheets)', fmt(r.argumentsMs)],
        ['a cell that finds the fit in CacheService: call', fmt(r.hitCell.callMs)],
        ['a cell that fits (cold code, as every execution is): call', fmt(r.fitCell.callMs)],
        ['the same fit in warm Node, for comparison', fmt(r.fitNodeMs)],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['after an edit', 'fits', 'CPU of all cells ms', 'slowest cell ms'],
      [
        [
          '50 TIKFIT_PVALUE cells, cache + document lock (TikFit)',
          String(r.fiftyWithLock.fits),
          fmt(r.fiftyWithLock.totalMs),
          fmt(r.fiftyWithLock.slowestCellMs),
        ],
        [
          '50 TIKFIT_PVALUE cells, cache alone',
          String(r.fiftyCacheOnly.fits),
          fmt(r.fiftyCacheOnly.totalMs),
          fmt(r.fiftyCacheOnly.slowestCellMs),
        ],
        [
          `one =TIKFIT(...) array formula (${r.arrayFormula.rows} rows of results)`,
          String(r.arrayFormula.fits),
          fmt(r.arrayFormula.totalMs),
          fmt(r.arrayFormula.totalMs),
        ],
      ],
    ),
  );
  console.log(
    'CPU = load + arguments + call of every cell; slowest cell = its own time plus its wait for the lock, all starting together.',
  );
  console.log(
    `Not modelled: Apps Script's own cost per execution (starting it, sending the ranges), which multiplies with the cells. Cached summary: ${r.summaryBytes.toLocaleString('en-US')} bytes (CacheService allows 100 KB).`,
  );
  const hitRatio = r.hitCell.callMs / r.fitCell.callMs;
  const hashRatio = r.hashVmMs / r.hashNodeMs;
  const lockRatio = r.fiftyWithLock.totalMs / r.fiftyCacheOnly.totalMs;
  const waitRatio = r.fiftyWithLock.slowestCellMs / r.fitCell.totalMs;
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `target: finding the cached fit ≤ 1/10 of fitting: ${verdict(hitRatio <= 0.1)} (${fmt(r.hitCell.callMs)} vs ${fmt(r.fitCell.callMs)} ms, ${fmt(hitRatio, 3)})`,
  );
  console.log(
    `target: the hash in a bare V8 context within 2× of Node: ${verdict(hashRatio <= 2)} (${fmt(hashRatio, 2)}×)`,
  );
  console.log(
    `target: 50 cells after an edit fit once, for ≤ 1/5 of the CPU of the cache alone: ${verdict(r.fiftyWithLock.fits === 1 && lockRatio <= 0.2)} ` +
      `(${r.fiftyWithLock.fits} fit vs ${r.fiftyCacheOnly.fits}; ${fmt(lockRatio, 3)}; ${fmt((r.fiftyWithLock.totalMs - r.fitCell.totalMs) / 49)} ms per cell that waited)`,
  );
  console.log(
    `target: waiting for another cell's fit costs little: slowest cell ≤ 2 × one fitting cell and < 30 s: ${verdict(waitRatio <= 2 && r.fiftyWithLock.slowestCellMs < 30000)} (${fmt(waitRatio, 2)}×)`,
  );
  console.log(`target: Code.js ≤ 150 KB: ${verdict(r.bundleBytes <= 150 * 1024)} (${kb(r.bundleBytes)})`);
  // The bundle's cold start in fresh processes: a new V8 context, Code.js compiled from scratch, its top level run.
  const cold = coldStart();
  console.log(
    `\nCold start of Code.js (${kb(cold.bytes)} minified), medians: first load of a fresh process ${fmt(cold.first.totalMs)} ms ` +
      `(context ${fmt(cold.first.contextMs)}, compile ${fmt(cold.first.compileMs)}, top level ${fmt(cold.first.topLevelMs)}); ` +
      `later loads in the same process ${fmt(cold.later.totalMs)} ms`,
  );
  console.log(
    `target: cold start ≤ ${coldStartTargetMs} ms: ${verdict(cold.first.totalMs <= coldStartTargetMs)} (${fmt(cold.first.totalMs)} ms, Code.js ${kb(cold.bytes)} minified)`,
  );
}

// 6. The count models (issue 13): Poisson and negative binomial at 100,000 × 30 against statsmodels (bench/glm.mjs).
if (!formulasOnly && !quick) glmSection();
