import { ImportError, type ImportFailure } from "../errors.js";
import type { Logger } from "../logger.js";
import type { BackgroundRebuild } from "./background-rebuild.js";
import type { CorpusImporter } from "./corpus-importer.js";

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
  readonly rebuild: BackgroundRebuild;
  readonly logger: Logger;
}

/**
 * Reads FEEDS every interval while the bot runs: the new items of each feed go to the corpus, and when any was
 * written the index is rebuilt in the background. One round at a time; a feed that fails is logged and read
 * again next round. Statuses survive restarts through the importer's state file.
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
    for (const [address, state] of importer.state.feeds()) {
      if (!this.statuses.has(address)) continue;
      this.statuses.set(address, { address, lastAdded: state.lastAdded, ...(state.lastReadAt ? { lastReadAt: state.lastReadAt } : {}), ...(state.lastError ? { lastError: state.lastError } : {}), ...(state.lastFailure ? { lastFailure: state.lastFailure as ImportFailure } : {}) });
    }
    if (written > 0) void this.options.rebuild.request(`${written} article(s) from feeds`);
    return written;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.readAll()
        .then(() => undefined)
        .catch((error: Error) => this.options.logger.error({ err: { name: error.name, message: error.message } }, "feed round failed"))
        .finally(() => {
          this.round = undefined;
          this.schedule(this.options.intervalMs);
        });
    }, delayMs);
  }
}
