import { writeFileSync } from 'node:fs';
import type { ImputeMethod } from '../core/prepare/imputeColumns';
import { runRecipe, type RecipeJson, type RecipeOptions, type RecipeResult } from '../core/pipeline/runRecipe';
import { onePositional, parseFlags, parseInteger, parseLevel, parseList, usage, UsageError, type Io } from './args';
import { alignTable, formatCoefficientTable, formatNumber, formatPValue } from './formatReport';
import { readCsv } from './readCsv';
import { coefficientTableCsv } from './resultsCsv';

/** `tikfit run`: the preparation pipeline and the model. Returns the exit code. */
export function runPipelineCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseFlags(args, {
    recipe: { type: 'string' },
    target: { type: 'string' },
    trend: { type: 'string' },
    seed: { type: 'string' },
    'test-fraction': { type: 'string' },
    folds: { type: 'string' },
    'rare-threshold': { type: 'string' },
    rare: { type: 'string' },
    'zero-missing': { type: 'string' },
    impute: { type: 'string' },
    exclude: { type: 'string' },
    include: { type: 'string' },
    'merge-typos': { type: 'boolean' },
    level: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const file = onePositional(positionals);
  if (values.recipe !== undefined && values.recipe !== 'article') throw new UsageError(`--recipe takes article, got "${values.recipe}"`);
  if (values.rare !== undefined && values.rare !== 'drop' && values.rare !== 'lump') throw new UsageError(`--rare takes drop or lump, got "${values.rare}"`);
  let testFraction: number | undefined;
  if (values['test-fraction'] !== undefined) {
    testFraction = Number(values['test-fraction']);
    if (!(testFraction >= 0 && testFraction < 1)) throw new UsageError(`--test-fraction must be in [0, 1), got "${values['test-fraction']}"`);
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  const options: RecipeOptions = {
    recipe: values.recipe === 'article' ? 'article' : 'default',
    target: values.target,
    trend: values.trend,
    seed,
    testFraction,
    folds: parseInteger('folds', values.folds, 0),
    rareThreshold: parseInteger('rare-threshold', values['rare-threshold'], 0),
    rare: values.rare as 'drop' | 'lump' | undefined,
    zeroMissing: values['zero-missing'] === undefined ? undefined : parseList(values['zero-missing']),
    impute: values.impute === undefined ? undefined : parseImpute(values.impute),
    exclude: parseList(values.exclude),
    include: parseList(values.include),
    applyTypoMerges: values['merge-typos'],
    level: parseLevel(values.level),
  };
  const result = runRecipe(readCsv(file), options);
  if (values.out !== undefined) writeFileSync(values.out, coefficientTableCsv(result));
  io.stdout((values.json ? JSON.stringify(result.json) : formatRecipeReport(result)) + '\n');
  return 0;
}

/** "col=mean,col2=mode,col3=drop,col4=0" → methods; a number is a numeric constant, other text a text constant. */
export function parseImpute(text: string): Record<string, ImputeMethod> {
  const methods: Record<string, ImputeMethod> = {};
  for (const part of parseList(text)) {
    const at = part.lastIndexOf('=');
    if (at <= 0 || at === part.length - 1) throw new UsageError(`--impute takes column=method pairs (mean, median, mode, drop or a constant), got "${part}"`);
    const column = part.slice(0, at).trim();
    const method = part.slice(at + 1).trim();
    if (method === 'mean' || method === 'median' || method === 'mode' || method === 'drop') methods[column] = method;
    else methods[column] = { constant: Number.isFinite(Number(method)) ? Number(method) : method };
  }
  return methods;
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
