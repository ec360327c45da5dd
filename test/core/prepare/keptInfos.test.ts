import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnInfo } from '../../../src/core/cells/columnInfo';
import { columnCellsOf, tableFromGrid, type Table } from '../../../src/core/cells/table';
import { parseCsvText } from '../../../src/core/io/csv';
import { encodeTable } from '../../../src/core/prepare/encodeColumns';
import { imputeTable } from '../../../src/core/prepare/imputeColumns';
import { markMissingInTable } from '../../../src/core/prepare/markMissing';
import { creatorsFolder } from '../../helpers/creators';
import { projectRoot } from '../../helpers/shared';

// The steps hand on the column classifications they know without reading the cells again (blanked tokens,
// imputed columns, dummies). Each one kept or made must be exactly what reading the table's cells gives.
function expectInfosRead(table: Table): void {
  table.names.forEach((name, j) => {
    const kept = table.infos[j];
    if (kept === undefined) return;
    const read = columnInfo(columnCellsOf(table, j), table.styles[j] ?? 'dot', table.kinds[j]);
    expect({ name, ...kept }).toEqual({ name, ...read });
  });
}

/** Every column classified, as a step finds the table. */
function classified(table: Table): Table {
  table.names.forEach((_, j) => {
    table.infos[j] = columnInfo(columnCellsOf(table, j), table.styles[j] ?? 'dot', table.kinds[j]);
  });
  return table;
}

const files = [
  join(projectRoot, 'samples', 'tiktok-sample.csv'),
  join(creatorsFolder, 'checkboxes-dates.csv'),
  join(creatorsFolder, 'decimal-comma.csv'),
  join(creatorsFolder, 'youtube-shorts.csv'),
];

describe.each(files)('classifications handed on, %s', (file) => {
  const input = classified(tableFromGrid(parseCsvText(readFileSync(file, 'utf8'))));
  const numeric = input.names.filter((_, j) => input.infos[j]?.kind === 'numeric');
  const zeroColumn = numeric[numeric.length - 1] as string;
  const marked = markMissingInTable(input, { zeroMissing: [zeroColumn] }).table;

  test('missing values marked: the columns whose tokens were blanked keep theirs', () => {
    expect(marked.infos.filter((info) => info !== undefined).length).toBeGreaterThan(0);
    expectInfosRead(marked);
  });

  test.each([
    ['mean', { numeric: 'mean' as const }],
    ['median and a text constant', { numeric: 'median' as const, categorical: { constant: 'zzz new' } }],
    ['a numeric constant', { numeric: { constant: 0 } }],
  ])('imputed with %s: every filled column classified as its cells read', (_, options) => {
    const imputed = imputeTable(classified(marked), options).table;
    expect(imputed.infos.filter((info) => info !== undefined).length).toBeGreaterThan(0);
    expectInfosRead(imputed);
  });

  test('encoded: each dummy classified as its cells read, blanks where the column was missing', () => {
    const encoded = encodeTable(classified(marked)).table;
    const dummies = encoded.columnSources.filter((source) => source === null).length;
    expect(dummies).toBeGreaterThan(0);
    expectInfosRead(encoded);
  });
});
