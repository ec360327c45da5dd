/**
 * `LockService`: document, script and user locks. Within the fake everything runs in one execution, so a lock
 * is only ever unavailable when the test says another process holds it (`setBusy`). Every lock operation is
 * recorded, and the locks still held can be listed, so that tests can check the add-on releases what it takes.
 */

import { FakeContext, signatureMismatch } from './context';
import { FakeLock, FakeLockService } from './types';

/** The three kinds of lock. */
export type LockScope = 'document' | 'script' | 'user';

/** One recorded lock operation. */
export interface FakeLockEvent {
  scope: LockScope;
  action: 'tryLock' | 'waitLock' | 'releaseLock';
  timeoutMs?: number;
  /** For tryLock and waitLock: whether the lock was obtained. */
  acquired?: boolean;
}

/** The test-side controls of the fake locks. */
export interface LockControls {
  /** Makes another (imaginary) process hold the lock of `scope`, or of every scope when omitted. */
  setBusy(busy: boolean, scope?: LockScope): void;
  /** Whether the lock of `scope` is held by another process. */
  isBusy(scope: LockScope): boolean;
  /** The scopes whose lock this execution holds now. */
  held(): LockScope[];
  /** Every lock operation so far. */
  readonly events: FakeLockEvent[];
  /** Releases every lock, as Apps Script does when an execution ends; returns the scopes that were still held. */
  releaseAll(): LockScope[];
}

const SCOPES: LockScope[] = ['document', 'script', 'user'];
const METHOD: Record<LockScope, string> = { document: 'getDocumentLock', script: 'getScriptLock', user: 'getUserLock' };

/** Makes the LockService global and its test controls. */
export function makeLockService(ctx: FakeContext): { service: FakeLockService; controls: LockControls } {
  const busy = new Set<LockScope>();
  const holders = new Map<LockScope, Set<object>>(SCOPES.map((s) => [s, new Set<object>()]));
  const events: FakeLockEvent[] = [];

  const makeLock = (scope: LockScope): FakeLock => {
    const holding = holders.get(scope) as Set<object>;
    const acquire = (method: 'tryLock' | 'waitLock', timeout: unknown): boolean => {
      if (typeof timeout !== 'number') return signatureMismatch(ctx, `LockService.Lock.${method}`, [timeout]);
      const acquired = !busy.has(scope);
      if (acquired) holding.add(lock);
      events.push({ scope, action: method, timeoutMs: timeout, acquired });
      return acquired;
    };
    const lock: FakeLock = {
      tryLock: (timeoutInMillis) => acquire('tryLock', timeoutInMillis),
      waitLock: (timeoutInMillis) => {
        if (!acquire('waitLock', timeoutInMillis))
          ctx.fail('Lock timeout: another process was holding the lock for too long.');
      },
      releaseLock: () => {
        holding.delete(lock);
        events.push({ scope, action: 'releaseLock' });
      },
      hasLock: () => holding.has(lock),
    };
    return lock;
  };

  const get = (scope: LockScope) => (): FakeLock => {
    // Locks work in custom functions ("works, but not particularly useful"), not in AuthMode.NONE.
    ctx.guard('LockService', METHOD[scope], { none: false, customFunction: true });
    return makeLock(scope);
  };

  const held = (): LockScope[] => SCOPES.filter((s) => (holders.get(s)?.size ?? 0) > 0);
  return {
    service: { getDocumentLock: get('document'), getScriptLock: get('script'), getUserLock: get('user') },
    controls: {
      setBusy: (value, scope) => {
        for (const s of scope === undefined ? SCOPES : [scope]) {
          if (value) busy.add(s);
          else busy.delete(s);
        }
      },
      isBusy: (scope) => busy.has(scope),
      held,
      events,
      releaseAll: () => {
        const was = held();
        for (const set of holders.values()) set.clear();
        return was;
      },
    },
  };
}
