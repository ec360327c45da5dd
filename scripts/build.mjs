// Builds everything `npm run build` promises:
//   dist/cli.js            the `tikfit` command (Node, CommonJS, dependencies bundled)
//   dist/addon/Code.js     the Apps Script bundle: one IIFE plus a real top-level function per global
//   dist/addon/appsscript.json, dist/addon/sidebar.html
// dist/addon/ is clasp's rootDir: exactly these three files are pushed.
import { build } from 'esbuild';
import ts from 'typescript';
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
// is minified (about 157 KB, against about 400 KB unminified) and its top level only declares: in a fresh Node
// process a new V8 context, compiling Code.js from scratch and running its top level take about 20–30 ms, under 2 ms
// of it the top level (bench/coldStart.mjs; `npm run bench` prints it with the target ≤ 50 ms, and the size). The
// top-level functions Apps Script needs (menus name their handlers, and @customfunction JSDoc gives autocomplete) are
// written after the bundle by globalStubs, one line each under their JSDoc (the custom functions' whole, the others'
// first sentence); the minified bundle is one `var TikFitAddon=…` statement before them (asGlobal below;
// test/addon/bundleSafety.test.ts parses that).
// What the minified bundle holds, by esbuild's metafile (`node scripts/build.mjs --metafile` prints it by folder;
// issue 14, measured at 156 KB of code, 27 KB of it message text, plus 9 KB of global functions with their JSDoc):
// the models (src/core/model: least squares with its statistics and warnings, the count models, the design) 31 KB;
// Run all and its steps (src/core/pipeline: the recipe, findings, explanations, cross-validation) 24 KB; the custom
// formulas (src/core/formulas) 15 KB; Clean, Impute, Encode, the profile (src/core/prepare) 14 KB; QR, least squares
// with refinement (src/core/numerics) 12 KB; the cell rules and the checked table (src/core/cells) 11 KB; the
// distributions (src/core/distributions) 6 KB; the options and their checks 3 KB; the add-on's own code (src/addon:
// server functions, results sheet, backups and undo, writing only changed cells) 42 KB. Every one of these is run by
// the add-on. No npm dependency is in it: papaparse (21 KB minified) and the typed CSV reader (src/core/io) are the
// command line's readers only; ml-matrix (48 KB minified, 177 KB not, for one SVD) gave way to a Jacobi SVD in
// src/core/numerics/leastSquares.ts and is kept for the tests only; the command line's flag names and help words
// (OPTION_FLAGS in src/core/options.ts, about 1 KB) are kept apart from OPTION_SPECS so that the add-on, which never
// references them, leaves them out. The one barrel the add-on imports (src/core/formulas/index.ts) costs nothing, as
// esbuild drops what is not reached: the 150 KB target is over by code the add-on runs. Checked again for issue 14
// (Code.js 169,815 → 167,040 bytes with the same sources otherwise): every top-level declaration of the bundle is reached
// from its exports but the prepare steps' grid wrappers (onGrid, about 0.16 KB, kept because esbuild cannot tell the
// calls are pure); V8's block coverage over jest test/addon test/dev runs 86% of an unminified build, the rest being
// error messages and options those tests do not reach; no function is duplicated (same tokens, names aside).
/**
 * The minified ES module as one strict statement, `var <globalName>=(()=>{…;return{name:local,…}})();`: its closing
 * `export{local as name,…}` becomes the returned object (checked against the metafile's list of exports).
 */
function asGlobal(result, globalName) {
  const text = result.outputFiles[0].text;
  const match = /export\{([^{}]*)\};\n?$/.exec(text);
  if (match === null) throw new Error('build: the add-on bundle does not end with its export clause');
  const pairs = match[1].split(',').map((item) => {
    const [local, name = local] = item.split(' as ');
    return [name, local];
  });
  const names = pairs.map(([name]) => name).sort();
  const expected = [...(Object.values(result.metafile.outputs)[0]?.exports ?? [])].sort();
  if (names.join() !== expected.join())
    throw new Error("build: the add-on bundle's export clause does not match its exports");
  const object = pairs.map(([name, local]) => (name === local ? name : `${name}:${local}`)).join(',');
  const body = text.slice(0, match.index);
  const builtins = BUILTINS.filter((name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(body));
  const list = builtins.join(',');
  return `"use strict";var ${globalName}=((${list})=>{${body}return{${object}}})(${list});`;
}

/**
 * The language's built-ins the bundle names, passed into its function as parameters: inside, each is a local of
 * the closure instead of a property looked up on the global object at every use. In a bare V8 context (node:vm, as
 * the tests and the bench run the add-on) a global look-up goes through the context's interceptors and is several
 * times slower than in Node: the recipe at 330,000 × 30 spent 0.49 s in modeOf there against 0.06 s in Node
 * (String per cell), 0.29 against 0.05 s in seededShuffle (Math.imul, Math.floor). Only ECMAScript built-ins, which
 * every V8 has; Apps Script's services stay global, and so does Error (thrown, not hot: see callErrorWithoutNew).
 */
const BUILTINS = [
  'Math',
  'Number',
  'String',
  'Boolean',
  'Object',
  'Array',
  'Map',
  'Set',
  'WeakMap',
  'Float64Array',
  'Int32Array',
  'Uint8Array',
  'Uint32Array',
  'JSON',
  'Date',
  'RegExp',
  'NaN',
];

/**
 * `new Error(…)` as `Error(…)`, which the language defines as the same ("the function call Error(…) is equivalent to
 * the object creation expression new Error(…) with the same arguments", ECMAScript's Error constructor): 4 bytes
 * each of about 150 throws, which esbuild's minifier leaves as written. Found by TypeScript's parser, so that no
 * string or message is touched; the bundle never binds a name Error of its own (checked).
 */
function callErrorWithoutNew(code) {
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const starts = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === 'Error' && !ts.isPropertyAccessExpression(node.parent)) {
      const parent = node.parent;
      if (!ts.isNewExpression(parent) && !ts.isCallExpression(parent) && !ts.isBinaryExpression(parent))
        throw new Error(`build: the add-on bundle uses the name Error as ${ts.SyntaxKind[parent.kind]}`);
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Error') {
      const start = node.getStart(source);
      if (node.arguments === undefined || code.slice(start, start + 10) !== 'new Error(')
        throw new Error(`build: unexpected new Error at ${start}`);
      starts.push(start);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = '';
  let from = 0;
  for (const start of starts) {
    out += code.slice(from, start);
    from = start + 4; // past "new "
  }
  return out + code.slice(from);
}

rmSync('dist/addon', { recursive: true, force: true });
mkdirSync('dist/addon', { recursive: true });
const GLOBAL_NAME = 'TikFitAddon';
// Built as an ES module and wrapped here, instead of esbuild's iife with a globalName: that one defines every export
// as a getter through esbuild's CommonJS helpers (__export, __toCommonJS: about 500 bytes), where a plain object
// literal returned from the function does the same for the stubs, which only call TikFitAddon.<name>.
const bundle = await build({
  entryPoints: ['src/addon/entry.ts'],
  bundle: true,
  write: false,
  platform: 'neutral',
  mainFields: ['main', 'module'],
  target: 'es2020',
  format: 'esm',
  minify: true,
  // Non-ASCII text (θ, ², →, …, the header words in other scripts) as UTF-8, which Apps Script reads, instead of
  // \uXXXX escapes: the same strings in fewer bytes.
  charset: 'utf8',
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
  console.log(`${String(bundle.outputFiles[0].contents.length).padStart(8)}  the minified bundle (before the globals)`);
}
const stubs = globalStubs('src/addon/entry.ts', GLOBAL_NAME);
const header = '// TikFit for Google Sheets. Built by scripts/build.mjs from src/addon/entry.ts; do not edit.\n';
writeFileSync('dist/addon/Code.js', header + callErrorWithoutNew(asGlobal(bundle, GLOBAL_NAME)) + '\n' + stubs);
copyFileSync('appsscript.json', 'dist/addon/appsscript.json');

// Minified: the sidebar bundles Chart.js for its coefficient chart (about 200 KB minified, 430 KB not).
await buildSidebar({ outFile: 'dist/addon/sidebar.html', minify: true });
