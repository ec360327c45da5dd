/**
 * Custom-function cells as Sheets runs them (strict mode of the fake): every cell is its own execution.
 *
 * Google's custom-functions guide (https://developers.google.com/apps-script/guides/sheets/functions): "Each time a
 * custom function is used in a spreadsheet, Google Sheets makes a separate call to the Apps Script server." So each
 * cell here gets a fresh `node:vm` context, a fresh load of the built Code.js and fresh globals — nothing in memory
 * survives from one cell to the next — and only the services the guide lists for custom functions, in
 * AuthMode.CUSTOM_FUNCTION (Spreadsheet read-only, no UI): Cache, HTML, Lock, Properties, Spreadsheet, Utilities
 * (and Logger, console). Any other service the fake has (Session, ScriptApp, Charts) throws "You do not have
 * permission to call …", as the guide says a service needing authorization does. What does carry across executions
 * is what the fake's document holds: CacheService and the property stores (the book's, shared with the add-on's
 * other executions). Arguments arrive as Sheets passes them: a range as a 2D array of the execution's own realm ("" for
 * a blank cell, Dates for dates), a single cell as a bare value.
 *
 * Together. After an edit Sheets recalculates every cell that depends on it at once, each in its own execution.
 * The executions here run one after the other in this thread, so `recalculate` models them as concurrent by what each
 * can see: a value put into CacheService by another cell of the same recalculation is seen only through the
 * document lock — by a cell that takes the lock after the writer released it (the first-come order of the lock is
 * the order of the cells). Without the lock, the cells of one recalculation see none of each other's puts (the
 * worst case: all of them read before any of them wrote), and everything put by earlier executions is seen. That is
 * deterministic; the times are measured: each execution has a simulated clock, its own measured run time plus the
 * time it waited for the lock (until the holder before it released it, on that clock), with every cell of a
 * recalculation starting at the same moment. `tryLock(ms)`/`waitLock(ms)` give up after `ms` of waiting; the fake's
 * `lock.setBusy` and a document lock held by the add-on's own execution count as another process holding it. A
 * custom function must return within 30 seconds: an execution whose clock passes 30 s ends in "Exceeded maximum
 * execution time". `run`, `call` and `evaluate` run one cell after everything before it has finished.
 *
 * Exceptions and Dates from the fake's services cross into the execution's realm through a membrane (Dates become
 * the realm's Dates, exceptions the realm's Errors named "Exception", arrays the realm's arrays).
 */
import vm from 'node:vm';
import { createFakeAppsScript, type FakeAppsScript, type FakeAppsScriptOptions } from './fakeAppsScript';
import { parseA1Range, splitSheetPrefix } from './fake/a1';
import { SILENT_CONSOLE } from './addonRuntime';

/** A custom function's limit: "A custom function call must return within 30 seconds." */
export const CUSTOM_FUNCTION_LIMIT_MS = 30000;

/** The services the custom-functions guide lists as usable from a custom function, of those the fake has. */
const ALLOWED_SERVICES = new Set([
  'CacheService',
  'HtmlService',
  'LockService',
  'PropertiesService',
  'SpreadsheetApp',
  'Utilities',
  'Logger',
]);

/** Options of `createFormulaCells`. */
export interface FormulaCellsOptions {
  /** The text of dist/addon/Code.js. */
  codeJs: string;
  /** The document the cells live in (its caches, properties and sheets). Default: a fresh fake. */
  fake?: FakeAppsScript;
  /** Options for the fresh fake when `fake` is not given. */
  fakeOptions?: FakeAppsScriptOptions;
  /**
   * Make V8 parse Code.js from scratch in every execution (a unique comment defeats the isolate's compilation cache),
   * as a fresh server process would. Default false: tests only need fresh globals, and reuse the compiled code.
   */
  coldParse?: boolean;
  /** Give no LockService (as if `getDocumentLock` were unavailable): to measure what the cache alone does. */
  withoutLock?: boolean;
}

/** A formula cell to recalculate: a formula text, or a function name and its arguments as Sheets would pass them. */
export type FormulaCell = string | { name: string; args: readonly unknown[] };

/** What one execution did. Times are in milliseconds. */
export interface CellExecution {
  /** The custom function called. */
  name: string;
  /** The value returned (copied out of the execution's realm), when it did not fail. */
  value?: unknown;
  /** The message the cell shows when it failed. */
  error?: string;
  /** Simulated start and end (see the file comment). */
  start: number;
  end: number;
  /**
   * Measured: a fresh context with Code.js parsed and its top level run; the arguments copied into the cell's realm
   * (this harness's stand-in for Sheets sending the ranges); the call itself.
   */
  loadMs: number;
  argumentsMs: number;
  callMs: number;
  /** Simulated time spent waiting for the document lock. */
  waitedMs: number;
  /** CacheService use: get/getAll lookups, those that found a value, and puts (the add-on puts once per fit). */
  cacheGets: number;
  cacheHits: number;
  cachePuts: number;
  /** Lock attempts, and how many got the lock. */
  lockTries: number;
  lockAcquired: number;
  /** True when the execution passed the 30 s limit. */
  timedOut: boolean;
}

/** Custom-function cells over one document. */
export interface FormulaCells {
  fake: FakeAppsScript;
  /** Every execution so far, in order. */
  readonly executions: readonly CellExecution[];
  /** Runs one cell as its own execution, after everything before it finished; returns what it did. */
  run(cell: FormulaCell): CellExecution;
  /**
   * Runs one cell as its own execution and returns its value.
   * @throws Error with the message the cell would show, when it fails.
   */
  call(name: string, ...args: unknown[]): unknown;
  /** `call` for a formula text such as `=TIKFIT_R2(Data!B1:B41, Data!C1:D41)`. */
  evaluate(formula: string): unknown;
  /**
   * Recalculates cells as Sheets does after an edit: each its own execution, all started together on the
   * simulated clock. Returns what each did, in order.
   */
  recalculate(cells: readonly FormulaCell[]): CellExecution[];
}

interface Clock {
  start: number;
  realStart: number;
  waited: number;
}

/** An execution while it runs: its record, its recalculation, and the lock releases it has seen. */
interface Execution {
  record: CellExecution;
  clock: Clock;
  batch: number;
  synced: number;
}

const now = (clock: Clock): number => clock.start + (performance.now() - clock.realStart) + clock.waited;

/** Functions evaluated inside each execution's realm: copy a host value in, with the hot globals bound. */
const REALM_HELPERS = `(function () {
  const isArray = Array.isArray;
  const toString = Object.prototype.toString;
  const RealmDate = Date;
  const RealmError = Error;
  function copyIn(value) {
    if (typeof value !== 'object' || value === null) return value;
    if (isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = copyIn(value[i]);
      return out;
    }
    if (toString.call(value) === '[object Date]') return new RealmDate(value.getTime());
    return value;
  }
  function exception(name, message) {
    const error = new RealmError(message);
    error.name = name;
    return error;
  }
  return { copyIn, exception };
})()`;

interface RealmHelpers {
  copyIn(value: unknown): unknown;
  exception(name: string, message: string): Error;
}

/** A host copy of a value the script returned: arrays and Dates rebuilt in this realm. */
function copyOut(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOut);
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  return value;
}

/**
 * Wraps a fake service object for one execution: results come back in the execution's realm (arrays, Dates,
 * exceptions), objects returned are wrapped the same way. Arguments go to the fake as they are (it accepts values of
 * any realm).
 */
function membrane(target: object, realm: RealmHelpers, wrapped = new WeakMap<object, object>()): object {
  const known = wrapped.get(target);
  if (known) return known;
  const into = (value: unknown): unknown => {
    if (typeof value === 'function') return wrapFunction(value as (...args: unknown[]) => unknown, undefined);
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value) || Object.prototype.toString.call(value) === '[object Date]') return realm.copyIn(value);
    return membrane(value, realm, wrapped);
  };
  const wrapFunction = (fn: (...args: unknown[]) => unknown, self: unknown) =>
    function wrappedServiceCall(...args: unknown[]): unknown {
      try {
        return into(fn.apply(self, args));
      } catch (error) {
        const e = error as { name?: unknown; message?: unknown };
        throw realm.exception(
          typeof e?.name === 'string' ? e.name : 'Error',
          typeof e?.message === 'string' ? e.message : String(error),
        );
      }
    };
  const proxy = new Proxy(
    {},
    {
      get: (_, key) => {
        const value = (target as Record<PropertyKey, unknown>)[key];
        return typeof value === 'function'
          ? wrapFunction(value as (...args: unknown[]) => unknown, target)
          : into(value);
      },
      has: (_, key) => key in target,
      ownKeys: () => Reflect.ownKeys(target),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
    },
  );
  wrapped.set(target, proxy);
  return proxy;
}

/** A service a custom function may not use: every method throws as Apps Script does. */
function deniedService(serviceName: string, realm: RealmHelpers): object {
  return new Proxy(
    {},
    {
      get: (_, key) => () => {
        throw realm.exception('Exception', `You do not have permission to call ${serviceName}.${String(key)}`);
      },
    },
  );
}

/** Splits a formula's argument list at top-level commas, keeping quoted text whole. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let sheetQuoted = false;
  let depth = 0;
  for (const ch of text) {
    if (ch === '"' && !sheetQuoted) quoted = !quoted;
    if (ch === "'" && !quoted) sheetQuoted = !sheetQuoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && !sheetQuoted && depth === 0 && ch === ',') {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '' || parts.length > 0) parts.push(current.trim());
  return parts;
}

/** Creates custom-function cells over a document; see the file comment for the model. */
export function createFormulaCells(options: FormulaCellsOptions): FormulaCells {
  const fake = options.fake ?? createFakeAppsScript(options.fakeOptions);
  const executions: CellExecution[] = [];
  /** Simulated time at which everything run so far has finished. */
  let settled = 0;
  /** Simulated time at which the document lock was last released (the lock is first come, first served). */
  let lockFreeAt = 0;
  /** Who last put each cache key (by scope), in which recalculation, and at which release of the lock it became public. */
  const puts = new Map<string, { writer: Execution; batch: number; release?: number }>();
  /** Releases of the document lock so far; an execution that takes the lock sees the puts released up to then. */
  let releases = 0;
  let batches = 0;
  let serial = 0;
  /** The execution holding the document lock, if any (only ever the one running). */
  let heldBy: Execution | undefined;

  /** Releases the document lock held by `execution` at simulated time `at`: its puts become visible to later holders. */
  const release = (execution: Execution, at: number): void => {
    heldBy = undefined;
    lockFreeAt = Math.max(lockFreeAt, at);
    releases++;
    for (const stamp of puts.values())
      if (stamp.writer === execution && stamp.release === undefined) stamp.release = releases;
  };

  const otherProcessHoldsLock = (): boolean => fake.lock.isBusy('document') || fake.lock.held().includes('document');

  /** The argument values of a formula text, read from the fake's sheets as Sheets passes them. */
  const parseFormula = (formula: string): { name: string; args: unknown[] } => {
    const match = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula.trim());
    if (!match) throw new Error(`formulaCells: not a single function call: ${formula}`);
    const args = splitArguments(match[2] ?? '').map((text): unknown => {
      if (/^"(?:[^"]|"")*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
      if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
      if (/^(?:TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === 'TRUE';
      const { sheetName, range } = splitSheetPrefix(text);
      const name = sheetName ?? fake.activeSheetName();
      const grid = fake.getSheetGrid(name);
      const rect = parseA1Range(range, grid.maxRows, grid.maxColumns);
      if (!rect) throw new Error(`formulaCells: cannot read the argument ${text}`);
      const rows: unknown[][] = [];
      for (let i = 0; i < rect.numRows; i++) {
        const row: unknown[] = [];
        for (let j = 0; j < rect.numCols; j++) row.push(grid.values[rect.row - 1 + i]?.[rect.col - 1 + j] ?? '');
        rows.push(row);
      }
      return rect.numRows === 1 && rect.numCols === 1 ? rows[0]?.[0] : rows;
    });
    return { name: match[1] as string, args };
  };

  const execute = (cell: FormulaCell, start: number, batch: number): CellExecution => {
    const { name, args } = typeof cell === 'string' ? parseFormula(cell) : { name: cell.name, args: [...cell.args] };
    const clock: Clock = { start, realStart: performance.now(), waited: 0 };
    const record: CellExecution = {
      name,
      start,
      end: start,
      loadMs: 0,
      argumentsMs: 0,
      callMs: 0,
      waitedMs: 0,
      cacheGets: 0,
      cacheHits: 0,
      cachePuts: 0,
      lockTries: 0,
      lockAcquired: 0,
      timedOut: false,
    };
    const execution: Execution = { record, clock, batch, synced: 0 };

    // A fresh realm, as Apps Script gives each execution: no require, process, setTimeout, TextEncoder, URL or fetch.
    const context = vm.createContext({ console: SILENT_CONSOLE });
    vm.runInContext(
      'delete globalThis.setTimeout; delete globalThis.TextEncoder; delete globalThis.URL; delete globalThis.fetch;',
      context,
    );
    const realm = vm.runInContext(REALM_HELPERS, context) as RealmHelpers;
    const globals = context as Record<string, unknown>;
    for (const [serviceName, service] of Object.entries(fake.globals)) {
      globals[serviceName] = ALLOWED_SERVICES.has(serviceName)
        ? membrane(service as object, realm)
        : deniedService(serviceName, realm);
    }
    globals.CacheService = cacheService(execution, realm);
    globals.LockService = options.withoutLock ? deniedService('LockService', realm) : lockService(execution, realm);

    const previousMode = fake.authMode;
    fake.setAuthMode('CUSTOM_FUNCTION');
    try {
      serial++;
      const code = options.coldParse ? `${options.codeJs}\n// execution ${serial}\n` : options.codeJs;
      vm.runInContext(code, context, { filename: 'Code.js' });
      record.loadMs = performance.now() - clock.realStart;
      const fn = globals[name] ?? globals[name.toUpperCase()]; // Sheets reads function names in any case
      const argumentsStart = performance.now();
      const realmArgs = args.map((a) => realm.copyIn(a));
      const callStart = performance.now();
      record.argumentsMs = callStart - argumentsStart;
      try {
        if (typeof fn !== 'function') throw realm.exception('ReferenceError', `Unknown function: '${name}'.`);
        record.value = copyOut((fn as (...a: unknown[]) => unknown)(...realmArgs));
      } catch (error) {
        record.error =
          typeof error === 'object' && error !== null && 'message' in error
            ? String((error as Error).message)
            : String(error);
      } finally {
        record.callMs = performance.now() - callStart;
      }
    } finally {
      fake.setAuthMode(previousMode);
    }
    record.end = now(clock);
    record.waitedMs = clock.waited;
    if (record.end - record.start > CUSTOM_FUNCTION_LIMIT_MS) {
      record.timedOut = true;
      delete record.value;
      record.error = 'Exceeded maximum execution time';
    }
    // An execution that ends holding the lock releases it, as Apps Script does.
    if (heldBy === execution) release(execution, record.end);
    executions.push(record);
    return record;
  };

  /** The caches as this execution sees them: another cell's put of this recalculation only through the lock. */
  const cacheService = (execution: Execution, realm: RealmHelpers): object => {
    const { record } = execution;
    const wrap = (cache: GoogleAppsScript.Cache.Cache, scope: string): object => {
      const visible = (key: string): boolean => {
        const stamp = puts.get(`${scope}:${key}`);
        if (stamp === undefined || stamp.batch < execution.batch || stamp.writer === execution) return true;
        return stamp.release !== undefined && stamp.release <= execution.synced;
      };
      const put = (key: string): void => {
        puts.set(`${scope}:${key}`, { writer: execution, batch: execution.batch });
        record.cachePuts++;
      };
      return membrane(
        {
          get: (key: string) => {
            record.cacheGets++;
            const value = cache.get(key);
            const seen = value !== null && visible(key);
            if (seen) record.cacheHits++;
            return seen ? value : null;
          },
          getAll: (keys: string[]) => {
            record.cacheGets++;
            const found = cache.getAll(keys);
            const out: Record<string, string> = {};
            for (const [key, value] of Object.entries(found)) if (visible(key)) out[key] = value;
            if (Object.keys(out).length > 0) record.cacheHits++;
            return out;
          },
          put: (key: string, value: string, seconds?: number) => {
            if (seconds === undefined) cache.put(key, value);
            else cache.put(key, value, seconds);
            put(key);
          },
          putAll: (values: Record<string, string>, seconds?: number) => {
            if (seconds === undefined) cache.putAll(values);
            else cache.putAll(values, seconds);
            for (const key of Object.keys(values)) put(key);
          },
          remove: (key: string) => cache.remove(key),
          removeAll: (keys: string[]) => cache.removeAll(keys),
        },
        realm,
      );
    };
    const service = fake.globals.CacheService as unknown as GoogleAppsScript.Cache.CacheService;
    return membrane(
      {
        getDocumentCache: () => {
          const cache = service.getDocumentCache();
          return cache === null ? null : wrap(cache, 'document');
        },
        getScriptCache: () => wrap(service.getScriptCache(), 'script'),
        getUserCache: () => wrap(service.getUserCache(), 'user'),
      },
      realm,
    );
  };

  /** LockService on the simulated clock: the document lock is one first-come mutex shared by every execution. */
  const lockService = (execution: Execution, realm: RealmHelpers): object => {
    const { record, clock } = execution;
    const acquire = (timeoutMs: number): boolean => {
      record.lockTries++;
      if (heldBy === execution) return true;
      // Executions run one at a time here, so no other cell holds the lock now; the last holder released it at
      // lockFreeAt on the simulated clock, and a cell that asks earlier waits until then.
      const at = now(clock);
      const freeAt = otherProcessHoldsLock() ? Infinity : lockFreeAt;
      if (freeAt - at > timeoutMs) {
        clock.waited += timeoutMs;
        return false;
      }
      if (freeAt > at) clock.waited += freeAt - at;
      heldBy = execution;
      execution.synced = releases;
      record.lockAcquired++;
      return true;
    };
    const documentLock = {
      tryLock: (timeoutMs: number) => acquire(timeoutMs),
      waitLock: (timeoutMs: number) => {
        if (!acquire(timeoutMs))
          throw realm.exception('Exception', 'Lock timeout: another process was holding the lock for too long.');
      },
      releaseLock: () => {
        if (heldBy === execution) release(execution, now(clock));
      },
      hasLock: () => heldBy === execution,
    };
    const base = fake.globals.LockService as unknown as Record<string, () => unknown>;
    return membrane(
      {
        getDocumentLock: () => {
          base.getDocumentLock?.(); // the fake's own checks (auth mode)
          return documentLock;
        },
        getScriptLock: () => base.getScriptLock?.(),
        getUserLock: () => base.getUserLock?.(),
      },
      realm,
    );
  };

  const run = (cell: FormulaCell): CellExecution => {
    const record = execute(cell, settled, ++batches);
    settled = Math.max(settled, record.end);
    return record;
  };

  const valueOf = (record: CellExecution): unknown => {
    if (record.error !== undefined) throw new Error(record.error);
    return record.value;
  };

  return {
    fake,
    executions,
    run,
    call: (name, ...args) => valueOf(run({ name, args })),
    evaluate: (formula) => valueOf(run(formula)),
    recalculate: (cells) => {
      const start = settled;
      const batch = ++batches;
      const records = cells.map((cell) => execute(cell, start, batch));
      settled = Math.max(settled, ...records.map((r) => r.end));
      return records;
    },
  };
}
