/**
 * The log relative error (LRE): how many significant digits of `actual` agree with `expected`, as NIST scores
 * StRD results. 15.9 or more means agreement to the last bit; an exact zero expected value compares absolutely.
 */
export function correctDigits(actual: number, expected: number): number {
  if (actual === expected) return 15.9;
  if (expected === 0) return -Math.log10(Math.abs(actual));
  return Math.min(15.9, -Math.log10(Math.abs(actual - expected) / Math.abs(expected)));
}

/** Relative difference |a − b| / |b| (absolute when b is 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
