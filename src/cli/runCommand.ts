import { DEFAULT_MODEL, OPTION_FLAGS, recipeDefaults, type OptionKey, type RecipeOptions } from '../core/options';
import { runRecipe, type RecipeJson, type RecipeResult } from '../core/pipeline/runRecipe';
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
import { writeOutput } from './writeOutput';
import { alignTable, formatCoefficientTable, type TableNumbers } from './formatReport';
import { cliRemedy, targetCaveat } from '../core/pipeline/findings';
import { describeSteps, scalesNote } from '../core/pipeline/explain';
import { pValueText, shareText, significantText } from '../core/pipeline/readableNumbers';
import { readRecipeInput } from './readCsv';
import { coefficientTableCsv } from './resultsCsv';

/** The recipe options `tikfit run` takes as flags, in the order --help lists them. */
const RUN_OPTIONS: readonly OptionKey[] = [
  'recipe',
  'target',
  'trend',
  'seed',
  'testFraction',
  'folds',
  'rareThreshold',
  'rare',
  'zeroMissing',
  'impute',
  'exclude',
  'include',
  'maxMissingShare',
  'applyTypoMerges',
  'level',
  'model',
  'offset',
];

/** Each run option's default in words (the default recipe's; the article recipe's where it differs). */
function defaultText(key: OptionKey): string {
  const plain = recipeDefaults('default');
  const article = recipeDefaults('article');
  const show = (value: unknown): string =>
    Array.isArray(value)
      ? value.length === 0
        ? 'none'
        : value.join(',')
      : value === undefined
        ? 'none'
        : String(value);
  if (key === 'target') return 'guessed from the headers (article: newFollowers where it exists)';
  if (key === 'recipe') return 'default';
  if (key === 'applyTypoMerges') return 'off';
  const own = (plain as Record<string, unknown>)[key];
  const theirs = (article as Record<string, unknown>)[key];
  return show(own) === show(theirs) ? show(own) : `${show(own)}; article: ${show(theirs)}`;
}

const RUN_FLAGS: readonly Flag[] = [
  ...RUN_OPTIONS.map((key) => optionFlag(key, defaultText(key))),
  JSON_FLAG,
  { name: 'out', value: '<file.csv>', help: 'also write the coefficient table as CSV', detail: 'default none' },
];

/** `tikfit run`: the preparation pipeline and the model. */
export const RUN_COMMAND: Command = {
  name: 'run',
  synopsis: '<file.csv> [options]',
  what:
    'Cleans, imputes, encodes and transforms a hand-typed log, then fits and evaluates the model and says what it\n' +
    "found in plain words. --recipe article runs the article's workflow, done right.",
  flags: RUN_FLAGS,
  run: runFile,
};

function runFile(values: FlagValues, file: string, io: Io): number {
  const options: Record<string, unknown> = {};
  for (const key of RUN_OPTIONS) {
    const value = optionFromText(key, values[OPTION_FLAGS[key].flag]);
    if (value !== undefined) options[key] = value;
  }
  checkOffsetModel(String(options.model ?? DEFAULT_MODEL), options.offset as string | undefined);
  const result = runRecipe(readRecipeInput(file), options as RecipeOptions);
  if (typeof values.out === 'string') writeOutput(values.out, coefficientTableCsv(result));
  io.stdout(
    forTerminalUnlessJson(
      values.json === true ? JSON.stringify(result.json) : formatRecipeReport(result),
      values.json === true,
    ) + '\n',
  );
  return 0;
}

/** The report's numbers: the results sheet's rules (readableNumbers.ts). */
const readable: TableNumbers = { estimate: (v) => significantText(v), pValue: pValueText };

/** Text for stdout: the JSON as it is (it escapes its own control characters), a report made safe for a terminal. */
function forTerminalUnlessJson(text: string, json: boolean): string {
  return json ? text : forTerminal(text);
}

/**
 * The readable report of `tikfit run`, the answer first: what to read before trusting it (when most of the target was
 * filled in), the findings in plain words, the warnings, then the model (its fit, the coefficient table, the test
 * error and cross-validation), the columns left out, and last "How this was computed" (the steps, transforms and
 * scales). Numbers follow the results sheet's rules (readableNumbers.ts).
 */
export function formatRecipeReport(result: RecipeResult): string {
  const json: RecipeJson = result.json;
  const lines: string[] = [];
  const target = result.results.design.target;
  const r = result.results;
  lines.push(`TikFit: what brings ${target}?`, '');
  const caveat = targetCaveat(json, cliRemedy(target));
  if (caveat !== null) lines.push('READ THIS FIRST', `  ${caveat}`, '');
  lines.push(`What TikFit found (terms with p < 0.05, the clearest first):`, ...json.findings.map((f) => `- ${f}`));
  if (json.warnings.length > 0) lines.push('', 'Warnings:', ...json.warnings.map((w) => `- ${w}`));
  lines.push('');
  const rowsText = `${json.rows.modeled} rows (${json.rows.train} to fit, ${json.rows.test} held out)`;
  if ('fit' in r) {
    const per = json.offset === null ? '' : ` per ${json.offset} (offset log(${json.offset}))`;
    const kind = r.model === 'nb' ? `negative binomial (θ ${significantText(r.theta)})` : 'Poisson';
    lines.push(
      `The model: ${kind}, log link, of ${target} as counts${per}; ${rowsText}; ` +
        `deviance ${significantText(r.deviance)} on ${r.dfResidual} df ` +
        `(null ${significantText(r.nullDeviance)} on ${r.dfNull} df), AIC ${significantText(r.aic)}.`,
    );
  } else {
    lines.push(
      `The model: ${rowsText}; R² ${shareText(r.rSquared)}, adjusted R² ${shareText(r.adjRSquared)}, F-test p ${pValueText(r.fPValue)}.`,
    );
  }
  const e = json.evaluation;
  if (e.testRmseLog === null && e.testRmseFollowers !== null) {
    lines.push(
      `Test error on the held-out rows: RMSE ${significantText(e.testRmseFollowers)} ` +
        `and MAE ${significantText(e.testMaeFollowers)} ${target} (expected counts).`,
    );
  } else if (e.testRmseLog !== null) {
    lines.push(
      `Test error on the held-out rows: RMSE ${significantText(e.testRmseFollowers)} ` +
        `and MAE ${significantText(e.testMaeFollowers)} ${target} (RMSE ${significantText(e.testRmseLog)} on the log1p scale).`,
    );
  } else {
    lines.push('Test error: none (no rows held out).');
  }
  if (e.cvRmseFollowers !== null && e.cvRmseFollowers.mean !== null) {
    lines.push(
      `Cross-validation (${e.cvRmseFollowers.folds} folds): RMSE ${significantText(e.cvRmseFollowers.mean)} ` +
        `± ${significantText(e.cvRmseFollowers.sd)} ${target} (expected counts).`,
    );
  }
  if (e.cvRmseLog.mean !== null) {
    lines.push(
      `Cross-validation (${e.cvRmseLog.folds} folds): RMSE ${significantText(e.cvRmseLog.mean)} ± ${significantText(e.cvRmseLog.sd)} on the log1p scale.`,
    );
  }
  lines.push('');
  const notes = new Map(
    result.transforms.map((t) => [
      t.name,
      [t.log1p ? 'log1p' : '', t.sd !== null ? 'z' : ''].filter(Boolean).join(', '),
    ]),
  );
  const label = (name: string): string => (notes.get(name) ? `${name} [${notes.get(name)}]` : name);
  lines.push(
    `Coefficients (on the model's scales: see How this was computed; [log1p] and [z] mark transformed predictors):`,
  );
  lines.push(...formatCoefficientTable(r, label, readable));
  if (json.leftOut.length > 0)
    lines.push('', 'Not in the model:', ...json.leftOut.map((c) => `- ${c.column}: ${c.detail}`));
  lines.push('', 'How this was computed:');
  const stepRows: string[][] = [['step', 'what happened']];
  for (const line of describeSteps(json)) stepRows.push(line);
  lines.push(...alignTable(stepRows).map((l) => `  ${l}`));
  lines.push(...scalesNote(result).map((l) => `  ${l}`));
  return lines.join('\n');
}

export { UsageError };
