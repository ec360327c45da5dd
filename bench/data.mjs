// Seeded synthetic regression data for the benchmark: no Math.random, so every run sees the same numbers.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { outDir } from './util.mjs';

/** mulberry32 from the core (src/core/prepare/seededRandom.ts): uniform in [0, 1), deterministic for a seed. */
export const mulberry32 = (seed) => createRequire(import.meta.url)(join(outDir, 'core.cjs')).seededRandom(seed);

/** Standard normal draws from a uniform source (Box–Muller; the second value of each pair is kept for the next call). */
export function normalSource(uniform) {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const u = 1 - uniform(); // in (0, 1], so the log is finite
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/**
 * A numeric grid (header row first) with columns y, x1..x{p-1}: n rows, p − 1 predictors plus an intercept in the
 * model, so p design columns. Shaped like /work/shared/bench/make_data.py: predictor j is N(0, 1) times a scale in
 * [0.5, 1000), y = X·β + 10·N(0, 1) with β ~ N(0, 1).
 */
export function makeGrid(n, p, seed = 7) {
  const uniform = mulberry32(seed);
  const normal = normalSource(uniform);
  const k = p - 1;
  const scales = Array.from({ length: k }, () => 0.5 + 999.5 * uniform());
  const beta = Array.from({ length: k }, () => normal());
  const grid = new Array(n + 1);
  grid[0] = ['y', ...Array.from({ length: k }, (_, j) => `x${j + 1}`)];
  for (let i = 1; i <= n; i++) {
    // Filled with doubles only, so V8 stores each row as a packed double array (8 bytes a cell).
    const row = new Array(p).fill(0);
    let y = 10 * normal();
    for (let j = 0; j < k; j++) {
      const x = normal() * scales[j];
      row[j + 1] = x;
      y += beta[j] * x;
    }
    row[0] = y;
    grid[i] = row;
  }
  return grid;
}
