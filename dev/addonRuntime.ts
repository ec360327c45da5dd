/**
 * The built add-on (dist/addon/Code.js) running over the in-memory Apps Script fake, outside jest: a fresh bare V8
 * context as Apps Script gives one — no require, process, setTimeout, TextEncoder, URL or fetch, only the fake's
 * globals and a silent console — with the fake built from the context's own Date and Error, so that values cross
 * realms as they do in Apps Script.
 *
 * The preview server (dev/previewServer.ts) and the tests (test/helpers/addonVm.ts) use it.
 */
import vm from 'node:vm';
import { createFakeAppsScript, type FakeAppsScript, type FakeAppsScriptOptions } from './fakeAppsScript';

/** What `createAddonRuntime` needs: the built files' text, and options for the fake. */
export interface AddonRuntimeOptions {
  /** The text of dist/addon/Code.js. */
  codeJs: string;
  /** The text of dist/addon/sidebar.html, served to `HtmlService.createHtmlOutputFromFile('sidebar')`. */
  sidebarHtml: string;
  /** Options of the fake (its DateCtor and ErrorCtor are always the context's). */
  fakeOptions?: FakeAppsScriptOptions;
}

/** The add-on loaded over a fresh fake. */
export interface AddonRuntime {
  fake: FakeAppsScript;
  /** The vm context; its top-level functions are the add-on's globals. */
  context: vm.Context;
  /** The names of the functions Code.js defined at its top level, sorted. */
  functionNames: readonly string[];
  /** Whether `name` is a function Code.js defined at its top level. */
  has(name: string): boolean;
  /**
   * Calls a global function of the add-on with `args` as they are (objects of the caller's realm).
   * @throws Error when the add-on has no such function; whatever the function throws.
   */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /**
   * Calls a global function as google.script.run does: `args` are copied into the add-on's realm through JSON
   * (as Apps Script deserializes them) and the result comes back through JSON (undefined becomes null).
   * Every lock the call left held is released afterwards, as at the end of an Apps Script execution.
   * @throws Error when the add-on has no such function or `args` are not JSON; whatever the function throws.
   */
  callJson(name: string, args: readonly unknown[]): unknown;
}

/** The console an add-on execution gets in the vm: its logs go nowhere. */
export const SILENT_CONSOLE = {
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

/** Loads Code.js into a fresh bare context over a fresh fake. */
export function createAddonRuntime(options: AddonRuntimeOptions): AddonRuntime {
  const context = vm.createContext({ console: SILENT_CONSOLE });
  // Take the standard library away where Node's vm adds it but Apps Script lacks it.
  vm.runInContext(
    'delete globalThis.setTimeout; delete globalThis.TextEncoder; delete globalThis.URL; delete globalThis.fetch;',
    context,
  );
  const DateCtor = vm.runInContext('Date', context) as DateConstructor;
  const ErrorCtor = vm.runInContext('Error', context) as ErrorConstructor;
  const realmJsonParse = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  const fake = createFakeAppsScript({
    htmlFiles: { sidebar: options.sidebarHtml },
    ...options.fakeOptions,
    DateCtor,
    ErrorCtor,
  });
  Object.assign(context, fake.globals);
  const before = new Set(Object.keys(context));
  vm.runInContext(options.codeJs, context, { filename: 'Code.js' });
  const globals = context as Record<string, unknown>;
  const functionNames = Object.keys(context)
    .filter((name) => !before.has(name) && typeof globals[name] === 'function')
    .sort();
  const known = new Set(functionNames);

  const fn = (name: string): ((...args: unknown[]) => unknown) => {
    const value = known.has(name) ? globals[name] : undefined;
    if (typeof value !== 'function') throw new Error(`the add-on has no global function "${name}"`);
    return value as (...args: unknown[]) => unknown;
  };

  return {
    fake,
    context,
    functionNames,
    has: (name) => known.has(name),
    call: <T = unknown>(name: string, ...args: unknown[]): T => fn(name)(...args) as T,
    callJson: (name, args) => {
      const target = fn(name);
      const realmArgs = realmJsonParse(JSON.stringify(args)) as unknown[];
      try {
        const result = target(...realmArgs);
        return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
      } finally {
        fake.lock.releaseAll();
      }
    },
  };
}
