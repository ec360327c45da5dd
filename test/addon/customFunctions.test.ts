import vm from 'node:vm';
import { loadAddon } from '../helpers/addonVm';
import { caseAvailable, caseRanges, expectClose, formulaCases } from '../core/formulas/sheetData';

// The custom functions as Sheets calls them: the built dist/addon/Code.js in a bare V8 context, arguments shaped as
// Sheets passes them (2D arrays with "" for blanks, bare values for single cells, booleans, Dates from the
// context's own realm). Golden values: R's lm() via test/fixtures/r/formulas-fixtures.R, 1e-9 relative.

/** A CacheService stand-in that counts fits by counting puts (the formulas cache each new fit once). */
function countingCache(): { service: unknown; puts: () => number; store: Map<string, string> } {
  const store = new Map<string, string>();
  let puts = 0;
  const cache = {
    get: (key: string) => store.get(key) ?? null,
    put: (key: string, value: string) => {
      if (value.length > 100 * 1024) throw new Error('Argument too large: value');
      puts++;
      store.set(key, value);
    },
  };
  return { service: { getDocumentCache: () => cache }, puts: () => puts, store };
}

type Fn = (...args: unknown[]) => unknown;

describe.each(formulaCases.map((c) => [c.name, c] as const))('custom functions in the bundle: %s', (_name, c) => {
  const available = caseAvailable(c);
  (available ? test : test.skip)('match R to 1e-9 and each other', () => {
    const addon = loadAddon({ CacheService: countingCache().service });
    const { knownY, knownX } = caseRanges(c);
    const table = (addon.TIKFIT as Fn)(knownY, knownX, c.options) as unknown[][];
    expect(table[0]).toEqual(['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high']);
    c.expected.coefficients.forEach((expected, k) => {
      const row = table[k + 1] as unknown[];
      expect(row[0]).toBe(expected.name);
      if (expected.aliased) {
        expect(() => (addon.TIKFIT_COEF as Fn)(knownY, knownX, expected.name, c.options)).toThrow(/TIKFIT_COEF: .*aliased/);
        return;
      }
      expectClose(row[1], expected.estimate as number, `${expected.name} table estimate`);
      expectClose((addon.TIKFIT_COEF as Fn)(knownY, knownX, expected.name, c.options), expected.estimate as number, `${expected.name} coef`);
      expectClose((addon.TIKFIT_STDERR as Fn)(knownY, knownX, expected.name.toUpperCase(), c.options), expected.stdError as number, `${expected.name} se`);
      const index = c.intercept ? k : k + 1; // 0 is the intercept; k counts the terms after it
      expectClose((addon.TIKFIT_TSTAT as Fn)(knownY, knownX, index, c.options), expected.tStat as number, `${expected.name} t by index`);
      expectClose((addon.TIKFIT_PVALUE as Fn)(knownY, knownX, expected.name, c.options), expected.pValue as number, `${expected.name} p`);
      expectClose(row[5], expected.ciLower as number, `${expected.name} CI low`);
      expectClose(row[6], expected.ciUpper as number, `${expected.name} CI high`);
    });
    expectClose((addon.TIKFIT_R2 as Fn)(knownY, knownX, c.options), c.expected.rSquared, 'R²');
    expectClose((addon.TIKFIT_ADJR2 as Fn)(knownY, knownX, c.options), c.expected.adjRSquared, 'adjusted R²');
    expectClose((addon.TIKFIT_RMSE as Fn)(knownY, knownX, c.options), c.expected.residualStdError, 'RMSE');
    const labels = table.map((row) => row[0]);
    expect(labels).toEqual(expect.arrayContaining(['R²', 'Adjusted R²', 'F', 'F p-value', 'Residual std. error', 'n']));
    expect(table[labels.indexOf('n')]?.[1]).toBe(c.expected.n);
    // Predictions, back-transformed with expm1 under log1p; new_x given without its header row.
    const predictions = (addon.TIKFIT_PREDICT as Fn)(knownY, knownX, c.predict.newX, c.options) as unknown[][];
    c.predict.expected.forEach((expected, i) => expectClose(predictions[i]?.[0], expected, `prediction ${i}`));
  });
});

describe('custom functions: shapes, errors and memo', () => {
  const numeric = formulaCases.find((c) => c.name === 'numeric')!;

  test('many formulas over the same ranges cost one fit per execution, and none in the next', () => {
    const cache = countingCache();
    const { knownY, knownX } = caseRanges(numeric);
    const first = loadAddon({ CacheService: cache.service });
    for (let i = 0; i < 50; i++) (first.TIKFIT_PVALUE as Fn)(knownY, knownX, 'x1', '');
    (first.TIKFIT_R2 as Fn)(knownY, knownX, '');
    expect(cache.puts()).toBe(1);
    const next = loadAddon({ CacheService: cache.service }); // a new execution: a fresh global scope
    expect((next.TIKFIT_COEF as Fn)(knownY, knownX, 'x2', '')).toBe((first.TIKFIT_COEF as Fn)(knownY, knownX, 'x2', ''));
    expect(cache.puts()).toBe(1);
    // An edit by a collaborator changes the content key: a new fit.
    const edited = knownY.map((row) => row.slice());
    (edited[3] as unknown[])[0] = 99;
    (next.TIKFIT_R2 as Fn)(edited, knownX, '');
    expect(cache.puts()).toBe(2);
  });

  test('works with no CacheService at all', () => {
    const addon = loadAddon({});
    const { knownY, knownX } = caseRanges(numeric);
    expect(typeof (addon.TIKFIT_R2 as Fn)(knownY, knownX)).toBe('number');
  });

  test('clear errors in the cell: unknown term, unknown option, mismatched heights, non-numeric y, Dates', () => {
    const addon = loadAddon({});
    const { knownY, knownX } = caseRanges(numeric);
    expect(() => (addon.TIKFIT_PVALUE as Fn)(knownY, knownX, 'x9', '')).toThrow(/TIKFIT_PVALUE: no term "x9"; terms are Intercept, x1, x2, x3/);
    expect(() => (addon.TIKFIT_R2 as Fn)(knownY, knownX, 'log2')).toThrow(/TIKFIT_R2: .*"log2"/);
    expect(() => (addon.TIKFIT_R2 as Fn)(knownY.slice(0, 10), knownX, '')).toThrow(/TIKFIT_R2: known_y has 10 rows but known_x has 41/);
    const textY = knownY.map((row, i) => (i === 4 ? ['abc'] : row));
    expect(() => (addon.TIKFIT_R2 as Fn)(textY, knownX, '')).toThrow(/TIKFIT_R2: known_y is not numeric/);
    const VmDate = vm.runInContext('Date', addon) as DateConstructor;
    const dated = knownX.map((row, i) => (i === 2 ? [new VmDate(0), ...row.slice(1)] : row));
    expect(() => (addon.TIKFIT_R2 as Fn)(knownY, dated, '')).toThrow(/TIKFIT_R2: .*date/i);
  });

  test('a single cell arrives as a bare value and is refused as too few rows, not crashed on', () => {
    const addon = loadAddon({});
    expect(() => (addon.TIKFIT_R2 as Fn)(5, 3, '')).toThrow(/^TIKFIT_R2: /);
  });

  test('booleans count as 0/1, the same fit as numbers', () => {
    const addon = loadAddon({});
    const y = [['y'], [1], [3], [2], [5], [4], [6]];
    const asBooleans = [['flag'], [true], [false], [true], [false], [true], [false]];
    const asNumbers = [['flag'], [1], [0], [1], [0], [1], [0]];
    expect((addon.TIKFIT_COEF as Fn)(y, asBooleans, 'flag', '')).toBe((addon.TIKFIT_COEF as Fn)(y, asNumbers, 'flag', ''));
  });
});
