import fc from 'fast-check';
import { isPlainNumber, numberStyleOf, parseNumber } from '../../../src/core/cells/parseNumber';

// TikFit's one rule for numbers (issue 9): what a careful user means by a cell typed or exported as text.

describe('parseNumber: plain numbers, as before', () => {
  test.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['+7', 7],
    ['1e-3', 0.001],
    ['2E3', 2000],
    ['.5', 0.5],
    ['5.', 5],
    ['00012', 12],
    [7, 7],
    [-0.25, -0.25],
    ['-Inf', -Infinity],
    ['infinity', Infinity],
    ['1e400', Infinity],
  ])('%p is %p', (cell, expected) => expect(parseNumber(cell)).toBe(expected));

  test('a numeric NaN, blanks and non-cells are not numbers', () => {
    for (const cell of [NaN, '', '   ', null, undefined, {}, [], new Date(0)]) expect(parseNumber(cell)).toBeNull();
  });
});

describe('parseNumber: thousands separators', () => {
  test.each([
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['1,234.5', 1234.5],
    ['-1,234.25', -1234.25],
    ['1 234', 1234],
    ['1\u00a0234', 1234], // no-break space, as Sheets and Excel export it
    ['1\u202f234', 1234], // narrow no-break space (fr_FR)
    ['1\u2009234', 1234], // thin space
    ["1'234", 1234], // de_CH
    ["1'234'567.5", 1234567.5],
    [' 12,000 ', 12000],
  ])('%p is %p', (cell, expected) => expect(parseNumber(cell)).toBe(expected));

  test.each([
    ['1,23'], // groups are three digits: in the dot style this is neither 123 nor 1.23
    ['1,2345'],
    ['12,34,567'], // Indian grouping is not read
    ['01,234'], // a group cannot follow a leading zero
    ['1,234 567'], // one separator throughout
    ['1,,234'],
    [',123'],
    ['1,234e3'],
  ])('%p is not a number in the dot style', (cell) => expect(parseNumber(cell)).toBeNull());
});

describe('parseNumber: percent', () => {
  test('a percent is a hundredth: 9.0% is 0.09, as Sheets stores it', () => {
    expect(parseNumber('9.0%')).toBe(0.09);
    expect(parseNumber('100%')).toBe(1);
    expect(parseNumber('-2.5%')).toBe(-0.025);
    expect(parseNumber('45.2 %')).toBe(0.452);
    expect(parseNumber('1,250%')).toBe(12.5);
  });

  test('45.2% is exactly the double nearest 0.452, and 14.3% the double nearest 0.143 (not 14.3 / 100)', () => {
    expect(parseNumber('45.2%')).toBe(0.452);
    expect(parseNumber('14.3%')).toBe(0.143);
    expect(14.3 / 100).not.toBe(0.143); // dividing the double would be one unit off
    expect(parseNumber('57.1%')).toBe(0.571);
    expect(parseNumber('0.07%')).toBe(0.0007);
  });

  test('any percent with up to three decimals is the double nearest its decimal value', () => {
    // The expected value shifts the decimal point in the text, so it is the correctly rounded double.
    const shifted = (text: string): number => {
      const [whole, fraction = ''] = text.split('.');
      const padded = (whole as string).padStart(3, '0');
      return Number(`${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`);
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }), (k, decimals) => {
        const text = (k / 10 ** decimals).toFixed(decimals);
        expect(parseNumber(`${text}%`)).toBe(shifted(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseNumber: currency', () => {
  test.each([
    ['$5', 5],
    ['$1,234.50', 1234.5],
    ['€5', 5],
    ['5 €', 5],
    ['5€', 5],
    ['£12', 12],
    ['¥500', 500],
    ['₹250', 250],
    ['$ 5', 5],
    ['5$', 5],
  ])('%p is %p (a sign before or after)', (cell, expected) => expect(parseNumber(cell)).toBe(expected));
});

describe('parseNumber: signs', () => {
  test.each([
    ['-$5', -5],
    ['$-5', -5],
    ['+$5', 5],
    ['- 5', -5],
    ['-€1,000', -1000],
    ['-5%', -0.05],
  ])('%p is %p', (cell, expected) => expect(parseNumber(cell)).toBe(expected));

  test.each([['--5'], ['+-5'], ['-+5'], ['-$-5'], ['5-'], ['(5)']])('%p is not a number', (cell) =>
    expect(parseNumber(cell)).toBeNull(),
  );

  test('-0 keeps its sign', () => {
    expect(Object.is(parseNumber('-0'), -0)).toBe(true);
    expect(Object.is(parseNumber('-$0'), -0)).toBe(true);
  });
});

describe('parseNumber: booleans and checkboxes are 0/1', () => {
  test.each([
    [true, 1],
    [false, 0],
    ['TRUE', 1],
    ['FALSE', 0],
    ['true', 1],
    ['False', 0],
    [' TRUE ', 1],
  ])('%p is %p', (cell, expected) => expect(parseNumber(cell)).toBe(expected));

  test.each([['yes'], ['T'], ['TRUEx'], ['TRUE%']])('%p is not a number', (cell) =>
    expect(parseNumber(cell)).toBeNull(),
  );

  test('TRUE/FALSE read the same in the comma style', () => {
    expect(parseNumber('TRUE', 'comma')).toBe(1);
    expect(parseNumber(false, 'comma')).toBe(0);
  });
});

describe('parseNumber: the comma style (1.234,5)', () => {
  test.each([
    ['1.234,5', 1234.5],
    ['12,5', 12.5],
    ['0,75', 0.75],
    [',5', 0.5],
    ['-3,25', -3.25],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['45,2 %', 0.452],
    ['45,2%', 0.452],
    ['5 €', 5],
    ['-€1.234,56', -1234.56],
    ['1234', 1234],
    ['1e3', 1000],
  ])('%p is %p', (cell, expected) => expect(parseNumber(cell, 'comma')).toBe(expected));

  test.each([['1.5'], ['1,234.5'], ['1.23'], ['12,5,0']])('%p is not a number in the comma style', (cell) =>
    expect(parseNumber(cell, 'comma')).toBeNull(),
  );

  test('the same text reads by the style: 1,234 and 1.234', () => {
    expect(parseNumber('1,234', 'dot')).toBe(1234);
    expect(parseNumber('1,234', 'comma')).toBe(1.234);
    expect(parseNumber('1.234', 'dot')).toBe(1.234);
    expect(parseNumber('1.234', 'comma')).toBe(1234);
    expect(parseNumber('12,5', 'dot')).toBeNull();
    expect(parseNumber('1.234,5', 'dot')).toBeNull();
  });

  test('numbers that are already numbers do not depend on the style', () => {
    expect(parseNumber(1.5, 'comma')).toBe(1.5);
    expect(parseNumber(1234, 'comma')).toBe(1234);
  });
});

describe('parseNumber: rejections', () => {
  test.each([
    ['1.2.3'],
    ['0x10'],
    ['0X1F'],
    ['0b1'],
    ['0o7'],
    ['1_000'],
    ['$5%'], // a currency and a percent together
    ['$5€'], // two currencies
    ['%5'],
    ['$'],
    ['%'],
    ['-'],
    ['.'],
    ['1e'],
    ['12e'],
    ['1e3%'],
    ['abc'],
    ['1O24'], // the letter O
    ['١٢'], // digits of another script
    ['5 apples'],
  ])('%p is not a number', (cell) => {
    expect(parseNumber(cell)).toBeNull();
    expect(parseNumber(cell, 'comma')).toBeNull();
  });
});

describe('isPlainNumber', () => {
  test('plain numbers in the style: no separators, currency, percent or spaces', () => {
    expect(isPlainNumber('1234.5', 'dot')).toBe(true);
    expect(isPlainNumber('1234,5', 'comma')).toBe(true);
    expect(isPlainNumber('1,234', 'dot')).toBe(false);
    expect(isPlainNumber('9%', 'dot')).toBe(false);
    expect(isPlainNumber('$5', 'dot')).toBe(false);
    expect(isPlainNumber(' 5', 'dot')).toBe(false);
    expect(isPlainNumber('1234.5', 'comma')).toBe(false);
  });
});

describe('numberStyleOf', () => {
  test('comma when more text cells read only in the comma style, dot when more read only in the dot style', () => {
    expect(numberStyleOf(['1.234,5', '12,5', '7'])).toBe('comma');
    expect(numberStyleOf(['1,234.5', '12.5', '7'])).toBe('dot');
    expect(numberStyleOf(['12,5', '3,5', '1,234.5'])).toBe('comma');
    expect(numberStyleOf(['45,2 %', '3,1 %'])).toBe('comma');
  });

  test('null when the text does not tell', () => {
    expect(numberStyleOf([])).toBeNull();
    expect(numberStyleOf(['850', '1200', 'abc'])).toBeNull(); // no separator or decimal mark
    expect(numberStyleOf(['1.234', '2.500'])).toBeNull(); // reads in both styles
    expect(numberStyleOf(['1,234', '2,500'])).toBeNull();
    expect(numberStyleOf([1.5, 2.25, true])).toBeNull(); // numbers are numbers in any style
    expect(numberStyleOf(['12,5', '12.5'])).toBeNull(); // a tie
  });

  test('cells that are numbers in neither style do not vote', () => {
    expect(numberStyleOf(['a,b', 'x.y', '12,5'])).toBe('comma');
  });
});
