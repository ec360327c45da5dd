import { parseArgs } from 'node:util';
import { buildDesign } from '../core/design';
import { fitOls } from '../core/fitOls';
import { formatFitReport } from './formatReport';
import { readCsv } from './readCsv';

const usage = `Usage:
  tikfit fit <file.csv> --target <column> [--no-intercept] [--log-target] [--exclude a,b]
             [--level 0.95] [--robust hc3] [--json]

Fits an ordinary-least-squares regression and prints a report like R's summary(lm), or one JSON object with --json.
Text columns are one-hot encoded against their first level in code-point order; rows with a missing value in a
used column are left out and counted.`;

/** An error the user can fix; printed as one line with exit code 2. */
export class UsageError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the command line with the given arguments (without `node` and the script) and returns the exit code:
 * 0 on success, 2 for bad input or usage, 1 for an unexpected failure.
 */
export function main(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(usage + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === 'fit') return runFit(rest, io);
    throw new UsageError(`unknown command "${command}"; try "tikfit fit --help"`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`tikfit${command && command !== '--help' ? ` ${command}` : ''}: error: ${message.split('\n')[0]}\n`);
    return error instanceof UsageError || isInputError(error) ? 2 : 1;
  }
}

/** Errors from reading or checking the input (the core names the problem); anything else is a bug. */
function isInputError(error: unknown): boolean {
  return error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError) && !(error instanceof ReferenceError);
}

function runFit(args: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        'no-intercept': { type: 'boolean' },
        'log-target': { type: 'boolean' },
        exclude: { type: 'string' },
        level: { type: 'string' },
        robust: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the CSV file to fit' : `expected one CSV file, got ${positionals.length}`);
  if (values.target === undefined || values.target.trim() === '') throw new UsageError('--target <column> is required');
  let level = 0.95;
  if (values.level !== undefined) {
    level = Number(values.level);
    if (!(level > 0 && level < 1)) throw new UsageError(`--level must be a number between 0 and 1, got "${values.level}"`);
  }
  const robust = values.robust === undefined ? 'classical' : values.robust.toLowerCase();
  if (robust !== 'classical' && robust !== 'hc3') throw new UsageError(`--robust takes hc3, got "${values.robust}"`);
  const exclude = values.exclude === undefined ? [] : values.exclude.split(',').map((s) => s.trim()).filter((s) => s !== '');

  const start = performance.now();
  const grid = readCsv(positionals[0] as string);
  const read = performance.now();
  const design = buildDesign(grid, { target: values.target.trim(), intercept: !values['no-intercept'], logTarget: Boolean(values['log-target']), exclude });
  const prepared = performance.now();
  const results = fitOls(design, { level, robust });
  const json = results.toJSON(); // computes and caches every statistic, so the fit time includes them
  const fitted = performance.now();
  if (values.json) {
    const timingsMs = { read: read - start, prepare: prepared - read, fit: fitted - prepared, total: fitted - start };
    io.stdout(JSON.stringify({ ...json, timingsMs }) + '\n');
  } else {
    io.stdout(formatFitReport(results) + '\n');
  }
  return 0;
}

if (require.main === module) {
  const code = main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  process.exitCode = code;
}
