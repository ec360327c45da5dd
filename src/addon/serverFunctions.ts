import { gridFingerprint } from '../core/gridFingerprint';
import { cleanStep, encodeStep, imputeStep, planColumns, type PrepareSettings } from '../core/pipeline/prepareSteps';
import { prepareSettingsFor, runRecipe as runRecipeCore, type RecipeOptions, type RecipeResult } from '../core/pipeline/runRecipe';
import { profileGrid } from '../core/prepare/profileGrid';
import type { ColumnRole, ModelReport, ProfileReport, StepOptions, StepReport } from './api';
import { withDocumentLock } from './documentLock';
import { PREVIOUS_RESULTS_SHEET, RESULTS_SHEET, writeResultsSheet } from './resultsSheet';
import { checkOptions, effectiveOptions, loadSettings, saveSettings as storeSettings, articleSettings } from './settings';
import { columnLetter, readSheetData, writeSheetData, type SheetData } from './sheetData';
import { listSnapshots, restoreLastSnapshot, takeSnapshot } from './snapshots';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RESULTS_KEY = 'tikfit.results';

/**
 * The user's email if Session tells it, else "". With only the two scopes in the manifest (no userinfo.email),
 * Google may refuse the call; that must not stop the results from being written.
 */
function currentUserEmail(): string {
  try {
    return Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** What DocumentProperties records about the current results. */
interface ResultsRecord {
  fingerprint: string;
  sheetId: number;
  sheetName: string;
  at: string;
}

/**
 * The sheet TikFit works on: the active sheet, unless that is TikFit's own (results or a backup), in which case the
 * sheet the current results came from, or else the first ordinary sheet.
 * @throws Error when the spreadsheet has no data sheet.
 */
function dataSheet(spreadsheet: Spreadsheet): Sheet {
  const active = spreadsheet.getActiveSheet();
  if (!isTikFitSheet(active.getName())) return active;
  const record = loadResultsRecord();
  const sheets = spreadsheet.getSheets();
  const fromResults = record === null ? undefined : sheets.find((s) => s.getSheetId() === record.sheetId);
  const fallback = fromResults ?? sheets.find((s) => !isTikFitSheet(s.getName()));
  if (fallback === undefined) throw new Error('TikFit: there is no data sheet; add a sheet with your video stats');
  return fallback;
}

function isTikFitSheet(name: string): boolean {
  return name === RESULTS_SHEET || name === PREVIOUS_RESULTS_SHEET || name.startsWith('TikFit backup');
}

function loadResultsRecord(): ResultsRecord | null {
  const text = PropertiesService.getDocumentProperties().getProperty(RESULTS_KEY);
  if (text === null) return null;
  try {
    return JSON.parse(text) as ResultsRecord;
  } catch {
    return null;
  }
}

/**
 * The recipe options a step runs with: the article recipe, under the document's saved settings, under the call's
 * own options. Only what the user chose is passed on, so that the recipe's default zero-missing columns apply to a
 * sheet that has them and are skipped on one that does not.
 */
function recipeOptions(options: StepOptions | undefined): RecipeOptions {
  const { convertFormulas: _convertFormulas, ...chosen } = { ...loadSettings(), ...checkOptions(options ?? {}) };
  return { ...chosen, recipe: 'article' };
}

function prepareSettings(options: StepOptions | undefined): PrepareSettings {
  return prepareSettingsFor(recipeOptions(options));
}

/** Trailing blank rows and columns removed, so that a sheet's data range and an open-ended range hash alike. */
export function trimBlanks(grid: readonly (readonly unknown[])[]): unknown[][] {
  const blank = (cell: unknown): boolean => cell === '' || cell === null || cell === undefined;
  let rows = grid.length;
  while (rows > 0 && (grid[rows - 1] as readonly unknown[]).every(blank)) rows--;
  let columns = 0;
  for (let i = 0; i < rows; i++) {
    const row = grid[i] as readonly unknown[];
    for (let j = row.length - 1; j >= columns; j--) {
      if (!blank(row[j])) {
        columns = j + 1;
        break;
      }
    }
  }
  return grid.slice(0, rows).map((row) => row.slice(0, columns));
}

/** The fingerprint of a sheet's data as both the server and the TIKFIT_FINGERPRINT formula compute it. */
export function dataFingerprint(grid: readonly (readonly unknown[])[]): string {
  return gridFingerprint(trimBlanks(grid));
}

/** The sidebar's view of the active data sheet. Read-only; header-only sheets are fine here. */
export function getProfile(): ProfileReport {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = dataSheet(spreadsheet);
  const data = readSheetData(sheet, { convertFormulas: true, allowHeaderOnly: true });
  const options = effectiveOptions(undefined);
  const profile = profileGrid(data.grid, { target: options.target, rareThreshold: options.rareThreshold });
  // The profile must open even when saved settings name columns that were renamed since: it ignores those names.
  const names = new Set(profile.columns.map((c) => c.name));
  const saved = prepareSettings(undefined);
  const plan =
    data.rows > 1
      ? planColumns(data.grid, {
          ...saved,
          target: names.has(options.target) ? options.target : '\u0000',
          exclude: (saved.exclude ?? []).filter((name) => names.has(name)),
          include: (saved.include ?? []).filter((name) => names.has(name)),
        })
      : null;
  const record = loadResultsRecord();
  const fingerprint = dataFingerprint(data.grid);
  const columns = profile.columns.map((c) => {
    let role: ColumnRole;
    if (c.name === options.target) role = 'target';
    else if (c.kind === 'identifier' || c.kind === 'empty' || plan?.leftOut.has(c.name)) role = 'ignored';
    else role = c.kind === 'binary' ? 'binary' : c.kind === 'numeric' ? 'numeric' : 'categorical';
    return {
      name: c.name,
      kind: c.kind,
      role,
      missing: c.missing,
      zeros: c.zeros,
      distinct: c.distinct,
      levels: (c.levels ?? []).slice(0, 12),
      rareLevels: c.rareLevels ?? [],
      zerosLookMissing: c.zerosLookMissing,
    };
  });
  const sameSheet = record !== null && record.sheetId === sheet.getSheetId();
  return {
    sheetName: sheet.getName(),
    rows: profile.rows,
    columns,
    merges: profile.merges,
    suggestions: profile.suggestions,
    settings: { ...articleSettings(), ...loadSettings() },
    undo: listSnapshots().reverse().map((s) => ({ step: s.step, sheetName: s.sheetName, at: s.at })),
    dataFingerprint: fingerprint,
    resultsFingerprint: sameSheet ? record.fingerprint : null,
    stale: sameSheet && record.fingerprint !== fingerprint,
  };
}

const ENCODED_KEY = 'tikfit.encoded';

type EncodedColumns = { column: string; reference: string; dummies: string[] }[];

/**
 * Remembers which dummy columns Encode made on a sheet (and against which reference level), so that a later fit
 * can still word its findings as "videos about X … than videos about Y". Kept small: past 8,000 characters the
 * record is skipped and findings fall back to naming the dummy column.
 */
function recordEncoded(sheet: Sheet, columns: EncodedColumns): void {
  const properties = PropertiesService.getDocumentProperties();
  const key = `${ENCODED_KEY}.${sheet.getSheetId()}`;
  const previous = loadEncoded(sheet).filter((c) => !columns.some((n) => n.column === c.column));
  const text = JSON.stringify([...previous, ...columns]);
  if (text.length <= 8000) properties.setProperty(key, text);
}

function loadEncoded(sheet: Sheet): EncodedColumns {
  const text = PropertiesService.getDocumentProperties().getProperty(`${ENCODED_KEY}.${sheet.getSheetId()}`);
  if (text === null) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as EncodedColumns) : [];
  } catch {
    return [];
  }
}

/** Saves the sidebar's settings for every editor, then returns the refreshed profile. */
export function saveSettings(options: StepOptions): ProfileReport {
  storeSettings(options);
  return getProfile();
}

/** Runs an in-place step under the document lock: read once, snapshot, compute, write once. */
function inPlace(
  step: StepReport['step'],
  options: StepOptions | undefined,
  compute: (data: SheetData, sheet: Sheet) => { grid: unknown[][]; message: string; details: unknown },
): StepReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = dataSheet(spreadsheet);
    const settings = effectiveOptions(options);
    const data = readSheetData(sheet, { convertFormulas: settings.convertFormulas });
    const outcome = compute(data, sheet); // everything is computed before the sheet is touched
    takeSnapshot(spreadsheet, sheet, step);
    writeSheetData(sheet, data, outcome.grid);
    return { step, message: outcome.message, rows: outcome.grid.length, columns: outcome.grid[0]?.length ?? 0, details: outcome.details, undoAvailable: listSnapshots().length };
  });
}

/** Clean: trim, merge case variants, blank missing tokens and placeholder zeros, deal with rare levels. */
export function applyClean(options?: StepOptions): StepReport {
  return inPlace('clean', options, (data) => {
    const result = cleanStep(data.grid, prepareSettings(options));
    return { grid: result.grid, message: result.message, details: { ...result.reports, warnings: result.warnings } };
  });
}

/** Impute: fill the modelled columns' missing cells (the target with its mode, numbers with the mean). */
export function applyImpute(options?: StepOptions): StepReport {
  return inPlace('impute', options, (data) => {
    const result = imputeStep(data.grid, prepareSettings(options));
    const { plan, impute } = result.reports;
    return { grid: result.grid, message: result.message, details: { impute, excluded: plan.reasons, ignored: plan.ignored, warnings: result.warnings } };
  });
}

/** Encode: one-hot encode the categorical predictors in place. */
export function applyEncode(options?: StepOptions): StepReport {
  return inPlace('encode', options, (data, sheet) => {
    const result = encodeStep(data.grid, prepareSettings(options));
    recordEncoded(sheet, result.reports.encode.columns);
    return { grid: result.grid, message: result.message, details: { encode: result.reports.encode, warnings: result.warnings } };
  });
}

function modelReport(step: 'model' | 'recipe', result: RecipeResult, message: string, rows: number, columns: number): ModelReport {
  const json = result.json;
  return {
    step,
    message,
    rows,
    columns,
    details: { steps: json.steps, excluded: json.excluded, encoded: json.encoded, logTransformed: json.logTransformed, standardized: json.standardized, model: json.model },
    undoAvailable: listSnapshots().length,
    resultsSheet: RESULTS_SHEET,
    n: json.model.n,
    rSquared: json.model.rSquared,
    adjRSquared: json.model.adjRSquared,
    findings: json.findings,
    warnings: json.warnings,
    evaluation: json.evaluation,
  };
}

function recordResults(spreadsheet: Spreadsheet, sheet: Sheet, grid: readonly (readonly unknown[])[], result: RecipeResult, settings: unknown): void {
  const fingerprint = dataFingerprint(grid);
  const columns = trimBlanks(grid)[0]?.length ?? 1;
  const quotedName = `'${sheet.getName().replace(/'/g, "''")}'`;
  const user = currentUserEmail();
  writeResultsSheet(spreadsheet, result, {
    sourceSheet: sheet.getName(),
    fingerprint,
    dataRangeA1: `${quotedName}!A1:${columnLetter(columns)}`,
    settings,
    user,
    at: new Date().toISOString(),
  });
  const record: ResultsRecord = { fingerprint, sheetId: sheet.getSheetId(), sheetName: sheet.getName(), at: new Date().toISOString() };
  PropertiesService.getDocumentProperties().setProperty(RESULTS_KEY, JSON.stringify(record));
}

/**
 * Fit regression: prepares the sheet's data in memory with the same steps (the sheet itself is not changed), fits,
 * evaluates, and writes the results sheet.
 */
export function runModel(options?: StepOptions): ModelReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = dataSheet(spreadsheet);
    const settings = effectiveOptions(options);
    const data = readSheetData(sheet, { convertFormulas: true });
    const result = runRecipeCore(data.grid, { ...recipeOptions(options), encodedBefore: loadEncoded(sheet) });
    recordResults(spreadsheet, sheet, data.grid, result, settings);
    const r2 = result.json.model.rSquared;
    return modelReport('model', result, `Fitted ${result.json.model.coefficients.length} terms on ${result.json.rows.train} rows; R² ${r2 === null ? 'n/a' : r2.toFixed(3)}; see "${RESULTS_SHEET}"`, data.rows, data.columns);
  });
}

/** Run all (the article recipe): clean, impute and encode in place (one snapshot), then fit and write the results. */
export function runRecipe(options?: StepOptions): ModelReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = dataSheet(spreadsheet);
    const settings = effectiveOptions(options);
    const data = readSheetData(sheet, { convertFormulas: settings.convertFormulas });
    const result = runRecipeCore(data.grid, { ...recipeOptions(options), encodedBefore: loadEncoded(sheet) });
    takeSnapshot(spreadsheet, sheet, 'recipe');
    writeSheetData(sheet, data, result.preparedGrid);
    // Fingerprint what Sheets now holds, as the staleness check will read it.
    const written = sheet.getDataRange().getValues();
    recordResults(spreadsheet, sheet, written, result, settings);
    const json = result.json;
    return modelReport(
      'recipe',
      result,
      `Kept ${json.rows.modeled} of ${json.rows.input} rows, fitted ${json.model.coefficients.length} terms; R² ${json.model.rSquared === null ? 'n/a' : json.model.rSquared.toFixed(3)}; see "${RESULTS_SHEET}"`,
      result.preparedGrid.length,
      result.preparedGrid[0]?.length ?? 0,
    );
  });
}

/** Undo last step: restores the sheet from its newest snapshot, exactly. */
export function undoLastStep(): StepReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const record = restoreLastSnapshot(spreadsheet);
    const sheet = spreadsheet.getSheetByName(record.sheetName);
    const range = sheet?.getDataRange();
    return {
      step: 'undo',
      message: `Undid "${record.step}" on "${record.sheetName}"`,
      rows: range?.getNumRows() ?? 0,
      columns: range?.getNumColumns() ?? 0,
      details: { restored: record },
      undoAvailable: listSnapshots().length,
    };
  });
}
