/**
 * `CacheService`: document, script and user caches with the documented limits — keys of at most 250
 * characters (counted here in UTF-8 bytes, the stricter reading), values of at most 100 KB (102,400 bytes of UTF-8), expiry between 1 s and 21,600 s (600 s by
 * default) on the injectable clock, and at most 1,000 items (past that, the 900 furthest from expiry stay).
 */

import { utf8Length } from './bytes';
import { FakeContext, signatureMismatch } from './context';
import { FakeCache, FakeCacheService } from './types';

/** The kinds of cache. */
export type CacheScope = 'document' | 'script' | 'user';

/** One cached value and the clock time (ms) at which it expires. */
export interface CacheEntry {
  value: string;
  expiresAt: number;
}

/** The longest key, in bytes of UTF-8 (the documentation says 250 characters). */
export const MAX_CACHE_KEY_BYTES = 250;
/** The largest value, in bytes of UTF-8. */
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
/** The default and the longest expiry, in seconds. */
export const DEFAULT_CACHE_SECONDS = 600;
export const MAX_CACHE_SECONDS = 21600;
/** The most items a cache keeps. */
export const MAX_CACHE_ITEMS = 1000;

/** Makes the CacheService global over the given caches (one Map per scope, kept by the caller). */
export function makeCacheService(
  ctx: FakeContext,
  caches: Record<CacheScope, Map<string, CacheEntry>>,
): FakeCacheService {
  const makeCache = (scope: CacheScope): FakeCache => {
    const entries = caches[scope];
    const checkKey = (key: unknown, method: string, args: unknown[]): string => {
      if (typeof key !== 'string') return signatureMismatch(ctx, `CacheService.Cache.${method}`, args);
      // Documented as 250 characters; the fake counts UTF-8 bytes, the stricter reading (Google counts values so),
      // so a key of 250 non-ASCII characters is refused too.
      if (utf8Length(key) > MAX_CACHE_KEY_BYTES) ctx.fail('Argument too large: key');
      return key;
    };
    const live = (key: string): CacheEntry | undefined => {
      const entry = entries.get(key);
      if (entry && ctx.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    };
    const expiry = (seconds: unknown, method: string, args: unknown[]): number => {
      if (seconds === undefined) return ctx.now() + DEFAULT_CACHE_SECONDS * 1000;
      if (typeof seconds !== 'number') return signatureMismatch(ctx, `CacheService.Cache.${method}`, args);
      if (seconds < 1 || seconds > MAX_CACHE_SECONDS)
        ctx.fail(`Argument expirationInSeconds must be between 1 and ${MAX_CACHE_SECONDS}.`);
      return ctx.now() + Math.trunc(seconds) * 1000;
    };
    const prepare = (key: unknown, value: unknown, method: string, args: unknown[]): [string, string] => {
      const k = checkKey(key, method, args);
      if (value === null || value === undefined || typeof value === 'object' || typeof value === 'function') {
        return signatureMismatch(ctx, `CacheService.Cache.${method}`, args);
      }
      const v = String(value);
      if (utf8Length(v) > MAX_CACHE_VALUE_BYTES) ctx.fail('Argument too large: value');
      return [k, v];
    };
    const evict = (): void => {
      const now = ctx.now();
      for (const [k, e] of entries) if (now >= e.expiresAt) entries.delete(k);
      if (entries.size <= MAX_CACHE_ITEMS) return;
      const keep = [...entries.entries()].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, 900);
      entries.clear();
      for (const [k, e] of keep) entries.set(k, e);
    };
    return {
      get: (key) => live(checkKey(key, 'get', [key]))?.value ?? null,
      getAll: (keys) => {
        if (!Array.isArray(keys)) return signatureMismatch(ctx, 'CacheService.Cache.getAll', [keys]);
        const out: Record<string, string> = {};
        for (const key of keys) {
          const entry = live(checkKey(key, 'getAll', [keys]));
          if (entry) out[key] = entry.value;
        }
        return out;
      },
      put: (key, value, expirationInSeconds) => {
        const args = [key, value, expirationInSeconds].filter((a) => a !== undefined);
        const [k, v] = prepare(key, value, 'put', args);
        entries.set(k, { value: v, expiresAt: expiry(expirationInSeconds, 'put', args) });
        evict();
      },
      putAll: (values, expirationInSeconds) => {
        const args = [values, expirationInSeconds].filter((a) => a !== undefined);
        if (typeof values !== 'object' || values === null || Array.isArray(values))
          return signatureMismatch(ctx, 'CacheService.Cache.putAll', args);
        const expiresAt = expiry(expirationInSeconds, 'putAll', args);
        const prepared = Object.entries(values).map(([k, v]) => prepare(k, v, 'putAll', args));
        for (const [k, v] of prepared) entries.set(k, { value: v, expiresAt });
        evict();
      },
      remove: (key) => {
        entries.delete(checkKey(key, 'remove', [key]));
      },
      removeAll: (keys) => {
        if (!Array.isArray(keys)) return signatureMismatch(ctx, 'CacheService.Cache.removeAll', [keys]);
        for (const key of keys) entries.delete(checkKey(key, 'removeAll', [keys]));
      },
    };
  };
  return {
    getDocumentCache: () => {
      ctx.guard('CacheService', 'getDocumentCache', { none: false, customFunction: true });
      return makeCache('document');
    },
    getScriptCache: () => makeCache('script'),
    getUserCache: () => makeCache('user'),
  };
}
