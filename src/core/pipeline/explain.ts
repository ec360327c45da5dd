/**
 * "How this was computed", in words, for the command line's report and the results sheet: one line per step the
 * recipe took, and what the model's numbers are measured in.
 */
import { OPTION_SPECS } from '../options';
import type { RecipeJson, RecipeResult } from './runRecipe';

/** One [step, what happened] pair per step of the recipe, in order. */
export function describeSteps(json: RecipeJson): string[][] {
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
        rows.push([
          'missing',
          zeros.length ? `zeros treated as missing: ${zeros.join(', ')}` : 'no zero-as-missing columns',
        ]);
        break;
      }
      case 'rare': {
        const what = step.columns.map(
          (c) =>
            `${c.column}: ${c.rareLevels.length} rare level${c.rareLevels.length === 1 ? '' : 's'}, ` +
            (c.rowsDropped > 0
              ? `${c.rowsDropped} rows dropped`
              : `${c.cellsLumped} cells lumped${c.lumpedInstead ? ' (dropping would remove too many rows)' : ''}`),
        );
        rows.push([
          'rare levels',
          `${json.rows.afterClean} → ${json.rows.afterRare} rows${what.length ? `; ${what.join('; ')}` : ''}`,
        ]);
        break;
      }
      case 'exclude':
        rows.push(['left out', step.leftOut.length ? step.leftOut.map((c) => c.column).join(', ') : 'none']);
        break;
      case 'impute':
        rows.push([
          'impute',
          Object.entries(json.imputed)
            .map(([c, k]) => `${c} ${k}`)
            .join(', ') || 'nothing missing',
        ]);
        break;
      case 'encode':
        rows.push([
          'encode',
          Object.entries(json.encoded)
            .map(([c, d]) => `${c} → ${d.length} dummies`)
            .join(', ') || 'no text columns',
        ]);
        break;
      case 'transform':
        rows.push([
          'transform',
          `${json.model.model === 'ols' ? 'log1p(target)' : 'target as counts'}; ` +
            `log1p: ${json.logTransformed.join(', ') || 'none'}; z-scored: ${json.standardized.join(', ') || 'none'}`,
        ]);
        break;
      case 'split':
        rows.push(['split', `seed ${step.seed}: ${json.rows.train} train, ${json.rows.test} test`]);
        break;
    }
  }
  return rows;
}

/** What the model's numbers are measured in: the response's scale and each predictor's. */
export function scalesNote(result: RecipeResult): string[] {
  const target = result.results.design.target;
  const logged = result.transforms.filter((t) => t.log1p && t.sd !== null).map((t) => t.name);
  const scaled = result.transforms.filter((t) => !t.log1p && t.sd !== null).map((t) => t.name);
  const lines =
    'fit' in result.results
      ? [
          `The response is ${target} itself, a count (zeros included), with the log link: an estimate b multiplies the expected ${target} by e^b.`,
        ]
      : [`The response is log1p(${target}) = ln(1 + ${target}); an estimate b multiplies (1 + ${target}) by e^b.`];
  if (logged.length > 0) lines.push(`Per one standard deviation of log1p(x): ${logged.join(', ')}.`);
  if (scaled.length > 0) lines.push(`Per one standard deviation of x: ${scaled.join(', ')}.`);
  lines.push(
    "0/1 columns and dummies: per unit (having it against not). The findings turn these into the columns' own units.",
  );
  return lines;
}

/**
 * Settings as one readable [label, value] pair each, in the order of OPTION_SPECS: "Test fraction" → "0.2",
 * "0 = blank" → "watchedFullVideo, newFollowers", "Impute" → "newFollowers: drop". Unknown keys keep their name;
 * `convertFormulas` reads as "Replace formulas with values".
 */
export function settingLines(settings: unknown): [string, string][] {
  if (settings === null || typeof settings !== 'object') return [];
  const entries = Object.entries(settings as Record<string, unknown>).filter(
    ([, value]) => value !== undefined && value !== null,
  );
  const order = Object.keys(OPTION_SPECS);
  entries.sort(
    ([a], [b]) => (order.indexOf(a) < 0 ? 99 : order.indexOf(a)) - (order.indexOf(b) < 0 ? 99 : order.indexOf(b)),
  );
  return entries.map(([key, value]) => {
    const spec = (OPTION_SPECS as Record<string, { label: string } | undefined>)[key];
    const label = key === 'convertFormulas' ? 'Replace formulas with values' : (spec?.label ?? key);
    return [label, settingText(value)];
  });
}

function settingText(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(settingText).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('constant' in record && Object.keys(record).length === 1) return `the constant ${settingText(record.constant)}`;
    const pairs = Object.entries(record).map(([k, v]) => `${k}: ${settingText(v)}`);
    return pairs.length === 0 ? 'none' : pairs.join('; ');
  }
  return String(value);
}
