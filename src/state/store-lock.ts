import type { StateStore } from "./state-store.js";

/** A lock kept in the state store: its key, how long it outlives a holder that stopped renewing it, and how often a holder renews it. */
export interface StoreLock {
  readonly key: string;
  /** In ms: a holder that dies keeps the lock this long at most. */
  readonly ttlMs: number;
  /** In ms: how often a live holder pushes the expiry back, well within `ttlMs`. */
  readonly renewEveryMs: number;
}

/** A held lock. */
export interface HeldLock {
  /** Gives the lock up. Never rejects: a lock the store could not be told about expires by itself. */
  release(): Promise<void>;
}

/**
 * Takes `lock` for `owner` and renews it while held. Undefined when another owner holds it; rejects with
 * StateUnavailableError when the store cannot be reached.
 */
export async function acquireLock(store: StateStore, lock: StoreLock, owner: string): Promise<HeldLock | undefined> {
  if (!(await store.setIfAbsent(lock.key, owner, lock.ttlMs))) return undefined;
  const timer = setInterval(() => void store.renewIfHolds(lock.key, owner, lock.ttlMs).catch(() => undefined), lock.renewEveryMs);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await store.deleteIfHolds(lock.key, owner).catch(() => undefined);
    },
  };
}
