/** Normalising the formats a script sets, the way Sheets reports them back (`getBackground()` gives "#ff0000"). */

import { CellFormat, FormatKey } from './cells';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** A CSS colour as Sheets reports it: lower-case "#rrggbb" for names and hex forms it knows, else as given. */
export function normalizeColor(color: string): string {
  const lower = color.trim().toLowerCase();
  const named = NAMED_COLORS[lower];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return lower;
}

/**
 * The stored form of a format value, or undefined to reset the key to its default (null, or the value that
 * is the default anyway: "normal" weight, "general" alignment).
 */
export function normalizeFormatValue(key: FormatKey, value: unknown): CellFormat[FormatKey] | undefined {
  if (value === null || value === undefined) return undefined;
  switch (key) {
    case 'background':
    case 'fontColor':
      return normalizeColor(String(value));
    case 'fontWeight':
    case 'fontStyle': {
      const v = String(value).toLowerCase();
      return v === 'normal' ? undefined : v;
    }
    case 'horizontalAlignment': {
      const v = String(value).toLowerCase();
      return v === 'normal' || v === 'general' ? undefined : v;
    }
    case 'verticalAlignment':
      return String(value).toLowerCase();
    case 'wrap':
      return Boolean(value);
    case 'fontSize':
      return Number(value);
    default:
      return String(value);
  }
}
