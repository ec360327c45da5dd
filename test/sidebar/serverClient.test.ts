import type { ProfileReport, StepOptions } from '../../src/addon/api';
import { assertJsonSafe, callServer } from '../../sidebar/serverClient';

type Handler = (value: unknown) => void;

/**
 * A stand-in for Apps Script's client `google.script.run`: each with…Handler returns a new runner (as the real one
 * does), and a server function call answers on a later tick through `respond`.
 */
function fakeRun(respond: (name: string, args: unknown[], ok: Handler, fail: Handler) => void) {
  const calls: { name: string; args: unknown[] }[] = [];
  const make = (ok: Handler | null, fail: Handler | null): Record<string, unknown> => {
    const runner: Record<string, unknown> = {
      withSuccessHandler: (handler: Handler) => make(handler, fail),
      withFailureHandler: (handler: Handler) => make(ok, handler),
    };
    for (const name of [
      'getProfile',
      'saveSettings',
      'applyClean',
      'applyImpute',
      'applyEncode',
      'runModel',
      'runRecipe',
      'undoLastStep',
    ]) {
      runner[name] = function (this: unknown, ...args: unknown[]) {
        // The real runner needs `this`; so does this fake.
        if (this !== runner) throw new Error('server function called without its runner as this');
        calls.push({ name, args });
        setTimeout(() => respond(name, args, ok ?? (() => undefined), fail ?? (() => undefined)), 0);
      };
    }
    return runner;
  };
  return { run: make(null, null), calls };
}

const globals = globalThis as { google?: unknown };

afterEach(() => {
  delete globals.google;
});

const profile = { sheetName: 'Data', rows: 3 } as unknown as ProfileReport;

describe('callServer', () => {
  test('resolves with the value passed to withSuccessHandler, sending the arguments', async () => {
    const fake = fakeRun((_name, _args, ok) => ok(profile));
    globals.google = { script: { run: fake.run } };
    const options: StepOptions = { target: 'newFollowers', seed: 7, exclude: ['name'], applyTypoMerges: true };
    await expect(callServer('saveSettings', options)).resolves.toBe(profile);
    expect(fake.calls).toEqual([{ name: 'saveSettings', args: [options] }]);
  });

  test('a call without arguments sends none', async () => {
    const fake = fakeRun((_name, _args, ok) => ok(profile));
    globals.google = { script: { run: fake.run } };
    await expect(callServer('getProfile')).resolves.toBe(profile);
    expect(fake.calls).toEqual([{ name: 'getProfile', args: [] }]);
  });

  test('rejects with the very Error passed to withFailureHandler', async () => {
    const error = new Error('Exception: TikFit: option "seed" must be a number');
    const fake = fakeRun((_name, _args, _ok, fail) => fail(error));
    globals.google = { script: { run: fake.run } };
    await expect(callServer('applyClean', {})).rejects.toBe(error);
  });

  test('an Error-like object from another realm is kept; anything else becomes an Error', async () => {
    const foreign = { name: 'ScriptError', message: 'Exception: Service Spreadsheets failed' };
    globals.google = { script: { run: fakeRun((_n, _a, _ok, fail) => fail(foreign)).run } };
    await expect(callServer('runModel', {})).rejects.toBe(foreign);
    globals.google = { script: { run: fakeRun((_n, _a, _ok, fail) => fail('plain text')).run } };
    await expect(callServer('runModel', {})).rejects.toThrow('plain text');
  });

  test('rejects, without calling the server, when an argument is not JSON-safe', async () => {
    const fake = fakeRun((_name, _args, ok) => ok(profile));
    globals.google = { script: { run: fake.run } };
    await expect(callServer('saveSettings', { seed: NaN })).rejects.toThrow(/arguments\[0\]\.seed is NaN/);
    await expect(callServer('saveSettings', { target: undefined })).rejects.toThrow(TypeError);
    expect(fake.calls).toEqual([]);
  });

  test('rejects with a clear Error outside Apps Script', async () => {
    await expect(callServer('getProfile')).rejects.toThrow(/google\.script\.run is not available/);
  });
});

describe('assertJsonSafe', () => {
  test('accepts JSON values: null, booleans, strings, finite numbers, arrays and plain objects', () => {
    expect(() => assertJsonSafe(null)).not.toThrow();
    expect(() =>
      assertJsonSafe({
        target: 'y',
        seed: 42,
        testFraction: 0.2,
        zeroMissing: ['a', 'b'],
        applyTypoMerges: false,
        impute: { x: { constant: 0 } },
      }),
    ).not.toThrow();
    expect(() => assertJsonSafe([1, 'two', true, null, [], {}])).not.toThrow();
    expect(() => assertJsonSafe(Object.create(null))).not.toThrow();
    const shared = { a: 1 };
    expect(() => assertJsonSafe({ x: shared, y: shared })).not.toThrow(); // repeated, not cyclic
  });

  test.each([
    ['a Date', new Date(0), /is a Date/],
    ['a nested Date', { at: new Date(0) }, /value\.at is a Date/],
    ['a function', () => 1, /is a function/],
    ['a method', { f() {} }, /value\.f is a function/],
    ['NaN', NaN, /is NaN/],
    ['Infinity', { x: [Infinity] }, /value\.x\[0\] is Infinity/],
    ['-Infinity', -Infinity, /is -Infinity/],
    ['undefined in an array', [1, undefined], /value\[1\] is undefined/],
    ['a hole in an array', [1, , 3], /value\[1\] is undefined/], // eslint-disable-line no-sparse-arrays
    ['undefined as a value', { target: undefined }, /value\.target is undefined/],
    ['a Map', new Map(), /is a Map/],
    ['a class instance', new (class Holder {})(), /is a Holder/],
    ['a RegExp', /x/, /is a RegExp/],
    ['a bigint', BigInt(1), /is a bigint/],
    ['a symbol', Symbol('s'), /is a symbol/],
  ])('throws on %s', (_label, value, pattern) => {
    expect(() => assertJsonSafe(value)).toThrow(TypeError);
    expect(() => assertJsonSafe(value)).toThrow(pattern);
  });

  test('throws on a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => assertJsonSafe(cyclic)).toThrow(/refers back to itself/);
  });
});
