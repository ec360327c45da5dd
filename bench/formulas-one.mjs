// Benchmarks the custom formulas at their true cost in Sheets, where every formula cell is its own execution: a fresh
// V8 context, a fresh load of dist/addon/Code.js (parsed from scratch: V8's compilation cache is defeated) and
// nothing in memory from any other cell; only CacheService and the document lock are shared (dev/formulaCells.ts,
// bundled to bench/out/formulaCells.cjs by bench/run.mjs). Data: 10,000 rows × 20 columns (one a text column with
// 8 levels), header row included, ranges shaped as Sheets passes them.
//
// Measures, per cell: the bundle's load (context, parse and top level), the content hash of the ranges (in Node and
// in a bare V8 context), a cell that finds its fit in the cache, a cell that fits; then fifty TIKFIT_PVALUE cells
// recalculated together after an edit — with the add-on's document lock, and without it (the cache alone) — and one
// =TIKFIT(...) array formula instead of them. The vm's extra cost on global look-ups is not Apps Script's, so the
// hot code binds its globals (see src/core/cells/contentHash.ts); the hash is reported in both to show it.
//
// Usage: node bench/formulas-one.mjs. Prints one JSON line (times in ms, sizes in bytes).
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { median, outDir, projectRoot } from './util.mjs';

const require = createRequire(import.meta.url);
const formulasPath = join(outDir, 'formulas.cjs');
const { tikfitPValue, contentKey } = require(formulasPath);
const { createFormulaCells } = require(join(outDir, 'formulaCells.cjs'));
const codeJs = readFileSync(join(projectRoot, 'dist', 'addon', 'Code.js'), 'utf8');

let state = 99;
const random = () => {
  state = (state * 16807) % 2147483647;
  return state / 2147483647;
};
const rows = 10000;
const columns = 20;
const knownY = [['newFollowers']];
const knownX = [[...Array.from({ length: columns - 1 }, (_, j) => `x${j + 1}`), 'topic']];
for (let i = 0; i < rows; i++) {
  const xs = Array.from({ length: columns - 1 }, () => random() * 100);
  knownY.push([xs.reduce((a, v, j) => a + v * (j % 3), 0) + random() * 50]);
  knownX.push([...xs, `topic ${Math.floor(random() * 8)}`]);
}
const term = (i) => `x${(i % (columns - 1)) + 1}`;
const pValueCell = (y, i) => ({ name: 'TIKFIT_PVALUE', args: [y, knownX, term(i), ''] });
const timeMedian = (runs, fn) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
};
const cellMs = (e) => e.loadMs + e.argumentsMs + e.callMs;
const fitsIn = (executions) => executions.reduce((sum, e) => sum + e.cachePuts, 0);

// 1. The bundle's load in a fresh context, parsed from scratch: a cell whose call costs nothing.
const loader = createFormulaCells({ codeJs, coldParse: true });
for (let i = 0; i < 3; i++) loader.run({ name: 'TIKFIT_FINGERPRINT', args: [1] }); // warm the harness itself
const loadMs = median(Array.from({ length: 15 }, () => loader.run({ name: 'TIKFIT_FINGERPRINT', args: [1] }).loadMs));
const contextMs = timeMedian(15, () => vm.createContext({}));

// 2. The content hash of the two ranges (what every cell computes to find its fit), in Node and in a bare context
// where the core formulas are loaded as Code.js is (inside a function, so their module constants are not globals).
const hashNodeMs = timeMedian(10, () => contentKey(knownY, knownX, ''));
const bare = vm.createContext({});
vm.runInContext(
  `var module = { exports: {} }; (function (module, exports) {\n${readFileSync(formulasPath, 'utf8')}\n})(module, module.exports);`,
  bare,
);
const bareFormulas = vm.runInContext('module.exports', bare);
const copyIn = vm.runInContext(
  '(function () { const isArray = Array.isArray; return function copy(v) { if (!isArray(v)) return v; const a = new Array(v.length); for (let i = 0; i < v.length; i++) a[i] = copy(v[i]); return a; }; })()',
  bare,
);
const bareY = copyIn(knownY);
const bareX = copyIn(knownX);
const hashVmMs = timeMedian(10, () => bareFormulas.contentKey(bareY, bareX, ''));

// 3. One cell that fits (an empty cache) and one that finds the fit, each a fresh execution parsed from scratch.
const fitCells = [];
const hitCells = [];
for (let run = 0; run < 3; run++) {
  const cells = createFormulaCells({ codeJs, coldParse: true });
  fitCells.push(cells.run(pValueCell(knownY, 2)));
  for (let i = 0; i < 3; i++) hitCells.push(cells.run(pValueCell(knownY, i)));
}
const fitNodeMs = timeMedian(3, () => tikfitPValue(knownY, knownX, 'x3', ''));
const pick = (executions, key) => median(executions.map((e) => (key === 'total' ? cellMs(e) : e[key])));

// 4. Fifty cells over the same ranges, recalculated together after an edit (the cache holds the fit of the data
// before the edit), with the add-on's lock and without it; and one array formula in their place.
const edited = knownY.map((row) => row.slice());
edited[5][0] += 1;
const afterEdit = (options) => {
  const cells = createFormulaCells({ codeJs, coldParse: true, ...options });
  cells.run(pValueCell(knownY, 0)); // the fit of the data before the edit, cached
  const executions = cells.recalculate(Array.from({ length: 50 }, (_, i) => pValueCell(edited, i)));
  const failed = executions.filter((e) => e.error !== undefined);
  if (failed.length > 0) throw new Error(`a cell failed: ${failed[0].error}`);
  return {
    fits: fitsIn(executions),
    totalMs: executions.reduce((sum, e) => sum + cellMs(e), 0),
    slowestCellMs: Math.max(...executions.map((e) => e.end - e.start)),
    waitedMs: Math.max(...executions.map((e) => e.waitedMs)),
  };
};
const fiftyWithLock = afterEdit({});
const fiftyCacheOnly = afterEdit({ withoutLock: true });
const arrayCells = createFormulaCells({ codeJs, coldParse: true });
arrayCells.run(pValueCell(knownY, 0));
const [arrayFormula] = arrayCells.recalculate([{ name: 'TIKFIT', args: [edited, knownX, ''] }]);

const summaryBytes = Math.max(
  ...[...arrayCells.fake.caches.document.values()].map((entry) => Buffer.byteLength(entry.value, 'utf8')),
);

console.log(
  JSON.stringify({
    rows,
    columns,
    bundleBytes: Buffer.byteLength(codeJs, 'utf8'),
    contextMs,
    loadMs,
    hashNodeMs,
    hashVmMs,
    argumentsMs: pick([...fitCells, ...hitCells], 'argumentsMs'),
    fitCell: { callMs: pick(fitCells, 'callMs'), totalMs: pick(fitCells, 'total') },
    hitCell: { callMs: pick(hitCells, 'callMs'), totalMs: pick(hitCells, 'total') },
    fitNodeMs,
    fiftyWithLock,
    fiftyCacheOnly,
    arrayFormula: { fits: arrayFormula.cachePuts, totalMs: cellMs(arrayFormula), rows: arrayFormula.value.length },
    summaryBytes,
  }),
);
