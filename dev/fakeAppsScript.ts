/**
 * An in-memory fake of the Apps Script services the TikFit add-on uses, faithful to the documented behaviour
 * (values and formulas, Sheets' parsing of written strings, size checks and messages, quotas, authorization
 * modes), for running the built add-on in a `node:vm` context where Google is out of reach.
 *
 * `createFakeAppsScript()` returns the globals to put in the context and the handles tests use to load data,
 * inspect the document, script the UI and locks, switch the authorization mode and count spreadsheet calls.
 * Every global is a plain object of plain functions, usable from any realm; Dates handed to the script are made
 * with `options.DateCtor` and exceptions with `options.ErrorCtor` (pass the vm context's so that `instanceof`
 * works inside it).
 *
 * Exceptions are Errors whose `name` is "Exception" and whose `message` is Apps Script's text, so
 * `String(error)` reads e.g. "Exception: Lock timeout: another process was holding the lock for too long.".
 */

import { CacheEntry, CacheScope, makeCacheService } from './fake/cache';
import { CHARTS, makeChart, makeChartBuilder } from './fake/charts';
import {
  AuthModeName,
  FakeAlert,
  FakeCall,
  FakeContext,
  FakeMenu,
  FakeShownHtml,
  FakeToast,
  SpreadsheetServiceName,
} from './fake/context';
import { FakeEnumMember, enumName } from './fake/enums';
import { Env } from './fake/env';
import { HtmlOutputState, makeHtmlService } from './fake/html';
import {
  FakeChartSnapshot,
  FakeGridInput,
  FakeRuleSnapshot,
  FakeSheetGrid,
  LoadOptions,
  loadGrid,
  snapshotCharts,
  snapshotRules,
  snapshotSheet,
} from './fake/inspect';
import { LockControls, makeLockService } from './fake/lock';
import { makeLogger } from './fake/logger';
import { MAX_CELLS, SheetModel, SpreadsheetModel } from './fake/models';
import { PropertyScope, makePropertiesService } from './fake/properties';
import { makeRange } from './fake/range';
import { makeRule, makeRuleBuilder } from './fake/rules';
import { AUTH_MODE, makeScriptApp } from './fake/scriptApp';
import { FakeManifest, PROJECT_MANIFEST } from './fake/manifest';
import { makeSession } from './fake/session';
import { makeSheet } from './fake/sheet';
import { addSheetModel, makeSpreadsheet, makeSpreadsheetApp } from './fake/spreadsheet';
import { FakeGlobals, FakeSpreadsheet } from './fake/types';
import { isKnownTimeZone } from './fake/time';
import { UiControls, makeUiFactory } from './fake/ui';
import { makeUtilities } from './fake/utilities';

export type {
  AuthModeName,
  FakeAlert,
  FakeCall,
  FakeMenu,
  FakeMenuItem,
  FakeShownHtml,
  FakeToast,
  SpreadsheetServiceName,
} from './fake/context';
export type { FakeEnum, FakeEnumMember } from './fake/enums';
export type {
  FakeCellInput,
  FakeChartSnapshot,
  FakeGridInput,
  FakeRuleSnapshot,
  FakeSheetGrid,
  LoadOptions,
} from './fake/inspect';
export type { FakeLockEvent, LockControls, LockScope } from './fake/lock';
export type { CacheEntry, CacheScope } from './fake/cache';
export type { FakeManifest } from './fake/manifest';
export type { PropertyScope } from './fake/properties';
export type { UiControls } from './fake/ui';
export type * from './fake/types';

/** A sheet to start with. */
export interface FakeSheetSpec {
  name: string;
  grid?: FakeGridInput;
  hidden?: boolean;
}

/** Options of `createFakeAppsScript`. Every one is optional. */
export interface FakeAppsScriptOptions {
  /** The Date constructor for Dates returned to the script (the vm context's). Default: this realm's Date. */
  DateCtor?: DateConstructor;
  /** The Error constructor for exceptions thrown to the script (the vm context's). Default: this realm's Error. */
  ErrorCtor?: ErrorConstructor;
  /** The clock (ms since the epoch) for cache expiry. Default: Date.now. */
  now?: () => number;
  /** Default "fake-spreadsheet-id". */
  spreadsheetId?: string;
  /** Default "Untitled spreadsheet". */
  spreadsheetName?: string;
  /** The sheets to start with, in tab order; the first is active. Default: one empty "Sheet1". */
  sheets?: FakeSheetSpec[];
  /** The project's HTML files by name (with or without ".html"), for `createHtmlOutputFromFile`. */
  htmlFiles?: Record<string, string>;
  /**
   * The script's manifest: its `timeZone` is `Session.getScriptTimeZone()`, and its `oauthScopes`, when listed, are
   * the only scopes granted (a call needing another throws). Default: this project's appsscript.json.
   */
  manifest?: FakeManifest;
  /**
   * `Session.getActiveUser().getEmail()`, when the manifest grants userinfo.email (else the call throws). Default ""
   * (as for a consumer account without consent).
   */
  userEmail?: string;
  /** `Session.getEffectiveUser().getEmail()`, as `userEmail`. Default: `userEmail`. */
  effectiveUserEmail?: string;
  /** The spreadsheet's own time zone (File → Settings), in which typed dates are read and shown. Default "Etc/UTC". */
  spreadsheetTimeZone?: string;
  /** The spreadsheet's locale, which decides how typed text is parsed: "en_US" (default) or "en_GB" (day first). */
  spreadsheetLocale?: string;
  /** `Session.getActiveUserLocale()`. Default "en". */
  locale?: string;
  /** The add-on menu's caption (Sheets shows the add-on's name). Default "TikFit". */
  addonName?: string;
  /** The starting authorization mode. Default FULL. */
  authMode?: AuthModeName;
  /** Whether `ScriptApp.getAuthorizationInfo(…)` reports REQUIRED. Default false. */
  authorizationRequired?: boolean;
  /** `ScriptApp.getScriptId()`. Default "fake-script-id". */
  scriptId?: string;
}

/** Which calls `countCalls` counts: by service and/or method name, or by a predicate. */
export type FakeCallFilter =
  | { service?: SpreadsheetServiceName | SpreadsheetServiceName[]; method?: string | string[] }
  | ((call: FakeCall) => boolean);

/** The event object Apps Script passes to `onOpen(e)` / `onInstall(e)`. */
export interface FakeOpenEvent {
  authMode: FakeEnumMember;
  /** The spreadsheet; absent in AuthMode.NONE. */
  source?: FakeSpreadsheet;
  user?: { getEmail(): string };
}

/** The fake environment: the globals for the add-on and the handles for tests. */
export interface FakeAppsScript {
  /** Exactly the Apps Script globals the add-on uses; put them in the vm context (the harness adds `console`). */
  globals: FakeGlobals;
  /** The active spreadsheet (an API object: calls on it are counted and obey the authorization mode). */
  spreadsheet: FakeSpreadsheet;
  /** Every method call on a spreadsheet-family object, in order (a live array). */
  calls: FakeCall[];
  /** Empties `calls`. */
  resetCalls(): void;
  /** The number of recorded calls, all or those matching `filter`. */
  countCalls(filter?: FakeCallFilter): number;
  /** The recorded calls counted by "Service.method", e.g. { "Range.getValues": 1 }. */
  callsByMethod(): Record<string, number>;
  /** Switches the authorization mode (a ScriptApp.AuthMode member or its name). */
  setAuthMode(mode: AuthModeName | FakeEnumMember): void;
  /** The current authorization mode (a ScriptApp.AuthMode member). */
  readonly authMode: FakeEnumMember;
  /** An `onOpen`/`onInstall` event for the current authorization mode. */
  openEvent(): FakeOpenEvent;
  /** Scripted answers to alerts and prompts. */
  ui: UiControls;
  /** Lock controls: `setBusy`, `held`, `events`, `releaseAll`. */
  lock: LockControls;
  /** Toasts shown, in order (live). */
  toasts: FakeToast[];
  /** Alerts and prompts shown, with the button answered (live). */
  alerts: FakeAlert[];
  /** Menus added with `addToUi()`, in order (live). */
  menus: FakeMenu[];
  /** Sidebars shown, in order. */
  readonly sidebars: FakeShownHtml[];
  /** Modal and modeless dialogs shown, in order. */
  readonly dialogs: FakeShownHtml[];
  /** Lines written with Logger.log (live). */
  logs: string[];
  /** The property stores (live; tests may read and seed them). */
  properties: Record<PropertyScope, Map<string, string>>;
  /** The caches (live). */
  caches: Record<CacheScope, Map<string, CacheEntry>>;
  /** Loads a grid into a sheet (created at the end when absent), replacing its cells and merges. */
  setSheetValues(sheetName: string, grid: FakeGridInput, options?: LoadOptions): void;
  /** Adds a sheet at the end, optionally with a grid; throws when the name is taken. */
  addSheet(sheetName: string, grid?: FakeGridInput, options?: LoadOptions): void;
  /** A sheet as plain arrays; throws when there is no such sheet. */
  getSheetGrid(sheetName: string): FakeSheetGrid;
  /** The sheet names in tab order. */
  sheetNames(): string[];
  /** The active sheet's name. */
  activeSheetName(): string;
  /** Makes a sheet active, as the user clicking its tab. */
  setActiveSheet(sheetName: string): void;
  /** The charts on a sheet, as plain data. */
  getCharts(sheetName: string): FakeChartSnapshot[];
  /** The conditional format rules of a sheet, as plain data. */
  getConditionalFormatRules(sheetName: string): FakeRuleSnapshot[];
  /**
   * Calls `listener` after every spreadsheet-family call returns, until the returned function is called. Tests use
   * it to act between two calls of the script, as a collaborator editing the sheet would.
   */
  afterCall(listener: (call: FakeCall) => void): () => void;
  /** The cells of every sheet's grid, hidden sheets included (Sheets allows 10,000,000). */
  totalCells(): number;
}

/** Creates a fresh fake Apps Script environment with one spreadsheet. */
export function createFakeAppsScript(options: FakeAppsScriptOptions = {}): FakeAppsScript {
  const ctx = new FakeContext({
    DateCtor: options.DateCtor ?? Date,
    ErrorCtor: options.ErrorCtor ?? Error,
    now: options.now ?? (() => Date.now()),
  });
  ctx.authMode = options.authMode ?? 'FULL';
  const manifest = options.manifest ?? PROJECT_MANIFEST;
  ctx.grantedScopes = manifest.oauthScopes === undefined ? null : new Set(manifest.oauthScopes);
  const scriptTimeZone = manifest.timeZone ?? 'Etc/UTC';
  const timeZone = options.spreadsheetTimeZone ?? 'Etc/UTC';
  if (!isKnownTimeZone(timeZone)) throw new Error(`fake: unknown time zone "${timeZone}"`);
  const locale = options.spreadsheetLocale ?? 'en_US';
  if (locale !== 'en_US' && locale !== 'en_GB')
    throw new Error(`fake: typed text is parsed as in en_US or en_GB only, not "${locale}"`);
  ctx.timeZone = timeZone;
  ctx.locale = locale;
  const book = new SpreadsheetModel(
    options.spreadsheetId ?? 'fake-spreadsheet-id',
    options.spreadsheetName ?? 'Untitled spreadsheet',
  );
  const htmlOf = new WeakMap<object, HtmlOutputState>();

  const env: Env = {
    ctx,
    book,
    spreadsheet: undefined as unknown as FakeSpreadsheet,
    sheetOf: new WeakMap(),
    rangeOf: new WeakMap(),
    chartOf: new WeakMap(),
    ruleOf: new WeakMap(),
    makeSheet: (model) => makeSheet(env, model),
    makeRange: (sheet, rect) => makeRange(env, sheet, rect),
    makeChart: (model) => makeChart(env, model),
    makeChartBuilder: (sheet, model) => makeChartBuilder(env, sheet, model),
    makeRule: (model) => makeRule(env, model),
  };
  const parts = makeSpreadsheet(env, { timeZone, locale });
  env.spreadsheet = parts.spreadsheet;

  const requireSheet = (name: string): SheetModel => {
    const sheet = book.findSheet(name);
    if (!sheet) throw new Error(`fake: no sheet named "${name}"`);
    return sheet;
  };
  const addSheet = (name: string, grid?: FakeGridInput, load?: LoadOptions, hidden?: boolean): void => {
    if (book.findSheet(name)) throw new Error(`fake: a sheet named "${name}" already exists`);
    const sheet = addSheetModel(env, name, book.sheets.length);
    if (grid) loadGrid(ctx, sheet, grid, load);
    sheet.hidden = hidden === true;
    if (!book.active) book.active = sheet;
    requireUnderCap();
  };
  // Loading bypasses the API, but never builds a spreadsheet Sheets could not hold.
  const requireUnderCap = (): void => {
    if (book.totalCells() > MAX_CELLS)
      throw new Error(`fake: the spreadsheet would hold ${book.totalCells()} cells, over Sheets' ${MAX_CELLS}`);
  };
  for (const spec of options.sheets ?? [{ name: 'Sheet1' }]) addSheet(spec.name, spec.grid, undefined, spec.hidden);
  book.active = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];

  const ui = makeUiFactory(ctx, htmlOf, options.addonName ?? 'TikFit');
  const locks = makeLockService(ctx);
  const properties: Record<PropertyScope, Map<string, string>> = {
    document: new Map(),
    script: new Map(),
    user: new Map(),
  };
  const caches: Record<CacheScope, Map<string, CacheEntry>> = {
    document: new Map(),
    script: new Map(),
    user: new Map(),
  };
  const userEmail = options.userEmail ?? '';

  const globals: FakeGlobals = {
    SpreadsheetApp: makeSpreadsheetApp(env, parts.raw, ui.getUi, () => makeRuleBuilder(env)),
    HtmlService: makeHtmlService(ctx, options.htmlFiles ?? {}, htmlOf),
    LockService: locks.service,
    PropertiesService: makePropertiesService(ctx, properties),
    CacheService: makeCacheService(ctx, caches),
    Session: makeSession(ctx, {
      activeUserEmail: userEmail,
      effectiveUserEmail: options.effectiveUserEmail ?? userEmail,
      timeZone: scriptTimeZone,
      locale: options.locale ?? 'en',
    }),
    ScriptApp: makeScriptApp(ctx, options.scriptId ?? 'fake-script-id', () => options.authorizationRequired === true),
    Charts: CHARTS,
    Logger: makeLogger(ctx),
    Utilities: makeUtilities(ctx),
  };

  const matches =
    (filter: FakeCallFilter | undefined) =>
    (call: FakeCall): boolean => {
      if (filter === undefined) return true;
      if (typeof filter === 'function') return filter(call);
      const services = filter.service === undefined ? undefined : ([] as string[]).concat(filter.service);
      const methods = filter.method === undefined ? undefined : ([] as string[]).concat(filter.method);
      return (!services || services.includes(call.service)) && (!methods || methods.includes(call.method));
    };

  return {
    globals,
    spreadsheet: env.spreadsheet,
    calls: ctx.calls,
    resetCalls: () => {
      ctx.calls.length = 0;
    },
    countCalls: (filter) => ctx.calls.filter(matches(filter)).length,
    callsByMethod: () => {
      const counts: Record<string, number> = {};
      for (const call of ctx.calls) {
        const key = `${call.service}.${call.method}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    setAuthMode: (mode) => {
      const name = enumName(AUTH_MODE, mode);
      if (!name) throw new Error(`fake: unknown auth mode ${String(mode)}`);
      ctx.authMode = name;
    },
    get authMode() {
      return AUTH_MODE[ctx.authMode];
    },
    openEvent: () => {
      const event: FakeOpenEvent = { authMode: AUTH_MODE[ctx.authMode] };
      if (ctx.authMode !== 'NONE') {
        event.source = env.spreadsheet;
        event.user = { getEmail: () => userEmail };
      }
      return event;
    },
    ui: ui.controls,
    lock: locks.controls,
    toasts: ctx.toasts,
    alerts: ctx.alerts,
    menus: ctx.menus,
    get sidebars() {
      return ctx.shown.filter((s) => s.kind === 'sidebar');
    },
    get dialogs() {
      return ctx.shown.filter((s) => s.kind !== 'sidebar');
    },
    logs: ctx.logs,
    properties,
    caches,
    setSheetValues: (sheetName, grid, load) => {
      if (!book.findSheet(sheetName)) addSheet(sheetName);
      loadGrid(ctx, requireSheet(sheetName), grid, load);
      requireUnderCap();
    },
    addSheet: (sheetName, grid, load) => addSheet(sheetName, grid, load),
    getSheetGrid: (sheetName) => {
      const sheet = requireSheet(sheetName);
      return snapshotSheet(sheet, book.sheets.indexOf(sheet) + 1, ctx.timeZone);
    },
    sheetNames: () => book.sheets.map((s) => s.name),
    activeSheetName: () => (book.active ? book.active.name : ''),
    setActiveSheet: (sheetName) => {
      book.active = requireSheet(sheetName);
      book.activeRange = undefined;
    },
    getCharts: (sheetName) => snapshotCharts(requireSheet(sheetName)),
    getConditionalFormatRules: (sheetName) => snapshotRules(requireSheet(sheetName)),
    afterCall: (listener) => {
      ctx.afterCall.push(listener);
      return () => {
        const at = ctx.afterCall.indexOf(listener);
        if (at >= 0) ctx.afterCall.splice(at, 1);
      };
    },
    totalCells: () => book.totalCells(),
  };
}
