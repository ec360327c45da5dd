import { codePointCompare } from '../cells/codePointCompare';

/** How a text column becomes 0/1 columns: its levels, the reference (none when every level is kept), the dummies. */
export interface TreatmentCoding {
  /** Every level, in code-point order (as R orders factor levels in the C locale). */
  levels: string[];
  /** The level without a dummy, or undefined when every level has one (a model without an intercept). */
  reference: string | undefined;
  /** The levels that get a dummy column, in order. */
  dummyLevels: string[];
}

/**
 * R's treatment contrasts for one text column, the one rule `tikfit fit` (buildDesign) and the in-place Encode step
 * share: levels in code-point order; the reference is the one requested, else the first level other than
 * `notReference` (Encode passes "Other", the lumped rare levels, which would make findings say nothing), else the
 * first; with `allLevels`, no reference. Cost: O(labels + levels · log levels).
 * @throws Error when the requested reference is not a level; `capitalize` starts the message for a sentence of its
 *   own (a formula prefixes its name instead).
 */
export function treatmentCoding(
  labels: Iterable<string>,
  column: string,
  options: { requested?: string; notReference?: string; allLevels?: boolean; capitalize?: boolean } = {},
): TreatmentCoding {
  const levels = [...new Set(labels)].sort(codePointCompare);
  const { requested } = options;
  if (requested !== undefined && !levels.includes(requested)) {
    const message = `the reference level "${requested}" does not occur in "${column}"; its levels are ${levels.join(', ')}`;
    throw new Error(options.capitalize ? message.charAt(0).toUpperCase() + message.slice(1) : message);
  }
  const reference = options.allLevels
    ? undefined
    : (requested ?? levels.find((level) => level !== options.notReference) ?? levels[0]);
  return { levels, reference, dummyLevels: levels.filter((level) => level !== reference) };
}

/** The name of a dummy column: `<column>_<level>`. */
export function dummyName(column: string, level: string): string {
  return `${column}_${level}`;
}
