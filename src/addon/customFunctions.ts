import {
  tikfitAdjR2,
  tikfitCoef,
  tikfitPValue,
  tikfitPredict,
  tikfitR2,
  tikfitRmse,
  tikfitStdErr,
  tikfitTable,
  tikfitTStat,
  type FitMemo,
  type FitSummary,
} from '../core/formulas';
import { dataFingerprint } from './serverFunctions';

/** Cached summaries live six hours, CacheService's maximum. */
const CACHE_SECONDS = 21600;
/** CacheService refuses values over 100 KB; stay clearly below. */
const CACHE_LIMIT = 95000;

/**
 * Within one execution, every formula over the same ranges shares one fit: a sheet with fifty TIKFIT_PVALUE cells
 * recalculated together costs one fit. This map is keyed by the content of the ranges (not by user or document), and
 * an execution is one recalculation, so it keeps no user's state between calls in any meaningful sense.
 */
const executionMemo = new Map<string, FitSummary>();

/**
 * The memo the formulas use: the execution's map first, then the document's CacheService (shared by the
 * document's editors, so a collaborator's recalculation reuses the fit), summaries under 100 KB only. A cache that
 * is unavailable or full is skipped: the formula then simply fits again.
 */
function memo(): FitMemo {
  let cache: GoogleAppsScript.Cache.Cache | null = null;
  try {
    cache = CacheService.getDocumentCache();
  } catch {
    cache = null;
  }
  return {
    get(key) {
      const hit = executionMemo.get(key);
      if (hit !== undefined) return hit;
      if (cache === null) return undefined;
      try {
        const text = cache.get(key);
        if (text === null) return undefined;
        const summary = JSON.parse(text) as FitSummary;
        executionMemo.set(key, summary);
        return summary;
      } catch {
        return undefined;
      }
    },
    set(key, summary) {
      executionMemo.set(key, summary);
      if (cache === null) return;
      const text = JSON.stringify(summary);
      if (text.length > CACHE_LIMIT) return;
      try {
        cache.put(key, text, CACHE_SECONDS);
      } catch {
        // A full or unavailable cache only costs a refit next time.
      }
    },
  };
}

/** The custom functions' implementations, called by the top-level stubs in the entry file. */
export const customFunctions = {
  table: (knownY: unknown, knownX: unknown, options?: unknown) => tikfitTable(knownY, knownX, options, memo()),
  coef: (knownY: unknown, knownX: unknown, term: unknown, options?: unknown) => tikfitCoef(knownY, knownX, term, options, memo()),
  stdErr: (knownY: unknown, knownX: unknown, term: unknown, options?: unknown) => tikfitStdErr(knownY, knownX, term, options, memo()),
  tStat: (knownY: unknown, knownX: unknown, term: unknown, options?: unknown) => tikfitTStat(knownY, knownX, term, options, memo()),
  pValue: (knownY: unknown, knownX: unknown, term: unknown, options?: unknown) => tikfitPValue(knownY, knownX, term, options, memo()),
  r2: (knownY: unknown, knownX: unknown, options?: unknown) => tikfitR2(knownY, knownX, options, memo()),
  adjR2: (knownY: unknown, knownX: unknown, options?: unknown) => tikfitAdjR2(knownY, knownX, options, memo()),
  rmse: (knownY: unknown, knownX: unknown, options?: unknown) => tikfitRmse(knownY, knownX, options, memo()),
  predict: (knownY: unknown, knownX: unknown, newX: unknown, options?: unknown) => tikfitPredict(knownY, knownX, newX, options, memo()),
  fingerprint(range: unknown): string {
    const grid = Array.isArray(range) ? (range as unknown[][]) : [[range]];
    return dataFingerprint(grid);
  },
};
