import type { RecipeResult } from '../core/pipeline/runRecipe';
import { COEFFICIENT_HEADER, sheetsText } from '../core/cells/safeText';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const RESULTS_SHEET = 'TikFit Results';
export const PREVIOUS_RESULTS_SHEET = 'TikFit Results (previous)';
/** At most this many residual points go to the residuals-vs-fitted chart. */
export const MAX_RESIDUAL_POINTS = 2000;

/** When, from what and how the results were made: the results sheet's footer. It never says who. */
export interface ResultsContext {
  sourceSheet: string;
  fingerprint: string;
  /** The fingerprint formula's range, e.g. 'Sheet1'!A1:Q120, for the live staleness cell. */
  dataRangeA1: string;
  settings: unknown;
  /** When the results were made; shown in the spreadsheet's time zone. */
  at: Date;
  /**
   * The volatile functions (NOW, TODAY, RAND, …) the data's formulas call. When there are any, the data-status cell
   * is written once instead of as a live formula, which they would keep recalculating.
   */
  volatile: readonly string[];
}

const WIDTH = 17; // A–H: the report; J–M: the coefficient chart's data; P–Q: residuals vs fitted.

/**
 * Writes the "TikFit Results" sheet: model summary, the coefficient table (p < 0.05 highlighted by conditional
 * formatting), findings, warnings, a coefficient chart with confidence intervals, a residuals-vs-fitted chart, and
 * a footer recording when (in the spreadsheet's time zone), from which data and with which settings. The previous
 * results are kept as "TikFit Results (previous)". The sheet first grows to fit (a new sheet has 1,000 rows; the
 * residuals alone can take 2,001). All cells are written in one setValues call, every string as the text it is
 * (`sheetsText`). Cost: about 25 service calls, whatever the size.
 */
export function writeResultsSheet(spreadsheet: Spreadsheet, result: RecipeResult, context: ResultsContext): Sheet {
  const previous = spreadsheet.getSheetByName(PREVIOUS_RESULTS_SHEET);
  if (previous !== null) spreadsheet.deleteSheet(previous);
  const existing = spreadsheet.getSheetByName(RESULTS_SHEET);
  if (existing !== null) existing.setName(PREVIOUS_RESULTS_SHEET);
  const sheet = spreadsheet.insertSheet(RESULTS_SHEET);

  const { json, results } = result;
  const rows: unknown[][] = [];
  const add = (...cells: unknown[]): number => {
    rows.push(cells);
    return rows.length;
  };
  const e = json.evaluation;
  add(`TikFit: what brings ${results.design.target}?`);
  add('');
  add('Model summary');
  add('Rows modelled', json.rows.modeled, 'fitted on', json.rows.train, 'held out', json.rows.test);
  add('R²', json.model.rSquared);
  add('Adjusted R²', json.model.adjRSquared);
  add('F', json.model.fStatistic, 'p-value', json.model.fPValue);
  add('Test RMSE (log1p scale)', e.testRmseLog ?? 'no rows held out');
  add(`Test RMSE (${results.design.target})`, e.testRmseFollowers ?? 'no rows held out');
  add(`Test MAE (${results.design.target})`, e.testMaeFollowers ?? 'no rows held out');
  add('CV RMSE (log1p scale)', e.cvRmseLog.mean ?? 'not run', '±', e.cvRmseLog.sd ?? '', `${e.cvRmseLog.folds} folds`);
  add('');
  const headerRow = add(...COEFFICIENT_HEADER);
  const coefficients = json.model.coefficients;
  for (const c of coefficients) {
    add(c.name, c.estimate ?? '', c.aliased ? 'aliased' : c.stdError ?? '', c.tStat ?? '', c.pValue ?? '', c.ciLower ?? '', c.ciUpper ?? '', c.vif ?? '');
  }
  const lastCoefficientRow = rows.length;
  const logged = result.transforms.filter((t) => t.log1p && t.sd !== null).map((t) => t.name);
  const scaled = result.transforms.filter((t) => !t.log1p && t.sd !== null).map((t) => t.name);
  add(`Scales: the response is log1p(${results.design.target}). Per one standard deviation of log1p(x): ${logged.join(', ') || 'none'}. Per one standard deviation: ${scaled.join(', ') || 'none'}. Others per unit (0/1).`);
  add('');
  add('Findings');
  for (const finding of json.findings) add(finding);
  add('');
  // Nothing disappears silently: every column of the sheet that is not in the model, with its reason.
  add('Not in the model');
  for (const column of json.leftOut.length > 0 ? json.leftOut : [{ column: 'None: every column is in the model.', detail: '' }]) add(column.column, column.detail);
  add('');
  add('Warnings');
  for (const warning of json.warnings.length > 0 ? json.warnings : ['None.']) add(warning);
  add('');
  const live = context.volatile.length === 0;
  const volatileNames = context.volatile.map((name) => `${name}()`).join(', ');
  const stalenessRow = add('Data status', live ? 'checking…' : `Not checked live: the data uses ${volatileNames}, which recalculates on its own; run TikFit again after you change the data`);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  add('Made', `${Utilities.formatDate(context.at, timeZone, 'yyyy-MM-dd HH:mm:ss')} (${timeZone})`);
  add('From sheet', context.sourceSheet, 'data fingerprint', context.fingerprint);
  add('Settings', JSON.stringify(context.settings));

  // Chart data, to the right: the coefficient chart (term, CI low, estimate, CI high) and a sample of residuals vs
  // fitted values.
  const chartTerms = coefficients.filter((c) => c.name !== 'Intercept' && !c.aliased && c.ciLower !== null);
  const residuals = residualSample(result);
  const height = Math.max(rows.length, chartTerms.length + 1, residuals.length + 1);
  const grid: unknown[][] = Array.from({ length: height }, (_, i) => {
    const row = (rows[i] ?? []).slice();
    while (row.length < WIDTH) row.push('');
    return row;
  });
  const put = (r: number, c: number, value: unknown): void => {
    (grid[r] as unknown[])[c] = value;
  };
  ['Term', 'CI low', 'Estimate', 'CI high'].forEach((h, k) => put(0, 9 + k, h));
  chartTerms.forEach((c, k) => {
    put(k + 1, 9, c.name);
    put(k + 1, 10, c.ciLower);
    put(k + 1, 11, c.estimate);
    put(k + 1, 12, c.ciUpper);
  });
  put(0, 15, 'Fitted');
  put(0, 16, 'Residual');
  residuals.forEach(([fitted, residual], k) => {
    put(k + 1, 15, fitted);
    put(k + 1, 16, residual);
  });

  // A new sheet has 1,000 rows and 26 columns: grow it to fit, or Sheets refuses the range.
  const maxRows = sheet.getMaxRows();
  if (height > maxRows) sheet.insertRowsAfter(maxRows, height - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (WIDTH > maxColumns) sheet.insertColumnsAfter(maxColumns, WIDTH - maxColumns);
  sheet.getRange(1, 1, height, WIDTH).setValues(grid.map((row) => row.map((cell) => sheetsText(cell))));
  sheet.getRange(1, 1).setFontWeight('bold').setFontSize(14);
  sheet.getRange(headerRow, 1, 1, COEFFICIENT_HEADER.length).setFontWeight('bold').setBackground('#e8eaed');
  sheet.getRange(headerRow + 1, 2, Math.max(1, lastCoefficientRow - headerRow), 7).setNumberFormat('0.0000');
  sheet.getRange(headerRow + 1, 5, Math.max(1, lastCoefficientRow - headerRow), 1).setNumberFormat('0.0000E+00');
  const pRange = sheet.getRange(headerRow + 1, 1, Math.max(1, lastCoefficientRow - headerRow), COEFFICIENT_HEADER.length);
  const firstP = `$E${headerRow + 1}`;
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=AND(ISNUMBER(${firstP}), ${firstP}<0.05)`)
    .setBackground('#d9ead3')
    .setRanges([pRange])
    .build();
  sheet.setConditionalFormatRules([rule]);
  if (live) {
    // The live staleness cell: recomputed by Sheets whenever the data changes (our formula, not user text).
    sheet.getRange(stalenessRow, 2).setFormula(`=IF(TIKFIT_FINGERPRINT(${context.dataRangeA1})="${context.fingerprint}", "Current: the data is unchanged since these results were made", "STALE: the data has changed since these results were made; run TikFit again")`);
  } else {
    sheet.getRange(stalenessRow, 2).setNote(`A live check here would run TikFit's TIKFIT_FINGERPRINT over the data each time ${volatileNames} recalculates, which never stops. The data fingerprint below is what these results were made from.`);
  }
  sheet.setFrozenRows(0);
  sheet.setColumnWidth(1, 220);
  if (chartTerms.length > 0) {
    // A line chart without lines: per term, the estimate as a large point between its interval's ends as small ones.
    // Embedded charts support only the types with an as…Chart() builder (no candlestick), and their data cannot
    // carry interval roles, so the interval is drawn by its two ends.
    const coefficientChart = sheet
      .newChart()
      .asLineChart()
      .addRange(sheet.getRange(1, 10, chartTerms.length + 1, 4))
      .setNumHeaders(1)
      .setPosition(2, 10, 0, 0)
      .setOption('title', `Coefficients with ${Math.round(results.level * 100)}% confidence intervals`)
      .setOption('lineWidth', 0)
      .setOption('pointSize', 5)
      .setOption('series', { 0: { pointSize: 4, color: '#9aa0a6' }, 1: { pointSize: 8, color: '#1a73e8' }, 2: { pointSize: 4, color: '#9aa0a6' } })
      .setOption('hAxis', { title: 'Term', slantedText: true })
      .setOption('vAxis', { title: 'Estimate (scales as in the note under the table)' })
      .setOption('legend', { position: 'bottom' })
      .build();
    sheet.insertChart(coefficientChart);
  }
  if (residuals.length > 0) {
    const residualChart = sheet
      .newChart()
      .setChartType(Charts.ChartType.SCATTER)
      .addRange(sheet.getRange(1, 16, residuals.length + 1, 2))
      .setPosition(22, 10, 0, 0)
      .setOption('title', 'Residuals vs fitted (log1p scale)')
      .setOption('hAxis', { title: 'Fitted' })
      .setOption('vAxis', { title: 'Residual' })
      .build();
    sheet.insertChart(residualChart);
  }
  return sheet;
}

/** Up to MAX_RESIDUAL_POINTS (fitted, residual) pairs, evenly spread over the training rows. */
function residualSample(result: RecipeResult): [number, number][] {
  const fitted = result.results.fittedValues;
  const residuals = result.results.residuals;
  const n = fitted.length;
  const step = Math.max(1, Math.ceil(n / MAX_RESIDUAL_POINTS));
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i += step) pairs.push([fitted[i] as number, residuals[i] as number]);
  return pairs;
}
