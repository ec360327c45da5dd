/** Thrown when another editor holds the document lock. */
export const LOCK_BUSY_MESSAGE =
  'Another editor is running TikFit on this spreadsheet right now. Nothing was changed; please try again in a moment.';

/**
 * Runs `work` while holding the document lock, so that two editors' in-place steps never interleave. If the lock
 * is busy for `waitMs`, nothing runs and the user is told why. Cost: two LockService calls.
 * @throws Error with LOCK_BUSY_MESSAGE when the lock cannot be had.
 */
export function withDocumentLock<T>(work: () => T, waitMs = 5000): T {
  const lock = LockService.getDocumentLock();
  if (lock === null || !lock.tryLock(waitMs)) throw new Error(LOCK_BUSY_MESSAGE);
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
