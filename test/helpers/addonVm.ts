import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { projectRoot } from './shared';

export const codePath = join(projectRoot, 'dist', 'addon', 'Code.js');

/**
 * Loads the built add-on (dist/addon/Code.js) into a bare V8 context, as Apps Script runs it: no require, process,
 * setTimeout, TextEncoder, URL or fetch — only the globals given (the Apps Script fake) and a console.
 * Returns the context, whose top-level functions are the add-on's globals.
 */
export function loadAddon(globals: Record<string, unknown> = {}): vm.Context & Record<string, (...args: unknown[]) => unknown> {
  const context = vm.createContext({ ...globals, console: { log: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined } });
  // Take the standard library away where Node's vm adds it but Apps Script lacks it.
  vm.runInContext('delete globalThis.setTimeout; delete globalThis.TextEncoder; delete globalThis.URL; delete globalThis.fetch;', context);
  vm.runInContext(readFileSync(codePath, 'utf8'), context, { filename: 'Code.js' });
  return context as vm.Context & Record<string, (...args: unknown[]) => unknown>;
}
