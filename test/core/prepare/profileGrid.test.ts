import {
  caseVariantTargets,
  collapseWhitespace,
  labelMerges,
  profileGrid,
  typoTargets,
  type ColumnProfile,
} from '../../../src/core/prepare/profileGrid';
import type { Grid } from '../../../src/core/prepare/grid';
import { expectInputUnchanged, expectUserError, malformedGrids } from './gridCases';

// A small hand-typed log: an identifier, a category with a typo and case/space variants, a numeric column with a
// zero and a missing token, a percentage with placeholder zeros, a 0/1 flag, the target with zeros, an empty
// column and a mostly-missing one.
const header = ['name', 'category', 'views', 'watched', 'ad', 'followers', 'notes', 'comment'];
const sheet: Grid = [
  header,
  ['Video 1', 'health', 120, 45.5, 0, 0, '', 'ok'],
  ['Video 2', 'healh', 0, 0, 1, 3, 'none', ''],
  ['Video 3', 'health', 'N/A', 0, true, 10, null, 'good'],
  ['Video 4', 'Food', 300, 12.25, false, 0, 'NA', ''],
  ['Video 5', 'health', 45, 30, 0, 5, '-', 'ok'],
  ['Video 6', 'food ', 80, 50.5, 0, 2, '  ', 'NA'],
  ['Video 7', 'health', 99, 10, 1, 1, 'null', ''],
  ['Video 8', 'Food', 1000, 20, '1', 0, 'NaN', 'good'],
  ['Video 9', 'NA', 12, 33.3, '0', 4, 'n/a', ''],
  ['Video 10', 'health', 7, 0.5, 0, 8, 'None', 'ok'],
  ['Video 11', 'Food', 64, 1, 1, 6, '', 'n/a'],
  ['Video 12', 'health', 500, 2, 0, 2, '', ''],
];

function byName(columns: ColumnProfile[], name: string): ColumnProfile {
  const found = columns.find((c) => c.name === name);
  if (!found) throw new Error(`no profile for ${name}`);
  return found;
}

describe('profileGrid', () => {
  const profile = profileGrid(sheet, { target: 'followers' });

  test('counts rows and profiles every column in order', () => {
    expect(profile.rows).toBe(12);
    expect(profile.columns.map((c) => c.name)).toEqual(header);
  });

  test('column kinds: identifier, categorical, numeric, binary, empty', () => {
    expect(profile.columns.map((c) => [c.name, c.kind])).toEqual([
      ['name', 'identifier'],
      ['category', 'categorical'],
      ['views', 'numeric'],
      ['watched', 'numeric'],
      ['ad', 'binary'],
      ['followers', 'numeric'],
      ['notes', 'empty'],
      ['comment', 'categorical'],
    ]);
  });

  test('a categorical column: missing count, levels by count then code point, rare levels', () => {
    expect(byName(profile.columns, 'category')).toEqual({
      name: 'category',
      kind: 'categorical',
      missing: 1,
      zeros: 0,
      distinct: 4,
      // "food " is trimmed to "food" for counting, but case variants stay apart in the profile.
      levels: [
        { level: 'health', count: 6 },
        { level: 'Food', count: 3 },
        { level: 'food', count: 1 },
        { level: 'healh', count: 1 },
      ],
      rareLevels: ['Food', 'food', 'healh'],
      zerosLookMissing: false,
      // Only numeric and date columns have cells that do not fit (strays) or numbers typed with a format.
      strays: [],
      formatted: 0,
      style: 'dot',
    });
  });

  test('missing cells: blanks, null and the tokens NA, N/A, null, none, nan, - in any case', () => {
    expect(byName(profile.columns, 'notes')).toMatchObject({ kind: 'empty', missing: 12, distinct: 0 });
    expect(byName(profile.columns, 'views').missing).toBe(1);
    expect(byName(profile.columns, 'comment').missing).toBe(7);
    expect(byName(profile.columns, 'name').missing).toBe(0);
  });

  test('zeros are counted in numeric and binary columns; they look missing in a fractional column or the target', () => {
    expect(byName(profile.columns, 'views')).toMatchObject({ zeros: 1, zerosLookMissing: false });
    expect(byName(profile.columns, 'watched')).toMatchObject({ zeros: 2, zerosLookMissing: true });
    expect(byName(profile.columns, 'ad')).toMatchObject({ zeros: 7, zerosLookMissing: false });
    expect(byName(profile.columns, 'followers')).toMatchObject({ zeros: 3, zerosLookMissing: true });
    // Without a target named, the guessed one (a header that reads like followers) is the target, so its zeros
    // look missing too; with another target, integer zeros are taken at face value.
    const guessed = profileGrid(sheet);
    expect(guessed.suggestedTarget).toBe('followers');
    expect(byName(guessed.columns, 'followers').zerosLookMissing).toBe(true);
    expect(byName(profileGrid(sheet, { target: 'views' }).columns, 'followers').zerosLookMissing).toBe(false);
    expect(byName(profileGrid(sheet, { target: 'views' }).columns, 'views').zerosLookMissing).toBe(true);
  });

  test('only categorical columns get levels', () => {
    for (const name of ['name', 'views', 'watched', 'ad', 'followers', 'notes']) {
      expect(byName(profile.columns, name).levels).toBeUndefined();
      expect(byName(profile.columns, name).rareLevels).toBeUndefined();
    }
  });

  test('merge suggestions: whitespace, then case into the most frequent spelling, then the typo healh → health', () => {
    expect(profile.merges).toEqual([
      { column: 'category', from: 'food ', to: 'food', reason: 'whitespace', count: 1 },
      { column: 'category', from: 'food', to: 'Food', reason: 'case', count: 1 },
      { column: 'category', from: 'healh', to: 'health', reason: 'typo', count: 1 },
    ]);
  });

  test('suggestions in words', () => {
    expect(profile.suggestions).toEqual([
      '"name" looks like an identifier (mostly distinct text) and will not be a predictor',
      '"category" has 3 rare levels (5 rows or fewer): Food, food, healh',
      '"watched" has 2 zeros; if they mean "not recorded", tick "0 = blank" for it (zero-missing: watched)',
      '"followers" has 3 zeros; if they mean "not recorded", tick "0 = blank" for it (zero-missing: followers)',
      '"notes" is empty',
      '"comment" has 2 rare levels (5 rows or fewer): ok, good',
      '"comment" is missing in 7 of 12 rows and will be left out unless you include it',
      'In "category", "food " (1) looks like "food" (differs in whitespace)',
      'In "category", "food" (1) looks like "Food" (differs in case)',
      'In "category", "healh" (1) looks like "health" (a typo?)',
    ]);
  });

  test('the rare threshold is inclusive and adjustable', () => {
    const grid: Grid = [['c'], ...Array.from({ length: 5 }, () => ['a']), ...Array.from({ length: 6 }, () => ['b'])];
    expect(profileGrid(grid).columns[0]?.rareLevels).toEqual(['a']);
    expect(profileGrid(grid, { rareThreshold: 6 }).columns[0]?.rareLevels).toEqual(['b', 'a']);
    expect(profileGrid(grid, { rareThreshold: 4 }).columns[0]?.rareLevels).toEqual([]);
    expect(profileGrid(grid, { rareThreshold: 4 }).suggestions).toEqual([]);
  });

  test('more than eight rare levels are abbreviated in the suggestion', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const grid: Grid = [['c'], ...labels.flatMap((l) => [[l], [l], [l]])];
    expect(profileGrid(grid).suggestions).toEqual([
      '"c" has 10 rare levels (5 rows or fewer): a, b, c, d, e, f, g, h, …',
    ]);
  });

  test('a single rare level is "level", not "levels"', () => {
    const grid: Grid = [['c'], ...Array.from({ length: 6 }, () => ['a']), ['b']];
    expect(profileGrid(grid).suggestions).toContain('"c" has 1 rare level (5 rows or fewer): b');
  });

  test('a single data row', () => {
    const single = profileGrid([
      ['title', 'views', 'ad'],
      ['My video', 15, 1],
    ]);
    expect(single.rows).toBe(1);
    expect(single.columns.map((c) => c.kind)).toEqual(['identifier', 'numeric', 'binary']);
  });

  // The brief says a header-only grid must throw; profileGrid (through checkGrid) accepts it. Pinned; see the report.
  test('a header without data rows gives empty columns (current behaviour)', () => {
    const empty = profileGrid([['a', 'b']]);
    expect(empty.rows).toBe(0);
    expect(empty.columns.map((c) => c.kind)).toEqual(['empty', 'empty']);
  });

  test.each(malformedGrids)("rejects $what in the user's words, naming no internal function", ({ grid, message }) => {
    expectUserError(() => profileGrid(grid), message);
  });

  test('does not change its input', () => {
    expectInputUnchanged(sheet, (grid) => profileGrid(grid, { target: 'followers' }));
  });
});

describe("profileGrid on a creator's own sheet (issue 9)", () => {
  // Dates, formatted numbers with one typo on sheet row 11, checkboxes, and a target that reads like subscribers.
  const own: Grid = [
    ['Posted', 'Views', 'Like rate', 'Sponsored', 'Subscribers'],
    ...Array.from({ length: 10 }, (_, i) => [
      `2025-01-${String(i + 6).padStart(2, '0')}`,
      i === 9 ? '1O24' : `${i + 1},${String(100 + i * 37).padStart(3, '0')}`,
      `${(2 + i / 2).toFixed(1)}%`,
      i % 3 === 0,
      String(3 * i + 1),
    ]),
  ];
  const profile = profileGrid(own);

  test('kinds: a date column, numbers typed with separators and percents, checkboxes', () => {
    expect(profile.columns.map((c) => c.kind)).toEqual(['date', 'numeric', 'numeric', 'binary', 'numeric']);
    expect(profile.columns.map((c) => c.formatted)).toEqual([0, 9, 10, 0, 0]);
    expect(profile.columns.map((c) => c.style)).toEqual(['dot', 'dot', 'dot', 'dot', 'dot']);
  });

  test('the cell that is not a number is named with its sheet row', () => {
    expect(profile.columns[1]?.strays).toEqual([{ row: 11, text: '1O24' }]);
    expect(profile.suggestions).toContain(
      'Views, row 11: "1O24" is not a number; it counts as missing until you type the right number or Impute fills it',
    );
  });

  test('the date column is offered as a trend, and the target is guessed from its header', () => {
    expect(profile.suggestions).toContain(
      '"Posted" holds dates: not a predictor, but it can be a trend (days since the first video)',
    );
    expect(profile.suggestedTarget).toBe('Subscribers');
  });

  test('without a header that reads like followers, the last numeric column is the guess; none when nothing is numeric', () => {
    expect(profileGrid(own.map((row) => row.slice(0, 4))).suggestedTarget).toBe('Like rate');
    expect(
      profileGrid([
        ['a', 'b'],
        ['x', '2025-01-06'],
      ]).suggestedTarget,
    ).toBeNull();
  });

  test('more than five strays are summed up after the first five', () => {
    const typos = profileGrid([['n'], ...Array.from({ length: 70 }, (_, i) => [i < 7 ? `x${i}` : String(i)])]);
    expect(typos.columns[0]?.strays).toHaveLength(7);
    expect(typos.suggestions.filter((s) => s.startsWith('n, row '))).toHaveLength(5);
    expect(typos.suggestions).toContain('"n" has 2 more cells that are not numbers');
  });
});

describe('labelMerges', () => {
  const cells = (counts: Record<string, number>): string[] =>
    Object.entries(counts).flatMap(([label, n]) => Array.from({ length: n }, () => label));

  test('a typo needs a label at edit distance 1 that is at least three times as common', () => {
    expect(labelMerges('c', cells({ health: 3, healh: 1 }))).toEqual([
      { column: 'c', from: 'healh', to: 'health', reason: 'typo', count: 1 },
    ]);
    expect(labelMerges('c', cells({ health: 2, healh: 1 }))).toEqual([]);
    expect(labelMerges('c', cells({ health: 9, heal: 3 }))).toEqual([]); // edit distance 2
    expect(labelMerges('c', cells({ health: 30, halth: 10 }))).toEqual([
      { column: 'c', from: 'halth', to: 'health', reason: 'typo', count: 10 },
    ]);
  });

  test('labels at edit distance 2 are not typos', () => {
    expect(labelMerges('c', cells({ health: 100, helth_: 1, hlth: 1 }))).toEqual([]);
  });

  test('case variants go to the most frequent spelling, ties to the first in code-point order', () => {
    expect(labelMerges('c', cells({ health: 1, Health: 5, HEALTH: 2 }))).toEqual([
      { column: 'c', from: 'health', to: 'Health', reason: 'case', count: 1 },
      { column: 'c', from: 'HEALTH', to: 'Health', reason: 'case', count: 2 },
    ]);
    expect(labelMerges('c', cells({ health: 2, Health: 2 }))).toEqual([
      { column: 'c', from: 'health', to: 'Health', reason: 'case', count: 2 },
    ]);
  });

  test('typos are judged on the case-merged counts', () => {
    // food 2 alone is not three times "fod" 1, but food 2 + Food 1 is.
    expect(labelMerges('c', cells({ food: 2, Food: 1, fod: 1 }))).toEqual([
      { column: 'c', from: 'Food', to: 'food', reason: 'case', count: 1 },
      { column: 'c', from: 'fod', to: 'food', reason: 'typo', count: 1 },
    ]);
    expect(labelMerges('c', cells({ food: 2, fod: 1 }))).toEqual([]);
  });

  test('missing tokens, numbers and booleans are not labels', () => {
    expect(labelMerges('c', ['NA', 'na', 'Na', 'nan', 1, true, null, ''])).toEqual([]);
  });
});

describe('collapseWhitespace, caseVariantTargets, typoTargets', () => {
  test('collapseWhitespace trims and collapses any white space, including tabs, newlines and no-break spaces', () => {
    expect(collapseWhitespace('  info \t\n more\u00a0 ')).toBe('info more');
    expect(collapseWhitespace('info')).toBe('info');
  });

  test('caseVariantTargets maps only labels with a case twin', () => {
    const targets = caseVariantTargets(
      new Map([
        ['a', 1],
        ['A', 3],
        ['b', 1],
      ]),
    );
    expect([...targets]).toEqual([['a', 'A']]);
  });

  test('typoTargets picks the most common candidate, ties to the first in code-point order', () => {
    expect(
      typoTargets(
        new Map([
          ['cat', 10],
          ['bat', 20],
          ['hat', 1],
        ]),
      ),
    ).toEqual([['bat', 'hat']]);
    expect(
      typoTargets(
        new Map([
          ['cat', 10],
          ['bat', 10],
          ['hat', 1],
        ]),
      ),
    ).toEqual([['bat', 'hat']]);
  });
});
