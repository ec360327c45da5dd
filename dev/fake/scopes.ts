/**
 * OAuth scopes, as Apps Script enforces them once the manifest lists `oauthScopes`: only those are granted (no
 * scope is added from the code), and a call that needs another one throws, e.g. "Specified permissions are not
 * sufficient to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui".
 * Each method's scopes are the "Authorization" section of its reference page; a method whose page has none needs
 * none (Ui.alert, menus, Properties, Cache, Lock, Logger, Utilities, Session's time zone and locale).
 */

/** The scopes the fake knows a rule for. */
export const SCOPES = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

/** The Spreadsheet service's classes whose every method reads or changes the document. */
const SPREADSHEET_CLASSES: ReadonlySet<string> = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'EmbeddedChartBuilder',
  'EmbeddedChart',
  'ChartOptions',
  'ContainerInfo',
  'ConditionalFormatRuleBuilder',
  'ConditionalFormatRule',
  'BooleanCondition',
]);

/** `SpreadsheetApp` methods that open a spreadsheet by id, URL or file, or create one: only the full scope. */
const OTHER_SPREADSHEETS: ReadonlySet<string> = new Set(['openById', 'openByUrl', 'open', 'create']);

/**
 * The scopes one of which a call needs, or undefined when it needs none:
 * - `Session.getActiveUser`, `Session.getEffectiveUser`: userinfo.email;
 * - `SpreadsheetApp.openById`, `openByUrl`, `open`, `create`: spreadsheets (currentonly is not enough);
 * - every other Spreadsheet-service method: spreadsheets.currentonly or spreadsheets, except `SpreadsheetApp.getUi`;
 * - `Ui.showSidebar`, `showModalDialog`, `showModelessDialog`: script.container.ui.
 */
export function requiredScopes(service: string, method: string): readonly string[] | undefined {
  if (service === 'Session')
    return method === 'getActiveUser' || method === 'getEffectiveUser' ? [SCOPES.userinfoEmail] : undefined;
  if (service === 'Ui')
    return /^show(Sidebar|ModalDialog|ModelessDialog)$/.test(method) ? [SCOPES.containerUi] : undefined;
  if (service === 'SpreadsheetApp' && method === 'getUi') return undefined;
  if (service === 'SpreadsheetApp' && OTHER_SPREADSHEETS.has(method)) return [SCOPES.spreadsheets];
  if (SPREADSHEET_CLASSES.has(service)) return [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets];
  return undefined;
}

/** Apps Script's message for a call the granted scopes do not cover: "(a || b)" when any of several would do. */
export function scopeMessage(service: string, method: string, required: readonly string[]): string {
  const list = required.length === 1 ? (required[0] as string) : `(${required.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${service}.${method}. Required permissions: ${list}`;
}
