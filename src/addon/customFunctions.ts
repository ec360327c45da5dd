import { dataFingerprint } from './serverFunctions';

/** The custom functions' implementations, called by the top-level stubs in the entry file. */
export const customFunctions = {
  fingerprint(range: unknown): string {
    const grid = Array.isArray(range) ? (range as unknown[][]) : [[range]];
    return dataFingerprint(grid);
  },
};
