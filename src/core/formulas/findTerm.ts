import { isDateValue } from '../cells/isDateValue';
import type { FitSummary } from './summarizeForCache';

const LISTED_TERMS = 20;

/**
 * The list of terms for an error message: all of them, or the first 20 and "…" with the count.
 * Cost: O(terms).
 */
export function listTerms(terms: readonly string[]): string {
  if (terms.length <= LISTED_TERMS) return terms.join(', ');
  return `${terms.slice(0, LISTED_TERMS).join(', ')}, … (${terms.length} in all)`;
}

/**
 * Finds the term a formula's `term` argument names, as an index into `summary.terms`.
 *
 * A name matches case-insensitively after trimming ("(Intercept)" also names the intercept); an exact match wins
 * when two terms differ only in case. A whole number k (or text that is one and names no term) is the k-th design
 * column after the intercept: 0 is the intercept, 1 the first predictor term, and so on, with or without an intercept
 * in the fit. A single-cell range ([[v]]) counts as its cell.
 *
 * Cost: O(terms).
 * @throws Error naming the function when the term is blank, not a name or whole number, out of range, ambiguous, a
 *   text column rather than one of its dummies, or unknown (listing the terms).
 */
export function findTerm(
  functionName: string,
  summary: Pick<FitSummary, 'terms' | 'columns' | 'options'>,
  term: unknown,
): number {
  let value = term;
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && (value[0] as unknown[]).length === 1)
    value = (value[0] as unknown[])[0];
  const { terms } = summary;
  const hasIntercept = summary.options.intercept;
  const byIndex = (k: number): number => {
    const last = terms.length - (hasIntercept ? 1 : 0);
    if (!Number.isInteger(k)) throw new Error(`${functionName}: a term number must be a whole number, but got ${k}`);
    if (k === 0 && !hasIntercept)
      throw new Error(`${functionName}: term 0 is the intercept, but this fit has none (intercept=false)`);
    if (k < 0 || k > last)
      throw new Error(
        `${functionName}: term ${k} does not exist; terms are numbered ${hasIntercept ? '0 (Intercept)' : '1'} to ${last}`,
      );
    return hasIntercept ? k : k - 1;
  };
  if (typeof value === 'number') return byIndex(value);
  if (value === undefined || (typeof value === 'string' && value.trim() === ''))
    throw new Error(`${functionName}: term is blank; give a term's name or number`);
  if (typeof value !== 'string') {
    const shown = isDateValue(value)
      ? 'a date'
      : typeof value === 'boolean'
        ? `the boolean ${String(value).toUpperCase()}`
        : 'a range';
    throw new Error(`${functionName}: term must be a term's name or number, not ${shown}`);
  }
  const wanted = value.trim();
  const exact = terms.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.toLowerCase();
  if (hasIntercept && lower === '(intercept)') return 0;
  const matches = terms.flatMap((t, j) => (t.toLowerCase() === lower ? [j] : []));
  if (matches.length === 1) return matches[0] as number;
  if (matches.length > 1) {
    throw new Error(
      `${functionName}: "${wanted}" matches ${matches.map((j) => `"${terms[j]}"`).join(' and ')}; write it in the same case as its name`,
    );
  }
  if (/^\d+$/.test(wanted)) return byIndex(Number(wanted));
  if (lower === 'intercept' || lower === '(intercept)')
    throw new Error(`${functionName}: this fit has no intercept (intercept=false); terms are ${listTerms(terms)}`);
  const column = summary.columns.find((c) => c.kind === 'categorical' && c.name.toLowerCase() === lower);
  if (column !== undefined) {
    const dummies = column.terms.map((j) => terms[j] as string);
    if (dummies.length === 0)
      throw new Error(`${functionName}: "${column.name}" has a single level in the rows used, so it has no term`);
    throw new Error(
      `${functionName}: "${column.name}" is a text column with one term per level other than "${column.reference}": ${listTerms(dummies)}; name one of them`,
    );
  }
  throw new Error(`${functionName}: no term "${wanted}"; terms are ${listTerms(terms)}`);
}
