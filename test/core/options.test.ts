import fc from 'fast-check';
import {
  checkOption,
  checkOptions,
  DEFAULT_MODEL,
  describeRange,
  FIT_DEFAULTS,
  numberProblem,
  OPTION_SPECS,
  recipeDefaults,
  STANDARD_ERRORS,
  type OptionKey,
} from '../../src/core/options';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { parseFormulaOptions } from '../../src/core/formulas/parseFormulaOptions';
import { projectRoot } from '../helpers/shared';
import { optionFromText } from '../../src/cli/args';
import { NUMBER_RULES, parseNumberInput } from '../../sidebar/state';

// Issue 11: every option's default and range live in src/core/options.ts; the command line, the add-on (which
// checks with checkOptions) and the sidebar's number inputs accept and refuse the same values.
const numberKeys = (Object.keys(OPTION_SPECS) as OptionKey[]).filter((key) => OPTION_SPECS[key].kind === 'number');

describe('one range per option', () => {
  test('every default of both recipes passes the check', () => {
    for (const recipe of ['default', 'article'] as const) {
      const { encodedBefore: _e, target: _t, trend: _r, ...defaults } = recipeDefaults(recipe);
      expect(() => checkOptions(defaults)).not.toThrow();
    }
  });

  test.each(numberKeys)('%s: the CLI flag and the core check agree on any number', (key) => {
    const spec = OPTION_SPECS[key];
    if (spec.kind !== 'number') throw new Error('not a number option');
    const edges = [
      spec.min,
      spec.max ?? spec.min + 1,
      -1,
      0,
      0.5,
      1,
      2,
      5,
      100,
      101,
      1e9,
      0.95,
      0.999,
      -2147483649,
      2147483648,
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...edges), fc.double({ noNaN: true, min: -1e10, max: 1e10 }), fc.integer()),
        (value) => {
          const core = numberProblem(spec, value) === null;
          let cli = true;
          try {
            optionFromText(key, String(value));
          } catch {
            cli = false;
          }
          expect(cli).toBe(core);
          let checked = true;
          try {
            checkOption(key, value);
          } catch {
            checked = false;
          }
          expect(checked).toBe(core);
        },
      ),
    );
  });

  test.each(Object.keys(NUMBER_RULES))('the sidebar input %s accepts and refuses what the core does', (key) => {
    const spec = OPTION_SPECS[key as OptionKey];
    if (spec.kind !== 'number') throw new Error('not a number option');
    const rule = NUMBER_RULES[key as keyof typeof NUMBER_RULES];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(-5, -1, 0, 0.2, 0.95, 0.96, 0.999, 1, 2.5, 5, 100, 101, 2147483648),
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        ),
        (value) => {
          const sidebar = typeof parseNumberInput(String(value), rule) === 'number';
          expect(sidebar).toBe(numberProblem(spec, value) === null);
        },
      ),
    );
  });

  test('ranges in words', () => {
    expect(describeRange({ kind: 'number', label: 'x', min: 0, max: 1, maxExclusive: true })).toBe(
      'a number at least 0 and below 1',
    );
    expect(describeRange({ kind: 'number', label: 'x', min: 0, max: 100, integer: true })).toBe(
      'a whole number from 0 to 100',
    );
  });

  test('unknown options and wrong types are refused by name', () => {
    expect(() => checkOptions({ colour: 'red' })).toThrow('Unknown option "colour"');
    expect(() => checkOptions({ rare: 'keep' })).toThrow('Rare levels must be drop or lump, got "keep"');
    expect(() => checkOptions({ exclude: 'views' })).toThrow('Exclude must be a list of column names');
    expect(() => checkOptions({ impute: { views: 'average' } })).toThrow(
      'The imputation for "views" must be mean, median, mode, drop or a constant',
    );
    expect(checkOptions({ target: '  fans ', exclude: [' a ', ''] })).toEqual({ target: 'fans', exclude: ['a'] });
  });

  // One regression's own settings (tikfit fit's flags, the formulas' options string) come from FIT_DEFAULTS and
  // STANDARD_ERRORS: both take the same standard errors and refuse the same words.
  test("tikfit fit and the formulas share one regression's defaults and standard errors", () => {
    expect(parseFormulaOptions('TIKFIT', '')).toEqual({
      ...FIT_DEFAULTS,
      level: recipeDefaults('default').level,
      model: DEFAULT_MODEL,
    });
    const csv = join(projectRoot, 'test', 'fixtures', 'r', 'factor.csv');
    const fit = (robust: string): { code: number; out: string } => {
      let out = '';
      const code = main(['fit', csv, '--target', 'y', '--robust', robust, '--json'], {
        stdout: (text: string) => (out += text),
        stderr: (text: string) => (out += text),
      });
      return { code, out };
    };
    for (const kind of STANDARD_ERRORS) {
      expect(parseFormulaOptions('TIKFIT', `robust=${kind}`).robust).toBe(kind);
      const { code, out } = fit(kind);
      expect(code).toBe(0);
      expect(JSON.parse(out).standardErrors).toBe(kind);
    }
    for (const word of ['hc1', 'white']) {
      expect(() => parseFormulaOptions('TIKFIT', `robust=${word}`)).toThrow();
      const { code, out } = fit(word);
      expect(code).toBe(2);
      expect(out).toContain(`--robust takes classical or hc3, got "${word}"`);
    }
  });
});
