import type { Coefficient } from '../model/olsResults';
import type { PredictorTransform } from './transformPlan';

/** What the findings need to know about each model term. */
export interface TermOrigin {
  term: string;
  /** For a dummy: its column, level and the column's reference level. */
  dummy?: { column: string; level: string; reference: string };
  transform?: PredictorTransform;
}

/** "newFollowers" → "new followers"; "watched_full_video" → "watched full video". */
export function inWords(name: string): string {
  return name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/** p-values for people: two significant digits, and "p < 0.001" below that. */
export function describePValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

/**
 * The effect of a log1p-scale coefficient b on the outcome's scale: exp(b) − 1 as "about 34% more", or, past a
 * doubling, "about 2.3 times as many". Effects are on (1 + outcome), which for counts of tens or more is the outcome.
 */
export function describeMultiplier(b: number, outcome: string): string {
  const factor = Math.exp(b);
  if (factor >= 2) return `about ${factor.toFixed(1)} times as many ${outcome}`;
  const percent = Math.round((factor - 1) * 100);
  if (percent === 0) return `about the same number of ${outcome}`;
  return percent > 0 ? `about ${percent}% more ${outcome}` : `about ${-percent}% fewer ${outcome}`;
}

function number(value: number): string {
  return Number(value.toPrecision(value >= 100 ? 3 : 2)).toLocaleString('en-US');
}

/**
 * Plain-words findings for every term with p < alpha (default 0.05), strongest first, on the outcome's own scale.
 * Dummies compare a level with the reference; 0/1 columns compare having with not having; a standardized predictor
 * is described per one standard deviation, in its own units (a ratio when it was log1p-transformed).
 */
export function describeFindings(
  coefficients: readonly Coefficient[],
  origins: readonly TermOrigin[],
  options: { target: string; logTarget: boolean; alpha?: number },
): string[] {
  const alpha = options.alpha ?? 0.05;
  const outcome = inWords(options.target);
  const byTerm = new Map(origins.map((o) => [o.term, o]));
  return coefficients
    .filter((c) => c.name !== 'Intercept' && !c.aliased && c.pValue < alpha)
    .sort((a, b) => a.pValue - b.pValue)
    .map((c) => {
      const origin = byTerm.get(c.name);
      const effect = options.logTarget ? `gain ${describeMultiplier(c.estimate, outcome)}` : `gain about ${number(Math.abs(c.estimate))} ${c.estimate >= 0 ? 'more' : 'fewer'} ${outcome}`;
      const p = describePValue(c.pValue);
      if (origin?.dummy) {
        const { column, level, reference } = origin.dummy;
        const columnWords = inWords(column);
        if (columnWords === 'subject' || columnWords === 'topic') return `Videos about ${level} ${effect} than videos about ${reference} (${p})`;
        if (columnWords === 'category') return `Videos in the ${level} category ${effect} than videos in the ${reference} category (${p})`;
        return `Videos with ${column} = ${level} ${effect} than those with ${column} = ${reference} (${p})`;
      }
      const transform = origin?.transform;
      if (!transform || transform.binary) return `Videos with ${c.name} (${c.name} = 1) ${effect} than those without (${p})`;
      if (transform.sd === null) return `Each unit more of ${c.name} goes with ${effect.replace(/^gain /, '')} (${p})`;
      const sd = transform.sd;
      if (transform.log1p) {
        return `Videos with ${number(Math.exp(sd))} times as many ${c.name} (one standard deviation, on the log scale) ${effect} (${p})`;
      }
      return `Videos with ${number(sd)} more ${c.name} (one standard deviation) ${effect} (${p})`;
    });
}
