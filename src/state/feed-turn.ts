import { acquireLock, type HeldLock } from "./store-lock.js";
import type { StateStore } from "./state-store.js";

/**
 * The turn to read FEEDS. Held while a round reads the feeds (renewed every 30 s, so an instance that dies
 * mid-round holds it two minutes at most), then kept in the reader's name until its next round is due.
 */
export const FEED_TURN = { key: "lock:feeds", ttlMs: 120_000, renewEveryMs: 30_000 } as const;

/**
 * How often an instance whose turn it is not looks again, in ms (or every poll interval, when shorter): when
 * the reader stops, another instance reads the feeds at most this late.
 */
export const FEED_TURN_LOOK_AGAIN_MS = 60_000;

/**
 * Takes the turn to read the feeds now, for `owner`. Undefined when another instance reads them now or read
 * them less than a poll interval ago (end the turn with `release(intervalMs)`); the instance that read them
 * last takes the turn again when its next round is due. Rejects with StateUnavailableError when the store
 * cannot be reached.
 *
 * Why a turn: instances sharing a corpus that read the same feed at the same moment each find its new items
 * absent, and each writes them (measured: three instances at once wrote two stories twice, as `…-2.md`); and
 * every site would be read once per instance instead of once per interval.
 */
export function takeFeedTurn(store: StateStore, owner: string): Promise<HeldLock | undefined> {
  return acquireLock(store, FEED_TURN, owner, { reenter: true });
}
