/**
 * The answer of a fit as the sidebar shows it (`ModelSummary`), made from the recipe's result, and kept with the
 * results record in DocumentProperties so that reopening the sidebar shows the sheet's last model. A record is at
 * most 9 KB in UTF-8 bytes (documentStore.ts): past that the summary is trimmed — the least clear terms of the chart
 * first, then the last warnings and findings, then long lines shortened — and says how much it left out.
 */
import { sheetRemedy, targetCaveat } from '../core/pipeline/findings';
import type { RecipeResult } from '../core/pipeline/runRecipe';
import type { ChartTerm, ModelSummary } from './api';
import { fitsProperty } from './documentStore';

/** The summary of a fit on `sheetName`, made `at` (ISO 8601). Cost: O(terms + findings + warnings). */
export function modelSummary(result: RecipeResult, sheetName: string, at: string): ModelSummary {
  const json = result.json;
  const target = result.results.design.target;
  const terms: ChartTerm[] = [];
  for (const c of json.model.coefficients) {
    if (
      c.name === 'Intercept' ||
      c.aliased ||
      c.estimate === null ||
      c.ciLower === null ||
      c.ciUpper === null ||
      c.pValue === null
    )
      continue;
    terms.push({ name: c.name, estimate: c.estimate, low: c.ciLower, high: c.ciUpper, p: c.pValue });
  }
  return {
    sheetName,
    at,
    target,
    level: result.results.level,
    caveat: targetCaveat(json, sheetRemedy(target)),
    findings: json.findings.slice(),
    warnings: json.warnings.slice(),
    n: json.model.n,
    rSquared: json.model.model === 'ols' ? json.model.rSquared : null,
    adjRSquared: json.model.model === 'ols' ? json.model.adjRSquared : null,
    model: json.model.model,
    counts:
      json.model.model === 'ols'
        ? null
        : {
            theta: json.model.theta,
            deviance: json.model.deviance,
            nullDeviance: json.model.nullDeviance,
            aic: json.model.aic,
          },
    evaluation: json.evaluation,
    terms,
    omitted: { terms: 0, findings: 0, warnings: 0 },
  };
}

/** A line cut to `max` characters with an ellipsis. */
function shorten(line: string, max: number): string {
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * `record` (an object holding the summary under `model`) as JSON that fits one property under `key`: as it is when
 * it fits, else with the summary trimmed step by step; without the summary when even a bare one does not fit.
 * Cost: O(summary size × trimming steps).
 */
export function fitRecord(key: string, record: Record<string, unknown> & { model?: ModelSummary }): string {
  const text = (): string => JSON.stringify(record);
  if (record.model === undefined || fitsProperty(key, text())) return text();
  const model: ModelSummary = {
    ...record.model,
    terms: record.model.terms.slice(),
    findings: record.model.findings.slice(),
    warnings: record.model.warnings.slice(),
    omitted: { ...record.model.omitted },
  };
  record.model = model;
  // The chart's least clear terms first (largest p), keeping the model's order for the rest.
  const byClarity = model.terms.map((t, i) => ({ t, i })).sort((a, b) => b.t.p - a.t.p);
  while (!fitsProperty(key, text()) && model.terms.length > 8) {
    const drop = byClarity.shift();
    if (drop === undefined) break;
    model.terms = model.terms.filter((t) => t !== drop.t);
    model.omitted.terms++;
  }
  while (!fitsProperty(key, text()) && model.warnings.length > 3) {
    model.warnings.pop();
    model.omitted.warnings++;
  }
  while (!fitsProperty(key, text()) && model.findings.length > 5) {
    model.findings.pop();
    model.omitted.findings++;
  }
  for (const max of [400, 200, 120]) {
    if (fitsProperty(key, text())) break;
    model.findings = model.findings.map((line) => shorten(line, max));
    model.warnings = model.warnings.map((line) => shorten(line, max));
    if (model.caveat !== null) model.caveat = shorten(model.caveat, Math.max(max, 300));
    model.terms = model.terms.map((t) => ({ ...t, name: shorten(t.name, Math.min(max, 60)) }));
  }
  if (!fitsProperty(key, text())) delete record.model;
  return text();
}
