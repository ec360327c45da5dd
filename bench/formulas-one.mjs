// Benchmarks the custom formulas' code path: 10,000 rows × 20 columns (one a text column with 8 levels), header
// row included, ranges shaped as Sheets passes them. It runs the core formulas (bench/out/formulas.cjs, the same
// code the add-on bundles) in plain Node, with the add-on's memo arrangement: a per-execution Map in front of a
// JSON cache standing in for CacheService. (Running Code.js inside node:vm would measure vm's slow global lookups,
// about 60× slower for Math.* in a loop, which Apps Script's V8 does not have.)
//
// Usage: node bench/formulas-one.mjs. Prints one JSON line:
//   { firstCallMs, fiftyCallsMs, nextExecutionMs, summaryBytes }
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { outDir } from './util.mjs';

const { tikfitPValue, tikfitCoef } = createRequire(import.meta.url)(join(outDir, 'formulas.cjs'));

let state = 99;
const random = () => {
  state = (state * 16807) % 2147483647;
  return state / 2147483647;
};
const rows = 10000;
const knownY = [['newFollowers']];
const knownX = [[...Array.from({ length: 19 }, (_, j) => `x${j + 1}`), 'topic']];
for (let i = 0; i < rows; i++) {
  const xs = Array.from({ length: 19 }, () => random() * 100);
  knownY.push([xs.reduce((a, v, j) => a + v * (j % 3), 0) + random() * 50]);
  knownX.push([...xs, `topic ${Math.floor(random() * 8)}`]);
}

/** CacheService stand-in: values stored as JSON text, as the add-on stores them. */
const cache = new Map();
/** One execution's memo: the add-on's Map in front of the cache (src/addon/customFunctions.ts). */
function executionMemo() {
  const local = new Map();
  return {
    get(key) {
      if (local.has(key)) return local.get(key);
      const text = cache.get(key);
      if (text === undefined) return undefined;
      const summary = JSON.parse(text);
      local.set(key, summary);
      return summary;
    },
    set(key, summary) {
      local.set(key, summary);
      cache.set(key, JSON.stringify(summary));
    },
  };
}

let start = performance.now();
tikfitPValue(knownY, knownX, 'x3', '', executionMemo());
const firstCallMs = performance.now() - start;

cache.clear();
const memo = executionMemo();
start = performance.now();
for (let i = 0; i < 50; i++) tikfitPValue(knownY, knownX, `x${(i % 19) + 1}`, '', memo);
const fiftyCallsMs = performance.now() - start;

start = performance.now();
tikfitCoef(knownY, knownX, 'topic_topic 3', '', executionMemo());
const nextExecutionMs = performance.now() - start;

console.log(JSON.stringify({ rows, columns: 20, firstCallMs, fiftyCallsMs, nextExecutionMs, summaryBytes: [...cache.values()][0]?.length ?? 0 }));
