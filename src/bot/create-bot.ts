import { sequentialize } from "@grammyjs/runner";
import { Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { apiTransformers, DeliveryUnknownError, type RetryBounds } from "./api-transformers.js";
import { BOT_TEXT } from "./bot-messages.js";
import type { BotContext } from "./bot-context.js";
import type { FeedbackLog } from "../feedback/feedback-log.js";
import type { ImportService } from "../import/import-service.js";
import { addArticleFeature } from "./features/add-article.js";
import { adminFeature } from "./features/admin.js";
import { FeedbackCollector, feedbackFeature } from "./features/feedback.js";
import { inlineFeature } from "./features/inline.js";
import { questionsFeature, type QuestionsOptions } from "./features/questions.js";
import { sourcesFeature } from "./features/sources.js";
import { unsupportedFeature } from "./features/unsupported.js";
import { welcomeFeature } from "./features/welcome.js";
import { limitAnswers } from "./answer-limit.js";
import { replyTo } from "./reply.js";
import { replyTransformer, type UpdateJournal } from "./update-journal.js";
import { MemoryStateStore } from "../state/memory-state-store.js";
import type { StateStore } from "../state/state-store.js";

export interface BotDependencies {
  readonly questions: QuestionService;
  readonly logger: Logger;
  readonly adminUserIds: readonly number[];
  readonly startedAt?: Date;
  /** Another Bot API server (TELEGRAM_API_ROOT). */
  readonly apiRoot?: string;
  /** Known bot identity: skips getMe (tests, and restarts that cached it). */
  readonly botInfo?: UserFromGetMe;
  /** Installed before (inside) the bot's own transformers: tests put a fake Bot API here. */
  readonly innerTransformers?: readonly Transformer[];
  readonly retry?: RetryBounds;
  readonly rateLimit?: QuestionsOptions["rateLimit"];
  /** Request timeout; above the 30 s long poll so a dead connection is noticed. Default 60 s. */
  readonly timeoutSeconds?: number;
  /** Where readers' votes on answers go (FEEDBACK_FILE); without it, answers carry no vote buttons. */
  readonly feedback?: FeedbackLog;
  /** Where the bot's state is kept (src/state): Redis shared by the instances, or memory (the default). */
  readonly store?: StateStore;
  /** This instance's name, for the rebuild lock and /status (INSTANCE_NAME). */
  readonly instanceName?: string;
  /** Importing from the web: /add, and the feeds in /status. Without it, /add is an unknown command. */
  readonly importing?: Pick<ImportService, "openImporter" | "rebuild" | "feedStatus">;
  /**
   * Questions answered at the same moment. Default 4: retrieval is CPU-bound, and answering many at once
   * only makes each wait longer; the updates taken beyond that wait in arrival order.
   */
  readonly answerConcurrency?: number;
  /**
   * Long polling's update journal (UPDATE_JOURNAL_FILE): told when each update's handling is over, so that a
   * restart after a crash answers only what was left unfinished. Webhook mode has none.
   */
  readonly journal?: Pick<UpdateJournal, "finished" | "replying">;
}

/** Updates being handled right now, and background work started by handlers: shutdown waits for them. */
export interface InFlight {
  /** Updates taken and not yet finished, those waiting for their chat's turn included. */
  readonly updates: Set<Promise<unknown>>;
  readonly background: Set<Promise<unknown>>;
  /**
   * The highest update id taken so far (0 before the first). At a stop, a getUpdates with this + 1 as its
   * offset tells Telegram every update up to it is done, so none is sent again after a restart.
   */
  lastUpdateId: number;
}

/**
 * The bot, wired in order: in-flight tracking (and the journal's "done"), per-chat ordering, a logger per
 * update, then the features inside an error boundary (commands, questions, the rest). Creating it does no I/O.
 */
export function createBot(token: string, deps: BotDependencies): { bot: Bot<BotContext>; inFlight: InFlight } {
  const bot = new Bot<BotContext>(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), timeoutSeconds: deps.timeoutSeconds ?? 60 },
  });
  for (const transformer of deps.innerTransformers ?? []) bot.api.config.use(transformer);
  // Next to the wire, inside the retries: the journal sees each attempt of a reply leave, and fail.
  if (deps.journal) bot.api.config.use(replyTransformer(deps.journal));
  for (const transformer of apiTransformers(deps.logger, deps.retry).reverse()) bot.api.config.use(transformer);

  const inFlight: InFlight = { updates: new Set(), background: new Set(), lastUpdateId: 0 };
  const track = (set: Set<Promise<unknown>>, task: Promise<unknown>) => {
    set.add(task);
    void task.finally(() => set.delete(task)).catch(() => undefined);
  };

  // Tracked before the per-chat queue, so that a stop also waits for the updates still waiting their turn.
  // An update is finished once its handling settles, the apology of a failure included; the journal's line
  // is part of it, so a graceful stop waits for that line too.
  const journal = deps.journal;
  bot.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    inFlight.lastUpdateId = Math.max(inFlight.lastUpdateId, updateId);
    const handling = journal ? next().finally(() => journal.finished(updateId)) : next();
    track(inFlight.updates, handling);
    await handling;
  });
  // Updates of one chat are handled in order; different chats concurrently.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id, chatType: ctx.chat?.type });
    await next();
  });

  const questions = limitAnswers(deps.questions, deps.answerConcurrency ?? 4);
  const features = bot.errorBoundary(async (error) => {
    const ctx = error.ctx;
    const cause = error.error as Error;
    ctx.log.error({ err: { name: cause?.name, message: cause?.message, code: (cause as { error_code?: number })?.error_code } }, "update failed");
    // An update with no chat to apologise in (an inline query) ends at the log line; so does an answer that
    // most likely arrived though its response was lost: an apology after it would only confuse.
    if (!ctx.chat || cause instanceof DeliveryUnknownError) return;
    // The apology itself may fail (the bot was blocked: 403): that is logged, not thrown.
    await replyTo(ctx, BOT_TEXT.failure).catch((replyError: Error) => ctx.log.warn({ err: { name: replyError.name, message: replyError.message } }, "apology not delivered"));
  });
  // One store for every feature: in memory for one process unless Redis is passed in.
  const shared = { store: deps.store ?? new MemoryStateStore(), ...(deps.instanceName ? { instanceName: deps.instanceName } : {}) };
  features.use(welcomeFeature(questions));
  features.use(sourcesFeature(questions));
  features.use(
    adminFeature({
      questions,
      adminUserIds: deps.adminUserIds,
      startedAt: deps.startedAt ?? new Date(),
      logger: deps.logger,
      votesKept: deps.feedback !== undefined,
      onBackgroundTask: (task) => track(inFlight.background, task),
      ...shared,
      ...(deps.importing ? { feeds: deps.importing.feedStatus } : {}),
    }),
  );
  if (deps.importing) {
    features.use(addArticleFeature({ ...deps.importing, adminUserIds: deps.adminUserIds, logger: deps.logger, onBackgroundTask: (task) => track(inFlight.background, task) }));
  }
  const feedback = deps.feedback ? new FeedbackCollector(deps.feedback, shared.store) : undefined;
  features.use(questionsFeature({ questions, ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}), ...(feedback ? { feedback } : {}), store: shared.store }));
  if (feedback) features.use(feedbackFeature(feedback));
  features.use(inlineFeature({ questions, store: shared.store }));
  features.use(unsupportedFeature());

  // Last resort: errors outside the boundary (none expected) are logged and the bot goes on.
  bot.catch((error) => {
    deps.logger.error({ err: { name: (error.error as Error)?.name, message: (error.error as Error)?.message } }, "unhandled bot error");
  });
  return { bot, inFlight };
}
