// The Apps Script bundle's cold start (issue 14): what every custom-formula cell pays before its function runs, as
// each cell is its own execution. In a fresh Node process (no code cache), for dist/addon/Code.js: a fresh node:vm
// context, compiling the script (V8 parses it from scratch), and running its top level (which only declares).
//
// `node bench/coldStart.mjs --child` measures one process's first load and then `repeats` more (each with a unique
// suffix, so V8's compilation cache cannot serve it) and prints one JSON line; `coldStart()` runs several children
// and returns the medians. Needs `npm run build` (dist/addon/Code.js).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { median, projectRoot } from './util.mjs';

const codePath = join(projectRoot, 'dist', 'addon', 'Code.js');

/** The cold-start target of issue 14, in milliseconds. */
export const coldStartTargetMs = 50;

function loadOnce(code, serial) {
  const start = performance.now();
  const context = vm.createContext({});
  const contextDone = performance.now();
  const script = new vm.Script(`${code}\n// load ${serial}\n`, { filename: 'Code.js' });
  const compiled = performance.now();
  script.runInContext(context);
  const end = performance.now();
  if (typeof vm.runInContext('typeof TIKFIT', context) !== 'string') throw new Error('Code.js did not load');
  return {
    totalMs: end - start,
    contextMs: contextDone - start,
    compileMs: compiled - contextDone,
    topLevelMs: end - compiled,
  };
}

/** Runs `processes` fresh children; returns the median first load of a process, and of the loads after it. */
export function coldStart(processes = 7, repeats = 10) {
  const children = [];
  for (let i = 0; i < processes; i++) {
    const child = spawnSync(process.execPath, [join(projectRoot, 'bench/coldStart.mjs'), '--child', String(repeats)], {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: projectRoot,
    });
    if (child.status !== 0)
      throw new Error(`bench/coldStart.mjs --child failed: ${child.stderr || child.error?.message}`);
    children.push(JSON.parse(child.stdout));
  }
  const pick = (list, key) => median(list.map((load) => load[key]));
  const firsts = children.map((c) => c.first);
  const later = children.flatMap((c) => c.later);
  return {
    bytes: children[0].bytes,
    processes,
    first: Object.fromEntries(['totalMs', 'contextMs', 'compileMs', 'topLevelMs'].map((k) => [k, pick(firsts, k)])),
    later: Object.fromEntries(['totalMs', 'contextMs', 'compileMs', 'topLevelMs'].map((k) => [k, pick(later, k)])),
  };
}

if (process.argv[2] === '--child') {
  const repeats = Number(process.argv[3] ?? 10);
  const code = readFileSync(codePath, 'utf8');
  const first = loadOnce(code, 0);
  const later = Array.from({ length: repeats }, (_, i) => loadOnce(code, i + 1));
  console.log(JSON.stringify({ bytes: Buffer.byteLength(code, 'utf8'), first, later }));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(coldStart()));
}
