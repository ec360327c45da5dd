import {
  tikfitAdjR2,
  tikfitCoef,
  tikfitPredict,
  tikfitPValue,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
} from '../../../src/core/formulas';
import type { FitSummary } from '../../../src/core/formulas';
import {
  caseAvailable,
  caseRanges,
  expectClose,
  formulaCases,
  type FormulaCase,
  type FormulaCoefficient,
} from './sheetData';

// Source: R's lm(), summary.lm(), confint(), predict() and hand-written HC3, produced by
// test/fixtures/r/formulas-fixtures.R. Tolerance: 1e-9 relative (the contract); p-values below 1e-12 get
// 1e-9 · max(1, |t|·df/10), as in test/core/model/rFixtures.test.ts.

function pTolerance(c: FormulaCase, k: FormulaCoefficient): number {
  const tiny = k.pValue !== null && k.pValue < 1e-12;
  return tiny ? 1e-9 * Math.max(1, (Math.abs(k.tStat as number) * c.expected.dfResidual) / 10) : 1e-9;
}

describe.each(formulaCases.map((c) => [c.name, c] as const))('R fixture %s through the formulas', (_name, c) => {
  const available = caseAvailable(c);
  const maybe = available ? test : test.skip;
  const ranges = available ? caseRanges(c) : { knownY: [], knownX: [] };
  const e = c.expected;

  maybe('TIKFIT spills the labeled table with R’s numbers', () => {
    const table = tikfitTable(ranges.knownY, ranges.knownX, c.options);
    const p = e.coefficients.length;
    expect(table).toHaveLength(1 + p + 1 + 6);
    expect(table.every((row) => row.length === 7)).toBe(true);
    expect(table[0]).toEqual(['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high']);
    e.coefficients.forEach((k, j) => {
      const row = table[1 + j] as (string | number)[];
      expect(row[0]).toBe(k.name);
      if (k.aliased) {
        expect(row).toEqual([k.name, '', 'aliased', '', '', '', '']);
        return;
      }
      expectClose(row[1], k.estimate as number, `${k.name} estimate`);
      expectClose(row[2], k.stdError as number, `${k.name} std. error`);
      expectClose(row[3], k.tStat as number, `${k.name} t`);
      expectClose(row[4], k.pValue as number, `${k.name} p`, pTolerance(c, k));
      expectClose(row[5], k.ciLower as number, `${k.name} CI low`);
      expectClose(row[6], k.ciUpper as number, `${k.name} CI high`);
    });
    expect(table[1 + p]).toEqual(['', '', '', '', '', '', '']);
    const summary = table.slice(2 + p);
    expect(summary.map((row) => row[0])).toEqual(['R²', 'Adjusted R²', 'F', 'F p-value', 'Residual std. error', 'n']);
    expect(summary.every((row) => row.slice(2).every((cell) => cell === ''))).toBe(true);
    expectClose(summary[0]?.[1], e.rSquared, 'R²');
    expectClose(summary[1]?.[1], e.adjRSquared, 'adjusted R²');
    expectClose(summary[2]?.[1], e.fStatistic, 'F');
    expectClose(summary[3]?.[1], e.fPValue, 'F p', e.fPValue < 1e-12 ? 1e-8 : 1e-9);
    expectClose(summary[4]?.[1], e.residualStdError, 'residual std. error');
    expect(summary[5]?.[1]).toBe(e.n);
  });

  maybe('TIKFIT_COEF, _STDERR, _TSTAT, _PVALUE by name and by number', () => {
    const { knownY, knownX } = ranges;
    const offset = c.intercept ? 0 : 1;
    const memo = new Map<string, FitSummary>(); // one fit for all the terms
    e.coefficients.forEach((k, j) => {
      if (k.aliased) {
        expect(() => tikfitCoef(knownY, knownX, k.name, c.options, memo)).toThrow(
          `TIKFIT_COEF: "${k.name}" is aliased (an exact combination of other terms), so it has no estimate`,
        );
        expect(() => tikfitPValue(knownY, knownX, j + offset, c.options, memo)).toThrow(
          `TIKFIT_PVALUE: "${k.name}" is aliased`,
        );
        return;
      }
      expectClose(tikfitCoef(knownY, knownX, k.name, c.options, memo), k.estimate as number, `${k.name} coef`);
      expectClose(
        tikfitCoef(knownY, knownX, k.name.toUpperCase(), c.options, memo),
        k.estimate as number,
        `${k.name} coef (upper case)`,
      );
      expectClose(tikfitStdErr(knownY, knownX, ` ${k.name} `, c.options, memo), k.stdError as number, `${k.name} se`);
      expectClose(tikfitTStat(knownY, knownX, j + offset, c.options, memo), k.tStat as number, `${k.name} t by number`);
      expectClose(
        tikfitPValue(knownY, knownX, k.name, c.options, memo),
        k.pValue as number,
        `${k.name} p`,
        pTolerance(c, k),
      );
    });
  });

  maybe('TIKFIT_R2, _ADJR2, _RMSE', () => {
    expectClose(tikfitR2(ranges.knownY, ranges.knownX, c.options), e.rSquared, 'R²');
    expectClose(tikfitAdjR2(ranges.knownY, ranges.knownX, c.options), e.adjRSquared, 'adjusted R²');
    expectClose(tikfitRmse(ranges.knownY, ranges.knownX, c.options), e.residualStdError, 'RMSE');
  });

  maybe('TIKFIT_PREDICT matches predict(lm, newdata), with and without new_x’s header row, blanks giving ""', () => {
    const header = ranges.knownX[0] as unknown[];
    const blank = header.map(() => '');
    const withHeader = tikfitPredict(ranges.knownY, ranges.knownX, [header, ...c.predict.newX, blank], c.options);
    expect(withHeader).toHaveLength(c.predict.newX.length + 2);
    expect(withHeader[0]).toEqual([`Predicted ${c.y}`]);
    expect(withHeader[withHeader.length - 1]).toEqual(['']);
    c.predict.expected.forEach((value, i) => expectClose(withHeader[i + 1]?.[0], value, `prediction ${i + 1}`));
    const bare = tikfitPredict(ranges.knownY, ranges.knownX, c.predict.newX, c.options);
    expect(bare).toEqual(withHeader.slice(1, -1));
  });

  maybe('without header rows the columns are X1…Xk and the numbers are the same', () => {
    const { knownY, knownX } = caseRanges(c, false);
    const named = tikfitTable(ranges.knownY, ranges.knownX, c.options);
    const unnamed = tikfitTable(knownY, knownX, c.options);
    const rename = new Map(c.x.map((name, j) => [name, `X${j + 1}`] as const));
    const expectedNames = named.map((row) => {
      const term = String(row[0]);
      const column = c.x.find((name) => term === name || term.startsWith(`${name}_`));
      return column === undefined ? term : `${rename.get(column)}${term.slice(column.length)}`;
    });
    expect(unnamed.map((row) => row[0])).toEqual(expectedNames);
    expect(unnamed.map((row) => row.slice(1))).toEqual(named.map((row) => row.slice(1)));
    const predictions = tikfitPredict(knownY, knownX, c.predict.newX, c.options);
    c.predict.expected.forEach((value, i) =>
      expectClose(predictions[i]?.[0], value, `prediction ${i + 1} without header`),
    );
  });
});

test('the fixtures cover what the formulas need', () => {
  const names = formulaCases.map((c) => c.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'numeric',
      'numeric-level90',
      'numeric-blanks',
      'factor',
      'factor-hc3-level90',
      'aliased',
      'nointercept',
    ]),
  );
  const blanks = formulaCases.find((c) => c.name === 'numeric-blanks') as FormulaCase;
  const full = formulaCases.find((c) => c.name === 'numeric') as FormulaCase;
  expect(blanks.expected.n).toBeLessThan(full.expected.n);
  expect(
    (formulaCases.find((c) => c.name === 'aliased') as FormulaCase).expected.coefficients.some((k) => k.aliased),
  ).toBe(true);
});
