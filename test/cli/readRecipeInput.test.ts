import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, readRecipeInput } from '../../src/cli/readCsv';
import { columnCellsOf, tableFromGrid } from '../../src/core/cells/table';
import { columnInfo } from '../../src/core/cells/columnInfo';
import { runRecipe, type RecipeOptions } from '../../src/core/pipeline/runRecipe';
import { projectRoot } from '../helpers/shared';

const folder = mkdtempSync(join(tmpdir(), 'tikfit-recipe-input-'));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** The recipe's JSON without its timings, or the message it throws. */
function answer(input: Parameters<typeof runRecipe>[0], options: RecipeOptions): unknown {
  try {
    const { timingsMs: _timings, ...json } = runRecipe(input, options).json;
    return json;
  } catch (error) {
    return (error as Error).message;
  }
}

// Cells the typed reader keeps as numbers, as levels, or reads again from their text: strays, tokens, "-0" in a text
// column (a label of its own, not the number 0), formatted numbers, a date column with a number in it.
const edgeCsv = [
  'name,views,likes,topic,posted,rate,newFollowers',
  ...Array.from({ length: 60 }, (_, i) => {
    const views =
      i % 7 === 0 ? 'NA' : i % 11 === 0 ? '"1,234"' : i % 13 === 0 ? '1O24' : String(100 + ((i * 37) % 900));
    const likes = i % 9 === 0 ? '-0' : i % 17 === 0 ? 'n/a' : i % 5 === 0 ? '' : `${(i * 3) % 40}.5`;
    const topic = ['-0', '0', 'tech', 'Tech ', 'food'][i % 5] as string;
    const posted = i === 30 ? '5' : `2022-0${1 + (i % 9)}-${10 + (i % 18)}`;
    const rate = `${i % 4}.${(i * 7) % 10}`;
    return `"clip ${i}, ""take"" ${i % 3}",${views},${likes},${topic},${posted},${rate},${(i * 13) % 50}`;
  }),
].join('\n');

describe('tikfit run reads the file into typed columns (readRecipeInput)', () => {
  const fixtures = [
    join(projectRoot, 'samples', 'tiktok-sample.csv'),
    ...readdirSync(join(projectRoot, 'test', 'fixtures', 'creators'))
      .filter((name) => name.endsWith('.csv'))
      .map((name) => join(projectRoot, 'test', 'fixtures', 'creators', name)),
    file('edge.csv', edgeCsv + '\n'),
    file('edge-crlf.csv', edgeCsv.replace(/\n/g, '\r\n') + '\r\n'),
    file('decimal-comma.csv', 'a,b,newFollowers\n' + '"1,5",2,3\n"2,25",4,5\n"3,5",1,2\n"4,75",7,8\n"0,5",3,3\n'),
  ];

  test.each(fixtures)('every column is classified as from the grid of strings: %s', (path) => {
    const typed = readRecipeInput(path);
    const grid = tableFromGrid(readCsv(path));
    expect(Array.isArray(typed)).toBe(false);
    if (Array.isArray(typed)) return;
    expect(typed.names).toEqual(grid.names);
    expect(typed.styles).toEqual(grid.styles);
    typed.names.forEach((_, j) => {
      const fromGrid = columnInfo(columnCellsOf(grid, j), grid.styles[j] ?? 'dot');
      const given = typed.infos[j] ?? columnInfo(columnCellsOf(typed, j), typed.styles[j] ?? 'dot');
      expect({ ...given, distinct: given.distinct }).toEqual(fromGrid);
    });
  });

  test.each(fixtures)('the recipe gives the same JSON as from the grid of strings: %s', (path) => {
    for (const options of [{}, { rare: 'drop', rareThreshold: 3 }, { model: 'poisson' }] as RecipeOptions[]) {
      expect(answer(readRecipeInput(path), options)).toEqual(answer(readCsv(path), options));
    }
  });

  test('a file the typed reader refuses is read as a grid, so the recipe words the problem as before', () => {
    const headerOnly = file('header-only.csv', 'views,newFollowers\n');
    expect(readRecipeInput(headerOnly)).toEqual([['views', 'newFollowers']]);
    const ragged = file('ragged.csv', 'views,newFollowers\n1,2\n3,4,5\n');
    expect(answer(readRecipeInput(ragged), {})).toEqual(answer(readCsv(ragged), {}));
    expect(answer(readRecipeInput(ragged), {})).toMatch(/^Row 3 has 3 cells/);
  });
});
