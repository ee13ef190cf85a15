import { RebuildInProgressError } from "../errors.js";
import type { BuildSummary } from "../index/build-index.js";
import type { Logger } from "../logger.js";
import type { QuestionService } from "../pipeline/index-holder.js";

/** How often a queued rebuild looks again when another one (an admin's /reindex) is running, in ms. */
const BUSY_RETRY_MS = 2000;

/**
 * Rebuilds the index after an import, the way /reindex does (IndexHolder.rebuild: vectors of unchanged chunks
 * are reused, questions are answered from the old index until the new one is swapped in). Requests made while a
 * rebuild runs are folded into one more rebuild after it, so articles written meanwhile are never left out and
 * a burst of imports costs two rebuilds at most.
 */
export class BackgroundRebuild {
  private running: Promise<boolean> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly questions: Pick<QuestionService, "rebuild" | "isRebuilding">,
    private readonly logger: Logger,
  ) {}

  /**
   * Asks for a rebuild; `reason` goes to the log line. Resolves when the rebuild that includes this request
   * ends: true when the new index is in use, false when it failed (logged; the previous index stays) or stopped.
   */
  request(reason: string): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    if (this.running) {
      // The running loop goes round once more, after the rebuild in progress.
      this.again = true;
      return this.running;
    }
    const run = this.loop(reason).finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** No new rebuild starts after this (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  private async loop(reason: string): Promise<boolean> {
    let succeeded = false;
    do {
      this.again = false;
      const summary = await this.rebuildOnce(reason);
      succeeded = summary !== undefined;
      if (summary) {
        const { corpus, buildSeconds } = summary.manifest;
        this.logger.info({ reason, articles: corpus.articles, chunks: corpus.chunks, seconds: buildSeconds, vectors: summary.vectors }, "index rebuilt after import");
      }
    } while (this.again && !this.stopped);
    return succeeded;
  }

  private async rebuildOnce(reason: string): Promise<BuildSummary | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      try {
        return await this.questions.rebuild();
      } catch (error) {
        if (error instanceof RebuildInProgressError) {
          // An admin's /reindex is running: it may have started before the new files were written.
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
          continue;
        }
        this.logger.error({ reason, err: { name: (error as Error).name, message: (error as Error).message } }, "index rebuild after import failed; the previous index stays in use");
        return undefined;
      }
    }
  }
}
