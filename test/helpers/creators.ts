import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './shared';

/** One creator log of the corpus in test/fixtures/creators (see its README and creators.json). */
export interface CreatorLog {
  file: string;
  platform: string;
  columns: string[];
  rows: number;
  target: string;
  numericColumns: string[];
  dateColumns: string[];
  categoryColumns: string[];
  identifierColumns: string[];
  emptyColumns: string[];
  plantedEffect: { column: string; sign: 1 | -1 };
  badCells: { column: string; row: number; text: string }[];
  formulaColumns: { column: string; template: string }[];
  decimalComma: boolean;
}

export const creatorsFolder = join(projectRoot, 'test', 'fixtures', 'creators');

/** The corpus's logs, as creators.json lists them. */
export const creatorLogs: CreatorLog[] = (
  JSON.parse(readFileSync(join(creatorsFolder, 'creators.json'), 'utf8')) as { logs: CreatorLog[] }
).logs;
