/** Bound once: called per cell, and a global look-up is slow in a bare V8 (vm) context. */
const objectToString = Object.prototype.toString;

/**
 * True when a cell holds a Date, including a Date made in another realm (a vm context, another frame), where
 * `instanceof Date` is false. Sheets passes date-formatted cells to custom functions as Dates.
 * Cost: O(1).
 */
export function isDateValue(value: unknown): value is Date {
  return typeof value === 'object' && value !== null && objectToString.call(value) === '[object Date]';
}
