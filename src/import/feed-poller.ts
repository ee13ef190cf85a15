import { ImportError, type ImportFailure } from "../errors.js";
import type { Logger } from "../logger.js";
import { FEED_TURN_LOOK_AGAIN_MS, takeFeedTurn } from "../state/feed-turn.js";
import { stateErrorFields, StateUnavailableError, type InstanceSharing } from "../state/state-store.js";
import type { HeldLock } from "../state/store-lock.js";
import type { BackgroundRebuild } from "./background-rebuild.js";
import type { CorpusImporter } from "./corpus-importer.js";
import type { ImportState } from "./import-state.js";

/** What /status shows of a feed. */
export interface FeedStatus {
  readonly address: string;
  /** ISO time of the last reading, successful or not; undefined before the first. */
  readonly lastReadAt?: string;
  /** Articles the last successful reading wrote (new or updated). */
  readonly lastAdded: ReadonlyArray<{ readonly title: string; readonly file: string }>;
  /** Why the last reading failed, when it did: the message, and ImportError.failure. */
  readonly lastError?: string;
  readonly lastFailure?: ImportFailure;
}

export interface FeedPollerOptions {
  readonly feeds: readonly string[];
  /** Between the end of one round and the start of the next, in ms. */
  readonly intervalMs: number;
  /** A fresh importer per round: it reads the corpus as it is now (files added by hand included). */
  readonly openImporter: () => Promise<CorpusImporter>;
  readonly rebuild: Pick<BackgroundRebuild, "request">;
  readonly logger: Logger;
  /**
   * The instances reading the same FEEDS into one corpus: one of them reads per interval (takeFeedTurn). Without
   * it, this process reads every interval on its own (one instance).
   */
  readonly shared?: FeedSharing;
}

/** What polling needs to share the feeds with the other instances. */
export interface FeedSharing extends InstanceSharing {
  /** The import state as the corpus holds it: what /status shows of the feeds when another instance read them. */
  readonly openState: () => Promise<Pick<ImportState, "feeds">>;
}

/**
 * Reads FEEDS every interval while the bot runs: the new items of each feed go to the corpus, and when any was
 * written the index is rebuilt in the background. One round at a time — across the instances too, when they
 * share the turn (`shared`); a feed that fails is logged and read again next round. Statuses survive restarts,
 * and reach the instances that did not read, through the importer's state file.
 */
export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private statuses = new Map<string, FeedStatus>();

  constructor(private readonly options: FeedPollerOptions) {
    for (const address of options.feeds) this.statuses.set(address, { address, lastAdded: [] });
  }

  /** Starts polling: a first round now, then one every interval. */
  start(): void {
    if (this.options.feeds.length === 0) return;
    this.options.logger.info({ feeds: this.options.feeds.length, intervalMinutes: this.options.intervalMs / 60_000 }, "reading feeds");
    this.schedule(0);
  }

  /** Stops after the round in progress (awaited), if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  status(): readonly FeedStatus[] {
    return [...this.statuses.values()];
  }

  /** One round over every feed; returns the number of article files written. Public for tests and a first run. */
  async readAll(): Promise<number> {
    const importer = await this.options.openImporter();
    let written = 0;
    for (const address of this.options.feeds) {
      if (this.stopped) break;
      try {
        const result = await importer.importFeed(address);
        const added = result.pages.filter((page) => page.kind === "added" || page.kind === "updated");
        written += added.length;
        const failed = result.pages.filter((page) => page.kind === "failed");
        const duplicates = result.pages.filter((page) => page.kind === "duplicate");
        if (added.length > 0 || failed.length > 0 || duplicates.length > 0) {
          this.options.logger.info(
            {
              feed: address,
              added: added.map((page) => (page.kind === "added" || page.kind === "updated" ? { file: page.file, title: page.article.title, kind: page.kind } : undefined)),
              duplicates: duplicates.map((page) => (page.kind === "duplicate" ? { address: page.address, of: page.duplicateOf } : undefined)),
              failed: failed.map((page) => (page.kind === "failed" ? page.error.message : undefined)),
              known: result.known,
            },
            added.length > 0 ? "feed read: articles added" : "feed read: nothing new written",
          );
        } else {
          this.options.logger.debug({ feed: address, known: result.known }, "feed read: nothing new");
        }
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        this.options.logger.warn({ feed: address, reason: error.message }, "feed not read");
      }
    }
    this.showStatuses(importer.state);
    if (written > 0) void this.options.rebuild.request(`${written} article(s) from feeds`);
    return written;
  }

  private showStatuses(state: Pick<ImportState, "feeds">): void {
    for (const [address, feed] of state.feeds()) {
      if (!this.statuses.has(address)) continue;
      this.statuses.set(address, { address, lastAdded: feed.lastAdded, ...(feed.lastReadAt ? { lastReadAt: feed.lastReadAt } : {}), ...(feed.lastError ? { lastError: feed.lastError } : {}), ...(feed.lastFailure ? { lastFailure: feed.lastFailure as ImportFailure } : {}) });
    }
  }

  /** A round, when it is this instance's turn to read the feeds; resolves to the delay before the next, in ms. */
  private async roundInTurn(): Promise<number> {
    const shared = this.options.shared;
    let turn: HeldLock | undefined;
    if (shared) {
      try {
        turn = await takeFeedTurn(shared.store, shared.instanceName);
        if (!turn) {
          // Another instance reads the feeds now or did within the interval: show what it found, and look again
          // soon, so that the feeds are not left unread for long when it stops.
          this.showStatuses(await shared.openState());
          this.options.logger.debug("feeds not read: another instance's turn");
          return Math.min(this.options.intervalMs, FEED_TURN_LOOK_AGAIN_MS);
        }
      } catch (error) {
        if (!(error instanceof StateUnavailableError)) throw error;
        // Feeds list only their latest items: a reading skipped for as long as Redis is away can lose stories
        // for good, while reading without the turn risks a story written twice if another instance reads the
        // same feed at the same moment (a duplicate an editor can delete).
        this.options.logger.warn({ err: stateErrorFields(error) }, "reading the feeds without the turn (state store unavailable)");
      }
    }
    try {
      await this.readAll();
    } finally {
      // The turn stays in this instance's name until its next round is due.
      await turn?.release(this.options.intervalMs);
    }
    return this.options.intervalMs;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.roundInTurn()
        .catch((error: Error) => {
          this.options.logger.error({ err: { name: error.name, message: error.message } }, "feed round failed");
          return this.options.intervalMs;
        })
        .then((next) => {
          this.round = undefined;
          this.schedule(next);
        });
    }, delayMs);
  }
}
