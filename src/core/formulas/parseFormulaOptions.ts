import { parseNumber } from '../cells/parseNumber';
import {
  DEFAULT_MODEL,
  FIT_DEFAULTS,
  MODELS,
  recipeDefaults,
  type ModelName,
  type StandardErrorKind,
} from '../options';

/** The settings a formula's `options` text can change. */
export interface FormulaOptions {
  /** Model log1p(y) and back-transform predictions with expm1: the `log-target` option (default false). */
  logTarget: boolean;
  /** Confidence level of the intervals, in (0, 1) (default 0.95). */
  level: number;
  /** Standard errors: 'classical' (default) or 'hc3'. */
  robust: StandardErrorKind;
  /** Fit an intercept (default true). */
  intercept: boolean;
  /** Least squares ('ols', the default) or a count model with the log link ('poisson', 'nb'). */
  model: ModelName;
}

/** The defaults: no transform, 95% intervals, classical standard errors, an intercept, least squares. */
export const DEFAULT_FORMULA_OPTIONS: Readonly<FormulaOptions> = Object.freeze({
  ...FIT_DEFAULTS,
  level: recipeDefaults('default').level,
  model: DEFAULT_MODEL,
});

/** The keys, as written after spaces, "-" and "_" are dropped and letters lowered; `log1p` is log-target's old name. */
const KEYS: Readonly<Record<string, keyof FormulaOptions>> = {
  logtarget: 'logTarget',
  log1p: 'logTarget',
  level: 'level',
  robust: 'robust',
  intercept: 'intercept',
  model: 'model',
};

const KNOWN = `log-target, level=<between 0 and 1>, robust=hc3|none, intercept=true|false, model=${MODELS.join('|')}`;
const EXAMPLE = '"log-target; level=0.9; robust=hc3; intercept=false"';

/**
 * Reads a formula's `options` argument: settings separated by `;`, keys in any case, spaces anywhere ignored, e.g.
 * "log-target; level=0.9; robust=hc3; intercept=false" or "model=nb". `log-target` (also spelled log_target,
 * logTarget, or log1p as in earlier releases), `robust` and `intercept` may stand alone (meaning true, hc3 and true)
 * or take true/false (also yes/no, 1/0); `robust` also takes hc3, none or classical; `model` takes one of core
 * options' MODELS. A count model fits the counts themselves, so it refuses log-target and robust=hc3. A missing
 * argument, "" or a blank cell mean the defaults; a single-cell range ([[text]]) is read as its text.
 *
 * Cost: O(length of the text).
 * @throws Error naming the function for: options that are not text (a number or a boolean given by mistake), an
 *   unknown key (listing the known ones), a key given twice, a bad value (a level outside (0, 1), say), or a count
 *   model with log-target or robust=hc3.
 */
export function parseFormulaOptions(functionName: string, options: unknown): FormulaOptions {
  let value = options;
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && (value[0] as unknown[]).length === 1)
    value = (value[0] as unknown[])[0];
  if (value === undefined || value === null) return { ...DEFAULT_FORMULA_OPTIONS };
  if (typeof value !== 'string') {
    const shown =
      typeof value === 'number' || typeof value === 'boolean' ? `the ${typeof value} ${String(value)}` : 'a range';
    throw new Error(`${functionName}: options must be text such as ${EXAMPLE}, not ${shown}`);
  }
  const result: FormulaOptions = { ...DEFAULT_FORMULA_OPTIONS };
  const seen = new Set<keyof FormulaOptions>();
  for (const setting of value.replace(/\s+/g, '').split(';')) {
    if (setting === '') continue;
    const equals = setting.indexOf('=');
    const written = equals < 0 ? setting : setting.slice(0, equals);
    const text = equals < 0 ? null : setting.slice(equals + 1);
    const key = KEYS[written.toLowerCase().replace(/[-_]/g, '')];
    if (key === undefined) {
      const hint = setting.includes(',') ? '; separate settings with ";"' : '';
      throw new Error(`${functionName}: unknown option "${setting}"${hint}; the options are ${KNOWN}, e.g. ${EXAMPLE}`);
    }
    const name = key === 'logTarget' ? 'log-target' : key;
    if (seen.has(key)) throw new Error(`${functionName}: the option ${name} is given twice`);
    seen.add(key);
    if (key === 'level') {
      const level = text === null ? null : parseNumber(text);
      if (level === null || !(level > 0 && level < 1)) {
        throw new Error(
          `${functionName}: level must be a number between 0 and 1, such as level=0.9, but got ${text === null ? 'no value' : `"${text}"`}`,
        );
      }
      result.level = level;
    } else if (key === 'robust') {
      const kind = text === null ? 'hc3' : text.toLowerCase();
      if (['hc3', 'true', 'yes', '1'].includes(kind)) result.robust = 'hc3';
      else if (['none', 'classical', 'false', 'no', '0'].includes(kind)) result.robust = 'classical';
      else throw new Error(`${functionName}: robust must be hc3 or none, but got "${text}"`);
    } else if (key === 'model') {
      const model = MODELS.find((m) => m === text?.toLowerCase());
      if (model === undefined)
        throw new Error(
          `${functionName}: model must be ${MODELS.join(' or ')}, such as model=nb, but got ${text === null ? 'no value' : `"${text}"`}`,
        );
      result.model = model;
    } else {
      const flag = readFlag(text);
      if (flag === null) throw new Error(`${functionName}: ${name} must be true or false, but got "${text}"`);
      result[key] = flag;
    }
  }
  if (result.model !== 'ols' && result.logTarget)
    throw new Error(
      `${functionName}: model=${result.model} fits the counts themselves, so it takes no log-target; remove one of the two`,
    );
  if (result.model !== 'ols' && result.robust === 'hc3')
    throw new Error(
      `${functionName}: robust=hc3 is for least squares, not model=${result.model}; remove one of the two`,
    );
  return result;
}

function readFlag(text: string | null): boolean | null {
  if (text === null) return true;
  const lower = text.toLowerCase();
  if (['true', 'yes', '1'].includes(lower)) return true;
  if (['false', 'no', '0'].includes(lower)) return false;
  return null;
}

/**
 * A canonical text of parsed options (the same for every spelling of the same settings), for cache keys.
 * Cost: O(1).
 */
export function formatFormulaOptions(options: FormulaOptions): string {
  return (
    `log-target=${options.logTarget};level=${String(options.level)};robust=${options.robust};` +
    `intercept=${options.intercept};model=${options.model}`
  );
}
