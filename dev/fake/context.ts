/**
 * State shared by every fake service of one `createFakeAppsScript()`: the authorization mode, the call log, the
 * realm constructors, the clock, and what the UI showed. Also the one place where exceptions are made and where
 * spreadsheet-family calls are counted and checked against the authorization mode.
 */

import { requiredScopes, scopeMessage } from './scopes';

/** The authorization modes of `ScriptApp.AuthMode`, by name. */
export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

/** The spreadsheet-family services whose every method call is counted in `fake.calls`. */
export type SpreadsheetServiceName =
  | 'SpreadsheetApp'
  | 'Spreadsheet'
  | 'Sheet'
  | 'Range'
  | 'Ui'
  | 'Menu'
  | 'PromptResponse'
  | 'EmbeddedChartBuilder'
  | 'EmbeddedChart'
  | 'ChartOptions'
  | 'ContainerInfo'
  | 'ConditionalFormatRuleBuilder'
  | 'ConditionalFormatRule'
  | 'BooleanCondition'
  | 'Filter'
  | 'FilterCriteria'
  | 'FilterCriteriaBuilder';

/** One recorded method call on a spreadsheet-family object. */
export interface FakeCall {
  service: SpreadsheetServiceName;
  method: string;
}

/** A toast shown with `Spreadsheet.toast`. */
export interface FakeToast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

/** An alert or prompt shown with `Ui.alert` / `Ui.prompt`, and the button the fake answered with. */
export interface FakeAlert {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  response: string;
  responseText?: string;
}

/** An item of a recorded menu. */
export type FakeMenuItem =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'subMenu'; caption: string; items: FakeMenuItem[] };

/** A menu added with `Menu.addToUi()`: the add-on menu or a custom top-level menu. */
export interface FakeMenu {
  kind: 'addon' | 'custom';
  caption: string;
  items: FakeMenuItem[];
}

/** What a sidebar or dialog showed. */
export interface FakeShownHtml {
  kind: 'sidebar' | 'modalDialog' | 'modelessDialog';
  title: string;
  content: string;
  width: number | undefined;
  height: number | undefined;
}

/** The options of the context that the services read. */
export interface ContextOptions {
  DateCtor: DateConstructor;
  ErrorCtor: ErrorConstructor;
  now: () => number;
}

/** The services that are not spreadsheet-family but still obey the authorization mode. */
type GuardedService = 'LockService' | 'PropertiesService' | 'CacheService' | 'Properties' | 'Lock';

/** Names of methods that change the document; they fail in AuthMode.CUSTOM_FUNCTION. */
const WRITE_METHOD =
  /^(set|insert|delete|clear|append|remove|hide|show|merge|break|copyTo|activate|autoResize|moveActive|toast|flush|update|trim|rename|duplicate|createFilter)/;

/** The services whose writes change the document (builders' setters do not). */
const DOCUMENT_SERVICES: ReadonlySet<string> = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Filter']);

/** Spreadsheet-family calls that work in AuthMode.NONE: building the add-on menu in `onOpen`. */
function allowedInNone(service: SpreadsheetServiceName, method: string): boolean {
  if (service === 'SpreadsheetApp') return method === 'getUi';
  if (service === 'Ui') return method === 'createAddonMenu' || method === 'createMenu';
  return service === 'Menu';
}

/** Shared state of one fake Apps Script environment. */
export class FakeContext {
  authMode: AuthModeName = 'FULL';
  readonly calls: FakeCall[] = [];
  readonly toasts: FakeToast[] = [];
  readonly alerts: FakeAlert[] = [];
  readonly menus: FakeMenu[] = [];
  readonly shown: FakeShownHtml[] = [];
  readonly logs: string[] = [];
  /** Called after every spreadsheet-family call returns (tests use it to act between two calls of the script). */
  readonly afterCall: ((call: FakeCall) => void)[] = [];
  readonly DateCtor: DateConstructor;
  readonly ErrorCtor: ErrorConstructor;
  readonly now: () => number;
  /** The scopes granted (the manifest's `oauthScopes`), or null when the manifest lists none (all detected). */
  grantedScopes: ReadonlySet<string> | null = null;
  /** The spreadsheet's time zone (File → Settings): typed dates are read and date-times displayed in it. */
  timeZone = 'Etc/UTC';
  /** The spreadsheet's locale: how typed text is parsed ("en_US" or "en_GB"). */
  locale = 'en_US';

  constructor(options: ContextOptions) {
    this.DateCtor = options.DateCtor;
    this.ErrorCtor = options.ErrorCtor;
    this.now = options.now;
  }

  /**
   * Throws an Apps Script exception: an Error (of the configured realm) whose `name` is "Exception", so that
   * `String(e)` reads "Exception: <message>" as Apps Script prints it and `e.message` is the bare message.
   */
  fail(message: string): never {
    const error = new this.ErrorCtor(message);
    error.name = 'Exception';
    throw error;
  }

  /** Throws Apps Script's exception when the granted scopes do not cover a call (see scopes.ts). */
  requireScopes(service: string, method: string): void {
    if (this.grantedScopes === null) return;
    const required = requiredScopes(service, method);
    if (required && !required.some((scope) => (this.grantedScopes as ReadonlySet<string>).has(scope)))
      this.fail(scopeMessage(service, method, required));
  }

  /** Records a spreadsheet-family call and enforces the granted scopes and the authorization mode on it. */
  enter(service: SpreadsheetServiceName, method: string): void {
    this.calls.push({ service, method });
    this.requireScopes(service, method);
    if (this.authMode === 'FULL' || this.authMode === 'LIMITED') return;
    if (this.authMode === 'NONE') {
      if (!allowedInNone(service, method)) this.fail(`You do not have permission to call ${service}.${method}.`);
      return;
    }
    // CUSTOM_FUNCTION: the Spreadsheet service is read-only and there is no UI.
    if (service === 'SpreadsheetApp' && method === 'getUi')
      this.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    if (service === 'Ui' || service === 'Menu' || service === 'PromptResponse')
      this.fail(`You do not have permission to call ${service}.${method}.`);
    if (DOCUMENT_SERVICES.has(service) && WRITE_METHOD.test(method)) {
      this.fail(`You do not have permission to call ${method}`);
    }
  }

  /**
   * Enforces the authorization mode on a non-spreadsheet service call (not counted): `none` says whether the
   * call is allowed in AuthMode.NONE, `customFunction` whether in AuthMode.CUSTOM_FUNCTION.
   */
  guard(service: GuardedService, method: string, allowed: { none: boolean; customFunction: boolean }): void {
    if (this.authMode === 'NONE' && !allowed.none)
      this.fail(`You do not have permission to call ${service}.${method}.`);
    if (this.authMode === 'CUSTOM_FUNCTION' && !allowed.customFunction)
      this.fail(`You do not have permission to call ${method}`);
  }

  /** True when `value` is a Date of any realm. */
  isDate(value: unknown): value is Date {
    return Object.prototype.toString.call(value) === '[object Date]';
  }

  /** A Date of the configured realm. */
  makeDate(epochMs: number): Date {
    return new this.DateCtor(epochMs);
  }
}

/**
 * Wraps every function-valued property of `target` so that each call is recorded as `{ service, method }` and
 * checked against the authorization mode before it runs. Returns `target` itself.
 */
export function instrument<T extends object>(ctx: FakeContext, service: SpreadsheetServiceName, target: T): T {
  const record = target as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const fn = record[key];
    if (typeof fn !== 'function') continue;
    record[key] = function instrumented(this: unknown, ...args: unknown[]): unknown {
      ctx.enter(service, key);
      const result = (fn as (...a: unknown[]) => unknown).apply(this, args);
      for (const listener of ctx.afterCall.slice()) listener({ service, method: key });
      return result;
    };
  }
  return target;
}

/**
 * The Apps Script name of a JavaScript value's type, as printed in "The parameters (…) don't match the method
 * signature" errors: String, number, Boolean, Object, null, number[], Object[][] and so on.
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    const first = value.find((v) => v !== null && v !== undefined);
    return `${first === undefined ? 'Object' : describeType(first)}[]`;
  }
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    case 'function':
      return 'Function';
    default:
      return Object.prototype.toString.call(value) === '[object Date]' ? 'Date' : 'Object';
  }
}

/** Throws Apps Script's "The parameters (…) don't match the method signature for …" exception. */
export function signatureMismatch(ctx: FakeContext, qualifiedMethod: string, args: readonly unknown[]): never {
  return ctx.fail(
    `The parameters (${args.map(describeType).join(',')}) don't match the method signature for ${qualifiedMethod}.`,
  );
}
