// Builds everything `npm run build` promises:
//   dist/cli.js            the `tikfit` command (Node, CommonJS, dependencies bundled)
//   dist/addon/Code.js     the Apps Script bundle: one IIFE plus a real top-level function per global
//   dist/addon/appsscript.json, dist/addon/sidebar.html
// dist/addon/ is clasp's rootDir: exactly these three files are pushed.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSidebar } from './buildSidebar.mjs';
import { globalStubs } from './globalStubs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);

// The add-on. Apps Script's V8 has no modules, setTimeout, TextEncoder, URL or fetch, and no #private or static
// class fields: es2020 makes esbuild lower class fields, and test/addon/bundleSafety.test.ts checks the rest.
//
// In Sheets every custom-function cell is its own execution, which loads the whole of Code.js afresh, so the bundle
// is minified (about 120 KB instead of 377 KB unminified with ml-matrix; `npm run bench` reports its size and load
// time) and its top level only declares. The top-level functions Apps Script needs (menus name their handlers, and
// @customfunction JSDoc gives autocomplete) are written after the bundle by globalStubs, unminified with their JSDoc;
// the minified IIFE is one `var TikFitAddon=…` statement before them (test/addon/bundleSafety.test.ts parses that).
// What the minified bundle holds, by esbuild's metafile (`node scripts/build.mjs --metafile` prints the table):
// Clean, Impute, Encode and Run all (src/core/prepare, src/core/pipeline, src/core/options) about 30 KB, the add-on's
// own code (src/addon) about 33 KB, the formulas (src/core/formulas) 13 KB, the cell rules (src/core/cells) 7 KB,
// the regression (design, QR, least squares, statistics, distributions) about 22 KB. No dependency: papaparse is the
// command line's only, and ml-matrix (48 KB minified, 177 KB not, for one SVD) gave way to a Jacobi SVD in
// src/core/numerics/leastSquares.ts.
rmSync('dist/addon', { recursive: true, force: true });
mkdirSync('dist/addon', { recursive: true });
const GLOBAL_NAME = 'TikFitAddon';
const bundle = await build({
  entryPoints: ['src/addon/entry.ts'],
  bundle: true,
  write: false,
  platform: 'neutral',
  mainFields: ['main', 'module'],
  target: 'es2020',
  format: 'iife',
  globalName: GLOBAL_NAME,
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
if (process.argv.includes('--metafile')) {
  const inputs = Object.values(bundle.metafile.outputs)[0]?.inputs ?? {};
  const byFolder = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const folder = file.includes('node_modules/')
      ? file.split('node_modules/')[1].split('/')[0]
      : file.split('/').slice(0, 3).join('/');
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + bytesInOutput);
  }
  for (const [folder, bytes] of [...byFolder].sort((a, b) => b[1] - a[1]))
    console.log(`${String(bytes).padStart(8)}  ${folder}`);
}
const stubs = globalStubs('src/addon/entry.ts', GLOBAL_NAME);
const header = '// TikFit for Google Sheets. Built by scripts/build.mjs from src/addon/entry.ts; do not edit.\n';
writeFileSync('dist/addon/Code.js', header + bundle.outputFiles[0].text + '\n' + stubs);
copyFileSync('appsscript.json', 'dist/addon/appsscript.json');

// Minified: the sidebar bundles Chart.js for its coefficient chart (about 200 KB minified, 430 KB not).
await buildSidebar({ outFile: 'dist/addon/sidebar.html', minify: true });
