import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error the user can fix; printed as one line with exit code 2. */
export class UsageError extends Error {}

/** Where a command writes. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const usage = `Usage:
  tikfit run <file.csv> [--recipe article] [--target <column>] [--trend <date column>] [--seed 42] [--test-fraction 0.2]
             [--folds 5] [--rare-threshold 5] [--rare drop|lump] [--zero-missing a,b]
             [--impute col=mean,col2=mode] [--exclude a,b] [--include a,b] [--merge-typos]
             [--level 0.95] [--json] [--out results.csv]
  tikfit fit <file.csv> --target <column> [--no-intercept] [--log-target] [--exclude a,b]
             [--level 0.95] [--robust hc3] [--json]

run: cleans, imputes, encodes and transforms a hand-typed export, then fits and evaluates the model and says what
     it found in plain words (--recipe article: the article's workflow, done right).
fit: an ordinary-least-squares regression of the file as it is, with a report like R's summary(lm).`;

/** Parses a command's flags (plus --help), turning parseArgs' complaints into one-line usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } };
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options: all });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

/** The one CSV file a command takes. */
export function onePositional(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the CSV file' : `expected one CSV file, got ${positionals.length}`);
  return positionals[0] as string;
}

/** --level as a number in (0, 1), default 0.95. */
export function parseLevel(text: string | undefined): number {
  if (text === undefined) return 0.95;
  const level = Number(text);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must be a number between 0 and 1, got "${text}"`);
  return level;
}

/** A comma-separated list of column names. */
export function parseList(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A whole number flag, or undefined when absent. */
export function parseInteger(flag: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`--${flag} must be a whole number of at least ${minimum}, got "${text}"`);
  return value;
}
