import { findColumn, tableFromGrid, tableToGrid, type Table } from '../core/cells/table';
import { utf8Bytes } from '../core/cells/utf8Bytes';
import { gridFingerprint } from '../core/gridFingerprint';
import { cleanStep, encodeStep, imputeStep, planColumns, reportOf, type PrepareSettings, type StepResult } from '../core/pipeline/prepareSteps';
import { prepareSettingsFor, runRecipe as runRecipeCore, type RecipeOptions, type RecipeResult } from '../core/pipeline/runRecipe';
import { profileTable } from '../core/prepare/profileGrid';
import type { ColumnRole, ColumnSummary, ModelReport, ProfileReport, StepOptions, StepReport } from './api';
import { withDocumentLock } from './documentLock';
import { PREVIOUS_RESULTS_SHEET, RESULTS_SHEET, writeResultsSheet } from './resultsSheet';
import { checkOptions, defaultSettings, effectiveOptions, loadSettings, PROPERTY_VALUE_BYTES, saveSettings as storeSettings } from './settings';
import { columnLetter, readSheetData, readSheetForStep, type SheetDataForStep } from './sheetData';
import { listSnapshots, restoreLastSnapshot, takeSnapshot } from './snapshots';
import { volatileFunctions } from './volatileFormulas';
import { formulaQuestion, planChanges, writeChangedCells, type ChangePlan, type GridChange } from './writeChanges';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RESULTS_KEY = 'tikfit.results';

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
 * The recipe options a step runs with on a table: the default recipe (nothing about the article's columns), under
 * the document's saved settings — less any that name a column the sheet no longer has — under the call's own
 * options. The target, when none is chosen, is guessed from the sheet.
 */
function recipeOptions(options: StepOptions | undefined, table: Table): RecipeOptions {
  const { convertFormulas: _convertFormulas, ...chosen } = { ...savedSettingsFor(table).settings, ...checkOptions(options ?? {}) };
  return { ...chosen, recipe: 'default' };
}

function prepareSettings(options: StepOptions | undefined, table: Table): PrepareSettings {
  return prepareSettingsFor(recipeOptions(options, table), table);
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

/**
 * The document's saved settings less those that name a column this table does not have (a renamed or deleted
 * column), with a one-line note for each one dropped. Cost: O(columns).
 */
function savedSettingsFor(table: Table): { settings: StepOptions; notes: string[] } {
  const saved = loadSettings();
  const notes: string[] = [];
  const has = (name: string): boolean => findColumn(table, name) >= 0;
  const settings: StepOptions = { ...saved };
  const dropNote = (what: string, names: string[]): void => {
    if (names.length > 0) notes.push(`The saved setting "${what}" named ${names.map((n) => `"${n}"`).join(', ')}, which ${names.length === 1 ? 'is' : 'are'} not a column of this sheet; it was dropped`);
  };
  if (saved.target !== undefined && !has(saved.target)) {
    notes.push(`The saved column to explain, "${saved.target}", is not a column of this sheet; TikFit chose one instead`);
    delete settings.target;
  }
  if (saved.trend !== undefined && !has(saved.trend)) {
    dropNote('trend', [saved.trend]);
    delete settings.trend;
  }
  for (const key of ['zeroMissing', 'exclude', 'include'] as const) {
    const list = saved[key];
    if (list === undefined) continue;
    dropNote(key === 'zeroMissing' ? '0 = blank' : key, list.filter((name) => !has(name)));
    settings[key] = list.filter(has);
  }
  if (saved.impute !== undefined) {
    const gone = Object.keys(saved.impute).filter((name) => !has(name));
    dropNote('impute', gone);
    settings.impute = Object.fromEntries(Object.entries(saved.impute).filter(([name]) => has(name)));
  }
  return { settings, notes };
}

/** The sidebar's view of the active data sheet. Read-only; header-only sheets are fine here. */
export function getProfile(): ProfileReport {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = dataSheet(spreadsheet);
  const data = readSheetData(sheet, { allowHeaderOnly: true });
  const table = tableFromGrid(data.grid);
  // The profile must open even when saved settings name columns that were renamed since: those are dropped, with
  // a note, and the sidebar never sends them back.
  const saved = savedSettingsFor(table);
  const chosen = { ...defaultSettings(), ...saved.settings };
  const profile = profileTable(table, { target: chosen.target, rareThreshold: chosen.rareThreshold });
  const target = chosen.target ?? profile.suggestedTarget ?? '';
  const plan = data.rows > 1 && target !== '' ? planColumns(table, prepareSettings({ target }, table)) : null;
  const record = loadResultsRecord();
  const fingerprint = dataFingerprint(data.grid);
  const reasons = new Map((plan?.leftOutColumns ?? []).map((c) => [c.column, c.detail]));
  const columns = profile.columns.map((c) => {
    let role: ColumnRole;
    if (c.name === target) role = 'target';
    else if (reasons.has(c.name) || c.kind === 'identifier' || c.kind === 'empty' || c.kind === 'date') role = 'ignored';
    else role = c.kind === 'binary' ? 'binary' : c.kind === 'numeric' ? 'numeric' : 'categorical';
    const summary: ColumnSummary = {
      name: c.name,
      kind: c.kind,
      role,
      missing: c.missing,
      zeros: c.zeros,
      distinct: c.distinct,
      levels: (c.levels ?? []).slice(0, 12),
      rareLevels: c.rareLevels ?? [],
      zerosLookMissing: c.zerosLookMissing,
      strays: c.strays.slice(0, 20),
    };
    const reason = reasons.get(c.name);
    if (reason !== undefined) summary.leftOut = reason;
    return summary;
  });
  const sameSheet = record !== null && record.sheetId === sheet.getSheetId();
  return {
    sheetName: sheet.getName(),
    rows: profile.rows,
    columns,
    merges: profile.merges,
    suggestions: profile.suggestions,
    notes: saved.notes,
    settings: { ...chosen, target },
    suggestedTarget: profile.suggestedTarget,
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
  run: (table: Table, settings: PrepareSettings) => StepResult,
  after?: (sheet: Sheet, result: StepResult) => void,
): StepReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = dataSheet(spreadsheet);
    const settings = effectiveOptions(options);
    const data = readSheetForStep(sheet);
    // Everything is computed before the sheet is touched.
    const table = tableFromGrid(data.grid);
    const result = run(table, prepareSettings(options, table));
    const grid = tableToGrid(result.table);
    const plan = planChanges(data, gridChange(result.table), sheet.getName());
    if (plan.formulaCells.length > 0 && !settings.convertFormulas) return askFirst(step, plan, data);
    takeSnapshot(spreadsheet, sheet, step);
    writeChangedCells(sheet, plan);
    after?.(sheet, result);
    const warnings = recordStepWarnings(sheet, data.grid, result.warnings);
    return {
      step,
      message: result.message + replacedNote(plan),
      rows: grid.length,
      columns: grid[0]?.length ?? 0,
      details: { reports: result.reports },
      warnings,
      undoAvailable: listSnapshots().length,
    };
  });
}

/** How a step is named when it asks before replacing formulas. */
const STEP_NAMES: Record<string, string> = { clean: 'Clean', impute: 'Impute', encode: 'Encode', recipe: 'Run all' };

/** A step's result as the write needs it: the grid, and where each row and column came from in the sheet. */
function gridChange(table: Table): GridChange {
  return { grid: tableToGrid(table), rowSources: table.rowSources, columnSources: table.columnSources };
}

/**
 * The answer of a step that would replace formulas by values and was not told to: nothing written, no snapshot,
 * and the question for the sidebar (or the menu's dialog) to ask.
 */
function askFirst(step: StepReport['step'], plan: ChangePlan, data: SheetDataForStep): StepReport & { confirm: NonNullable<StepReport['confirm']> } {
  const confirm = formulaQuestion(STEP_NAMES[step] ?? step, plan.formulaCells);
  return { step, message: confirm.question, rows: data.rows, columns: data.columns, details: null, undoAvailable: listSnapshots().length, confirm };
}

/** "; replaced 3 formulas with values" when the step did, else "". */
function replacedNote(plan: ChangePlan): string {
  const n = plan.formulaCells.length;
  return n === 0 ? '' : `; replaced ${n} formula${n === 1 ? '' : 's'} with ${n === 1 ? 'a value' : 'values'}`;
}

/** Clean: trim, merge case variants, blank missing tokens and placeholder zeros, deal with rare levels. */
export function applyClean(options?: StepOptions): StepReport {
  return inPlace('clean', options, cleanStep);
}

/** Impute: fill the modelled columns' missing cells (the target with its mode, numbers with the mean). */
export function applyImpute(options?: StepOptions): StepReport {
  return inPlace('impute', options, imputeStep);
}

/** Encode: one-hot encode the categorical predictors in place. */
export function applyEncode(options?: StepOptions): StepReport {
  return inPlace('encode', options, encodeStep, (sheet, result) => recordEncoded(sheet, reportOf(result.reports, 'encode')?.columns ?? []));
}

const STEP_WARNINGS_KEY = 'tikfit.warnings';

/**
 * Keeps the warnings of the in-place steps, so that Fit regression after Clean, Impute and Encode says what Run all
 * says. They are kept with the fingerprint of the data the step wrote: a later step (or fit) adds to them only while
 * the sheet is still exactly what the steps left (an undo or an edit starts afresh). Returns the warnings so far.
 */
function recordStepWarnings(sheet: Sheet, before: readonly (readonly unknown[])[], warnings: readonly string[]): string[] {
  const earlier = stepWarnings(sheet, dataFingerprint(before));
  const all = [...new Set([...earlier, ...warnings])];
  const written = sheet.getDataRange().getValues();
  const record = JSON.stringify({ fingerprint: dataFingerprint(written), warnings: all });
  const properties = PropertiesService.getDocumentProperties();
  const key = `${STEP_WARNINGS_KEY}.${sheet.getSheetId()}`;
  if (utf8Bytes(key) + utf8Bytes(record) <= PROPERTY_VALUE_BYTES) properties.setProperty(key, record);
  else properties.deleteProperty(key);
  return all;
}

/** The recorded step warnings of a sheet whose data has the given fingerprint (none when it has changed since). */
function stepWarnings(sheet: Sheet, fingerprint: string): string[] {
  const text = PropertiesService.getDocumentProperties().getProperty(`${STEP_WARNINGS_KEY}.${sheet.getSheetId()}`);
  if (text === null) return [];
  try {
    const record = JSON.parse(text) as { fingerprint?: unknown; warnings?: unknown };
    return record.fingerprint === fingerprint && Array.isArray(record.warnings) ? record.warnings.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
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
  // Who ran it is not recorded: Session's e-mail needs the userinfo.email scope, which the manifest does not ask for.
  writeResultsSheet(spreadsheet, result, {
    sourceSheet: sheet.getName(),
    fingerprint,
    dataRangeA1: `${quotedName}!A1:${columnLetter(columns)}`,
    settings,
    at: new Date(),
    volatile: volatileFunctions(sheet.getDataRange().getFormulas()),
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
    const data = readSheetData(sheet);
    const result = runRecipeCore(data.grid, { ...recipeOptions(options, tableFromGrid(data.grid)), encodedBefore: loadEncoded(sheet) });
    // What the in-place steps warned about, when the sheet is still what they left, comes first, as in Run all.
    const earlier = stepWarnings(sheet, dataFingerprint(data.grid));
    result.json.warnings = [...new Set([...earlier, ...result.json.warnings])];
    recordResults(spreadsheet, sheet, data.grid, result, settings);
    const r2 = result.json.model.rSquared;
    return modelReport('model', result, `Fitted ${result.json.model.coefficients.length} terms on ${result.json.rows.train} rows; R² ${r2 === null ? 'n/a' : r2.toFixed(3)}; see "${RESULTS_SHEET}"`, data.rows, data.columns);
  });
}

/** Run all: clean, impute and encode in place (one snapshot), then fit and write the results. */
export function runRecipe(options?: StepOptions): ModelReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = dataSheet(spreadsheet);
    const settings = effectiveOptions(options);
    const data = readSheetForStep(sheet);
    const result = runRecipeCore(data.grid, { ...recipeOptions(options, tableFromGrid(data.grid)), encodedBefore: loadEncoded(sheet) });
    const plan = planChanges(data, gridChange(result.preparedTable), sheet.getName());
    if (plan.formulaCells.length > 0 && !settings.convertFormulas) {
      const asked = askFirst('recipe', plan, data);
      return { ...modelReport('recipe', result, asked.message, data.rows, data.columns), confirm: asked.confirm };
    }
    takeSnapshot(spreadsheet, sheet, 'recipe');
    writeChangedCells(sheet, plan);
    // Fingerprint what Sheets now holds, as the staleness check will read it.
    const written = sheet.getDataRange().getValues();
    PropertiesService.getDocumentProperties().deleteProperty(`${STEP_WARNINGS_KEY}.${sheet.getSheetId()}`);
    recordResults(spreadsheet, sheet, written, result, settings);
    const json = result.json;
    return modelReport(
      'recipe',
      result,
      `Kept ${json.rows.modeled} of ${json.rows.input} rows, fitted ${json.model.coefficients.length} terms; R² ${json.model.rSquared === null ? 'n/a' : json.model.rSquared.toFixed(3)}; see "${RESULTS_SHEET}"${replacedNote(plan)}`,
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
