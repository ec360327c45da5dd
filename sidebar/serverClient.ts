/**
 * A typed promise wrapper over Apps Script's `google.script.run`. Every server call of the sidebar goes through
 * `callServer`, which checks that the arguments are JSON-safe before sending them, resolves with the server
 * function's result and rejects with the server's Error (never swallows it).
 *
 * No DOM here: the module also loads in jest's node environment.
 */
import type { ServerApi } from '../src/addon/api';

/**
 * The part of the client-side `google.script.run` the sidebar uses. Each `with…Handler` returns a runner that
 * also has every server function as a method; calling one sends the call and returns nothing.
 */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

/** `google` as HtmlService pages see it (only `script.run`). */
export interface GoogleClient {
  script: { run: ScriptRunner };
}

/**
 * The ambient `google` object. Read through `globalThis` rather than declared as a global variable, so that the
 * sidebar neither clashes with other declarations of `google` nor throws a ReferenceError outside Apps Script.
 */
function scriptRun(): ScriptRunner {
  const google = (globalThis as { google?: Partial<GoogleClient> }).google;
  const run = google?.script?.run;
  if (run === undefined || run === null) {
    throw new Error('google.script.run is not available: open this sidebar from the TikFit add-on in Google Sheets');
  }
  return run;
}

/**
 * Calls the server function `name` with `args` and resolves with its result.
 * @throws (rejects) TypeError when an argument is not JSON-safe; the server's Error when the function fails.
 */
export function callServer<K extends keyof ServerApi>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise<ReturnType<ServerApi[K]>>((resolve, reject) => {
    // Throwing in the executor rejects the promise, so a bad argument arrives where a server error would.
    assertJsonSafe(args, 'arguments');
    const runner = scriptRun()
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(toError(error)));
    const call = (runner as unknown as Record<K, (...callArgs: Parameters<ServerApi[K]>) => void>)[name];
    if (typeof call !== 'function') throw new Error(`google.script.run has no server function "${name}"`);
    call.apply(runner, args);
  });
}

/**
 * The failure handler's argument as an Error. Apps Script passes an Error, but it may come from another realm
 * (so `instanceof` can fail): anything with a string `message` is kept as it is.
 */
function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string')
    return error as Error;
  return new Error(typeof error === 'string' && error !== '' ? error : `Server call failed: ${String(error)}`);
}

/**
 * Throws unless `value` survives google.script.run unchanged: null, booleans, strings, finite numbers, arrays of
 * those (no holes or undefined) and plain objects of those (no undefined values). Rejects Dates, functions,
 * NaN/±Infinity, bigint, symbols, class instances (Map, Set, RegExp, …) and cycles.
 * @param path where `value` sits, for the message (e.g. "options.zeroMissing[2]").
 * @throws TypeError naming the offending path.
 */
export function assertJsonSafe(value: unknown, path = 'value'): void {
  check(value, path, []);
}

function check(value: unknown, path: string, ancestors: object[]): void {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${String(value)}, which is not JSON-safe`);
      return;
    case 'undefined':
      throw new TypeError(`${path} is undefined, which is not JSON-safe (leave the key out or use null)`);
    case 'function':
      throw new TypeError(`${path} is a function, which is not JSON-safe`);
    case 'bigint':
    case 'symbol':
      throw new TypeError(`${path} is a ${typeof value}, which is not JSON-safe`);
    default:
      break;
  }
  const object = value as object;
  if (ancestors.includes(object)) throw new TypeError(`${path} refers back to itself, which is not JSON-safe`);
  if (object instanceof Date || Object.prototype.toString.call(object) === '[object Date]') {
    throw new TypeError(`${path} is a Date, which is not JSON-safe (send an ISO string instead)`);
  }
  const inside = [...ancestors, object];
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) check(object[i], `${path}[${i}]`, inside);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
    throw new TypeError(
      `${path} is ${typeof name === 'string' && name !== '' ? `a ${name}` : 'not a plain object'}, which is not JSON-safe`,
    );
  }
  if (Object.getOwnPropertySymbols(object).length > 0)
    throw new TypeError(`${path} has symbol keys, which are not JSON-safe`);
  for (const key of Object.keys(object)) check((object as Record<string, unknown>)[key], `${path}.${key}`, inside);
}
