// CSV readers on the same file, each in its own child process (medians of `runs`): papaparse, csv-parse and udsv
// to numbers, against TikFit's byte scanner to typed columns (src/core/io/typedCsv.ts). Each library's output is
// turned into one Float64Array per column (Number of each string; udsv's typed rows as they come), which is what
// the fit needs. Usage: node bench/csvReaders.mjs FILE.csv [RUNS]; prints one JSON line of medians in ms.
// A library that is not installed (csv-parse and udsv are not dependencies) is reported as null.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { median, outDir, projectRoot } from './util.mjs';

const require = createRequire(import.meta.url);
const [file, runsText = '3', only] = process.argv.slice(2);

const readers = {
  // bench/run.mjs bundles the reader to bench/out/typedCsv.cjs.
  typed: (bytes) => require(join(outDir, 'typedCsv.cjs')).readTypedCsv(bytes, file).rows,
  papaparse: (bytes) =>
    toColumns(require('papaparse').parse(bytes.toString('utf8'), { delimiter: ',', skipEmptyLines: true }).data),
  'csv-parse': (bytes) => toColumns(require('csv-parse/sync').parse(bytes)),
  udsv: (bytes) => {
    const { inferSchema, initParser } = require('udsv');
    const text = bytes.toString('utf8');
    const parser = initParser(inferSchema(text));
    return parser.typedCols(text).length;
  },
};

function toColumns(rows) {
  const width = rows[0].length;
  const columns = Array.from({ length: width }, () => new Float64Array(rows.length - 1));
  for (let i = 1; i < rows.length; i++) for (let j = 0; j < width; j++) columns[j][i - 1] = Number(rows[i][j]);
  return columns.length;
}

if (only !== undefined) {
  // Child: one reader, one run, from the bytes in memory (the file read is the same for all).
  const bytes = readFileSync(file);
  const start = performance.now();
  readers[only](bytes);
  console.log(JSON.stringify({ ms: performance.now() - start }));
} else {
  const result = {};
  for (const name of Object.keys(readers)) {
    const times = [];
    for (let r = 0; r < Number(runsText); r++) {
      const child = spawnSync(
        process.execPath,
        ['--max-old-space-size=8192', fileURLToPath(import.meta.url), file, '1', name],
        {
          encoding: 'utf8',
          cwd: projectRoot,
          timeout: 10 * 60 * 1000,
        },
      );
      if (child.status !== 0) {
        times.length = 0;
        break;
      }
      times.push(JSON.parse(child.stdout).ms);
    }
    result[name] = times.length === 0 ? null : median(times);
  }
  console.log(JSON.stringify(result));
}
