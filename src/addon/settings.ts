import { utf8Bytes } from '../core/cells/utf8Bytes';
import { recipeDefaults } from '../core/pipeline/runRecipe';
import type { StepOptions } from './api';
import { PROPERTY_VALUE_BYTES, putProperty, storeBytes, STORE_BYTES } from './documentStore';

export { PROPERTY_VALUE_BYTES } from './documentStore';

const SETTINGS_KEY = 'tikfit.settings';

/**
 * The settings every server function uses unless told otherwise: the default recipe's, which say nothing about any
 * column (the target is guessed from the sheet, and no zeros are treated as missing unless the user ticks them).
 */
export function defaultSettings(): Required<Pick<StepOptions, 'seed' | 'testFraction' | 'folds' | 'rareThreshold' | 'rare' | 'zeroMissing' | 'level'>> &
  Pick<StepOptions, 'target'> {
  const { seed, testFraction, folds, rareThreshold, rare, level } = recipeDefaults('default');
  return { seed, testFraction, folds, rareThreshold, rare, zeroMissing: [], level };
}

/**
 * The settings saved in DocumentProperties (shared by every editor of the document), or {} when none.
 * A corrupt value is ignored rather than breaking the add-on.
 */
export function loadSettings(): StepOptions {
  const text = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  if (text === null) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as StepOptions) : {};
  } catch {
    return {};
  }
}

/**
 * Saves settings for every editor, checking them first and keeping them within Google's limits in UTF-8 bytes: 9 KB
 * for the value, 500 KB for the document's store (other sheets' records are given up first to make room).
 * @throws Error, one line, when an option has the wrong type or the settings are too large to keep.
 */
export function saveSettings(options: StepOptions): StepOptions {
  const clean = checkOptions(options);
  const text = JSON.stringify(clean);
  const bytes = utf8Bytes(SETTINGS_KEY) + utf8Bytes(text);
  if (bytes > PROPERTY_VALUE_BYTES) {
    throw new Error(`These settings are too large to keep in the document (${bytes.toLocaleString('en-US')} bytes, over Google's 9 KB): list fewer columns, or shorten their names`);
  }
  if (!putProperty(SETTINGS_KEY, text)) {
    throw new Error(`These settings do not fit in the document's storage for add-ons (it holds ${storeBytes().toLocaleString('en-US')} bytes of the ${STORE_BYTES.toLocaleString('en-US')} TikFit allows itself): delete unused sheets, or save fewer settings`);
  }
  return clean;
}

/** Saved settings over the defaults, then the call's own options over both. */
export function effectiveOptions(options: StepOptions | undefined): StepOptions & ReturnType<typeof defaultSettings> {
  return { ...defaultSettings(), ...loadSettings(), ...checkOptions(options ?? {}) };
}

const numberKeys = ['seed', 'testFraction', 'folds', 'rareThreshold', 'level'] as const;
const listKeys = ['zeroMissing', 'exclude', 'include'] as const;

/**
 * Validates options coming from the client (which may be anything), keeping only known keys.
 * @throws Error naming the option with the wrong type.
 */
export function checkOptions(options: unknown): StepOptions {
  if (options === null || options === undefined) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new Error('TikFit: options must be an object');
  const input = options as Record<string, unknown>;
  const out: StepOptions = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if ((numberKeys as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`TikFit: option "${key}" must be a number`);
      (out as Record<string, unknown>)[key] = value;
    } else if ((listKeys as readonly string[]).includes(key)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`TikFit: option "${key}" must be a list of column names`);
      (out as Record<string, unknown>)[key] = value.slice();
    } else if (key === 'target' || key === 'trend') {
      if (typeof value !== 'string' || value.trim() === '') throw new Error(`TikFit: option "${key}" must be a column name`);
      out[key] = value.trim();
    } else if (key === 'rare') {
      if (value !== 'drop' && value !== 'lump') throw new Error('TikFit: option "rare" must be "drop" or "lump"');
      out.rare = value;
    } else if (key === 'applyTypoMerges' || key === 'convertFormulas') {
      if (typeof value !== 'boolean') throw new Error(`TikFit: option "${key}" must be true or false`);
      out[key] = value;
    } else if (key === 'impute') {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error('TikFit: option "impute" must map column names to methods');
      const methods: NonNullable<StepOptions['impute']> = {};
      for (const [column, method] of Object.entries(value as Record<string, unknown>)) {
        if (method === 'mean' || method === 'median' || method === 'mode' || method === 'drop') methods[column] = method;
        else if (method !== null && typeof method === 'object' && 'constant' in method && ['number', 'string'].includes(typeof (method as { constant: unknown }).constant)) {
          methods[column] = { constant: (method as { constant: number | string }).constant };
        } else throw new Error(`TikFit: the imputation for "${column}" must be mean, median, mode, drop or { constant }`);
      }
      out.impute = methods;
    } else {
      throw new Error(`TikFit: unknown option "${key}"`);
    }
  }
  return out;
}
