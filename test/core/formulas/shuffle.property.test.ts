import fc from 'fast-check';
import { join } from 'node:path';
import { tikfitCoef, tikfitTable } from '../../../src/core/formulas';
import { relativeError } from '../../helpers/digits';
import { fixtureFolder, pick, readSheet } from './sheetData';

// Property: the order of the rows does not matter. Shuffling rows (y and x together) leaves every TIKFIT_COEF the
// same to rounding, and the terms (levels in code-point order, not first appearance) identical.

const factor = readSheet(join(fixtureFolder, 'factor.csv'));
const y = pick(factor, ['y']);
const x = pick(factor, ['x', 'group']);
const terms = tikfitTable(y, x)
  .slice(1, 6)
  .map((row) => String(row[0]));
const coefficients = terms.map((term) => tikfitCoef(y, x, term));
const rows = y.length - 1;

test('shuffling rows does not change TIKFIT_COEF', () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray([...Array(rows).keys()], { minLength: rows, maxLength: rows }),
      fc.boolean(),
      (order, header) => {
        const yShuffled = [...(header ? [y[0]] : []), ...order.map((i) => y[i + 1])];
        const xShuffled = [...(header ? [x[0]] : []), ...order.map((i) => x[i + 1])];
        const memo = new Map();
        terms.forEach((term, j) => {
          const name = header ? term : term.replace(/^x/, 'X1').replace(/^group/, 'X2');
          const value = tikfitCoef(yShuffled, xShuffled, name, '', memo);
          expect(relativeError(value, coefficients[j] as number)).toBeLessThanOrEqual(1e-12);
        });
      },
    ),
    { numRuns: 60 },
  );
});
