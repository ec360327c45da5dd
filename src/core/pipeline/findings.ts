import type { Coefficient } from '../model/olsResults';
import type { PredictorTransform } from './transformPlan';

/** What the findings need to know about each model term. */
export interface TermOrigin {
  term: string;
  /** For a dummy: its column, level and the column's reference level. */
  dummy?: { column: string; level: string; reference: string };
  transform?: PredictorTransform;
  /** The smallest and largest value of the column, in its own units (before any transform). */
  range?: { min: number; max: number };
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
 * The effect of a log1p-scale change b on the outcome's scale: exp(b) − 1 as "about 34% more", or, past a doubling,
 * "about 2.3 times as many". Effects are on (1 + outcome), which for counts of tens or more is the outcome.
 */
export function describeMultiplier(b: number, outcome: string): string {
  const factor = Math.exp(b);
  if (factor >= 2) return `about ${factor.toFixed(1)} times as many ${outcome}`;
  const percent = Math.round((factor - 1) * 100);
  if (percent === 0) return `about the same number of ${outcome}`;
  return percent > 0 ? `about ${percent}% more ${outcome}` : `about ${-percent}% fewer ${outcome}`;
}

/**
 * An effect followed by the word that compares it: "about 34% more followers than", but "about 2.3 times as many
 * followers as" and "about the same number of followers as".
 */
function compared(effect: string): string {
  return `${effect} ${/ times as many |^about the same number of /.test(effect) ? 'as' : 'than'}`;
}

/** A number for a sentence: 3 significant digits from 100 up, else 2, with thousands separators ("1,000"). */
function number(value: number): string {
  return Number(value.toPrecision(Math.abs(value) >= 100 ? 3 : 2)).toLocaleString('en-US');
}

/**
 * A round amount near a spread: the largest 1, 2 or 5 × 10^k not above `spread` (10.4 → 10, 2,600 → 2,000,
 * 0.37 → 0.2). The findings speak of a change of this much, a change the data really shows.
 */
export function roundAmount(spread: number): number {
  if (!(spread > 0) || !Number.isFinite(spread)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(spread)));
  for (const step of [5, 2, 1]) if (step * power <= spread * (1 + 1e-9)) return Number((step * power).toPrecision(12));
  return power;
}

/** Header words that say a column holds percentages (or shares): its changes are percentage points. */
const PERCENT_HEADER =
  /%|percent|\bpct\b|\brate\b|\bratio\b|\bshare of\b|retention|retenci|completion|\btasa\b|\btaux\b|watched ?full|full ?watch/i;

/** A term of the trend (made by runRecipe's trendName): days since the first video. */
const TREND_TERM = /^Days since first \((.*)\)$/;

/** "views" and "new followers" read as counts ("1,000 more views"); "Avg view duration (s)" does not. */
function readsAsCount(header: string): boolean {
  return /^[\p{L}][\p{L} ]*s$/u.test(header.trim()) && !/ss$/i.test(header.trim());
}

/** Options of `describeFindings`. */
export interface FindingOptions {
  target: string;
  logTarget: boolean;
  /** Terms with p below this are findings (default 0.05). */
  alpha?: number;
  /**
   * The confidence level of the coefficients' intervals, to give each finding its interval ("95% CI +45% to +120%")
   * on the outcome's scale (for a count model: from exp of the interval's ends). None when absent.
   */
  intervalLevel?: number;
}

/** What a finding reads of a coefficient (least squares' or a count model's). */
export type FindingCoefficient = Pick<Coefficient, 'name' | 'estimate' | 'pValue' | 'ciLower' | 'ciUpper' | 'aliased'>;

/**
 * The interval of a multiplier e^b for b in [low, high], in the words of the estimate e^`estimate`
 * (`describeMultiplier`): percentages ("+45% to +120%"), or factors ("1.5 to 3.2 times") when the estimate is past a
 * doubling.
 */
export function describeMultiplierInterval(low: number, high: number, estimate: number): string {
  const [a, b] = low <= high ? [Math.exp(low), Math.exp(high)] : [Math.exp(high), Math.exp(low)];
  if (Math.exp(estimate) >= 2) return `${a.toPrecision(2)} to ${b.toPrecision(2)} times`;
  const percent = (f: number): string => {
    const value = Math.round((f - 1) * 100);
    return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value)}%`;
  };
  return `${percent(a)} to ${percent(b)}`;
}

/**
 * Plain-words findings for every term with p < alpha (default 0.05), strongest first, on the outcome's own scale and
 * in the column's own header and units:
 * - a dummy compares its level with the column's reference level ("Videos about data analytics … than videos about
 *   career");
 * - a 0/1 column compares 1 with 0 ("Videos where hasCover is 1 (yes) … than those where it is 0");
 * - a log1p-transformed predictor speaks of twice as much, at the typical video ("Videos with twice as many likes");
 * - any other numeric predictor speaks of a round change near its standard deviation, in its units ("Each extra
 *   1,000 views", "Videos with 10 more percentage points of watchedFullVideo"), and the trend of 30 days.
 * The model's coefficient is per standard deviation of the (log1p-)transformed predictor; the transform's mean and
 * standard deviation turn it back into the column's units.
 */
export function describeFindings(
  coefficients: readonly FindingCoefficient[],
  origins: readonly TermOrigin[],
  options: FindingOptions,
): string[] {
  const alpha = options.alpha ?? 0.05;
  const outcome = inWords(options.target);
  const byTerm = new Map(origins.map((o) => [o.term, o]));
  return coefficients
    .filter((c) => c.name !== 'Intercept' && !c.aliased && c.pValue < alpha)
    .sort((a, b) => a.pValue - b.pValue)
    .map((c) => describeTerm(c, byTerm.get(c.name), outcome, options));
}

function describeTerm(
  c: FindingCoefficient,
  origin: TermOrigin | undefined,
  outcome: string,
  options: FindingOptions,
): string {
  const logTarget = options.logTarget;
  let interval = '';
  /** What a change of `delta` on the model's scale of this term does to the outcome (and its interval, if asked). */
  const effect = (delta: number): string => {
    const b = c.estimate * delta;
    if (options.intervalLevel !== undefined && logTarget && Number.isFinite(c.ciLower) && Number.isFinite(c.ciUpper))
      interval = `${Number((options.intervalLevel * 100).toPrecision(6))}% CI ${describeMultiplierInterval(c.ciLower * delta, c.ciUpper * delta, b)}; `;
    return logTarget
      ? describeMultiplier(b, outcome)
      : `about ${number(Math.abs(b))} ${b >= 0 ? 'more' : 'fewer'} ${outcome}`;
  };
  const p = (): string => `(${interval}${describePValue(c.pValue)})`;
  if (origin?.dummy) {
    const { column, level, reference } = origin.dummy;
    const columnWords = inWords(column);
    if (columnWords === 'subject' || columnWords === 'topic')
      return `Videos about ${level} gain ${compared(effect(1))} videos about ${reference} ${p()}`;
    if (columnWords === 'category')
      return `Videos in the ${level} category gain ${compared(effect(1))} videos in the ${reference} category ${p()}`;
    return `Videos whose ${column} is ${level} gain ${compared(effect(1))} those whose ${column} is ${reference} ${p()}`;
  }
  const transform = origin?.transform;
  const header = c.name;
  if (!transform || transform.binary)
    return `Videos where ${header} is 1 (yes) gain ${compared(effect(1))} those where it is 0 ${p()}`;
  const sd = transform.sd;
  if (sd === null) return `Each extra 1 in ${header} goes with ${effect(1)} ${p()}`;
  if (transform.log1p) {
    // Twice as much at the typical video: x0 is the centre of log1p(x) taken back, and the model moves by the change
    // of log1p from x0 to 2·x0, in standard deviations.
    const typical = Math.expm1(transform.mean ?? 0);
    const step = Math.log1p(2 * typical) - Math.log1p(typical);
    const delta = (step > 0 ? step : Math.LN2) / sd;
    const twice = readsAsCount(header) ? `twice as many ${header}` : `twice the ${header}`;
    return `Videos with ${twice} gain ${effect(delta)} ${p()}`;
  }
  const trend = TREND_TERM.exec(header);
  if (trend) {
    const days = sd >= 30 ? 30 : 7;
    return `Videos posted ${days} days later (by ${trend[1]}) gain ${effect(days / sd)} ${p()}`;
  }
  const range = origin?.range;
  if (PERCENT_HEADER.test(header) && range !== undefined && range.min >= 0 && range.max <= 100) {
    // Percentages: typed as 26.9 (points) or as 26.9% (Sheets keeps 0.269, a share).
    const perPoint = range.max <= 1 ? 0.01 : 1;
    const points = roundAmount(sd / perPoint);
    return `Videos with ${number(points)} more percentage points of ${header} gain ${effect((points * perPoint) / sd)} ${p()}`;
  }
  const amount = roundAmount(sd);
  const extra = readsAsCount(header) ? `${number(amount)} ${header}` : `${number(amount)} in ${header}`;
  return `Each extra ${extra} goes with ${effect(amount / sd)} ${p()}`;
}

/** The share of the target's values past which the report warns before its findings. */
export const MOSTLY_IMPUTED = 0.5;

/**
 * When most of the target was not recorded and filled in (imputed), the one thing to read before the findings: how
 * much was filled in, what that means, and what to do (`remedy`, worded for where it is shown). Null otherwise.
 */
export function targetCaveat(
  json: { target: string; imputed: Readonly<Record<string, number>>; rows: { modeled: number } },
  remedy: string,
): string | null {
  const filled = json.imputed[json.target] ?? 0;
  const rows = json.rows.modeled;
  if (rows === 0 || filled / rows <= MOSTLY_IMPUTED) return null;
  return (
    `Most of ${json.target} was never recorded: ${filled} of ${rows} values (${Math.round((filled / rows) * 100)}%) were missing and TikFit filled them in, ` +
    `so the findings below mostly describe numbers TikFit made up, not what happened. ${remedy}`
  );
}

/** What to do about a mostly-imputed target, on the command line. */
export function cliRemedy(target: string): string {
  const flag = /[\s"'$`\\;&|<>()]/.test(target) ? `"${target.replace(/(["$`\\])/g, '\\$1')}=drop"` : `${target}=drop`;
  return `To fit only the videos where ${target} was recorded, run again with --impute ${flag}.`;
}

/** What to do about a mostly-imputed target, in the add-on (the sidebar's "Missing target" choice). */
export function sheetRemedy(target: string): string {
  return `To fit only the videos where ${target} was recorded, open TikFit's Options, set "Missing ${target}" to "Drop those rows" and fit again.`;
}
