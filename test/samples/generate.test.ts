import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../../src/core/io/csv';
import { COLUMNS, generateSample } from '../../samples/generate';
import { projectRoot } from '../helpers/shared';

// The committed sample must be exactly what its seeded generator writes, so that its documented true model is the
// one the data came from.
test('samples/tiktok-sample.csv is what samples/generate.ts writes, byte for byte', () => {
  const committed = readFileSync(join(projectRoot, 'samples', 'tiktok-sample.csv'), 'utf8');
  expect(generateSample()).toBe(committed);
});

test("the sample has the raw export's columns and about 200 videos", () => {
  const grid = parseCsvText(generateSample());
  expect(grid[0]).toEqual([...COLUMNS]);
  expect(grid.length - 1).toBeGreaterThanOrEqual(180);
  expect(grid.every((row) => row.length === COLUMNS.length)).toBe(true);
});

test('another seed gives another sample', () => {
  expect(generateSample({ seed: 1 })).not.toBe(generateSample());
});
