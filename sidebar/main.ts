/**
 * The sidebar's entry point: loads the sheet's profile, lets the user edit roles and options (saved to the
 * document, debounced), runs the steps and shows their results. Server data reaches the page only as text (see
 * render.ts); errors are shown next to the button that caused them.
 */
import type {
  ColumnSummary,
  FormulaConfirm,
  ModelReport,
  ModelSummary,
  ProfileReport,
  StepOptions,
  StepReport,
} from '../src/addon/api';
import { drawCoefficientChart } from './coefficientChart';
import { callServer } from './serverClient';
import { append, byId, clear, el, fillChoices, fillList, fillSelect, replaceChildren, setText } from './render';
import {
  CANCELLED,
  IN_PLACE_STEPS,
  NO_EXPOSURE,
  NO_TREND,
  NUMBER_RULES,
  STEP_KEYS,
  copyOptions,
  displayRole,
  answerSource,
  chartCaption,
  isModelReport,
  keyNumbers,
  leftOutLine,
  mergeLine,
  missingTargetChoice,
  moreFindingsLabel,
  RESULTS_SHEET_NAME,
  VISIBLE_FINDINGS,
  warningsLabel,
  withMissingTarget,
  optionsForProfile,
  optionsFromSettings,
  inputLimits,
  parseNumberInput,
  replacingFormulas,
  stepOutcome,
  straysLine,
  targetChoices,
  toggled,
  trendChoices,
  undoSummary,
  withTarget,
  withTrend,
  withExposure,
  exposureChoices,
  modelChoices,
  modelChoice,
  modelHint,
  withModel,
  type DisplayRole,
  type NumberOption,
  type StepKey,
} from './state';

const SAVE_DELAY_MS = 400;

const state = {
  profile: null as ProfileReport | null,
  options: {} as StepOptions,
  /** The step running now, or null. */
  busy: null as StepKey | null,
  /** Bumped on every local edit, so a slow save's answer does not undo newer edits. */
  editVersion: 0,
  /** When the answer shown was made (ModelSummary.at), or null when none is shown. */
  answerAt: null as string | null,
  /** The first profile has been shown (the sections' first open state is set then). */
  started: false,
};

/** The number inputs and the option each edits. */
const numberInputs: { id: string; key: NumberOption }[] = [
  { id: 'seed', key: 'seed' },
  { id: 'test-fraction', key: 'testFraction' },
  { id: 'folds', key: 'folds' },
  { id: 'rare-threshold', key: 'rareThreshold' },
];

/** The button's own label, kept to restore after "Working…". */
const labels = new Map<StepKey, string>();

function message(error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    const text = (error as { message: string }).message;
    if (text !== '') return text;
  }
  return String(error);
}

/** Shows `error`'s message in the .error element `#<id>`. */
function showError(id: string, error: unknown): void {
  setText(byId(id), message(error));
}

// ---------------------------------------------------------------- profile

/**
 * Takes a new profile. The options being edited are the profile's settings when `takeSettings`, else the local
 * ones; either way they are fitted to the profile, so that no column the sheet no longer has (one Encode replaced,
 * one renamed in the sheet) is ever sent back.
 */
function applyProfile(profile: ProfileReport, takeSettings: boolean): void {
  state.profile = profile;
  state.options = optionsForProfile(takeSettings ? optionsFromSettings(profile.settings) : state.options, profile);
  // The sheet's last model, as the document keeps it: shown when the sidebar opens, and whenever it is newer.
  if (profile.lastModel !== null && profile.lastModel.at !== state.answerAt)
    renderAnswer(profile.lastModel, RESULTS_SHEET_NAME);
  if (!state.started) {
    state.started = true;
    // Until there is an answer, the columns are what there is to look at.
    byId<HTMLDetailsElement>('columns-section').open = profile.lastModel === null;
  }
  render();
}

async function refreshProfile(): Promise<void> {
  try {
    const version = state.editVersion;
    const profile = await callServer('getProfile');
    // The server's settings replace the local ones only when no edit is newer than them.
    applyProfile(profile, version === state.editVersion && !hasUnsavedEdits());
  } catch (error) {
    showError('error', error);
  }
}

function render(): void {
  const profile = state.profile;
  if (profile === null) return;
  setText(
    byId('sheet-info'),
    `${profile.sheetName} · ${profile.rows} row${profile.rows === 1 ? '' : 's'} · ${profile.columns.length} column${profile.columns.length === 1 ? '' : 's'}`,
  );
  byId('stale').hidden = !profile.stale;
  setText(byId('undo-info'), undoSummary(profile.undo));
  fillList(byId('notes'), profile.notes);
  fillList(byId('suggestions'), profile.suggestions);
  fillList(byId('merges'), profile.merges.map(mergeLine));
  setText(byId('columns-count'), `(${profile.columns.length})`);
  renderOptions();
  renderColumns();
  updateButtons();
}

function renderOptions(): void {
  const profile = state.profile;
  const options = state.options;
  const active = document.activeElement;
  const target = byId<HTMLSelectElement>('target');
  if (profile !== null && active !== target) fillSelect(target, targetChoices(profile, options.target), options.target);
  const trend = byId<HTMLSelectElement>('trend');
  if (profile !== null && active !== trend) {
    const choices = trendChoices(profile);
    fillChoices(trend, choices, options.trend ?? NO_TREND);
    // Only a date column can be the trend: without one the choice is off, and says why.
    trend.disabled = choices.length < 2;
    setText(
      byId('trend-hint'),
      choices.length < 2 ? 'No date column in this sheet.' : 'Days since the first video, from a date column.',
    );
  }
  for (const { id, key } of numberInputs) {
    const input = byId<HTMLInputElement>(id);
    const value = options[key];
    // Leave alone what the user is typing in.
    if (input !== active && typeof value === 'number') input.value = String(value);
  }
  const model = byId<HTMLSelectElement>('model');
  if (model !== active) fillChoices(model, modelChoices(), modelChoice(options));
  const exposure = byId<HTMLSelectElement>('offset');
  if (profile !== null && active !== exposure) {
    fillChoices(exposure, exposureChoices(profile, options), options.offset ?? NO_EXPOSURE);
    // Least squares has no exposure: the choice is off, and says why.
    exposure.disabled = modelChoice(options) === 'ols';
    setText(
      byId('offset-hint'),
      exposure.disabled
        ? 'For a count model: choose one as the Model first.'
        : 'Counts per unit of this column (days online, say): log of it is the offset.',
    );
  }
  const hint = modelHint(profile, options);
  setText(byId('model-hint'), hint ?? '');
  byId('model-hint').hidden = hint === null;
  const rare = byId<HTMLSelectElement>('rare');
  if (rare !== active) rare.value = options.rare ?? 'drop';
  const missing = byId<HTMLSelectElement>('missing-target');
  if (missing !== active) missing.value = missingTargetChoice(options, options.target);
  setText(byId('missing-target-label'), options.target ? `Missing ${options.target}` : 'Missing target');
  byId<HTMLInputElement>('apply-merges').checked = options.applyTypoMerges === true;
}

function renderColumns(): void {
  const profile = state.profile;
  if (profile === null) return;
  const body = byId('profile-body');
  // Re-rendering replaces the checkboxes; keep keyboard focus on the one the user just toggled.
  const active = document.activeElement as HTMLElement | null;
  const focusColumn = active?.closest('tr')?.getAttribute('data-column') ?? null;
  const focusClass = active?.className ?? '';
  clear(body);
  for (const column of profile.columns) body.appendChild(columnRow(column));
  if (focusColumn !== null && body.contains(active) === false) {
    for (const row of Array.from(body.children)) {
      if (row.getAttribute('data-column') !== focusColumn) continue;
      const input = row.getElementsByClassName(focusClass)[0];
      if (input instanceof HTMLElement) input.focus();
    }
  }
}

function ignoreTitle(role: DisplayRole, autoIgnored: boolean, column: ColumnSummary): string | undefined {
  if (role === 'date') return 'A date is never a predictor; choose it as the Trend (Options) to use it';
  if (role === 'trend') return 'Used as the trend; choose None as the Trend (Options) to leave it out';
  if (role === 'exposure') return 'Used as the exposure; choose None as the Exposure (Options) to leave it out';
  if (autoIgnored) return `Always left out: ${column.leftOut ?? column.kind}`;
  return undefined;
}

function columnRow(column: ColumnSummary): HTMLTableRowElement {
  const options = state.options;
  const saved = state.profile?.settings;
  const role = displayRole(column, options, saved);
  const isTarget = role === 'target';
  const isDate = role === 'date' || role === 'trend';
  const isExposure = role === 'exposure';
  const zeroMissing = options.zeroMissing?.includes(column.name) ?? false;

  const excluded = options.exclude?.includes(column.name) ?? false;
  // Identifiers, empty, constant and mostly missing columns are never used, excluded or not; a date column only
  // through the Trend choice.
  const autoIgnored = role === 'ignored' && !excluded;
  const ignore = el('input', {
    type: 'checkbox',
    class: 'ignore',
    'aria-label': `Ignore ${column.name}`,
    disabled: isTarget || autoIgnored || isDate || isExposure,
    title: ignoreTitle(role, autoIgnored, column),
  });
  ignore.checked = !isTarget && (excluded || autoIgnored || role === 'date');
  ignore.addEventListener('change', () => {
    editOptions({ ...state.options, exclude: toggled(state.options.exclude, column.name, ignore.checked) });
  });

  let zero: HTMLInputElement | null = null;
  if (column.kind === 'numeric') {
    const box = el('input', {
      type: 'checkbox',
      class: 'zero-missing',
      'aria-label': `Treat zeros in ${column.name} as missing`,
    });
    box.checked = zeroMissing;
    box.addEventListener('change', () => {
      editOptions({ ...state.options, zeroMissing: toggled(state.options.zeroMissing, column.name, box.checked) });
    });
    zero = box;
  }

  const meta = el(
    'div',
    { class: 'meta' },
    el('span', { class: `role role-${role}` }, role),
    ' ',
    el('span', { class: 'nowrap' }, `${column.distinct} distinct`),
  );
  if (column.kind === 'numeric' && column.zeros > 0)
    append(meta, ' ', el('span', { class: 'nowrap' }, `· ${column.zeros} zero${column.zeros === 1 ? '' : 's'}`));
  const nameCell = el('td', { class: 'name' }, el('div', { class: 'colname' }, column.name), meta);
  if (column.rareLevels.length > 0) {
    const list = column.rareLevels.join(', ');
    append(nameCell, el('div', { class: 'rare', title: list }, `Rare: ${list}`));
  }
  if (column.zerosLookMissing && !zeroMissing) {
    append(nameCell, el('div', { class: 'hint' }, 'Zeros here look like blanks: tick “0 = blank”.'));
  }
  const strays = straysLine(column);
  if (strays !== null) append(nameCell, el('div', { class: 'strays' }, strays));
  const leftOut = leftOutLine(column, options, saved);
  if (leftOut !== null) append(nameCell, el('div', { class: 'left-out' }, leftOut));
  const row = el(
    'tr',
    { 'data-column': column.name, class: role === 'ignored' || role === 'date' ? 'ignored' : undefined },
    nameCell,
    el('td', { class: column.missing > 0 ? 'num has-missing' : 'num' }, String(column.missing)),
    el('td', { class: 'c' }, ignore),
    el('td', { class: 'c' }, zero),
  );
  return row;
}

// ---------------------------------------------------------------- options and saving

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();
let savesInFlight = 0;

/** An edit waits for its timer, or a save has not answered yet. */
function hasUnsavedEdits(): boolean {
  return saveTimer !== undefined || savesInFlight > 0;
}

/** Takes edited options: shows them at once and saves them shortly after. */
function editOptions(options: StepOptions): void {
  state.options = options;
  state.editVersion++;
  setText(byId('error-settings'), '');
  setText(byId('save-status'), 'Unsaved changes…');
  renderOptions();
  renderColumns();
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    void queueSave();
  }, SAVE_DELAY_MS);
}

/** Saves after any save in flight (Apps Script calls may otherwise overlap). Never rejects. */
function queueSave(): Promise<void> {
  savesInFlight++;
  saving = saving.then(saveNow).finally(() => {
    savesInFlight--;
  });
  return saving;
}

async function saveNow(): Promise<void> {
  const version = state.editVersion;
  setText(byId('save-status'), 'Saving…');
  try {
    const profile = await callServer('saveSettings', copyOptions(state.options));
    const current = version === state.editVersion && saveTimer === undefined;
    applyProfile(profile, current);
    if (current) setText(byId('save-status'), 'Saved for this spreadsheet.');
  } catch (error) {
    setText(byId('save-status'), '');
    showError('error-settings', error);
  }
}

/** Sends any edit still waiting for its timer and waits for every save. */
async function flushSave(): Promise<void> {
  if (saveTimer !== undefined) {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    await queueSave();
  } else {
    await saving;
  }
}

function onNumberChange(id: string, key: NumberOption): void {
  const input = byId<HTMLInputElement>(id);
  const parsed = parseNumberInput(input.value, NUMBER_RULES[key]);
  if (typeof parsed !== 'number') {
    input.setAttribute('aria-invalid', 'true');
    setText(byId('error-settings'), parsed.error);
    return;
  }
  input.removeAttribute('aria-invalid');
  if (state.options[key] === parsed) return;
  editOptions({ ...state.options, [key]: parsed });
}

function wireOptions(): void {
  // The inputs' min, max and step come from core/options.ts, so the browser hints at the ranges the server checks.
  for (const { id, key } of numberInputs) {
    const limits = inputLimits(NUMBER_RULES[key]);
    const input = byId<HTMLInputElement>(id);
    input.min = limits.min;
    if (limits.max === null) input.removeAttribute('max');
    else input.max = limits.max;
    input.step = limits.step;
  }
  const target = byId<HTMLSelectElement>('target');
  target.addEventListener('change', () => editOptions(withTarget(state.options, target.value)));
  const trend = byId<HTMLSelectElement>('trend');
  trend.addEventListener('change', () => editOptions(withTrend(state.options, trend.value)));
  for (const { id, key } of numberInputs) byId(id).addEventListener('change', () => onNumberChange(id, key));
  const model = byId<HTMLSelectElement>('model');
  model.addEventListener('change', () => editOptions(withModel(state.options, model.value)));
  const exposure = byId<HTMLSelectElement>('offset');
  exposure.addEventListener('change', () => editOptions(withExposure(state.options, exposure.value)));
  const rare = byId<HTMLSelectElement>('rare');
  rare.addEventListener('change', () =>
    editOptions({ ...state.options, rare: rare.value === 'lump' ? 'lump' : 'drop' }),
  );
  const missing = byId<HTMLSelectElement>('missing-target');
  missing.addEventListener('change', () =>
    editOptions(withMissingTarget(state.options, state.options.target, missing.value === 'drop' ? 'drop' : 'fill')),
  );
  const merges = byId<HTMLInputElement>('apply-merges');
  merges.addEventListener('change', () => editOptions({ ...state.options, applyTypoMerges: merges.checked }));
}

// ---------------------------------------------------------------- steps

function button(key: StepKey): HTMLButtonElement {
  return byId<HTMLButtonElement>(`btn-${key}`);
}

function updateButtons(): void {
  const nothingToUndo = state.profile !== null && state.profile.undo.length === 0;
  for (const key of STEP_KEYS) {
    const btn = button(key);
    const busy = state.busy === key;
    btn.disabled = state.busy !== null || (key === 'undo' && nothingToUndo);
    btn.classList.toggle('busy', busy);
    btn.setAttribute('aria-busy', busy ? 'true' : 'false');
    setText(btn, busy ? 'Working…' : (labels.get(key) ?? key));
  }
  byId<HTMLFieldSetElement>('options').disabled = state.busy !== null;
  byId<HTMLFieldSetElement>('columns').disabled = state.busy !== null;
  for (const key of IN_PLACE_STEPS) {
    for (const btn of Array.from(byId(`confirm-${key}`).getElementsByTagName('button')))
      btn.disabled = state.busy !== null;
  }
}

/**
 * Shows the warnings so far under the in-place step that just ran, and hides those of the others: each list holds
 * every warning of the steps so far, so only the newest is current (Fit and Run all show theirs under Model).
 */
function showStepWarnings(key: StepKey | null, warnings: readonly string[]): void {
  for (const step of IN_PLACE_STEPS) {
    if (step === 'recipe') continue;
    fillList(byId(`warnings-${step}`), step === key ? warnings : []);
  }
}

/** Hides every step's question about formulas (a new run makes an old question stale). */
function hideConfirms(): void {
  for (const key of IN_PLACE_STEPS) {
    const box = byId(`confirm-${key}`);
    clear(box);
    box.hidden = true;
  }
}

/**
 * Shows a step's question next to its button, with "Replace with values" (runs the same step again, replacing the
 * formulas it named) and "Cancel" (leaves the sheet as it is).
 */
function showConfirm(key: StepKey, confirm: FormulaConfirm): void {
  const box = byId(`confirm-${key}`);
  const replace = el('button', { type: 'button', class: 'action confirm-replace' }, 'Replace with values');
  const cancel = el('button', { type: 'button', class: 'confirm-cancel' }, 'Cancel');
  replace.addEventListener('click', () => void runStep(key, true));
  cancel.addEventListener('click', () => {
    hideConfirms();
    setText(byId(`result-${key}`), CANCELLED);
    button(key).focus();
  });
  replaceChildren(
    box,
    el('p', { class: 'question' }, confirm.question),
    el('div', { class: 'buttons' }, replace, cancel),
  );
  box.hidden = false;
  replace.focus();
}

function callStep(key: StepKey, options: StepOptions): Promise<StepReport | ModelReport> {
  switch (key) {
    case 'clean':
      return callServer('applyClean', options);
    case 'impute':
      return callServer('applyImpute', options);
    case 'encode':
      return callServer('applyEncode', options);
    case 'fit':
      return callServer('runModel', options);
    case 'recipe':
      return callServer('runRecipe', options);
    case 'undo':
      return callServer('undoLastStep');
  }
}

/** Runs a step; `replaceFormulas` when the user agreed to its question about formulas. */
async function runStep(key: StepKey, replaceFormulas = false): Promise<void> {
  if (state.busy !== null) return;
  state.busy = key;
  hideConfirms();
  setText(byId(`result-${key}`), '');
  setText(byId(`error-${key}`), '');
  setText(byId('error'), '');
  updateButtons();
  try {
    await flushSave();
    const report = await callStep(key, replaceFormulas ? replacingFormulas(state.options) : copyOptions(state.options));
    const outcome = stepOutcome(report);
    if (outcome.kind === 'confirm') {
      showConfirm(key, outcome.confirm);
    } else {
      setText(byId(`result-${key}`), outcome.message);
      showStepWarnings(key === 'clean' || key === 'impute' || key === 'encode' ? key : null, outcome.warnings);
      if (isModelReport(report)) {
        renderAnswer(report.summary, report.resultsSheet);
        // The answer leads: fold the settings away so that it fits on one screen (a click opens them again).
        byId<HTMLDetailsElement>('options-section').open = false;
        byId<HTMLDetailsElement>('columns-section').open = false;
      }
    }
  } catch (error) {
    showError(`error-${key}`, error);
  } finally {
    state.busy = null;
    updateButtons();
  }
  await refreshProfile();
}

/**
 * Shows a model's answer at the top: what to read first, the findings (the first few, the rest one click away), the
 * coefficient chart, three numbers, the warnings (folded, with their count) and where the full report is.
 */
function renderAnswer(summary: ModelSummary, resultsSheet: string): void {
  state.answerAt = summary.at;
  byId('answer').hidden = false;
  byId('caveat').hidden = summary.caveat === null;
  setText(byId('caveat-text'), summary.caveat ?? '');
  const findings = summary.findings.length > 0 ? summary.findings : ['No findings.'];
  fillList(byId('findings'), findings.slice(0, VISIBLE_FINDINGS));
  const more = findings.slice(VISIBLE_FINDINGS);
  const omitted = summary.omitted.findings;
  fillList(byId('findings-more'), omitted > 0 ? [...more, `${omitted} more in the sheet “${resultsSheet}”.`] : more);
  byId('more-findings').hidden = more.length + omitted === 0;
  setText(byId('more-findings-label'), moreFindingsLabel(more.length + omitted));
  const figure = byId('coef-figure');
  figure.hidden = summary.terms.length === 0;
  if (summary.terms.length > 0) {
    drawCoefficientChart(byId('coef-chart'), summary.terms);
    setText(byId('coef-caption'), chartCaption(summary));
  }
  const numbers = byId('numbers');
  clear(numbers);
  for (const { label, value } of keyNumbers(summary))
    append(numbers, el('div', { class: 'number' }, el('dt', {}, label), el('dd', {}, value)));
  const warnings =
    summary.omitted.warnings > 0
      ? [...summary.warnings, `${summary.omitted.warnings} more in the sheet “${resultsSheet}”.`]
      : summary.warnings;
  fillList(byId('warnings'), warnings);
  byId('warnings-box').hidden = warnings.length === 0;
  setText(byId('warnings-heading'), warningsLabel(summary));
  setText(byId('answer-source'), answerSource(summary, resultsSheet));
}

// ---------------------------------------------------------------- start

function start(): void {
  for (const key of STEP_KEYS) {
    const btn = button(key);
    labels.set(key, btn.textContent?.trim() ?? key);
    btn.addEventListener('click', () => void runStep(key));
  }
  wireOptions();
  void (async () => {
    try {
      applyProfile(await callServer('getProfile'), true);
    } catch (error) {
      setText(byId('sheet-info'), '');
      showError('error', error);
    }
    byId<HTMLFieldSetElement>('options').disabled = false;
    updateButtons();
  })();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
