import { isMissingValue } from '../cells/missingValue';
import { parseNumber } from '../cells/parseNumber';
import { checkGrid, columnIndex, type Grid } from './grid';

/** What `markMissing` changed. */
export interface MissingReport {
  step: 'missing';
  /** Missing tokens (NA, null, -, …) blanked, per column. */
  tokens: Record<string, number>;
  /** Zeros blanked, per column named in `zeroMissing`. */
  zeros: Record<string, number>;
  /** Missing cells per column afterwards. */
  missing: Record<string, number>;
}

/**
 * Makes every missing value a blank cell (""): the tokens NA, N/A, null, none, nan and - (any case), and zeros in
 * the columns the user names (placeholder zeros, such as the article's newFollowers and watchedFullVideo).
 * Returns a new grid. Cost: O(cells).
 * @throws Error for malformed grids or an unknown column in `zeroMissing`.
 */
export function markMissing(grid: Grid, options: { zeroMissing?: readonly string[] } = {}): { grid: Grid; report: MissingReport } {
  const header = checkGrid(grid, 'markMissing');
  const zeroColumns = new Set((options.zeroMissing ?? []).map((name) => columnIndex(header, name, 'markMissing')));
  const out: Grid = grid.map((row) => row.slice());
  out[0] = header;
  const report: MissingReport = { step: 'missing', tokens: {}, zeros: {}, missing: {} };
  header.forEach((name, j) => {
    let tokens = 0;
    let zeros = 0;
    let missing = 0;
    for (let i = 1; i < out.length; i++) {
      const row = out[i] as unknown[];
      const cell = row[j];
      if (isMissingValue(cell)) {
        if (cell !== '') {
          row[j] = '';
          if (!(typeof cell === 'string' && cell.trim() === '')) tokens++;
        }
        missing++;
      } else if (zeroColumns.has(j) && parseNumber(cell) === 0) {
        row[j] = '';
        zeros++;
        missing++;
      }
    }
    if (tokens > 0) report.tokens[name] = tokens;
    if (zeroColumns.has(j)) report.zeros[name] = zeros;
    report.missing[name] = missing;
  });
  return { grid: out, report };
}
