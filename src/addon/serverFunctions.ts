import { columnLetter, findColumn, infoOf, tableFromGrid, tableToGrid, type Table } from '../core/cells/table';
import { gridFingerprint } from '../core/cells/gridFingerprint';
import {
  cleanStep,
  encodeStep,
  followedBy,
  imputeStep,
  planColumns,
  reportOf,
  type PrepareSettings,
  type StepResult,
  type StepWarnings,
} from '../core/pipeline/prepareSteps';
import {
  prepareSettingsFor,
  runRecipe as runRecipeCore,
  type RecipeOptions,
  type RecipeResult,
} from '../core/pipeline/runRecipe';
import { profileTable } from '../core/prepare/profileGrid';
import type {
  ColumnRole,
  ColumnSummary,
  ModelReport,
  ModelSummary,
  ProfileReport,
  StepOptions,
  StepReport,
} from './api';
import { fitRecord, modelSummary } from './modelSummary';
import { withDocumentLock } from './documentLock';
import { MAX_RESIDUAL_POINTS, PREVIOUS_RESULTS_SHEET, RESULTS_SHEET, writeResultsSheet } from './resultsSheet';
import {
  checkOptions,
  defaultSettings,
  effectiveOptions,
  loadSettings,
  saveSettings as storeSettings,
} from './settings';
import { readSheetData, readSheetForStep, type SheetDataForStep } from './sheetData';
import { roomForStep, type Room } from './cellBudget';
import { deleteProperty, fitsProperty, putProperty, readProperty, tidyRecords } from './documentStore';
import {
  describeSheets,
  discardSnapshot,
  dropOldestSnapshots,
  listSnapshots,
  restoreLastSnapshot,
  takeSnapshot,
  type SheetInfo,
  tidySnapshots,
} from './snapshots';
import { volatileFunctions } from './volatileFormulas';
import {
  formulaQuestion,
  isBlank,
  planChanges,
  writeChangedCells,
  type ChangePlan,
  type GridChange,
} from './writeChanges';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RESULTS_KEY = 'tikfit.results';

/** What DocumentProperties records about the current results. */
interface ResultsRecord {
  fingerprint: string;
  sheetId: number;
  sheetName: string;
  at: string;
  /** The answer of the fit, for the sidebar to show again (trimmed to fit 9 KB; absent when even that did not fit). */
  model?: ModelSummary;
}

/**
 * The sheet TikFit works on: the active sheet, unless that is TikFit's own (results or a backup), in which case the
 * sheet the current results came from, or else the first ordinary sheet.
 * @throws Error when the spreadsheet has no data sheet.
 */
function dataSheet(spreadsheet: Spreadsheet, active: Sheet = spreadsheet.getActiveSheet()): Sheet {
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
  return (readProperty(RESULTS_KEY) as ResultsRecord | undefined) ?? null;
}

/**
 * The recipe options a step runs with on a table: the default recipe (nothing about the article's columns), under
 * the document's saved settings — less any that name a column the sheet no longer has — under the call's own
 * options. The target, when none is chosen, is guessed from the sheet.
 */
function recipeOptions(options: StepOptions | undefined, table: Table): RecipeOptions {
  const { convertFormulas: _convertFormulas, ...chosen } = {
    ...savedSettingsFor(table).settings,
    ...checkOptions(options ?? {}),
  };
  return { ...chosen, recipe: 'default' };
}

function prepareSettings(options: StepOptions | undefined, table: Table): PrepareSettings {
  return prepareSettingsFor(recipeOptions(options, table), table);
}

/** Trailing blank rows and columns removed, so that a sheet's data range and an open-ended range hash alike. */
export function trimBlanks(grid: readonly (readonly unknown[])[]): unknown[][] {
  let rows = grid.length;
  while (rows > 0 && (grid[rows - 1] as readonly unknown[]).every(isBlank)) rows--;
  let columns = 0;
  for (let i = 0; i < rows; i++) {
    const row = grid[i] as readonly unknown[];
    for (let j = row.length - 1; j >= columns; j--) {
      if (!isBlank(row[j])) {
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
    if (names.length > 0)
      notes.push(
        `The saved setting "${what}" named ${names.map((n) => `"${n}"`).join(', ')}, ` +
          `which ${names.length === 1 ? 'is' : 'are'} not a column of this sheet; it was dropped`,
      );
  };
  if (saved.target !== undefined && !has(saved.target)) {
    notes.push(
      `The saved column to explain, "${saved.target}", is not a column of this sheet; TikFit chose one instead`,
    );
    delete settings.target;
  }
  if (saved.trend !== undefined && !has(saved.trend)) {
    dropNote('trend', [saved.trend]);
    delete settings.trend;
  }
  if (saved.offset !== undefined && !has(saved.offset)) {
    dropNote('Exposure', [saved.offset]);
    delete settings.offset;
  }
  for (const key of ['zeroMissing', 'exclude', 'include'] as const) {
    const list = saved[key];
    if (list === undefined) continue;
    dropNote(
      key === 'zeroMissing' ? '0 = blank' : key,
      list.filter((name) => !has(name)),
    );
    settings[key] = list.filter(has);
  }
  if (saved.impute !== undefined) {
    const gone = Object.keys(saved.impute).filter((name) => !has(name));
    dropNote('impute', gone);
    settings.impute = Object.fromEntries(Object.entries(saved.impute).filter(([name]) => has(name)));
  }
  return { settings, notes };
}

/** The share of zeros from which a column of counts is offered a count model. */
const COUNT_ZERO_SHARE = 0.3;

/** True when column `j` holds non-negative whole numbers, at least COUNT_ZERO_SHARE of them zero. Cost: O(rows). */
function manyZeroCounts(table: Table, j: number): boolean {
  const info = infoOf(table, j);
  if (info.values === null || info.fractional) return false;
  let numbers = 0;
  for (const v of info.values) {
    if (v < 0) return false;
    if (v === v) numbers++;
  }
  return numbers > 0 && info.zeros >= COUNT_ZERO_SHARE * numbers;
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
  const columns = profile.columns.map((c, j) => {
    let role: ColumnRole;
    if (c.name === target) role = 'target';
    else if (reasons.has(c.name) || c.kind === 'identifier' || c.kind === 'empty' || c.kind === 'date')
      role = 'ignored';
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
      manyZeroCounts: c.kind === 'numeric' && manyZeroCounts(table, j),
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
    undo: listSnapshots()
      .reverse()
      .map((s) => ({ step: s.step, sheetName: s.sheetName, at: s.at })),
    dataFingerprint: fingerprint,
    resultsFingerprint: sameSheet ? record.fingerprint : null,
    stale: sameSheet && record.fingerprint !== fingerprint,
    lastModel: sameSheet && record.model !== undefined ? record.model : null,
  };
}

const ENCODED_KEY = 'tikfit.encoded';

type EncodedColumns = { column: string; reference: string; dummies: string[] }[];

/**
 * Remembers which dummy columns Encode made on a sheet (and against which reference level), so that a later fit
 * can still word its findings as "videos about X … than videos about Y". Kept within Google's 9 KB in UTF-8 bytes:
 * past that the dummies that do not fit are left out of the record (the newest columns' first), and findings about
 * them name the dummy column instead. Returns how many dummies were left out.
 */
function recordEncoded(sheet: Sheet, columns: EncodedColumns): number {
  const sheetId = sheet.getSheetId();
  const key = `${ENCODED_KEY}.${sheetId}`;
  const previous = loadEncoded(sheet).filter((c) => !columns.some((n) => n.column === c.column));
  const all = [...previous, ...columns];
  const { record, left } = trimEncoded(key, all);
  if (record.length === 0 || !putProperty(key, JSON.stringify(record), sheetId)) {
    deleteProperty(key);
    return all.reduce((n, c) => n + c.dummies.length, 0);
  }
  return left;
}

/**
 * The encoded columns as many as fit one property with `key`: whole columns while they fit, then as many dummies of
 * the next as fit; the rest are left out. Cost: O(bytes of the record).
 */
export function trimEncoded(key: string, columns: EncodedColumns): { record: EncodedColumns; left: number } {
  if (fitsProperty(key, JSON.stringify(columns))) return { record: columns, left: 0 };
  const record: EncodedColumns = [];
  let left = 0;
  for (const c of columns) {
    if (left > 0) {
      left += c.dummies.length;
      continue;
    }
    const kept = { column: c.column, reference: c.reference, dummies: [] as string[] };
    const trial = [...record, kept];
    for (const dummy of c.dummies) {
      kept.dummies.push(dummy);
      if (!fitsProperty(key, JSON.stringify(trial))) {
        kept.dummies.pop();
        break;
      }
    }
    if (kept.dummies.length > 0) record.push(kept);
    left += c.dummies.length - kept.dummies.length;
  }
  return { record, left };
}

function loadEncoded(sheet: Sheet): EncodedColumns {
  const parsed = readProperty(`${ENCODED_KEY}.${sheet.getSheetId()}`);
  return Array.isArray(parsed) ? (parsed as EncodedColumns) : [];
}

/** Saves the sidebar's settings for every editor, then returns the refreshed profile. */
export function saveSettings(options: StepOptions): ProfileReport {
  storeSettings(options);
  return getProfile();
}

/**
 * What an in-place step starts from: the data sheet (and the sheet the user had active), the options in force, the
 * data range with its formulas and formats, and its fingerprint to re-check just before writing. Cost: 6 calls.
 */
function openStep(options: StepOptions | undefined) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const active = spreadsheet.getActiveSheet();
  const sheet = dataSheet(spreadsheet, active);
  const settings = effectiveOptions(options);
  const data = readSheetForStep(sheet);
  return { spreadsheet, active, sheet, settings, data, fingerprint: dataFingerprint(data.grid) };
}

/**
 * Runs an in-place step under the document lock: read once, compute, and — when it fits within Google Sheets'
 * 10,000,000 cells — snapshot, check that nobody changed the data meanwhile, and write only what changed. `after`
 * may return a note for the message.
 */
function inPlace(
  step: StepReport['step'],
  options: StepOptions | undefined,
  run: (table: Table, settings: PrepareSettings) => StepResult,
  after?: (sheet: Sheet, result: StepResult) => string | void,
): StepReport {
  return withDocumentLock(() => {
    const { spreadsheet, active, sheet, settings, data, fingerprint } = openStep(options);
    // Everything is computed before the sheet is touched.
    const table = tableFromGrid(data.grid);
    const result = run(table, { ...prepareSettings(options, table), writesBack: true });
    const grid = tableToGrid(result.table);
    const plan = planChanges(data, gridChange(result.table), sheet.getName());
    if (plan.formulaCells.length > 0 && !settings.convertFormulas) return askFirst(step, plan, data);
    const name = STEP_NAMES[step] ?? step;
    const room = makeRoom(spreadsheet, sheet, name, data, plan, () => 0);
    backUpUnchanged(spreadsheet, sheet, active, step, name, data, fingerprint, room);
    writeChangedCells(sheet, plan);
    const note = after?.(sheet, result) ?? '';
    const warnings = recordStepWarnings(sheet, data.grid, result);
    return {
      step,
      message: result.message + replacedNote(plan) + roomNote(room) + note,
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

/**
 * Before a step changes anything: forgets records and backups of deleted sheets, checks that the step (its backup,
 * its write, and `extra` cells written elsewhere) fits within Google Sheets' 10,000,000 cells, and deletes the oldest
 * backups that must go to make room. `extra` is given the sheets as read here.
 * @throws Error, one line with the numbers, when it does not fit; then nothing was changed.
 */
function makeRoom(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  name: string,
  data: SheetDataForStep,
  plan: ChangePlan,
  extra: (sheets: readonly SheetInfo[]) => number,
): Room & { sheetNames: string[]; sheetCount: number } {
  const sheets = tidySnapshots(spreadsheet, describeSheets(spreadsheet));
  tidyRecords(new Set(sheets.map((s) => s.id)), RESULTS_KEY);
  const sheetId = sheet.getSheetId();
  const shape = { rows: data.rows, columns: data.columns };
  const room = roomForStep(sheets, sheet, name, shape, plan, extra(sheets), sheetId);
  const deleted = dropOldestSnapshots(spreadsheet, room.dropBackups, sheets);
  return { ...room, sheetNames: sheets.map((s) => s.name), sheetCount: sheets.length - deleted };
}

/** "; deleted the 2 oldest backups to make room" when backups went only to make room, else "". */
function roomNote(room: Room): string {
  if (room.forRoom === 0) return '';
  return `; deleted the ${room.forRoom === 1 ? 'oldest backup' : `${room.forRoom} oldest backups`} to stay within Google Sheets' 10,000,000 cells`;
}

/**
 * Backs the sheet up for undo, then checks, just before the step writes, that its data is still what the step read:
 * if another editor changed it meanwhile, the backup is deleted and the step writes nothing.
 * Cost: the snapshot's calls, plus one read of the data range.
 * @throws Error, one line, when the data changed since the step read it.
 */
function backUpUnchanged(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  active: Sheet,
  step: string,
  name: string,
  data: SheetDataForStep,
  fingerprint: string,
  room: Room & { sheetNames: string[]; sheetCount: number },
): void {
  const snapshot = takeSnapshot(
    spreadsheet,
    sheet,
    step,
    { rows: data.rows, columns: data.columns },
    { shape: room.shape, sheetNames: room.sheetNames, sheetId: room.sheetId, sheetCount: room.sheetCount, active },
  );
  if (dataFingerprint(sheet.getDataRange().getValues()) !== fingerprint) {
    discardSnapshot(spreadsheet, snapshot);
    throw new Error(
      `TikFit: "${sheet.getName()}" was changed while ${name} was working (by another editor?); nothing was changed; try ${name} again.`,
    );
  }
}

/** A step's result as the write needs it: the grid, and where each row and column came from in the sheet. */
function gridChange(table: Table): GridChange {
  return { grid: tableToGrid(table), rowSources: table.rowSources, columnSources: table.columnSources };
}

/**
 * The answer of a step that would replace formulas by values and was not told to: nothing written, no snapshot,
 * and the question for the sidebar (or the menu's dialog) to ask.
 */
function askFirst(
  step: StepReport['step'],
  plan: ChangePlan,
  data: SheetDataForStep,
): StepReport & { confirm: NonNullable<StepReport['confirm']> } {
  const confirm = formulaQuestion(STEP_NAMES[step] ?? step, plan.formulaCells);
  return {
    step,
    message: confirm.question,
    rows: data.rows,
    columns: data.columns,
    details: null,
    undoAvailable: listSnapshots().length,
    confirm,
  };
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
  return inPlace('encode', options, encodeStep, (sheet, result) => {
    const left = recordEncoded(sheet, reportOf(result.reports, 'encode')?.columns ?? []);
    return left === 0
      ? ''
      : `; findings will name ${left} of the new columns as they are (too many long labels to remember, over Google's 9 KB)`;
  });
}

const STEP_WARNINGS_KEY = 'tikfit.warnings';

/**
 * Keeps the warnings of the in-place steps, so that Fit regression after Clean, Impute and Encode says what Run all
 * says. They are kept with the fingerprint of the data the step wrote: a later step (or fit) adds to them only while
 * the sheet is still exactly what the steps left (an undo or an edit starts afresh), and says again what became of
 * the cells left as typed (see `followedBy`). Returns the warnings so far.
 */
function recordStepWarnings(sheet: Sheet, before: readonly (readonly unknown[])[], step: StepWarnings): string[] {
  const all = followedBy(stepWarnings(sheet, dataFingerprint(before)), step);
  const written = sheet.getDataRange().getValues();
  const sheetId = sheet.getSheetId();
  const key = `${STEP_WARNINGS_KEY}.${sheetId}`;
  if (!putProperty(key, stepRecord(key, dataFingerprint(written), all), sheetId)) deleteProperty(key);
  return all.warnings;
}

/**
 * The record of the steps' warnings as JSON within Google's 9 KB for one property: the pending ones as their places
 * among the warnings. When it does not fit, the pending ones go first (the next step reads their cells again), then
 * the last of the others, counted in a line of their own. Cost: O(warnings²) characters in the worst case.
 */
function stepRecord(key: string, fingerprint: string, all: StepWarnings): string {
  const pending = new Set(all.pending);
  const places = all.warnings.flatMap((w, i) => (pending.has(w) ? [i] : []));
  const whole = JSON.stringify({ fingerprint, warnings: all.warnings, pending: places });
  if (fitsProperty(key, whole)) return whole;
  const kept = all.warnings.filter((w) => !pending.has(w));
  let left = 0;
  const text = (): string => {
    const more = `${left} more warnings of the steps before are not kept here (Google keeps 9 KB for them): each step showed them when it ran`;
    return JSON.stringify({ fingerprint, warnings: left > 0 ? [...kept, more] : kept, pending: [] });
  };
  while (kept.length > 0 && !fitsProperty(key, text())) {
    kept.pop();
    left++;
  }
  return text();
}

/** The recorded step warnings of a sheet whose data has the given fingerprint (none when it has changed since). */
function stepWarnings(sheet: Sheet, fingerprint: string): StepWarnings {
  const record = readProperty(`${STEP_WARNINGS_KEY}.${sheet.getSheetId()}`) as
    { fingerprint?: unknown; warnings?: unknown; pending?: unknown } | undefined;
  if (record?.fingerprint !== fingerprint || !Array.isArray(record.warnings)) return { warnings: [], pending: [] };
  const warnings = record.warnings.filter((w): w is string => typeof w === 'string');
  const places = Array.isArray(record.pending) ? record.pending : [];
  return { warnings, pending: places.map((i) => warnings[i as number]).filter((w): w is string => w !== undefined) };
}

/** The fit in one figure for the step's message: least squares' R², a count model's AIC. */
function fitFigure(result: RecipeResult): string {
  const model = result.json.model;
  if (model.model === 'ols') return `R² ${model.rSquared === null ? 'n/a' : model.rSquared.toFixed(3)}`;
  const name = model.model === 'nb' ? 'negative binomial' : 'Poisson';
  return `${name}, AIC ${model.aic === null ? 'n/a' : model.aic.toFixed(1)}`;
}

function modelReport(
  step: 'model' | 'recipe',
  result: RecipeResult,
  message: string,
  rows: number,
  columns: number,
  summary: ModelSummary,
): ModelReport {
  const json = result.json;
  return {
    summary,
    step,
    message,
    rows,
    columns,
    details: {
      steps: json.steps,
      excluded: json.excluded,
      encoded: json.encoded,
      logTransformed: json.logTransformed,
      standardized: json.standardized,
      model: json.model,
    },
    undoAvailable: listSnapshots().length,
    resultsSheet: RESULTS_SHEET,
    n: json.model.n,
    rSquared: json.model.model === 'ols' ? json.model.rSquared : null,
    adjRSquared: json.model.model === 'ols' ? json.model.adjRSquared : null,
    findings: json.findings,
    warnings: json.warnings,
    evaluation: json.evaluation,
  };
}

/**
 * Writes the results sheet and the document's record of it, with the model's summary for the sidebar to show again
 * (trimmed to Google's 9 KB). Returns the summary, whole.
 */
function recordResults(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  grid: readonly (readonly unknown[])[],
  result: RecipeResult,
  settings: unknown,
): ModelSummary {
  const fingerprint = dataFingerprint(grid);
  const columns = trimBlanks(grid)[0]?.length ?? 1;
  const quotedName = `'${sheet.getName().replace(/'/g, "''")}'`;
  const now = new Date();
  // Who ran it is not recorded: Session's e-mail needs the userinfo.email scope, which the manifest does not ask for.
  writeResultsSheet(spreadsheet, result, {
    sourceSheet: sheet.getName(),
    fingerprint,
    dataRangeA1: `${quotedName}!A1:${columnLetter(columns - 1)}`,
    settings,
    at: now,
    volatile: volatileFunctions(sheet.getDataRange().getFormulas()),
  });
  const at = now.toISOString();
  const summary = modelSummary(result, sheet.getName(), at);
  const record: ResultsRecord = {
    fingerprint,
    sheetId: sheet.getSheetId(),
    sheetName: sheet.getName(),
    at,
    model: summary,
  };
  putProperty(RESULTS_KEY, fitRecord(RESULTS_KEY, { ...record }), record.sheetId);
  return summary;
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
    const table = tableFromGrid(data.grid);
    const result = runRecipeCore(table, { ...recipeOptions(options, table), encodedBefore: loadEncoded(sheet) });
    // What the in-place steps warned about, when the sheet is still what they left, comes first, as in Run all; what
    // they said of cells left as typed gives way to what the fit did with them.
    const earlier = stepWarnings(sheet, dataFingerprint(data.grid));
    result.json.warnings = followedBy(earlier, { warnings: result.json.warnings, pending: [] }).warnings;
    const summary = recordResults(spreadsheet, sheet, data.grid, result, settings);
    return modelReport(
      'model',
      result,
      `Fitted ${result.json.model.coefficients.length} terms on ${result.json.rows.train} rows; ${fitFigure(result)}; see "${RESULTS_SHEET}"`,
      data.rows,
      data.columns,
      summary,
    );
  });
}

/**
 * At most how many cells writing the results sheet adds: a new sheet of 26 columns and 1,000 rows, or as many rows as
 * the report and the residual sample (at most 2,000 points) take, less the old "previous results" sheet it deletes
 * first (found among `sheets`, as makeRoom read them). Cost: no service call.
 */
function resultsSheetCells(sheets: readonly SheetInfo[], result: RecipeResult, dataRows: number): number {
  const json = result.json;
  const reportRows =
    80 + json.model.coefficients.length + json.findings.length + json.leftOut.length + json.warnings.length;
  const rows = Math.max(1000, reportRows, Math.min(dataRows, MAX_RESIDUAL_POINTS) + 1);
  // Sheet names are unique ignoring case, and getSheetByName finds them so.
  const previous = sheets.find((s) => s.name.toLowerCase() === PREVIOUS_RESULTS_SHEET.toLowerCase());
  const freed = previous === undefined ? 0 : previous.maxRows * previous.maxColumns;
  return Math.max(0, rows * 26 - freed);
}

/** Run all: clean, impute and encode in place (one snapshot), then fit and write the results. */
export function runRecipe(options?: StepOptions): ModelReport {
  return withDocumentLock(() => {
    const { spreadsheet, active, sheet, settings, data, fingerprint } = openStep(options);
    const table = tableFromGrid(data.grid);
    const result = runRecipeCore(
      table,
      { ...recipeOptions(options, table), encodedBefore: loadEncoded(sheet) },
      { writesBack: true },
    );
    const plan = planChanges(data, gridChange(result.preparedTable), sheet.getName());
    if (plan.formulaCells.length > 0 && !settings.convertFormulas) {
      const asked = askFirst('recipe', plan, data);
      return {
        ...modelReport(
          'recipe',
          result,
          asked.message,
          data.rows,
          data.columns,
          modelSummary(result, sheet.getName(), new Date().toISOString()),
        ),
        confirm: asked.confirm,
      };
    }
    const room = makeRoom(spreadsheet, sheet, 'Run all', data, plan, (sheets) =>
      resultsSheetCells(sheets, result, data.rows),
    );
    backUpUnchanged(spreadsheet, sheet, active, 'recipe', 'Run all', data, fingerprint, room);
    writeChangedCells(sheet, plan);
    // Fingerprint what Sheets now holds, as the staleness check will read it.
    const written = sheet.getDataRange().getValues();
    deleteProperty(`${STEP_WARNINGS_KEY}.${sheet.getSheetId()}`);
    const summary = recordResults(spreadsheet, sheet, written, result, settings);
    const json = result.json;
    return modelReport(
      'recipe',
      result,
      `Kept ${json.rows.modeled} of ${json.rows.input} rows, fitted ${json.model.coefficients.length} terms; ` +
        `${fitFigure(result)}; see "${RESULTS_SHEET}"${replacedNote(plan)}${roomNote(room)}`,
      result.preparedGrid.length,
      result.preparedGrid[0]?.length ?? 0,
      summary,
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
