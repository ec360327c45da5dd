/**
 * Google Sheets' 10,000,000 cells per spreadsheet. Every sheet's whole grid counts — empty rows and columns and
 * hidden sheets (TikFit's backups) included — and an operation that would pass the limit fails halfway with "This
 * action would increase the number of cells in the workbook above the limit of 10000000 cells". TikFit works out
 * before any change whether a step fits, and says so in one line when it does not.
 */

import { groupThousands } from '../core/pipeline/readableNumbers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How many cells a spreadsheet may hold (Google Drive's limit for Google Sheets files). */
export const MAX_CELLS = 10_000_000;

/** The cells of every sheet's grid, hidden sheets included. Cost: 1 + 2 × sheets service calls. */
export function spreadsheetCells(spreadsheet: Spreadsheet): number {
  let total = 0;
  for (const sheet of spreadsheet.getSheets()) total += sheet.getMaxRows() * sheet.getMaxColumns();
  return total;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return groupThousands(String(Math.round(n)));
}
