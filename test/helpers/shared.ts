import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The project's root folder. */
export const projectRoot = join(__dirname, '..', '..');

/** `../shared` beside the project: the real TikTok data and NIST StRD. Absent on a newcomer's clone. */
export const sharedRoot = join(projectRoot, '..', 'shared');

/**
 * `describe` when `path` (relative to ../shared) exists; otherwise a skipped suite, with a note on stderr so that a
 * newcomer sees why. CI always has ../shared. The skipped suite does not run its body: jest runs a `describe.skip`
 * body to collect its tests, and a body that reads the file at collection failed the whole suite on such a clone.
 */
export function describeWithShared(path: string): jest.Describe {
  const full = join(sharedRoot, path);
  if (existsSync(full)) return describe;
  process.stderr.write(`NOTE: skipping tests that need ${full} (../shared is not beside this clone)\n`);
  const skipped = (name: string): void =>
    describe.skip(name, () => {
      test.skip(`needs ${full}`, () => undefined);
    });
  return skipped as unknown as jest.Describe;
}
