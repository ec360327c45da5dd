import type { FitMemo, FitSummary } from '../core/formulas';
import { utf8Bytes } from '../core/cells/utf8Bytes';
import { dataFingerprint } from './serverFunctions';

/** Cached summaries live six hours, CacheService's maximum. */
const CACHE_SECONDS = 21600;
/** CacheService refuses values over 100 KB, counted in bytes of UTF-8; stay clearly below. */
const CACHE_VALUE_BYTES = 95 * 1024;
/**
 * How long a cell waits for another cell's fit (the document lock) before fitting itself: half of a custom
 * function's 30 seconds, which leaves the other half for that fit.
 */
const LOCK_WAIT_MS = 15000;
/**
 * Put in place of a summary too large for CacheService, so that the cells waiting for the lock learn that there is
 * nothing to wait for and fit side by side instead of one after another.
 */
const TOO_LARGE = '"too large to cache"';

/**
 * The memo the formulas use. In Sheets every formula cell is its own execution — a fresh load of this script, with
 * nothing in memory from any other cell — so a fit is shared only through the document's CacheService (shared by its
 * editors too), keyed by the content of the ranges: summaries under 100 KB, for six hours. After an edit, Sheets
 * recalculates the cells over the edited ranges at the same time, and all of them would miss the cache and fit; so
 * a cell that misses takes the document lock, looks again, and fits only if the cache is still empty: one cell fits
 * while the others wait for it (at most LOCK_WAIT_MS, after which a cell fits without the lock). A summary too large
 * for the cache leaves a marker that sends the waiting cells to fit at once. A cache or lock that is unavailable is
 * skipped: the formula then simply fits. Measured with dev/formulaCells.ts (`npm run bench`).
 */
export function formulaMemo(): FitMemo {
  let cache: GoogleAppsScript.Cache.Cache | null = null;
  try {
    cache = CacheService.getDocumentCache();
  } catch {
    cache = null;
  }
  /** What `exclusive` read under the lock, so that `work`'s look-up costs no second service call. */
  let peeked: { key: string; text: string | null } | undefined;
  return {
    get(key) {
      if (cache === null) return undefined;
      const text = peeked?.key === key ? peeked.text : cachedText(cache, key);
      peeked = undefined;
      if (text === null) return undefined;
      try {
        return JSON.parse(text) as FitSummary; // the TOO_LARGE marker parses to a string, which is no summary
      } catch {
        return undefined;
      }
    },
    set(key, summary) {
      if (cache === null) return;
      const text = JSON.stringify(summary);
      try {
        cache.put(key, utf8Bytes(text) > CACHE_VALUE_BYTES ? TOO_LARGE : text, CACHE_SECONDS);
      } catch {
        // A full or unavailable cache only costs a refit next time.
      }
    },
    exclusive(key, work) {
      if (cache === null) return work(); // nothing to share the fit through
      let lock = documentLockWithin(LOCK_WAIT_MS);
      if (lock !== null) {
        const text = cachedText(cache, key);
        if (text === TOO_LARGE) {
          lock.releaseLock(); // the cell before fitted and could not cache: fit now, beside the other waiting cells
          lock = null;
        } else peeked = { key, text };
      }
      try {
        return work();
      } finally {
        if (lock !== null) lock.releaseLock();
      }
    },
  };
}

/** The cache's text under `key`, or null when there is none or the cache fails. */
function cachedText(cache: GoogleAppsScript.Cache.Cache, key: string): string | null {
  try {
    return cache.get(key);
  } catch {
    return null;
  }
}

/** The document lock, once taken within `waitMs`; null when it is unavailable or still held by another cell then. */
function documentLockWithin(waitMs: number): GoogleAppsScript.Lock.Lock | null {
  try {
    const lock = LockService.getDocumentLock();
    return lock !== null && lock.tryLock(waitMs) ? lock : null;
  } catch {
    return null;
  }
}

/** TIKFIT_FINGERPRINT: a range's fingerprint, as the server computes the sheet's (a single cell is a 1×1 range). */
export function rangeFingerprint(range: unknown): string {
  const grid = Array.isArray(range) ? (range as unknown[][]) : [[range]];
  return dataFingerprint(grid);
}
