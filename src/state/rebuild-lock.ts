import type { StateStore } from "./state-store.js";

/** The key of the lock, and how long it outlives an instance that died while holding it. */
export const REBUILD_LOCK = { key: "lock:rebuild", ttlMs: 120_000, renewEveryMs: 30_000 } as const;

/** A held lock: released when the rebuild ends. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * The lock that keeps /reindex to one rebuild at a time across all instances. It expires two minutes after
 * its holder last renewed it (every 30 s while building), so an instance that dies mid-build blocks the
 * next /reindex for two minutes at most. Undefined when another instance holds it; rejects with
 * StateUnavailableError when the store cannot be reached.
 */
export async function acquireRebuildLock(store: StateStore, owner: string): Promise<HeldLock | undefined> {
  if (!(await store.setIfAbsent(REBUILD_LOCK.key, owner, REBUILD_LOCK.ttlMs))) return undefined;
  const timer = setInterval(() => void store.renewIfHolds(REBUILD_LOCK.key, owner, REBUILD_LOCK.ttlMs).catch(() => undefined), REBUILD_LOCK.renewEveryMs);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      // Not released (Redis away): the lock expires by itself.
      await store.deleteIfHolds(REBUILD_LOCK.key, owner).catch(() => undefined);
    },
  };
}

/** The instance building now, if any. */
export function rebuildHolder(store: StateStore): Promise<string | undefined> {
  return store.get(REBUILD_LOCK.key);
}
