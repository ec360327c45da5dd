import { buildDesign } from '../core/design';
import { fitOls } from '../core/fitOls';
import { onePositional, parseFlags, parseLevel, parseList, usage, UsageError, type Io } from './args';
import { formatFitReport } from './formatReport';
import { readCsv, typeNumbers } from './readCsv';

/** `tikfit fit`: OLS on the file as it is. Returns the exit code. */
export function runFitCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseFlags(args, {
    target: { type: 'string' },
    'no-intercept': { type: 'boolean' },
    'log-target': { type: 'boolean' },
    exclude: { type: 'string' },
    level: { type: 'string' },
    robust: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const file = onePositional(positionals);
  if (values.target === undefined || values.target.trim() === '') throw new UsageError('--target <column> is required');
  const level = parseLevel(values.level);
  const robust = values.robust === undefined ? 'classical' : values.robust.toLowerCase();
  if (robust !== 'classical' && robust !== 'hc3') throw new UsageError(`--robust takes hc3, got "${values.robust}"`);

  const start = performance.now();
  let read = start;
  // The grid of text is dropped once the design is built, so that the fit's allocations do not make the garbage
  // collector trace it.
  const design = (() => {
    const grid = typeNumbers(readCsv(file));
    read = performance.now();
    return buildDesign(grid, { target: values.target.trim(), intercept: !values['no-intercept'], logTarget: Boolean(values['log-target']), exclude: parseList(values.exclude) });
  })();
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
