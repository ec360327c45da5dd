import { DEFAULT_FORMULA_OPTIONS, formatFormulaOptions, parseFormulaOptions } from '../../../src/core/formulas';

describe('parseFormulaOptions', () => {
  test('defaults for a missing argument, "", blanks and a blank cell', () => {
    for (const value of [undefined, null, '', '   ', ';', [['']]])
      expect(parseFormulaOptions('F', value)).toEqual(DEFAULT_FORMULA_OPTIONS);
    expect(DEFAULT_FORMULA_OPTIONS).toEqual({
      logTarget: false,
      level: 0.95,
      robust: 'classical',
      intercept: true,
      model: 'ols',
    });
  });

  test('every key, any case, spaces anywhere', () => {
    expect(parseFormulaOptions('F', 'log-target; level=0.9; robust=hc3; intercept=false')).toEqual({
      logTarget: true,
      level: 0.9,
      robust: 'hc3',
      intercept: false,
      model: 'ols',
    });
    expect(parseFormulaOptions('F', ' LOG-TARGET = TRUE ;Level = .8 ; Robust = HC3 ')).toEqual({
      logTarget: true,
      level: 0.8,
      robust: 'hc3',
      intercept: true,
      model: 'ols',
    });
    expect(parseFormulaOptions('F', 'Model = NB; level=0.9')).toEqual({
      logTarget: false,
      level: 0.9,
      robust: 'classical',
      intercept: true,
      model: 'nb',
    });
    expect(parseFormulaOptions('F', 'model=poisson; robust=none')).toMatchObject({ model: 'poisson' });
    expect(parseFormulaOptions('F', 'model=ols; log-target; robust')).toMatchObject({ model: 'ols', robust: 'hc3' });
    // Other spellings of log-target, and log1p, its name in earlier releases, so that existing sheets keep working.
    for (const spelling of ['log target', 'log_target', 'logTarget', 'log1p', 'LOG1P=true', 'log 1p'])
      expect(parseFormulaOptions('F', spelling)).toMatchObject({ logTarget: true });
    expect(parseFormulaOptions('F', [['robust']])).toMatchObject({ robust: 'hc3' });
  });

  test('flags take true/false, yes/no, 1/0; robust takes none and classical', () => {
    expect(parseFormulaOptions('F', 'log-target=false')).toMatchObject({ logTarget: false });
    expect(parseFormulaOptions('F', 'log-target=yes; intercept=0')).toMatchObject({
      logTarget: true,
      intercept: false,
    });
    expect(parseFormulaOptions('F', 'intercept')).toMatchObject({ intercept: true });
    expect(parseFormulaOptions('F', 'robust=none')).toMatchObject({ robust: 'classical' });
    expect(parseFormulaOptions('F', 'robust=Classical')).toMatchObject({ robust: 'classical' });
  });

  test('the canonical text is the same for every spelling of the same settings', () => {
    const a = formatFormulaOptions(parseFormulaOptions('F', 'log-target; level=0.9'));
    const b = formatFormulaOptions(parseFormulaOptions('F', 'LEVEL = 0.90 ; log1p=true; robust=none; intercept'));
    expect(a).toBe(b);
    expect(a).toBe('log-target=true;level=0.9;robust=classical;intercept=true;model=ols');
    // The model is part of the text, and so of the cache key: model=nb and model=poisson are different fits.
    const nb = formatFormulaOptions(parseFormulaOptions('F', 'model=nb'));
    expect(nb).toBe('log-target=false;level=0.95;robust=classical;intercept=true;model=nb');
    expect(formatFormulaOptions(parseFormulaOptions('F', 'MODEL = Poisson'))).not.toBe(nb);
  });

  test('errors name the function', () => {
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=0')).toThrow(
      /^TIKFIT_R2: level must be a number between 0 and 1/,
    );
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=1')).toThrow(/^TIKFIT_R2: level must be/);
    expect(() => parseFormulaOptions('TIKFIT_R2', 'level=abc')).toThrow(/^TIKFIT_R2: level must be/);
    expect(() => parseFormulaOptions('TIKFIT_R2', 'hc3')).toThrow(
      /^TIKFIT_R2: unknown option "hc3"; the options are log-target, .*, model=ols\|poisson\|nb, e\.g\./,
    );
    expect(() => parseFormulaOptions('TIKFIT_R2', [['a'], ['b']])).toThrow(
      'TIKFIT_R2: options must be text such as "log-target; level=0.9; robust=hc3; intercept=false", not a range',
    );
  });
});
