import { buildDesign, buildTypedDesign, type DesignOptions } from '../core/model/design';
import { fitOls } from '../core/model/fitOls';
import { fitGlm } from '../core/model/fitGlm';
import {
  DEFAULT_MODEL,
  FIT_DEFAULTS,
  recipeDefaults,
  STANDARD_ERRORS,
  type ModelName,
  type StandardErrorKind,
} from '../core/options';
import { exposureOffset } from '../core/model/exposureOffset';
import { requireColumn, tableFromGrid } from '../core/cells/table';
import {
  checkOffsetModel,
  forTerminal,
  JSON_FLAG,
  optionFlag,
  optionFromText,
  UsageError,
  type Command,
  type Flag,
  type FlagValues,
  type Io,
} from './args';
import { formatFitReport, formatGlmReport } from './formatReport';
import { typeNumbers } from '../core/io/csv';
import { readCsv, readTypedCsvFile } from './readCsv';

const onOff = (on: boolean): string => (on ? 'on' : 'off');

const FIT_FLAGS: readonly Flag[] = [
  { name: 'target', value: '<column>', help: 'the column to explain', detail: 'required' },
  {
    name: 'no-intercept',
    value: '',
    help: 'fit without an intercept',
    detail: `default ${onOff(!FIT_DEFAULTS.intercept)}`,
  },
  {
    name: 'log-target',
    value: '',
    help: 'explain log1p(target) instead of the target',
    detail: `default ${onOff(FIT_DEFAULTS.logTarget)}`,
  },
  optionFlag('exclude', 'none'),
  optionFlag('model', DEFAULT_MODEL),
  optionFlag('offset', 'none'),
  optionFlag('level', String(recipeDefaults('default').level)),
  {
    name: 'robust',
    value: STANDARD_ERRORS.join('|'),
    help: 'standard errors: classical, or HC3 (heteroskedasticity-consistent)',
    detail: `default ${FIT_DEFAULTS.robust}`,
  },
  JSON_FLAG,
];

/**
 * `tikfit fit`: OLS, or a Poisson or negative-binomial count model, on the file as it is.
 * @throws UsageError for a missing target, a bad flag value, a count model with --log-target or --robust hc3, or
 *   --offset with least squares.
 */
export const FIT_COMMAND: Command = {
  name: 'fit',
  synopsis: '<file.csv> --target <column> [options]',
  what:
    "A regression of the file as it is, with a report like R's summary(lm), or with --model poisson|nb a count model\n" +
    '(log link) like summary(glm) and MASS::glm.nb, whose exp(estimate) is the factor on the expected count. Text\n' +
    'columns are one-hot encoded against their first level; rows with a missing value in a used column are left out.',
  flags: FIT_FLAGS,
  run: fitFile,
};

function fitFile(values: FlagValues, file: string, io: Io): number {
  const target = typeof values.target === 'string' ? values.target.trim() : '';
  if (target === '') throw new UsageError('--target <column> is required');
  const level = (optionFromText('level', values.level) as number | undefined) ?? recipeDefaults('default').level;
  const exclude = (optionFromText('exclude', values.exclude) as string[] | undefined) ?? [];
  const robust = (
    typeof values.robust === 'string' ? values.robust.toLowerCase() : FIT_DEFAULTS.robust
  ) as StandardErrorKind;
  if (!STANDARD_ERRORS.includes(robust))
    throw new UsageError(`--robust takes ${STANDARD_ERRORS.join(' or ')}, got "${String(values.robust)}"`);
  const model = (optionFromText('model', values.model) as ModelName | undefined) ?? DEFAULT_MODEL;
  const countModel = model === 'nb' ? 'negative binomial' : 'Poisson';
  if (model !== 'ols' && values['log-target'])
    throw new UsageError(`--log-target is for least squares: a ${countModel} model explains the counts themselves`);
  if (model !== 'ols' && robust === 'hc3')
    throw new UsageError(`--robust hc3 is for least squares; a ${countModel} model reports Wald standard errors`);
  const offsetColumn = optionFromText('offset', values.offset) as string | undefined;
  checkOffsetModel(model, offsetColumn);
  if (offsetColumn === target) throw new UsageError(`--offset ${target} is the target; choose the exposure column`);

  const start = performance.now();
  let read = start;
  // The file's cells (typed columns, or the grid of text) are dropped once the design is built, so that the fit's
  // allocations do not make the garbage collector trace them.
  const designOptions = (excluded: readonly string[]): DesignOptions => ({
    target,
    intercept: values['no-intercept'] ? false : FIT_DEFAULTS.intercept,
    logTarget: values['log-target'] ? true : FIT_DEFAULTS.logTarget,
    exclude: excluded,
  });
  const { design, offset } = (() => {
    // Without an exposure column (read from the table of cells) the file goes to typed columns, with no grid.
    if (offsetColumn === undefined) {
      const typed = readTypedCsvFile(file);
      read = performance.now();
      return { design: buildTypedDesign(typed, designOptions(exclude)), offset: undefined };
    }
    const grid = typeNumbers(readCsv(file));
    read = performance.now();
    const table = tableFromGrid(grid);
    requireColumn(table, offsetColumn, 'the exposure');
    const built = buildDesign(grid, designOptions([...exclude, offsetColumn]));
    // The design's rows are the grid's (1 is the first data row); the table's start at 0.
    const tableRows = built.rowIndex.map((row) => row - 1);
    return { design: built, offset: exposureOffset(table, offsetColumn, tableRows) };
  })();
  const prepared = performance.now();
  const results =
    model === 'ols'
      ? fitOls(design, { level, robust })
      : fitGlm(design, { model, level, ...(offset === undefined ? {} : { offset }) });
  // toJSON computes and caches every statistic, so the fit time includes them.
  const json =
    'fit' in results ? { ...results.toJSON(), offset: offsetColumn ?? null } : { model: 'ols', ...results.toJSON() };
  const fitted = performance.now();
  if (values.json) {
    const timingsMs = { read: read - start, prepare: prepared - read, fit: fitted - prepared, total: fitted - start };
    io.stdout(JSON.stringify({ ...json, timingsMs }) + '\n');
  } else {
    io.stdout(forTerminal('fit' in results ? formatGlmReport(results, offsetColumn) : formatFitReport(results)) + '\n');
  }
  return 0;
}
