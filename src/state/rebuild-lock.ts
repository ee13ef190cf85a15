import { acquireLock, type HeldLock } from "./store-lock.js";
import type { StateStore } from "./state-store.js";

/** The key of the lock, and how long it outlives an instance that died while holding it. */
export const REBUILD_LOCK = { key: "lock:rebuild", ttlMs: 120_000, renewEveryMs: 30_000 } as const;

/**
 * The lock that keeps the index to one rebuild at a time across all instances — an admin's /reindex and the
 * rebuilds after an import alike. It expires two minutes after its holder last renewed it (every 30 s while
 * building), so an instance that dies mid-build blocks the next rebuild for two minutes at most. Undefined
 * when another instance holds it; rejects with StateUnavailableError when the store cannot be reached.
 */
export function acquireRebuildLock(store: StateStore, owner: string): Promise<HeldLock | undefined> {
  return acquireLock(store, REBUILD_LOCK, owner);
}

/** The instance building now, if any. */
export function rebuildHolder(store: StateStore): Promise<string | undefined> {
  return store.get(REBUILD_LOCK.key);
}
