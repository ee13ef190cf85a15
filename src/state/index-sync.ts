import type { Logger } from "../logger.js";
import type { StateStore } from "./state-store.js";

/** The channel a rebuilt index is announced on. */
export const INDEX_CHANNEL = "index-published";

/** How often an instance looks at the shared index folder anyway: the safety net for a missed announcement. */
export const INDEX_CHECK_MS = 60_000;

/** What index-sync asks of the index in use (IndexHolder). */
export interface ReloadableIndex {
  reloadIfChanged(): Promise<boolean>;
}

/** Tells the other instances that `instance` published a new index in the shared folder. */
export function announceIndex(store: StateStore, instance: string, builtAt: string): Promise<void> {
  return store.publish(INDEX_CHANNEL, JSON.stringify({ instance, builtAt }));
}

/**
 * Keeps this instance on the index the instances share (INDEX_DIR on shared storage): it swaps to the
 * published build when another instance announces one, when Redis comes back (an announcement may have been
 * missed meanwhile), and every minute (a build published by `npm run index`, or Redis away for good). The
 * swap is IndexHolder's: questions in flight finish on the old index.
 */
export function followSharedIndex(
  store: StateStore,
  index: ReloadableIndex,
  instance: string,
  logger: Logger,
  checkEveryMs: number = INDEX_CHECK_MS,
): {
  stop(): void;
  /** Settles once announcements are followed (the subscription is made) or could not be: an announcement published earlier is not heard. */
  readonly listening: Promise<void>;
} {
  let checking: Promise<void> | undefined;
  const check = (why: string) => {
    // One check at a time: announcements arriving together open the new index once.
    checking ??= index
      .reloadIfChanged()
      .then(
        (swapped) => void (swapped && logger.info({ why }, "index swapped to the one published in the shared folder")),
        (error: Error) => logger.error({ why, err: { name: error.name, message: error.message } }, "published index not opened: still answering from the one in use"),
      )
      .finally(() => (checking = undefined));
  };
  const listening = store
    .subscribe(INDEX_CHANNEL, (message) => {
      const from = (JSON.parse(message) as { instance?: string }).instance;
      if (from !== instance) check("announced");
    })
    .catch((error: Error) => logger.warn({ err: { message: error.message } }, "index announcements not followed: the minute's check remains"));
  store.onReconnect(() => check("reconnected"));
  const timer = setInterval(() => check("periodic"), checkEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer), listening };
}
