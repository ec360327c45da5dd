import { join } from 'node:path';
import * as fitModule from '../../../src/core/formulas/fitFromRanges';
import {
  FIT_SUMMARY_VERSION,
  fitFromRanges,
  isFitSummary,
  parseFormulaOptions,
  summarizeForCache,
  tikfitAdjR2,
  tikfitCoef,
  tikfitPredict,
  tikfitPValue,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
  type FitMemo,
  type FitSummary,
} from '../../../src/core/formulas';
import { fixtureFolder, pick, readSheet } from './sheetData';

const factor = readSheet(join(fixtureFolder, 'factor.csv'));
const y = pick(factor, ['y']);
const x = pick(factor, ['x', 'group']);

/** A Map-backed memo that counts what happens (the add-on's is CacheService, shared by the executions of a document). */
function countingMemo(): FitMemo & { hits: number; misses: number; store: Map<string, FitSummary> } {
  const store = new Map<string, FitSummary>();
  const memo = {
    hits: 0,
    misses: 0,
    store,
    get(key: string): FitSummary | undefined {
      const value = store.get(key);
      if (value === undefined) memo.misses++;
      else memo.hits++;
      return value;
    },
    set(key: string, summary: FitSummary): void {
      store.set(key, summary);
    },
  };
  return memo;
}

afterEach(() => jest.restoreAllMocks());

test('the memo is hit on the second call with identical ranges: one fit for every formula', () => {
  const fits = jest.spyOn(fitModule, 'fitFromRanges');
  const memo = countingMemo();
  const first = tikfitCoef(y, x, 'x', '', memo);
  expect(fits).toHaveBeenCalledTimes(1);
  expect(memo).toMatchObject({ hits: 0, misses: 1 });
  // Identical content in fresh arrays (as each custom-function call receives), any formula, any spelling of the options.
  const yCopy = y.map((row) => [...row]);
  const xCopy = x.map((row) => [...row]);
  expect(tikfitCoef(yCopy, xCopy, 'x', undefined, memo)).toBe(first);
  tikfitStdErr(yCopy, xCopy, 'x', ' ; ', memo);
  tikfitTStat(y, x, 1, 'robust=none', memo);
  tikfitPValue(y, x, 'group_Tech', '', memo);
  tikfitR2(y, x, '', memo);
  tikfitAdjR2(y, x, '', memo);
  tikfitRmse(y, x, '', memo);
  tikfitTable(y, x, '', memo);
  tikfitPredict(y, x, [[1, 'Tech']], '', memo);
  expect(fits).toHaveBeenCalledTimes(1);
  expect(memo).toMatchObject({ hits: 9, misses: 1 });
  expect(memo.store.size).toBe(1);
  // Different options or a changed cell is another fit.
  tikfitCoef(y, x, 'x', 'level=0.9', memo);
  const changed = y.map((row, i) => (i === 5 ? [Number(row[0]) + 1e-9] : row));
  expect(tikfitCoef(changed, x, 'x', '', memo)).not.toBe(first);
  expect(fits).toHaveBeenCalledTimes(3);
  expect(memo.store.size).toBe(3);
});

test('without a memo every call fits; a failed fit is not remembered', () => {
  const fits = jest.spyOn(fitModule, 'fitFromRanges');
  tikfitR2(y, x);
  tikfitR2(y, x);
  expect(fits).toHaveBeenCalledTimes(2);
  const memo = countingMemo();
  const bad = y.map((row, i) => (i === 3 ? ['abc'] : row));
  expect(() => tikfitR2(bad, x, '', memo)).toThrow('TIKFIT_R2: known_y is not numeric (row 4: "abc")');
  expect(memo.store.size).toBe(0);
});

test('a cached summary survives JSON (CacheService) and answers exactly as a fresh fit', () => {
  const memo = countingMemo();
  const fresh = {
    table: tikfitTable(y, x, 'robust=hc3', memo),
    coef: tikfitCoef(y, x, 'group_humor', 'robust=hc3', memo),
    predict: tikfitPredict(
      y,
      x,
      [
        ['x', 'group'],
        [3, 'humor'],
        ['', 'Tech'],
      ],
      'robust=hc3',
      memo,
    ),
  };
  const [key, summary] = [...memo.store.entries()][0] as [string, FitSummary];
  const revived = JSON.parse(JSON.stringify(summary)) as FitSummary;
  const jsonMemo: FitMemo = { get: (k) => (k === key ? revived : undefined), set: () => undefined };
  const fits = jest.spyOn(fitModule, 'fitFromRanges');
  expect(tikfitTable(y, x, 'robust=hc3', jsonMemo)).toEqual(fresh.table);
  expect(tikfitCoef(y, x, 'group_humor', 'robust=hc3', jsonMemo)).toBe(fresh.coef);
  expect(
    tikfitPredict(
      y,
      x,
      [
        ['x', 'group'],
        [3, 'humor'],
        ['', 'Tech'],
      ],
      'robust=hc3',
      jsonMemo,
    ),
  ).toEqual(fresh.predict);
  expect(fits).not.toHaveBeenCalled();
});

test('a cached value of another version is ignored and refitted', () => {
  const fits = jest.spyOn(fitModule, 'fitFromRanges');
  const stale = {
    version: FIT_SUMMARY_VERSION + 1,
    terms: [],
    estimate: [],
    columns: [],
    options: {},
  } as unknown as FitSummary;
  expect(isFitSummary(stale)).toBe(false);
  const value = tikfitR2(y, x, '', { get: () => stale, set: () => undefined });
  expect(fits).toHaveBeenCalledTimes(1);
  expect(value).toBe(tikfitR2(y, x));
});

test('the summary is JSON-safe and well under 100 KB for 20 columns with text levels', () => {
  const rows = 400;
  const header = [
    ...Array.from({ length: 16 }, (_, j) => `numeric column ${j + 1}`),
    ...Array.from({ length: 4 }, (_, j) => `text column ${j + 1}`),
  ];
  const knownX: unknown[][] = [header];
  const knownY: unknown[][] = [['outcome']];
  for (let i = 0; i < rows; i++) {
    const numbers = Array.from({ length: 16 }, (_, j) => Math.sin(i * (j + 1.3)) * 1000 + ((i * (j + 7)) % 13));
    const texts = Array.from(
      { length: 4 },
      (_, j) =>
        `level ${Math.floor((Math.abs(Math.sin(i * 12.9898 + j * 78.233)) * 43758.5453) % 15)} of column ${j + 1}`,
    );
    knownX.push([...numbers, ...texts]);
    knownY.push([numbers.reduce((a, b) => a + b, 0) / 100 + Math.cos(i)]);
  }
  const summary = summarizeForCache(fitFromRanges('TIKFIT', knownY, knownX, parseFormulaOptions('TIKFIT', '')));
  const json = JSON.stringify(summary);
  expect(summary.terms.length).toBeGreaterThan(50);
  expect(json.length).toBeLessThan(40_000);
  expect(JSON.parse(json)).toEqual(summary);
});

test('exclusive: only on a miss, and the key is looked up again inside it (another execution may have fitted meanwhile)', () => {
  const fits = jest.spyOn(fitModule, 'fitFromRanges');
  const memo = countingMemo();
  const waits: number[] = [];
  const exclusive = <T>(key: string, work: () => T): T => {
    expect(key).toMatch(/^tf\d+:[0-9a-f]{16}$/);
    waits.push(memo.store.size);
    return work();
  };
  const first = tikfitR2(y, x, '', { get: (k) => memo.get(k), set: (k, v) => memo.set(k, v), exclusive });
  expect(fits).toHaveBeenCalledTimes(1);
  expect(waits).toEqual([0]);
  // A hit does not wait.
  expect(tikfitR2(y, x, '', { get: (k) => memo.get(k), set: (k, v) => memo.set(k, v), exclusive })).toBe(first);
  expect(waits).toEqual([0]);
  // A miss that another execution fills while this one waits for the lock: no second fit.
  const [key, summary] = [...memo.store.entries()][0] as [string, FitSummary];
  const empty = new Map<string, FitSummary>();
  const racing: FitMemo = {
    get: (k) => empty.get(k),
    set: (k, v) => empty.set(k, v),
    exclusive: (_key, work) => {
      empty.set(key, summary); // the other execution's fit, stored while this one waited
      return work();
    },
  };
  expect(tikfitCoef(y, x, 'x', '', racing)).toBe(tikfitCoef(y, x, 'x', '', memo));
  expect(fits).toHaveBeenCalledTimes(1);
  // A failed fit inside it throws out of it and stores nothing.
  const bad = y.map((row, i) => (i === 3 ? ['abc'] : row));
  const store = new Map<string, FitSummary>();
  expect(() => tikfitR2(bad, x, '', { get: (k) => store.get(k), set: (k, v) => store.set(k, v), exclusive })).toThrow(
    'TIKFIT_R2: known_y is not numeric',
  );
  expect(store.size).toBe(0);
});
