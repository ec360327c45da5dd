import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { contentKey } from '../../../src/core/formulas';

describe('contentKey', () => {
  const y = [['sales'], [1], [2.5], ['']];
  const x = [
    ['a', 'g'],
    [0.1, 'u'],
    [true, 'v'],
    [3, ''],
  ];

  test('is "tf2:" and 16 hex digits, the same for the same content in new arrays', () => {
    const key = contentKey(y, x, 'o');
    expect(key).toMatch(/^tf2:[0-9a-f]{16}$/);
    expect(
      contentKey(
        JSON.parse(JSON.stringify(y)),
        x.map((row) => [...row]),
        'o',
      ),
    ).toBe(key);
  });

  test('changes with any cell, any type, the options, and where cells sit', () => {
    const base = contentKey(y, x, 'o');
    const variants: [unknown, unknown, string][] = [
      [y, x, 'p'],
      [[['sales'], [1], [2.5000000000000004], ['']], x, 'o'],
      [[['sales'], ['1'], [2.5], ['']], x, 'o'],
      [[['sales'], [1], [2.5], [null]], x, 'o'],
      [[['sales'], [1], [2.5], [0]], x, 'o'],
      [
        y,
        [
          ['a', 'g'],
          [0.1, 'u'],
          [1, 'v'],
          [3, ''],
        ],
        'o',
      ],
      [
        y,
        [
          ['a', 'g'],
          [0.1, 'u'],
          [true, 'v'],
          [3, ' '],
        ],
        'o',
      ],
      [
        y,
        [
          ['a', 'g'],
          [0.1, 'u'],
          [true, 'v'],
          [3, new Date(0)],
        ],
        'o',
      ],
      [
        y,
        [
          ['a', 'g'],
          [0.1, 'u'],
          [true, 'v'],
          [3, 0],
        ],
        'o',
      ],
      [y, [['ag'], [0.1, 'u'], [true, 'v'], [3, '']], 'o'],
      [
        y,
        [
          ['a', 'g', 0.1, 'u'],
          [true, 'v'],
          [3, ''],
        ],
        'o',
      ],
      [[['sales'], [1], [2.5]], [['']].concat(x as never), 'o'],
    ];
    const keys = new Set([base, ...variants.map(([a, b, c]) => contentKey(a, b, c))]);
    expect(keys.size).toBe(variants.length + 1);
  });

  test('Dates hash by their time, also from another realm', () => {
    const local = contentKey([[new Date(86400000)]], [[1]], '');
    expect(contentKey([[runInNewContext('new Date(86400000)')]], [[1]], '')).toBe(local);
    expect(contentKey([[new Date(86400001)]], [[1]], '')).not.toBe(local);
  });

  test('uses no Node or browser APIs (it runs in Apps Script)', () => {
    const source = readFileSync(join(__dirname, '..', '..', '..', 'src', 'core', 'formulas', 'contentKey.ts'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(/\b(Buffer|TextEncoder|crypto|require)\b/);
  });

  // Speed is measured by `npm run bench` (unit tests never assert on wall-clock time); here, that a large input
  // hashes to a well-formed key that a change in one cell alters.
  test('hashes 100 000 cells, and one changed cell changes the key', () => {
    const big = Array.from({ length: 20000 }, (_, i) => [i * 1.5, `level ${i % 17}`, i % 2 === 0, '', i / 3]);
    const key = contentKey(
      big.map((row) => [row[0]]),
      big,
      '',
    );
    expect(key).toMatch(/^tf2:[0-9a-f]{16}$/);
    const changed = big.map((row) => row.slice());
    (changed[12345] as unknown[])[4] = 0;
    expect(
      contentKey(
        big.map((row) => [row[0]]),
        changed,
        '',
      ),
    ).not.toBe(key);
  });
});
