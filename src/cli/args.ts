import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkOption,
  describeRange,
  OPTION_FLAGS,
  OPTION_SPECS,
  type OptionKey,
  type OptionSpec,
} from '../core/options';

/** An error the user can fix; printed as one line with exit code 2. */
export class UsageError extends Error {}

/** Where a command writes. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A flag of a command: one of the recipe's options (see core/options.ts), or the command's own. */
export interface Flag {
  /** The flag without dashes. */
  name: string;
  /** What follows the flag in the usage line ("<column>"), or '' for a switch. */
  value: string;
  help: string;
  /** The default and the allowed values, in words (shown in --help). */
  detail: string;
}

/** --json, which every command takes: one JSON object on standard output instead of the report. */
export const JSON_FLAG: Flag = {
  name: 'json',
  value: '',
  help: 'print one JSON object instead of the report',
  detail: 'default off',
};

/** The flag of a recipe option, its words (OPTION_FLAGS) and allowed values (OPTION_SPECS). */
export function optionFlag(key: OptionKey, defaultText: string): Flag {
  const spec: OptionSpec = OPTION_SPECS[key];
  const value =
    spec.kind === 'boolean'
      ? ''
      : spec.kind === 'choice'
        ? spec.choices.join('|')
        : spec.kind === 'column'
          ? '<column>'
          : spec.kind === 'columns'
            ? '<a,b,…>'
            : spec.kind === 'impute'
              ? '<col=method,…>'
              : '<number>';
  const allowed = spec.kind === 'number' ? `; ${describeRange(spec)}` : '';
  const { flag, help } = OPTION_FLAGS[key];
  return { name: flag, value, help, detail: `default ${defaultText}${allowed}` };
}

/** A command's --help: its usage line, what it does, and every flag with its default and allowed values. */
export function commandHelp({ name, synopsis, what, flags }: Command): string {
  const left = flags.map((f) => `  --${f.name}${f.value === '' ? '' : ` ${f.value}`}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = [`Usage: tikfit ${name} ${synopsis}`, '', what, '', 'Options:'];
  flags.forEach((f, k) => lines.push(`${(left[k] as string).padEnd(width)}${f.help} (${f.detail})`));
  lines.push(`${'  -h, --help'.padEnd(width)}this help`);
  return lines.join('\n');
}

/** The global usage: the commands, and where to find their flags. */
export const usage = `Usage:
  tikfit run <file.csv> [options]      clean, impute, encode and fit a hand-typed log, and say what it found
  tikfit fit <file.csv> --target <col> [options]
                                       an ordinary-least-squares regression of the file as it is
  tikfit --version

"tikfit run --help" and "tikfit fit --help" list every flag with its default and allowed values.`;

/** The version of this tikfit (from its package.json). */
export function version(): string {
  for (const folder of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tikfit' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; try the next folder
    }
  }
  return 'unknown';
}

/** Parses a command's flags (plus --help), turning parseArgs' complaints into one-line usage errors. */
export function parseFlags(args: readonly string[], flags: readonly Flag[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const f of flags) options[f.name] = { type: f.value === '' ? 'boolean' : 'string' };
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options });
  } catch (error) {
    const message = (error as Error).message;
    // "--seed -5" reads as two flags; parseArgs says so over three lines. One line, with the way to write it.
    const ambiguous = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous)
      throw new UsageError(
        `${ambiguous[1]} takes a value starting with "-" only as ${ambiguous[1]}=<value> (for example ${ambiguous[1]}=-5)`,
      );
    throw new UsageError(message.split('\n')[0] as string);
  }
}

/** The flags' values as parsed. */
export type FlagValues = ReturnType<typeof parseFlags>['values'];

/** A command of tikfit: its usage line, what it does, its flags, and what it does with them and the CSV file. */
export interface Command {
  name: string;
  synopsis: string;
  what: string;
  flags: readonly Flag[];
  /** Runs on the parsed flags and the one CSV file; returns the exit code. */
  run: (values: FlagValues, file: string, io: Io) => number;
}

/**
 * Runs a command: prints its help when asked, else parses its flags and the one CSV file and runs it. Returns the
 * exit code.
 * @throws UsageError as `parseFlags` and `onePositional`, and whatever the command throws.
 */
export function runCommand(command: Command, args: readonly string[], io: Io): number {
  const parsed = parseFlags(args, command.flags);
  if (parsed.values.help) {
    io.stdout(commandHelp(command) + '\n');
    return 0;
  }
  return command.run(parsed.values, onePositional(parsed.positionals), io);
}

/**
 * The exposure flag with the model chosen: log(column) is an offset for a count model; least squares has none.
 * @throws UsageError for --offset with --model ols.
 */
export function checkOffsetModel(model: string, offset: string | undefined): void {
  if (offset !== undefined && model === 'ols')
    throw new UsageError(
      `--offset ${offset} is for a count model (--model poisson or nb); with least squares drop --offset, or explain a rate`,
    );
}

/**
 * A recipe option's value from its flag's text, typed and checked against OPTION_SPECS.
 * @throws UsageError naming the flag, what it takes and what it got.
 */
export function optionFromText(key: OptionKey, text: string | boolean | undefined): unknown {
  if (text === undefined) return undefined;
  const spec = OPTION_SPECS[key];
  let value: unknown = text;
  if (spec.kind === 'number') value = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  else if (spec.kind === 'columns') value = parseList(String(text));
  else if (spec.kind === 'impute') value = parseImpute(String(text));
  try {
    return checkOption(key, value);
  } catch (error) {
    const what =
      spec.kind === 'number' ? describeRange(spec) : spec.kind === 'choice' ? spec.choices.join(' or ') : 'a value';
    throw new UsageError(
      spec.kind === 'impute'
        ? (error as Error).message
        : `--${OPTION_FLAGS[key].flag} takes ${what}, got "${String(text)}"`,
    );
  }
}

/** The one CSV file a command takes. */
export function onePositional(positionals: readonly string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'give the CSV file' : `expected one CSV file, got ${positionals.length}`,
    );
  return positionals[0] as string;
}

/** A comma-separated list of column names. */
export function parseList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

/** "col=mean,col2=mode,col3=drop,col4=0" → methods; a number is a numeric constant, other text a text constant. */
export function parseImpute(text: string): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const part of parseList(text)) {
    const at = part.lastIndexOf('=');
    if (at <= 0 || at === part.length - 1)
      throw new UsageError(
        `--impute takes column=method pairs (mean, median, mode, drop or a constant), got "${part}"`,
      );
    const column = part.slice(0, at).trim();
    const method = part.slice(at + 1).trim();
    if (method === 'mean' || method === 'median' || method === 'mode' || method === 'drop') methods[column] = method;
    else methods[column] = { constant: Number.isFinite(Number(method)) ? Number(method) : method };
  }
  return methods;
}

/**
 * Text for a terminal: control characters (an escape sequence in a label could move the cursor or recolour the
 * screen) are shown as \\xNN, except the line breaks that lay the report out. Cost: O(length).
 */
export function forTerminal(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
