import { displayValue } from '../../../dev/fake/display';
import {
  filledValueText,
  groupThousands,
  P_VALUE_FORMAT,
  pValueText,
  SHARE_FORMAT,
  shareText,
  significantFormat,
  significantText,
} from '../../../src/core/pipeline/readableNumbers';

// One rule for the results sheet (number formats, the full value kept in the cell) and the command line (text): the
// text must read exactly as Sheets shows the number under its format (the fake's display models Sheets').
describe('numbers for reading', () => {
  const values = [
    3.0788, 0.17383, -0.046452, 0.0028641, 37.4689, 1234.56, -98765.4, 9.99996, 0.000123456, 1.7e-5, 2.5e7, 0,
  ];

  test('estimates to 4 significant digits, by a fixed-decimals format per value', () => {
    expect(values.map((v) => significantText(v))).toEqual([
      '3.079',
      '0.1738',
      '-0.04645',
      '0.002864',
      '37.47',
      '1,235',
      '-98,765',
      '10.00',
      '0.0001235',
      '1.700E-05',
      '2.500E+07',
      '0',
    ]);
    expect(significantFormat(0.17383)).toBe('0.0000');
    expect(significantFormat(1234.56)).toBe('#,##0');
    expect(significantFormat(1.7e-5)).toBe('0.000E+00');
    expect(significantText(null)).toBe('NA');
  });

  test('the text is what Sheets shows under the format', () => {
    for (const v of values)
      expect({ v, shown: displayValue(v, significantFormat(v)) }).toEqual({ v, shown: significantText(v) });
    for (const p of [0.5, 0.031, 0.00075, 0.0001, 0.000099, 1e-300, 0])
      expect({ p, shown: displayValue(p, P_VALUE_FORMAT) }).toEqual({ p, shown: pValueText(p) });
    expect(displayValue(0.76554, SHARE_FORMAT)).toBe(shareText(0.76554));
  });

  test('p-values to 4 decimals and "<0.0001" below; R² to 3 decimals', () => {
    expect([0.12087, 0.031, 0.00077, 0.0001, 9.9e-5, 1.7e-40].map(pValueText)).toEqual([
      '0.1209',
      '0.0310',
      '0.0008',
      '0.0001',
      '<0.0001',
      '<0.0001',
    ]);
    expect(shareText(0.7655433578)).toBe('0.766');
    expect(shareText(null)).toBe('NA');
  });
});

describe('groupThousands', () => {
  test.each([
    ['', ''],
    ['7', '7'],
    ['123', '123'],
    ['1234', '1,234'],
    ['1000000', '1,000,000'],
    ['-1234567', '-1,234,567'],
    ['10000000', '10,000,000'],
  ])('%s → %s', (digits, grouped) => expect(groupThousands(digits)).toBe(grouped));
});

describe('filledValueText: a value a step filled in, as a person would write it', () => {
  test.each([
    [12, '12'],
    [0, '0'],
    [-3, '-3'],
    [11141, '11,141'],
    [1234567, '1,234,567'],
    [11140.8, '11,141'],
    [633.8123, '633.8'],
    [0.0725069, '0.07251'],
    [-2.5, '-2.500'],
  ])('%s → %s', (value, text) => expect(filledValueText(value)).toBe(text));
});
