import { RebuildInProgressError } from "../errors.js";
import type { BuildSummary } from "../index/build-index.js";
import type { Logger } from "../logger.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { MemoryStateStore } from "../state/memory-state-store.js";
import { acquireRebuildLock } from "../state/rebuild-lock.js";
import { rebuildAndAnnounce } from "../state/shared-rebuild.js";
import { stateErrorFields, StateUnavailableError, type InstanceSharing, type StateStore } from "../state/state-store.js";
import type { HeldLock } from "../state/store-lock.js";

/**
 * The store holds the rebuild lock /reindex takes and carries the announcement of a new build (default: this
 * process's memory, one instance with only its own rebuilds to wait for); the name owns the lock and signs the
 * announcement (default "isnad", as /reindex).
 */
export interface BackgroundRebuildOptions extends Partial<InstanceSharing> {
  /** How long a queued rebuild waits before looking again while another one runs, here or elsewhere, in ms. Default 2000. */
  readonly busyRetryMs?: number;
}

/** How often a queued rebuild looks again when another one (a /reindex, another instance's build) is running, in ms. */
const BUSY_RETRY_MS = 2000;

/**
 * Rebuilds the index after an import, the way /reindex does (IndexHolder.rebuild: vectors of unchanged chunks
 * are reused, questions are answered from the old index until the new one is swapped in), and under the same
 * rebuild lock: a build another instance started earlier cannot be published after this one and leave the new
 * articles out. The new build is announced, so the other instances swap it in at once. Requests made while a
 * rebuild runs or waits for the lock are folded into one more rebuild after it, so articles written meanwhile
 * are never left out and a burst of imports costs two rebuilds at most.
 */
export class BackgroundRebuild {
  private running: Promise<boolean> | undefined;
  private again = false;
  private stopped = false;
  private readonly store: StateStore;
  private readonly instance: string;
  private readonly busyRetryMs: number;

  constructor(
    private readonly questions: Pick<QuestionService, "rebuild" | "isRebuilding">,
    private readonly logger: Logger,
    options: BackgroundRebuildOptions = {},
  ) {
    this.store = options.store ?? new MemoryStateStore();
    this.instance = options.instanceName ?? "isnad";
    this.busyRetryMs = options.busyRetryMs ?? BUSY_RETRY_MS;
  }

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

  /** No new rebuild starts after this (shutdown); one waiting for the lock gives up. */
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
        const lock = await this.takeLock(reason);
        if (lock === "busy") {
          // Another instance builds: it may have read the corpus before the new files were written.
          await this.pause();
          continue;
        }
        return await rebuildAndAnnounce(this.questions, lock, { store: this.store, instanceName: this.instance, logger: this.logger });
      } catch (error) {
        if (error instanceof RebuildInProgressError) {
          // An admin's /reindex is running here: it may have started before the new files were written.
          await this.pause();
          continue;
        }
        this.logger.error({ reason, err: { name: (error as Error).name, message: (error as Error).message } }, "index rebuild after import failed; the previous index stays in use");
        return undefined;
      }
    }
  }

  /** The rebuild lock; "busy" while another rebuild holds it; undefined when the store cannot be reached. */
  private async takeLock(reason: string): Promise<HeldLock | "busy" | undefined> {
    try {
      return (await acquireRebuildLock(this.store, this.instance)) ?? "busy";
    } catch (error) {
      if (!(error instanceof StateUnavailableError)) throw error;
      // Unlike an admin's /reindex (refused: the admin can send it again), nobody would ask for this rebuild
      // again, and the imported articles would wait for the next one. Building without the lock is safe for
      // the index (a staging folder, then an atomic switch of CURRENT); what it risks is an earlier build of
      // another instance being published after this one, which leaves these articles out until the next rebuild.
      this.logger.warn({ reason, err: stateErrorFields(error) }, "rebuilding the index after import without the rebuild lock (state store unavailable)");
      return undefined;
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.busyRetryMs));
  }
}
