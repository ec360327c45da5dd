import { OPTION_SPECS, recipeDefaults, type OptionKey, type RecipeOptions } from '../core/options';
import { runRecipe, type RecipeJson, type RecipeResult } from '../core/pipeline/runRecipe';
import { commandHelp, forTerminal, onePositional, optionFlag, optionFromText, parseFlags, UsageError, type Flag, type Io } from './args';
import { writeOutput } from './writeOutput';
import { alignTable, formatCoefficientTable, formatNumber, formatPValue } from './formatReport';
import { readCsv } from './readCsv';
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
];

/** Each run option's default in words (the default recipe's; the article recipe's where it differs). */
function defaultText(key: OptionKey): string {
  const plain = recipeDefaults('default');
  const article = recipeDefaults('article');
  const show = (value: unknown): string => (Array.isArray(value) ? (value.length === 0 ? 'none' : value.join(',')) : value === undefined ? 'none' : String(value));
  if (key === 'target') return 'guessed from the headers (article: newFollowers where it exists)';
  if (key === 'recipe') return 'default';
  if (key === 'applyTypoMerges') return 'off';
  const own = (plain as Record<string, unknown>)[key];
  const theirs = (article as Record<string, unknown>)[key];
  return show(own) === show(theirs) ? show(own) : `${show(own)}; article: ${show(theirs)}`;
}

const RUN_FLAGS: readonly Flag[] = [
  ...RUN_OPTIONS.map((key) => optionFlag(key, defaultText(key))),
  { name: 'json', value: '', help: 'print one JSON object instead of the report', detail: 'default off' },
  { name: 'out', value: '<file.csv>', help: 'also write the coefficient table as CSV', detail: 'default none' },
];

export const RUN_HELP = commandHelp(
  'run',
  '<file.csv> [options]',
  'Cleans, imputes, encodes and transforms a hand-typed log, then fits and evaluates the model and says what it\nfound in plain words. --recipe article runs the article\'s workflow, done right.',
  RUN_FLAGS,
);

/** `tikfit run`: the preparation pipeline and the model. Returns the exit code. */
export function runPipelineCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseFlags(args, RUN_FLAGS);
  if (values.help) {
    io.stdout(RUN_HELP + '\n');
    return 0;
  }
  const file = onePositional(positionals);
  const options: Record<string, unknown> = {};
  for (const key of RUN_OPTIONS) {
    const value = optionFromText(key, values[OPTION_SPECS[key].flag]);
    if (value !== undefined) options[key] = value;
  }
  const result = runRecipe(readCsv(file), options as RecipeOptions);
  if (typeof values.out === 'string') writeOutput(values.out, coefficientTableCsv(result));
  io.stdout(forTerminalUnlessJson(values.json === true ? JSON.stringify(result.json) : formatRecipeReport(result), values.json === true) + '\n');
  return 0;
}

/** Text for stdout: the JSON as it is (it escapes its own control characters), a report made safe for a terminal. */
function forTerminalUnlessJson(text: string, json: boolean): string {
  return json ? text : forTerminal(text);
}

/** The readable report of `tikfit run`: steps, coefficients, evaluation, findings and warnings. */
export function formatRecipeReport(result: RecipeResult): string {
  const json: RecipeJson = result.json;
  const lines: string[] = [];
  const target = result.results.design.target;
  lines.push(`TikFit: what brings ${target}?`, '');
  lines.push('Steps:');
  const stepRows: string[][] = [['step', 'what happened']];
  for (const line of describeSteps(json)) stepRows.push(line);
  lines.push(...alignTable(stepRows).map((l) => `  ${l}`), '');
  const notes = new Map(result.transforms.map((t) => [t.name, [t.log1p ? 'log1p' : '', t.sd !== null ? 'z' : ''].filter(Boolean).join(', ')]));
  lines.push(`Coefficients (response: ${result.results.design.logTarget ? `log1p(${target})` : target}; [log1p] and [z] mark transformed predictors):`);
  lines.push(...formatCoefficientTable(result.results, (name) => (notes.get(name) ? `${name} [${notes.get(name)}]` : name)));
  lines.push('');
  const r = result.results;
  lines.push(`Rows: ${json.rows.modeled} modelled, ${json.rows.train} to fit, ${json.rows.test} held out.  R-squared ${formatNumber(r.rSquared)}, adjusted ${formatNumber(r.adjRSquared)}, F p-value ${formatPValue(r.fPValue)}.`);
  const e = json.evaluation;
  if (e.testRmseLog !== null) {
    lines.push(`Test error: RMSE ${formatNumber(e.testRmseLog)} on the log1p scale; in ${target}: RMSE ${formatNumber(e.testRmseFollowers as number)}, MAE ${formatNumber(e.testMaeFollowers as number)}.`);
  } else {
    lines.push('Test error: none (no rows held out).');
  }
  if (e.cvRmseLog.mean !== null) {
    lines.push(`Cross-validation (${e.cvRmseLog.folds} folds): RMSE ${formatNumber(e.cvRmseLog.mean)} ± ${formatNumber(e.cvRmseLog.sd ?? NaN)} on the log1p scale.`);
  }
  lines.push('', 'Findings:', ...json.findings.map((f) => `- ${f}`));
  if (json.leftOut.length > 0) lines.push('', 'Not in the model:', ...json.leftOut.map((c) => `- ${c.column}: ${c.detail}`));
  if (json.warnings.length > 0) lines.push('', 'Warnings:', ...json.warnings.map((w) => `- ${w}`));
  return lines.join('\n');
}

function describeSteps(json: RecipeJson): string[][] {
  const rows: string[][] = [];
  for (const step of json.steps) {
    switch (step.step) {
      case 'clean': {
        const merged = step.merged.map((m) => `${m.column}: ${m.from} → ${m.to} (${m.cells})`);
        rows.push(['clean', `${step.trimmed} cells trimmed${merged.length ? `; merged ${merged.join(', ')}` : ''}`]);
        break;
      }
      case 'missing': {
        const zeros = Object.entries(step.zeros).map(([c, k]) => `${c} ${k}`);
        rows.push(['missing', zeros.length ? `zeros treated as missing: ${zeros.join(', ')}` : 'no zero-as-missing columns']);
        break;
      }
      case 'rare': {
        const what = step.columns.map(
          (c) => `${c.column}: ${c.rareLevels.length} rare level${c.rareLevels.length === 1 ? '' : 's'}, ${c.rowsDropped > 0 ? `${c.rowsDropped} rows dropped` : `${c.cellsLumped} cells lumped${c.lumpedInstead ? ' (dropping would remove too many rows)' : ''}`}`,
        );
        rows.push(['rare levels', `${json.rows.afterClean} → ${json.rows.afterRare} rows${what.length ? `; ${what.join('; ')}` : ''}`]);
        break;
      }
      case 'exclude':
        rows.push(['left out', step.leftOut.length ? step.leftOut.map((c) => c.column).join(', ') : 'none']);
        break;
      case 'impute':
        rows.push(['impute', Object.entries(json.imputed).map(([c, k]) => `${c} ${k}`).join(', ') || 'nothing missing']);
        break;
      case 'encode':
        rows.push(['encode', Object.entries(json.encoded).map(([c, d]) => `${c} → ${d.length} dummies`).join(', ') || 'no text columns']);
        break;
      case 'transform':
        rows.push(['transform', `log1p(target); log1p: ${json.logTransformed.join(', ') || 'none'}; z-scored: ${json.standardized.join(', ') || 'none'}`]);
        break;
      case 'split':
        rows.push(['split', `seed ${step.seed}: ${json.rows.train} train, ${json.rows.test} test`]);
        break;
    }
  }
  return rows;
}

export { UsageError };
