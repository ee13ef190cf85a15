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
  /**
   * Gives the lock up: deleted now, or — with `keepMs` — left in this owner's name for that many ms more, so
   * that no other owner takes it before then. Never rejects: a lock the store could not be told about expires
   * by itself.
   */
  release(keepMs?: number): Promise<void>;
}

/**
 * Takes `lock` for `owner` and renews it while held. Undefined when another owner holds it; rejects with
 * StateUnavailableError when the store cannot be reached. With `reenter`, an owner that still holds the lock
 * from an earlier take (kept by `release(keepMs)`) takes it again.
 */
export async function acquireLock(store: StateStore, lock: StoreLock, owner: string, options: { readonly reenter?: boolean } = {}): Promise<HeldLock | undefined> {
  const taken = (await store.setIfAbsent(lock.key, owner, lock.ttlMs)) || (options.reenter === true && (await store.renewIfHolds(lock.key, owner, lock.ttlMs)));
  if (!taken) return undefined;
  const timer = setInterval(() => void store.renewIfHolds(lock.key, owner, lock.ttlMs).catch(() => undefined), lock.renewEveryMs);
  timer.unref();
  return {
    async release(keepMs) {
      clearInterval(timer);
      const released = keepMs === undefined ? store.deleteIfHolds(lock.key, owner) : store.renewIfHolds(lock.key, owner, keepMs);
      await released.catch(() => undefined);
    },
  };
}
