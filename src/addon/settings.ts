import { checkOptions as coreCheckOptions, recipeDefaults } from '../core/options';
import type { StepOptions } from './api';
import {
  PROPERTY_VALUE_BYTES,
  propertyBytes,
  putProperty,
  readProperty,
  storeBytes,
  STORE_BYTES,
} from './documentStore';

export { PROPERTY_VALUE_BYTES } from './documentStore';

const SETTINGS_KEY = 'tikfit.settings';

/**
 * The settings every server function uses unless told otherwise: the default recipe's, which say nothing about any
 * column (the target is guessed from the sheet, and no zeros are treated as missing unless the user ticks them).
 */
export function defaultSettings(): Required<
  Pick<StepOptions, 'seed' | 'testFraction' | 'folds' | 'rareThreshold' | 'rare' | 'zeroMissing' | 'level'>
> &
  Pick<StepOptions, 'target'> {
  const { seed, testFraction, folds, rareThreshold, rare, level } = recipeDefaults('default');
  return { seed, testFraction, folds, rareThreshold, rare, zeroMissing: [], level };
}

/**
 * The settings saved in DocumentProperties (shared by every editor of the document), or {} when none.
 * A corrupt value is ignored rather than breaking the add-on.
 */
export function loadSettings(): StepOptions {
  const parsed = readProperty(SETTINGS_KEY);
  return parsed !== null && typeof parsed === 'object' ? (parsed as StepOptions) : {};
}

/**
 * Saves settings for every editor, checking them first and keeping them within Google's limits in UTF-8 bytes: 9 KB
 * for the value, 500 KB for the document's store (other sheets' records are given up first to make room).
 * @throws Error, one line, when an option has the wrong type or the settings are too large to keep.
 */
export function saveSettings(options: StepOptions): StepOptions {
  const clean = checkOptions(options);
  const text = JSON.stringify(clean);
  const bytes = propertyBytes(SETTINGS_KEY, text);
  if (bytes > PROPERTY_VALUE_BYTES) {
    throw new Error(
      'These settings are too large to keep in the document ' +
        `(${bytes.toLocaleString('en-US')} bytes, over Google's 9 KB): ` +
        'list fewer columns, or shorten their names',
    );
  }
  if (!putProperty(SETTINGS_KEY, text)) {
    throw new Error(
      `These settings do not fit in the document's storage for add-ons ` +
        `(it holds ${storeBytes().toLocaleString('en-US')} bytes ` +
        `of the ${STORE_BYTES.toLocaleString('en-US')} TikFit allows itself): ` +
        'delete unused sheets, or save fewer settings',
    );
  }
  return clean;
}

/** Saved settings over the defaults, then the call's own options over both. */
export function effectiveOptions(options: StepOptions | undefined): StepOptions & ReturnType<typeof defaultSettings> {
  return { ...defaultSettings(), ...loadSettings(), ...checkOptions(options ?? {}) };
}

/**
 * Checks options coming from the client (which may be anything) with the core's one check (src/core/options.ts),
 * keeping the known keys that are set, plus the add-on's own `convertFormulas`.
 * @throws Error naming the option, what it takes and what it got.
 */
export function checkOptions(options: unknown): StepOptions {
  if (options === null || options === undefined) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new Error('TikFit: options must be an object');
  const {
    convertFormulas,
    recipe: _recipe,
    encodedBefore: _encodedBefore,
    ...rest
  } = options as Record<string, unknown>;
  if (convertFormulas !== undefined && convertFormulas !== null && typeof convertFormulas !== 'boolean')
    throw new Error('TikFit: option "convertFormulas" must be true or false');
  if (_recipe !== undefined || _encodedBefore !== undefined)
    throw new Error(`TikFit: unknown option "${_recipe !== undefined ? 'recipe' : 'encodedBefore'}"`);
  let checked: StepOptions;
  try {
    checked = coreCheckOptions(rest) as StepOptions;
  } catch (error) {
    throw new Error(`TikFit: ${(error as Error).message}`, { cause: error });
  }
  return typeof convertFormulas === 'boolean' ? { ...checked, convertFormulas } : checked;
}
