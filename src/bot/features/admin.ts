import { Composer } from "grammy";
import { CorpusFolderError, IndexFolderError, RebuildInProgressError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { FeedStatus } from "../../import/feed-poller.js";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { BOT_TEXT, IMPORT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";
import { knownInstances } from "../../state/instance-registry.js";
import { MemoryStateStore } from "../../state/memory-state-store.js";
import { acquireRebuildLock, rebuildHolder } from "../../state/rebuild-lock.js";
import { rebuildAndAnnounce } from "../../state/shared-rebuild.js";
import { stateErrorFields, type StateStore } from "../../state/state-store.js";

export interface AdminOptions {
  readonly questions: QuestionService;
  readonly adminUserIds: readonly number[];
  readonly startedAt: Date;
  readonly logger: Logger;
  /** Whether readers' votes on answers are kept (FEEDBACK_FILE), for /status. */
  readonly votesKept?: boolean;
  /** Receives the background rebuild so that shutdown can wait for it or let it go. */
  readonly onBackgroundTask?: (task: Promise<unknown>) => void;
  /** Holds the rebuild lock and the instances alive; Redis makes them span instances. Default: memory. */
  readonly store?: StateStore;
  /** This instance's name (INSTANCE_NAME), for the lock and /status. */
  readonly instanceName?: string;
  /** The feeds read by `npm start` (FEEDS), for /status. */
  readonly feeds?: () => readonly FeedStatus[];
}

/**
 * /reindex and /status, for the numeric user ids in ADMIN_USER_IDS only. Anyone else gets the same short
 * refusal whatever the command, which says nothing about the index or who may use it.
 */
export function adminFeature(options: AdminOptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const store = options.store ?? new MemoryStateStore();
  const instance = options.instanceName ?? "isnad";
  const admins = composer.filter((ctx) => ctx.from !== undefined && options.adminUserIds.includes(ctx.from.id));
  composer.command(["reindex", "status"]).filter(
    (ctx) => ctx.from === undefined || !options.adminUserIds.includes(ctx.from.id),
    async (ctx) => {
      ctx.log.warn({ userId: ctx.from?.id }, "admin command refused");
      await replyTo(ctx, BOT_TEXT.notAllowed);
    },
  );

  admins.command("reindex", async (ctx) => {
    if (options.questions.isRebuilding) {
      await replyTo(ctx, BOT_TEXT.reindexBusy);
      return;
    }
    // One rebuild across all the instances: the lock in the store says which one builds.
    let lock;
    try {
      lock = await acquireRebuildLock(store, instance);
    } catch (error) {
      ctx.log.warn({ err: stateErrorFields(error) }, "index rebuild refused: the rebuild lock cannot be taken (state store unavailable)");
      await replyTo(ctx, BOT_TEXT.reindexNoLock);
      return;
    }
    if (!lock) {
      await replyTo(ctx, BOT_TEXT.reindexBusyElsewhere);
      return;
    }
    const chatId = ctx.chat.id;
    const replyTarget = ctx.msg.message_id;
    // The other instances open the new build from the shared index folder when told it is there.
    const rebuild = rebuildAndAnnounce(options.questions, lock, { store, instanceName: instance, logger: options.logger });
    ctx.log.info("index rebuild started");
    // The rebuild goes on after this handler returns, so the chat's next updates are not held behind it.
    const report = rebuild.then(
      (summary) => {
        const { corpus, buildSeconds } = summary.manifest;
        options.logger.info({ articles: corpus.articles, chunks: corpus.chunks, seconds: buildSeconds, problems: corpus.problems, vectors: summary.vectors }, "index rebuilt");
        return BOT_TEXT.reindexDone(corpus.articles, corpus.chunks, buildSeconds, corpus.problems.length, summary.vectors);
      },
      (error: unknown) => {
        if (error instanceof RebuildInProgressError) return BOT_TEXT.reindexBusy;
        const reason = failureReason(error);
        options.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "index rebuild failed");
        return BOT_TEXT.reindexFailed(reason);
      },
    );
    const announced = replyTo(ctx, BOT_TEXT.reindexStarted);
    // The report follows the announcement, and is wired before anything is awaited: a failed announcement
    // (a 403) cannot leave the rebuild unobserved.
    const delivered = Promise.allSettled([announced])
      .then(() => report)
      .then((text) => ctx.api.sendMessage(chatId, text, { reply_parameters: { message_id: replyTarget, allow_sending_without_reply: true } }))
      .catch((error: Error) => options.logger.warn({ err: { name: error.name, message: error.message } }, "rebuild report not delivered"));
    options.onBackgroundTask?.(delivered);
    await announced;
  });

  admins.command("status", async (ctx) => {
    const manifest = options.questions.manifest;
    // The mode questions are answered in now: an index with vectors is searched lexically when its model did
    // not load at start.
    const retrieval =
      options.questions.mode === "lexical"
        ? `معجمي فقط (${manifest.model ? `للفهرس تمثيلات من ${manifest.model.id}، لكن النموذج لم يُحمَّل عند التشغيل` : (manifest.lexicalOnlyReason ?? "بلا نموذج")})`
        : `هجين: معجمي + دلالي (${manifest.model?.id}، ${manifest.model?.dimensions} بعدا)`;
    await replyTo(
      ctx,
      BOT_TEXT.status({
        retrieval,
        articles: manifest.corpus.articles,
        chunks: manifest.corpus.chunks,
        builtAt: `${manifest.builtAt.slice(0, 16).replace("T", " ")} UTC`,
        uptime: formatDuration(Date.now() - options.startedAt.getTime()),
        rebuilding: options.questions.isRebuilding,
        // BotFather's /setinline, as getMe reported it at start-up: inline queries reach the bot only when on.
        inline: ctx.me.supports_inline_queries,
        votes: options.votesKept ?? false,
        instances: await instancesLine(store, instance),
      }) + feedLines(options.feeds?.() ?? []),
    );
  });
  return composer;
}

/** The instances known to the store, this one marked, and which one is rebuilding; or why they are not known. */
async function instancesLine(store: StateStore, self: string): Promise<string> {
  try {
    const [instances, building] = await Promise.all([knownInstances(store), rebuildHolder(store)]);
    const names = instances.map((instance) => instance.name);
    if (!names.includes(self)) names.push(self);
    return `${names.length}: ${names.map((name) => (name === self ? `${name} (هذه)` : name)).join("، ")}${building ? `؛ ${building} يعيد بناء الفهرس` : ""}`;
  } catch {
    return `غير معروفة، فـRedis غير متاح (هذه: ${self})`;
  }
}

/** The feeds part of /status: each feed, when it was last read and what it brought. Empty without feeds. */
function feedLines(feeds: readonly FeedStatus[]): string {
  if (feeds.length === 0) return "";
  const lines = feeds.map((feed) =>
    IMPORT_TEXT.feedLine({
      address: feed.address,
      ...(feed.lastReadAt ? { lastReadAt: feed.lastReadAt } : {}),
      added: feed.lastAdded.map((article) => article.title),
      ...(feed.lastFailure ? { error: IMPORT_TEXT.reasons[feed.lastFailure] } : {}),
    }),
  );
  return `\n${IMPORT_TEXT.feedsHeader}\n${lines.join("\n")}`;
}

/** "2 ي 3 س 4 د" style uptime: days, hours, minutes. */
function formatDuration(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return `${days > 0 ? `${days} يوم، ` : ""}${hours} ساعة، ${minutes % 60} دقيقة`;
}

/** The admin's reason for a failed rebuild: what went wrong, without the server's paths (they are logged). */
function failureReason(error: unknown): string {
  const reasons = BOT_TEXT.reindexFailure;
  if (error instanceof CorpusFolderError) {
    return { missing: reasons.corpusMissing, "not-a-folder": reasons.corpusNotFolder, "no-articles": reasons.noArticles }[error.problem];
  }
  if (error instanceof IndexFolderError) return reasons.indexFolder;
  return reasons.other;
}
