// The recipe through the add-on's built bundle (dist/addon/Code.js) in a bare V8 context over the in-memory Apps
// Script fake, as the tests run it (dev/addonRuntime.ts), against the same core in plain Node on the same cells.
//
// Usage: node --expose-gc bench/pipeline-vm.mjs N [runModel|runRecipe]
// Needs dist/addon (npm run build) and bench/out/{core,csv,addonRuntime}.cjs (bench/pipelinePeers.mjs builds them).
// The sheet holds bench/pipelineData.mjs's N × 30 cells typed in as text (the fake reads them as Sheets does:
// numbers, dates). Times, in this order: the core's runRecipe in plain Node on the sheet's values (what the add-on
// reads), then the add-on's step in the vm: runModel (Fit regression, the default: reads the sheet, runs the same
// recipe and writes the results sheet; it fits a 10M-cell sheet) or runRecipe (Run all: also writes the prepared
// cells back and keeps a backup of the sheet, so it needs room for a second copy under Sheets' 10M cells; see the
// README's Sheet sizes). Prints one JSON line: nodeMs, vmMs (wall), nodeCpuMs, vmCpuMs, the spreadsheet calls by
// method, and maxRssMB.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makePipelineCsv, PIPELINE_RECIPE } from './pipelineData.mjs';
import { collectGarbage, outDir, projectRoot } from './util.mjs';

const n = Number(process.argv[2]);
if (!(Number.isInteger(n) && n > 0)) {
  console.error('usage: node --expose-gc bench/pipeline-vm.mjs N [runModel|runRecipe]');
  process.exit(2);
}
const step = process.argv[3] ?? 'runModel';
const require = createRequire(import.meta.url);
const core = require(join(outDir, 'core.cjs'));
const { parseCsvText } = require(join(outDir, 'csv.cjs'));
const { createAddonRuntime } = require(join(outDir, 'addonRuntime.cjs'));

const runtime = createAddonRuntime({
  codeJs: readFileSync(join(projectRoot, 'dist/addon/Code.js'), 'utf8'),
  sidebarHtml: readFileSync(join(projectRoot, 'dist/addon/sidebar.html'), 'utf8'),
});
runtime.fake.setSheetValues('Sheet1', parseCsvText(makePipelineCsv(n, core.seededRandom(20221))), { parse: true });
const values = runtime.fake.getSheetGrid('Sheet1').values;
collectGarbage();

// Wall and CPU time: on a shared machine the CPU time is the steadier measure of the same work.
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
let start = performance.now();
let cpu = process.cpuUsage();
const node = core.runRecipe(values, PIPELINE_RECIPE);
const nodeMs = performance.now() - start;
const nodeCpuMs = cpuMs(cpu);
collectGarbage();

runtime.fake.resetCalls();
start = performance.now();
cpu = process.cpuUsage();
const report = runtime.call(step, PIPELINE_RECIPE);
const vmMs = performance.now() - start;
const vmCpuMs = cpuMs(cpu);
const calls = runtime.fake.callsByMethod();
console.log(
  JSON.stringify({
    n,
    cells: n * 30,
    step,
    nodeMs,
    vmMs,
    nodeCpuMs,
    vmCpuMs,
    terms: node.json.model.coefficients.length,
    message: report.message,
    totalCalls: Object.values(calls).reduce((a, b) => a + b, 0),
    calls,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
