import type { BuildSummary } from "../index/build-index.js";
import type { Logger } from "../logger.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { announceIndex } from "./index-sync.js";
import { stateErrorFields, type InstanceSharing } from "./state-store.js";
import type { HeldLock } from "./store-lock.js";

/** What a rebuild needs to tell the other instances about the index it published (its own announcement is not acted on). */
export interface IndexAnnouncer extends InstanceSharing {
  readonly logger: Logger;
}

/**
 * The one way this instance rebuilds the index the instances share (an admin's /reindex, the rebuild after an
 * import): it builds while holding the rebuild lock, announces the new build so that the other instances swap
 * it in at once, and releases the lock — after a failed build too. `lock` undefined: the store could not be
 * reached and the caller chose to build without it.
 *
 * The announcement is made before the lock is released, so an instance waiting for the lock builds after the
 * others were told of this build. One that fails is logged and not retried: the others find the build at
 * their minute's look at the folder (followSharedIndex).
 */
export async function rebuildAndAnnounce(questions: Pick<QuestionService, "rebuild">, lock: HeldLock | undefined, announcer: IndexAnnouncer): Promise<BuildSummary> {
  try {
    const summary = await questions.rebuild();
    await announceIndex(announcer.store, announcer.instanceName, summary.manifest.builtAt).catch((error: unknown) =>
      announcer.logger.warn({ err: stateErrorFields(error) }, "new index not announced (state store unavailable): the other instances find it within a minute"),
    );
    return summary;
  } finally {
    await lock?.release();
  }
}
