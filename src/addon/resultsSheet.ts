import type { RecipeResult } from '../core/pipeline/runRecipe';
import { COEFFICIENT_HEADER, sheetsText } from '../core/cells/safeText';
import { GLM_COEFFICIENT_HEADER } from '../core/model/glmResults';
import { describeSteps, scalesNote, settingLines } from '../core/pipeline/explain';
import { sheetRemedy, targetCaveat } from '../core/pipeline/findings';
import { P_VALUE_FORMAT, SHARE_FORMAT, significantFormat } from '../core/pipeline/readableNumbers';

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

/**
 * Least squares' table is A–H, a count model's A–J (z instead of t, exp(estimate) and its interval instead of VIF).
 * The chart data starts one column after the table (least squares: J–M for the coefficients, P–Q for residuals vs
 * fitted), under the charts, which start right after the table (least squares: from I).
 */
const OLS_TABLE_WIDTH = 8;
const GLM_TABLE_WIDTH = 10;
/** The date-time format of the "Made" cell (the value is a real date-time, in the spreadsheet's time zone). */
export const MADE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Column widths in pixels: labels and findings in A; B wide enough for the full timestamp. */
const WIDTH_A = 230;
const WIDTH_B = 150;
/** The charts' width in pixels: beside the report (from column I), on a wide screen. */
const CHART_WIDTH = 560;

/** The fill of headings, and of the "Read this first" block. */
const HEADING_FILL = '#e8eaed';
const CAVEAT_FILL = '#fce8e6';

/**
 * Writes the "TikFit Results" sheet, the answer first: the title; when most of the target was filled in, "Read this
 * first" with what to do; the findings in plain words; the warnings; then the model summary and the coefficient
 * table (p < 0.05 highlighted by conditional formatting); the columns not in the model; and last "How this was
 * computed" (the steps, the scales, the live data status, when, from which sheet and data, and each setting on its
 * own line). Charts: the coefficients with confidence intervals, and residuals vs fitted. The previous results are
 * kept as "TikFit Results (previous)".
 *
 * Numbers keep their full precision in the cells and are shown by number formats: estimates and intervals to 4
 * significant digits (a fixed-decimals format per cell), R² as 0.766, p-values as 0.0001 or "<0.0001". The sheet
 * first grows to fit (a new sheet has 1,000 rows; the residuals alone can take 2,001). All cells are written in one
 * setValues call, every string as the text it is (`sheetsText`). Cost: about 30 service calls, whatever the size.
 */
export function writeResultsSheet(spreadsheet: Spreadsheet, result: RecipeResult, context: ResultsContext): Sheet {
  const previous = spreadsheet.getSheetByName(PREVIOUS_RESULTS_SHEET);
  if (previous !== null) spreadsheet.deleteSheet(previous);
  const existing = spreadsheet.getSheetByName(RESULTS_SHEET);
  if (existing !== null) existing.setName(PREVIOUS_RESULTS_SHEET);
  const sheet = spreadsheet.insertSheet(RESULTS_SHEET);

  const { json, results } = result;
  const target = results.design.target;
  const model = json.model;
  const glm = model.model !== 'ols';
  const tableWidth = glm ? GLM_TABLE_WIDTH : OLS_TABLE_WIDTH;
  const header = glm ? GLM_COEFFICIENT_HEADER : COEFFICIENT_HEADER;
  /** 0-based columns of the coefficient chart's data and the residuals', and the width written. */
  const chartData = tableWidth + 1;
  const residualData = chartData + 6;
  const WIDTH = residualData + 2;
  const rows: unknown[][] = [];
  /** Number formats by 1-based row and column, applied after the values. */
  const formats = new Map<string, string>();
  const headings: number[] = [];
  const add = (...cells: unknown[]): number => {
    rows.push(cells);
    return rows.length;
  };
  const heading = (text: string): number => {
    const row = add(text);
    headings.push(row);
    return row;
  };
  const format = (row: number, column: number, pattern: string): void => {
    formats.set(`${row},${column}`, pattern);
  };
  const numberCell = (row: number, column: number, value: number | null, pattern: string): void => {
    if (value !== null && Number.isFinite(value)) format(row, column, pattern);
  };
  /** A number cell shown to 4 significant digits (see significantFormat). */
  const significantCell = (row: number, column: number, value: number | null): void =>
    numberCell(row, column, value, significantFormat(value ?? 0));

  add(`TikFit: what brings ${target}?`);
  add('');
  // 1. What to read before trusting anything below, when most of the target was filled in.
  const caveat = targetCaveat(json, sheetRemedy(target));
  let caveatRows: [number, number] | null = null;
  if (caveat !== null) {
    const first = add('Read this first');
    // One sentence a row, so that each fits on the screen.
    for (const sentence of caveat.split(/(?<=\.) (?=[A-Z])/)) add(sentence);
    caveatRows = [first, rows.length];
    add('');
  }
  // 2. The answer.
  heading('What TikFit found (terms with p < 0.05, the clearest first)');
  for (const finding of json.findings) add(finding);
  add('');
  heading('Warnings');
  for (const warning of json.warnings.length > 0 ? json.warnings : ['None.']) add(warning);
  add('');
  // 3. The model.
  heading('Model summary');
  const e = json.evaluation;
  const noTest = 'no rows held out';
  add('Rows modelled', json.rows.modeled, 'fitted on', json.rows.train, 'held out', json.rows.test);
  if (model.model === 'ols') {
    numberCell(add('R²', model.rSquared), 2, model.rSquared, SHARE_FORMAT);
    numberCell(add('Adjusted R²', model.adjRSquared), 2, model.adjRSquared, SHARE_FORMAT);
    const fRow = add('F', model.fStatistic ?? '', 'p-value', model.fPValue ?? '');
    significantCell(fRow, 2, model.fStatistic);
    numberCell(fRow, 4, model.fPValue, P_VALUE_FORMAT);
  } else {
    const exposure = json.offset === null ? '' : `, offset log(${json.offset}): ${target} per ${json.offset}`;
    add('Model', `${model.model === 'nb' ? 'Negative binomial' : 'Poisson'} (log link)${exposure}`);
    if (model.model === 'nb') {
      const thetaRow = add('θ (dispersion)', model.theta ?? '', 'Std. Error', model.thetaStdError ?? '');
      significantCell(thetaRow, 2, model.theta);
      significantCell(thetaRow, 4, model.thetaStdError);
    }
    const devRow = add('Deviance', model.deviance ?? '', 'df', model.dfResidual);
    significantCell(devRow, 2, model.deviance);
    const nullRow = add('Null deviance', model.nullDeviance ?? '', 'df', model.dfNull);
    significantCell(nullRow, 2, model.nullDeviance);
    significantCell(add('AIC', model.aic ?? ''), 2, model.aic);
  }
  const testRows: [string, number | null][] = [
    [`Test RMSE (${target})`, e.testRmseFollowers],
    [`Test MAE (${target})`, e.testMaeFollowers],
  ];
  if (!glm) testRows.push(['Test RMSE (log1p scale)', e.testRmseLog]);
  for (const [label, value] of testRows) {
    significantCell(add(label, value ?? noTest), 2, value);
  }
  const cv = glm && e.cvRmseFollowers !== null ? e.cvRmseFollowers : e.cvRmseLog;
  const cvRow = add(
    glm ? `CV RMSE (${target})` : 'CV RMSE (log1p scale)',
    cv.mean ?? 'not run',
    '±',
    cv.sd ?? '',
    `${cv.folds} folds`,
  );
  significantCell(cvRow, 2, cv.mean);
  significantCell(cvRow, 4, cv.sd);
  add('');
  const headerRow = add(...header);
  const coefficients = model.coefficients;
  // One row a term: estimate, SE, the test statistic (t, or a count model's z), p, the interval, then least squares'
  // VIF or a count model's exp(estimate) with its interval. Each number gets a format that suits its size.
  for (const c of coefficients) {
    const statistic = 'zStat' in c ? c.zStat : c.tStat;
    const tail = 'expEstimate' in c ? [c.expEstimate, c.expCiLower, c.expCiUpper] : [c.vif];
    const row = add(
      c.name,
      c.estimate ?? '',
      c.aliased ? 'aliased' : (c.stdError ?? ''),
      statistic ?? '',
      c.pValue ?? '',
      c.ciLower ?? '',
      c.ciUpper ?? '',
      ...tail.map((value) => value ?? ''),
    );
    numberCell(row, 4, statistic, '0.00');
    numberCell(row, 5, c.pValue, P_VALUE_FORMAT);
    const significant = [
      c.estimate,
      c.aliased ? null : c.stdError,
      null,
      null,
      c.ciLower,
      c.ciUpper,
      ...(glm ? tail : []),
    ];
    significant.forEach((value, k) => {
      significantCell(row, 2 + k, value);
    });
    if (!glm) numberCell(row, 8, tail[0] ?? null, '0.00');
  }
  const lastCoefficientRow = rows.length;
  add(
    "Estimates are on the model's scales (see How this was computed, below); the findings above are in the columns' own units.",
  );
  if (glm)
    add(
      `exp(Estimate) multiplies the expected ${target} (per unit of the predictor's scale, or against the reference level).`,
    );
  add('');
  // Nothing disappears silently: every column of the sheet that is not in the model, with its reason.
  heading('Not in the model');
  for (const column of json.leftOut.length > 0
    ? json.leftOut
    : [{ column: 'None: every column is in the model.', detail: '' }])
    add(column.column, column.detail);
  add('');
  // 4. The machinery, last.
  heading('How this was computed');
  for (const [step, what] of describeSteps(json)) add(step, what);
  for (const line of scalesNote(result)) add(line);
  add('');
  const live = context.volatile.length === 0;
  const volatileNames = context.volatile.map((name) => `${name}()`).join(', ');
  const stalenessRow = add(
    'Data status',
    live
      ? 'checking…'
      : `Not checked live: the data uses ${volatileNames}, which recalculates on its own; run TikFit again after you change the data`,
  );
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const madeRow = add('Made', context.at, `${timeZone} time`);
  format(madeRow, 2, MADE_FORMAT);
  add('From sheet', context.sourceSheet);
  add('Data fingerprint', context.fingerprint);
  const settingsRow = add('Settings');
  const settings = settingLines(context.settings);
  for (const [label, value] of settings.length > 0 ? settings : [['None', '']]) add(`  ${label}`, value);

  // Chart data, to the right: the coefficient chart (term, CI low, estimate, CI high) and a sample of residuals vs
  // fitted values. The charts are drawn over it.
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
  ['Term', 'CI low', 'Estimate', 'CI high'].forEach((h, k) => put(0, chartData + k, h));
  chartTerms.forEach((c, k) => {
    put(k + 1, chartData, c.name);
    put(k + 1, chartData + 1, c.ciLower);
    put(k + 1, chartData + 2, c.estimate);
    put(k + 1, chartData + 3, c.ciUpper);
  });
  if (residuals.length > 0) {
    put(0, residualData, glm ? 'log expected count' : 'Fitted');
    put(0, residualData + 1, glm ? 'Deviance residual' : 'Residual');
  }
  residuals.forEach(([fitted, residual], k) => {
    put(k + 1, residualData, fitted);
    put(k + 1, residualData + 1, residual);
  });

  // A new sheet has 1,000 rows and 26 columns: grow it to fit, or Sheets refuses the range.
  const maxRows = sheet.getMaxRows();
  if (height > maxRows) sheet.insertRowsAfter(maxRows, height - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (WIDTH > maxColumns) sheet.insertColumnsAfter(maxColumns, WIDTH - maxColumns);
  sheet.getRange(1, 1, height, WIDTH).setValues(grid.map((row) => row.map((cell) => sheetsText(cell))));
  // Number formats: the coefficient table in one call (each cell its own pattern; a blank or text cell its column's,
  // which changes nothing it shows), the summary's and the footer's numbers one cell at a time. Other cells keep
  // Sheets' automatic format.
  const tableRows = lastCoefficientRow - headerRow;
  if (tableRows > 0) {
    const fallback = glm
      ? ['0.0000', '0.0000', '0.00', P_VALUE_FORMAT, '0.0000', '0.0000', '0.0000', '0.0000', '0.0000']
      : ['0.0000', '0.0000', '0.00', P_VALUE_FORMAT, '0.0000', '0.0000', '0.00'];
    sheet
      .getRange(headerRow + 1, 2, tableRows, fallback.length)
      .setNumberFormats(
        Array.from({ length: tableRows }, (_, i) =>
          fallback.map((pattern, j) => formats.get(`${headerRow + 1 + i},${j + 2}`) ?? pattern),
        ),
      );
  }
  for (const [key, pattern] of formats) {
    const [row, column] = key.split(',').map(Number) as [number, number];
    if (row > headerRow && row <= lastCoefficientRow) continue;
    sheet.getRange(row, column).setNumberFormat(pattern);
  }
  if (chartTerms.length > 0) {
    sheet
      .getRange(2, chartData + 2, chartTerms.length, 3)
      .setNumberFormats(
        chartTerms.map((c) => [c.ciLower, c.estimate, c.ciUpper].map((v) => significantFormat(v ?? 0))),
      );
  }
  sheet.getRange(1, 1).setFontWeight('bold').setFontSize(14);
  for (const row of [...headings, settingsRow])
    sheet.getRange(row, 1, 1, tableWidth).setFontWeight('bold').setBackground(HEADING_FILL);
  if (caveatRows !== null) {
    sheet.getRange(caveatRows[0], 1, caveatRows[1] - caveatRows[0] + 1, tableWidth).setBackground(CAVEAT_FILL);
    sheet.getRange(caveatRows[0], 1).setFontWeight('bold');
  }
  sheet.getRange(headerRow, 1, 1, header.length).setFontWeight('bold').setBackground(HEADING_FILL);
  const pRange = sheet.getRange(headerRow + 1, 1, Math.max(1, lastCoefficientRow - headerRow), header.length);
  const firstP = `$E${headerRow + 1}`;
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=AND(ISNUMBER(${firstP}), ${firstP}<0.05)`)
    .setBackground('#d9ead3')
    .setRanges([pRange])
    .build();
  sheet.setConditionalFormatRules([rule]);
  if (live) {
    // The live staleness cell: recomputed by Sheets whenever the data changes (our formula, not user text).
    sheet
      .getRange(stalenessRow, 2)
      .setFormula(
        `=IF(TIKFIT_FINGERPRINT(${context.dataRangeA1})="${context.fingerprint}", ` +
          '"Current: the data is unchanged since these results were made", ' +
          '"STALE: the data has changed since these results were made; run TikFit again")',
      );
  } else {
    sheet
      .getRange(stalenessRow, 2)
      .setNote(
        `A live check here would run TikFit's TIKFIT_FINGERPRINT over the data each time ${volatileNames} ` +
          'recalculates, which never stops. The data fingerprint below is what these results were made from.',
      );
  }
  sheet.setFrozenRows(0);
  sheet.setColumnWidth(1, WIDTH_A);
  sheet.setColumnWidth(2, WIDTH_B);
  if (chartTerms.length > 0) {
    // A line chart without lines: per term, the estimate as a large point between its interval's ends as small ones.
    // Embedded charts support only the types with an as…Chart() builder (no candlestick), and their data cannot
    // carry interval roles, so the interval is drawn by its two ends.
    const coefficientChart = sheet
      .newChart()
      .asLineChart()
      .addRange(sheet.getRange(1, chartData + 1, chartTerms.length + 1, 4))
      .setNumHeaders(1)
      .setPosition(2, tableWidth + 1, 0, 0)
      .setOption('width', CHART_WIDTH)
      .setOption('title', `Coefficients with ${Math.round(results.level * 100)}% confidence intervals`)
      .setOption('lineWidth', 0)
      .setOption('pointSize', 5)
      .setOption('series', {
        0: { pointSize: 4, color: '#9aa0a6' },
        1: { pointSize: 8, color: '#1a73e8' },
        2: { pointSize: 4, color: '#9aa0a6' },
      })
      .setOption('hAxis', { title: 'Term', slantedText: true })
      .setOption('vAxis', { title: "Estimate (on the model's scales)" })
      .setOption('legend', { position: 'bottom' })
      .build();
    sheet.insertChart(coefficientChart);
  }
  if (residuals.length > 0) {
    const residualChart = sheet
      .newChart()
      .setChartType(Charts.ChartType.SCATTER)
      .addRange(sheet.getRange(1, residualData + 1, residuals.length + 1, 2))
      .setPosition(21, tableWidth + 1, 0, 0)
      .setOption('width', CHART_WIDTH)
      .setOption(
        'title',
        glm ? 'Deviance residuals vs fitted (log of the expected count)' : 'Residuals vs fitted (log1p scale)',
      )
      .setOption('hAxis', { title: glm ? `Fitted: log of the expected ${target}` : 'Fitted' })
      .setOption('vAxis', { title: glm ? 'Deviance residual' : 'Residual' })
      .build();
    sheet.insertChart(residualChart);
  }
  return sheet;
}

/**
 * Up to MAX_RESIDUAL_POINTS (fitted, residual) pairs, evenly spread over the training rows: least squares' residuals
 * against its fitted values on the log1p scale; a count model's deviance residuals against the linear predictor (the
 * log of the expected count), the residuals-vs-fitted panel of R's plot() of a glm.
 */
function residualSample(result: RecipeResult): [number, number][] {
  const r = result.results;
  const fitted = 'fit' in r ? r.linearPredictors : r.fittedValues;
  const residuals = 'fit' in r ? r.devianceResiduals : r.residuals;
  const n = fitted.length;
  const step = Math.max(1, Math.ceil(n / MAX_RESIDUAL_POINTS));
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i += step) pairs.push([fitted[i] as number, residuals[i] as number]);
  return pairs;
}
