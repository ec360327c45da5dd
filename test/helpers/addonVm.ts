import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createAddonRuntime } from '../../dev/addonRuntime';
import { createFormulaCells, type FormulaCells, type FormulaCellsOptions } from '../../dev/formulaCells';
import type { FakeAppsScript, FakeAppsScriptOptions } from '../../dev/fakeAppsScript';
import { projectRoot } from './shared';

export const codePath = join(projectRoot, 'dist', 'addon', 'Code.js');

/**
 * Custom-function cells as Sheets runs them (dev/formulaCells.ts): every call is its own execution — a fresh bare V8
 * context, a fresh load of dist/addon/Code.js, AuthMode.CUSTOM_FUNCTION services only — over one fake document whose
 * CacheService and properties persist between executions. Use this, not `loadAddon`, for anything about formulas.
 */
export function formulaCells(options: Omit<FormulaCellsOptions, 'codeJs'> = {}): FormulaCells {
  return createFormulaCells({ codeJs: readFileSync(codePath, 'utf8'), ...options });
}

/**
 * Loads the built add-on (dist/addon/Code.js) into a bare V8 context, as Apps Script runs it: no require, process,
 * setTimeout, TextEncoder, URL or fetch — only the globals given (the Apps Script fake) and a console.
 * Returns the context, whose top-level functions are the add-on's globals. Everything called on it runs in that one
 * execution; custom functions never do in Sheets (see `formulaCells`).
 */
export function loadAddon(
  globals: Record<string, unknown> = {},
): vm.Context & Record<string, (...args: unknown[]) => unknown> {
  const context = vm.createContext({
    ...globals,
    console: { log: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined },
  });
  // Take the standard library away where Node's vm adds it but Apps Script lacks it.
  vm.runInContext(
    'delete globalThis.setTimeout; delete globalThis.TextEncoder; delete globalThis.URL; delete globalThis.fetch;',
    context,
  );
  vm.runInContext(readFileSync(codePath, 'utf8'), context, { filename: 'Code.js' });
  return context as vm.Context & Record<string, (...args: unknown[]) => unknown>;
}

export const sidebarPath = join(projectRoot, 'dist', 'addon', 'sidebar.html');

/** The add-on loaded over a fresh Apps Script fake whose Dates and exceptions come from the add-on's own realm. */
export interface AddonWithFake {
  addon: vm.Context & Record<string, (...args: unknown[]) => unknown>;
  fake: FakeAppsScript;
  /** Calls a global function of the add-on. */
  call: <T = unknown>(name: string, ...args: unknown[]) => T;
}

/**
 * Loads dist/addon/Code.js into a bare V8 context holding only the fake's Apps Script globals, as Apps Script would
 * (dev/addonRuntime.ts, which the preview server uses too). The fake is built with the context's Date and Error
 * constructors, so that values cross realms as they would in Apps Script (a Date from getValues is a Date there).
 */
export function loadAddonWithFake(options: FakeAppsScriptOptions = {}): AddonWithFake {
  const runtime = createAddonRuntime({
    codeJs: readFileSync(codePath, 'utf8'),
    sidebarHtml: readFileSync(sidebarPath, 'utf8'),
    fakeOptions: options,
  });
  return { addon: runtime.context as AddonWithFake['addon'], fake: runtime.fake, call: runtime.call };
}
