import { DEFAULT_FORMULA_OPTIONS, formatFormulaOptions, parseFormulaOptions } from '../../../src/core/formulas';

describe('parseFormulaOptions', () => {
  test('defaults for a missing argument, "", blanks and a blank cell', () => {
    for (const value of [undefined, null, '', '   ', ';', [['']]])
      expect(parseFormulaOptions('F', value)).toEqual(DEFAULT_FORMULA_OPTIONS);
    expect(DEFAULT_FORMULA_OPTIONS).toEqual({ logTarget: false, level: 0.95, robust: 'classical', intercept: true });
  });

  test('every key, any case, spaces anywhere', () => {
    expect(parseFormulaOptions('F', 'log1p; level=0.9; robust=hc3; intercept=false')).toEqual({
      logTarget: true,
      level: 0.9,
      robust: 'hc3',
      intercept: false,
    });
    expect(parseFormulaOptions('F', ' LOG1P = TRUE ;Level = .8 ; Robust = HC3 ')).toEqual({
      logTarget: true,
      level: 0.8,
      robust: 'hc3',
      intercept: true,
    });
    expect(parseFormulaOptions('F', 'log 1p')).toMatchObject({ logTarget: true });
    expect(parseFormulaOptions('F', [['robust']])).toMatchObject({ robust: 'hc3' });
  });

  test('flags take true/false, yes/no, 1/0; robust takes none and classical', () => {
    expect(parseFormulaOptions('F', 'log1p=false')).toMatchObject({ logTarget: false });
    expect(parseFormulaOptions('F', 'log1p=yes; intercept=0')).toMatchObject({ logTarget: true, intercept: false });
    expect(parseFormulaOptions('F', 'intercept')).toMatchObject({ intercept: true });
    expect(parseFormulaOptions('F', 'robust=none')).toMatchObject({ robust: 'classical' });
    expect(parseFormulaOptions('F', 'robust=Classical')).toMatchObject({ robust: 'classical' });
  });

  test('the canonical text is the same for every spelling of the same settings', () => {
    const a = formatFormulaOptions(parseFormulaOptions('F', 'log1p; level=0.9'));
    const b = formatFormulaOptions(parseFormulaOptions('F', 'LEVEL = 0.90 ; log1p=true; robust=none; intercept'));
    expect(a).toBe(b);
    expect(a).toBe('log1p=true;level=0.9;robust=classical;intercept=true');
  });

  test('errors name the function', () => {
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=0')).toThrow(
      /^TIKFIT_R2: level must be a number between 0 and 1/,
    );
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=1')).toThrow(/^TIKFIT_R2: level must be/);
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=abc')).toThrow(/^TIKFIT_R2: level must be/);
    expect(() => parseFormulaOptions('TIKFIT_R2', 'hc3')).toThrow(
      /^TIKFIT_R2: unknown option "hc3"; the options are log1p/,
    );
    expect(() => parseFormulaOptions('TIKFIT_R2', [['a'], ['b']])).toThrow(
      'TIKFIT_R2: options must be text such as "log1p; level=0.9; robust=hc3; intercept=false", not a range',
    );
  });
});
