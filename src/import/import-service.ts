import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import type { InstanceSharing } from "../state/state-store.js";
import { BackgroundRebuild } from "./background-rebuild.js";
import { CorpusImporter } from "./corpus-importer.js";
import { FeedPoller, type FeedStatus } from "./feed-poller.js";
import { ImportState } from "./import-state.js";
import { PoliteFetcher } from "./polite-fetcher.js";

/** What the running bot uses of importing: /add, the feeds in /status, and the feed polling of `npm start`. */
export interface ImportService {
  openImporter(): Promise<CorpusImporter>;
  readonly rebuild: BackgroundRebuild;
  feedStatus(): readonly FeedStatus[];
  /** One reading of every feed now (what each polling round does); resolves to the article files written. */
  readFeeds(): Promise<number>;
  /** Starts polling FEEDS (nothing when none are set). */
  start(): void;
  /** Stops polling and queued rebuilds; waits for a feed round in progress. */
  stop(): Promise<void>;
}

/**
 * Wires importing for `npm start` from the configuration: one polite fetcher for the process (so pacing and
 * robots.txt are shared by /add and the feeds), a background rebuild on the running index, and the feed poller.
 * With `shared`, the rebuild takes the rebuild lock /reindex takes and announces its build, and the feeds are
 * read by one instance per interval; without it, this process keeps both to itself.
 */
export function createImportService(config: Config, questions: QuestionService, logger: Logger, shared?: InstanceSharing): ImportService {
  const fetcher = new PoliteFetcher({ allowPrivateAddresses: config.import.allowPrivateAddresses, hostDelayMs: config.import.hostDelayMs });
  const openImporter = () => CorpusImporter.open({ corpusDir: config.corpusDir, fetcher });
  const rebuild = new BackgroundRebuild(questions, logger, shared ?? {});
  const poller = new FeedPoller({
    feeds: config.import.feeds,
    intervalMs: config.import.feedPollMinutes * 60_000,
    openImporter,
    rebuild,
    logger,
    ...(shared ? { shared: { ...shared, openState: () => ImportState.open(config.corpusDir) } } : {}),
  });
  return {
    openImporter,
    rebuild,
    feedStatus: () => poller.status(),
    readFeeds: () => poller.readAll(),
    start: () => poller.start(),
    stop: async () => {
      rebuild.stop();
      await poller.stop();
    },
  };
}
