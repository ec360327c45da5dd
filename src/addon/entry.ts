/**
 * Every global Apps Script sees. The build (scripts/build.mjs) bundles this file into an IIFE and then writes, for
 * each function exported here, a real top-level `function` with the same JSDoc that calls into the bundle — so
 * that Sheets shows custom-function autocomplete and menus can name their handlers. Nothing at the top level of
 * this module or anything it imports may call a service: the bundle also loads in AuthMode.NONE.
 */
import type { ModelReport, ProfileReport, ServerApi, StepOptions, StepReport } from './api';
import * as server from './serverFunctions';
import {
  tikfitAdjR2,
  tikfitCoef,
  tikfitPValue,
  tikfitPredict,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
} from '../core/formulas';
import { formulaMemo, rangeFingerprint } from './customFunctions';

/** Makes a server result JSON-safe for google.script.run: NaN and Infinity become null, undefined disappears. */
function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Adds TikFit's menu. Runs in every auth mode, including AuthMode.NONE, so it only adds the menu and touches no
 * document.
 * @param {Object} e The onOpen event.
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void e;
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open TikFit', 'showSidebar')
    .addItem('Run all', 'menuRunRecipe')
    .addSeparator()
    .addItem('Clean', 'menuClean')
    .addItem('Impute', 'menuImpute')
    .addItem('Encode', 'menuEncode')
    .addItem('Fit regression', 'menuFitRegression')
    .addSeparator()
    .addItem('Undo last step', 'menuUndoLastStep')
    .addToUi();
}

/**
 * Runs when the add-on is installed: adds the menu, as onOpen does.
 * @param {Object} e The onInstall event.
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Opens the TikFit sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('TikFit');
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Sidebar: the profile of the active data sheet. */
export function getProfile(): ProfileReport {
  return jsonSafe(server.getProfile());
}

/**
 * Sidebar: saves settings for every editor of this spreadsheet.
 * @param {Object} options The settings.
 */
export function saveSettings(options: StepOptions): ProfileReport {
  return jsonSafe(server.saveSettings(options));
}

/**
 * Sidebar: cleans the data in place (trim, merge case variants, blank placeholders, rare levels).
 * @param {Object=} options Step options.
 */
export function applyClean(options?: StepOptions): StepReport {
  return jsonSafe(server.applyClean(options));
}

/**
 * Sidebar: fills missing values in place.
 * @param {Object=} options Step options.
 */
export function applyImpute(options?: StepOptions): StepReport {
  return jsonSafe(server.applyImpute(options));
}

/**
 * Sidebar: one-hot encodes the text columns in place.
 * @param {Object=} options Step options.
 */
export function applyEncode(options?: StepOptions): StepReport {
  return jsonSafe(server.applyEncode(options));
}

/**
 * Sidebar: fits the regression and writes the results sheet (the data is not changed).
 * @param {Object=} options Step options.
 */
export function runModel(options?: StepOptions): ModelReport {
  return jsonSafe(server.runModel(options));
}

/**
 * Sidebar: runs every step (Clean, Impute, Encode) in place, fits, and writes the results sheet.
 * @param {Object=} options Step options.
 */
export function runRecipe(options?: StepOptions): ModelReport {
  return jsonSafe(server.runRecipe(options));
}

/** Sidebar: restores the sheet as it was before the last step. */
export function undoLastStep(): StepReport {
  return jsonSafe(server.undoLastStep());
}

/**
 * Runs a step from the menu and shows its one-line result as a toast, or its error in an alert. A step that would
 * replace formulas by values asks first, as the sidebar does: Yes runs it again with `convertFormulas`, No leaves the
 * sheet as it was.
 */
function fromMenu(run: (options?: StepOptions) => StepReport): void {
  try {
    let report = run();
    if (report.confirm !== undefined) {
      const ui = SpreadsheetApp.getUi();
      const answer = ui.alert('TikFit: replace formulas with values?', report.confirm.question, ui.ButtonSet.YES_NO);
      if (answer !== ui.Button.YES) {
        SpreadsheetApp.getActiveSpreadsheet().toast('Nothing was changed.', 'TikFit', 8);
        return;
      }
      report = run({ convertFormulas: true });
    }
    SpreadsheetApp.getActiveSpreadsheet().toast(report.message, 'TikFit', 8);
  } catch (error) {
    SpreadsheetApp.getUi().alert(error instanceof Error ? error.message : String(error));
  }
}

/** Menu: Run all. */
export function menuRunRecipe(): void {
  fromMenu((options) => server.runRecipe(options));
}

/** Menu: Clean. */
export function menuClean(): void {
  fromMenu((options) => server.applyClean(options));
}

/** Menu: Impute. */
export function menuImpute(): void {
  fromMenu((options) => server.applyImpute(options));
}

/** Menu: Encode. */
export function menuEncode(): void {
  fromMenu((options) => server.applyEncode(options));
}

/** Menu: Fit regression. */
export function menuFitRegression(): void {
  fromMenu(() => server.runModel());
}

/** Menu: Undo last step. */
export function menuUndoLastStep(): void {
  fromMenu(() => server.undoLastStep());
}

/**
 * A fingerprint of a range's contents; TikFit's results sheet uses it to say when the data has changed.
 * @param {A1:Z} range The data, header included.
 * @return A short hexadecimal fingerprint.
 * @customfunction
 */
export function TIKFIT_FINGERPRINT(range: unknown): string {
  return rangeFingerprint(range);
}

/**
 * Fits a regression and spills a labeled table: Term, Estimate, Std. Error, t, p-value, CI low, CI high for every
 * term, then R², adjusted R², F, its p-value, the residual standard error and n. With model=nb (or poisson) a count
 * model: z instead of t, exp(Estimate) with its interval, then θ, deviance, null deviance, AIC and n.
 * Text columns are one-hot encoded against their first level; rows with a blank are skipped.
 * @param {B2:B200} known_y The outcome: one column, optionally with a header in the first row.
 * @param {C2:F200} known_x The predictors: one or more columns with the same rows (and header row) as known_y.
 * @param {"log-target; level=0.9"} options Optional settings separated by ";": log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The coefficient table and the model summary.
 * @customfunction
 */
export function TIKFIT(known_y: unknown, known_x: unknown, options?: unknown): unknown[][] {
  return tikfitTable(known_y, known_x, options, formulaMemo());
}

/**
 * The estimated coefficient of one term of a regression (on the log scale for a count model).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"likes"} term A term's name (e.g. "subject_data analytics"; case-insensitive), or its 1-based position; 0 or "Intercept" is the intercept.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The estimate.
 * @customfunction
 */
export function TIKFIT_COEF(known_y: unknown, known_x: unknown, term: unknown, options?: unknown): number {
  return tikfitCoef(known_y, known_x, term, options, formulaMemo());
}

/**
 * The standard error of one term's coefficient (accounting for correlated predictors).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"likes"} term A term's name (case-insensitive) or 1-based position; 0 or "Intercept" is the intercept.
 * @param {"robust=hc3"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The standard error.
 * @customfunction
 */
export function TIKFIT_STDERR(known_y: unknown, known_x: unknown, term: unknown, options?: unknown): number {
  return tikfitStdErr(known_y, known_x, term, options, formulaMemo());
}

/**
 * The t statistic of one term's coefficient (the Wald z for a count model).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"likes"} term A term's name (case-insensitive) or 1-based position; 0 or "Intercept" is the intercept.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The t (or z) statistic.
 * @customfunction
 */
export function TIKFIT_TSTAT(known_y: unknown, known_x: unknown, term: unknown, options?: unknown): number {
  return tikfitTStat(known_y, known_x, term, options, formulaMemo());
}

/**
 * The two-sided p-value of one term's coefficient (from Student's t, or the normal for a count model; accurate even
 * when tiny).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"subject_data analytics"} term A term's name (case-insensitive) or 1-based position; 0 or "Intercept" is the intercept.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The p-value.
 * @customfunction
 */
export function TIKFIT_PVALUE(known_y: unknown, known_x: unknown, term: unknown, options?: unknown): number {
  return tikfitPValue(known_y, known_x, term, options, formulaMemo());
}

/**
 * R² of a least-squares regression (uncentred when intercept=false).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return R².
 * @customfunction
 */
export function TIKFIT_R2(known_y: unknown, known_x: unknown, options?: unknown): number {
  return tikfitR2(known_y, known_x, options, formulaMemo());
}

/**
 * Adjusted R² of a least-squares regression.
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return Adjusted R².
 * @customfunction
 */
export function TIKFIT_ADJR2(known_y: unknown, known_x: unknown, options?: unknown): number {
  return tikfitAdjR2(known_y, known_x, options, formulaMemo());
}

/**
 * The residual standard error (in-sample RMSE with n − rank degrees of freedom) of a least-squares regression, on
 * the fitted scale: log units with log-target.
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return The residual standard error.
 * @customfunction
 */
export function TIKFIT_RMSE(known_y: unknown, known_x: unknown, options?: unknown): number {
  return tikfitRmse(known_y, known_x, options, formulaMemo());
}

/**
 * Predictions for new rows, back on the original scale (expm1) with log-target; expected counts with model=nb (or
 * poisson).
 * @param {B2:B200} known_y The outcome column, optionally with a header.
 * @param {C2:F200} known_x The predictor columns.
 * @param {C201:F210} new_x New rows with the same columns as known_x.
 * @param {"log-target"} options Optional settings: log-target, level=0.95, robust=hc3, intercept=false, model=nb (or poisson).
 * @return One prediction per row of new_x.
 * @customfunction
 */
export function TIKFIT_PREDICT(known_y: unknown, known_x: unknown, new_x: unknown, options?: unknown): unknown[][] {
  return tikfitPredict(known_y, known_x, new_x, options, formulaMemo());
}

/**
 * The sidebar's contract checked at compile time, both ways: the functions above are what ServerApi (the type the
 * sidebar's google.script.run wrapper uses) says they are, so a changed signature fails the type check. No code.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ServerFunctions = {
  getProfile: typeof getProfile;
  saveSettings: typeof saveSettings;
  applyClean: typeof applyClean;
  applyImpute: typeof applyImpute;
  applyEncode: typeof applyEncode;
  runModel: typeof runModel;
  runRecipe: typeof runRecipe;
  undoLastStep: typeof undoLastStep;
};
type Assert<T extends true> = T;
export type ServerContractHolds = Assert<Same<ServerFunctions, ServerApi>>;
