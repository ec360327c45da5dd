// Builds everything `npm run build` promises:
//   dist/cli.js            the `tikfit` command (Node, CommonJS, dependencies bundled)
//   dist/addon/Code.js     the Apps Script bundle: one IIFE plus a real top-level function per global
//   dist/addon/appsscript.json, dist/addon/sidebar.html
// dist/addon/ is clasp's rootDir: exactly these three files are pushed.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  legalComments: 'none',
  logLevel: 'warning',
});
const stubs = globalStubs('src/addon/entry.ts', GLOBAL_NAME);
const header = '// TikFit for Google Sheets. Built by scripts/build.mjs from src/addon/entry.ts; do not edit.\n';
writeFileSync('dist/addon/Code.js', header + bundle.outputFiles[0].text + '\n' + stubs);
copyFileSync('appsscript.json', 'dist/addon/appsscript.json');

if (existsSync('scripts/buildSidebar.mjs')) {
  const { buildSidebar } = await import('./buildSidebar.mjs');
  await buildSidebar({ outFile: 'dist/addon/sidebar.html' });
} else {
  writeFileSync('dist/addon/sidebar.html', readFileSync('sidebar/sidebar.html', 'utf8'));
}
