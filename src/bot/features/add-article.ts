import { Composer } from "grammy";
import type { BackgroundRebuild } from "../../import/background-rebuild.js";
import type { CorpusImporter, FeedOutcome, PageOutcome } from "../../import/corpus-importer.js";
import type { Logger } from "../../logger.js";
import { BOT_TEXT, IMPORT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

export interface AddArticleOptions {
  readonly adminUserIds: readonly number[];
  /** A fresh importer per command: it reads the corpus as it is now. */
  readonly openImporter: () => Promise<Pick<CorpusImporter, "importAddress">>;
  readonly rebuild: Pick<BackgroundRebuild, "request">;
  readonly logger: Logger;
  /** Receives the background rebuild and its report, so that shutdown can wait for them. */
  readonly onBackgroundTask?: (task: Promise<unknown>) => void;
}

/** The text of a page outcome for the admin who sent /add. */
export function describePage(outcome: PageOutcome): string {
  switch (outcome.kind) {
    case "added":
    case "updated":
      return IMPORT_TEXT.added({
        title: outcome.article.title,
        ...(outcome.article.date ? { date: outcome.article.date.date } : {}),
        ...(outcome.article.outlet ? { outlet: outcome.article.outlet } : {}),
        sections: outcome.article.sections.map((section) => section.heading),
        file: outcome.file,
        updated: outcome.kind === "updated",
      });
    case "unchanged":
      return IMPORT_TEXT.unchanged(outcome.article.title, outcome.file);
    case "duplicate":
      return IMPORT_TEXT.duplicate(outcome.article.title, outcome.duplicateOf);
    case "failed": {
      const { error } = outcome;
      const reason = error.failure === "http-status" ? `${IMPORT_TEXT.reasons["http-status"]} (HTTP ${error.status ?? "?"}).` : IMPORT_TEXT.reasons[error.failure];
      return IMPORT_TEXT.failed(reason);
    }
  }
}

function describeFeed(outcome: FeedOutcome): string {
  const added = outcome.pages.flatMap((page) => (page.kind === "added" || page.kind === "updated" ? [page.article.title] : []));
  return IMPORT_TEXT.feed({
    ...(outcome.feed.title ? { title: outcome.feed.title } : {}),
    items: outcome.feed.items.length,
    known: outcome.known,
    added,
    duplicates: outcome.pages.filter((page) => page.kind === "duplicate").length,
    failed: outcome.pages.filter((page) => page.kind === "failed").length,
  });
}

/**
 * /add URL, for admins: imports the article at the address (or a feed's new items) into the corpus, replies
 * with what was imported — title, date, sections — or why not, then rebuilds the index in the background as
 * /reindex does and says when the new articles can be asked about. Anyone else gets the admin refusal.
 */
export function addArticleFeature(options: AddArticleOptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const isAdmin = (ctx: BotContext) => ctx.from !== undefined && options.adminUserIds.includes(ctx.from.id);
  composer.command("add", async (ctx) => {
    if (!isAdmin(ctx)) {
      ctx.log.warn({ userId: ctx.from?.id }, "admin command refused");
      await replyTo(ctx, BOT_TEXT.notAllowed);
      return;
    }
    const address = ctx.match.trim();
    if (address === "" || /\s/u.test(address)) {
      await replyTo(ctx, IMPORT_TEXT.addUsage);
      return;
    }
    await ctx.replyWithChatAction("typing").catch(() => undefined);
    const importer = await options.openImporter();
    const result = await importer.importAddress(address);
    const written = "page" in result ? (result.page.kind === "added" || result.page.kind === "updated" ? 1 : 0) : result.feed.pages.filter((page) => page.kind === "added" || page.kind === "updated").length;
    ctx.log.info({ kind: "page" in result ? result.page.kind : "feed", written }, "/add done");
    await replyTo(ctx, "page" in result ? describePage(result.page) : describeFeed(result.feed));
    if (written === 0) return;
    const chatId = ctx.chat.id;
    const replyTarget = ctx.msg?.message_id;
    // The rebuild goes on after this handler returns; its report follows when the new index is in use.
    const reported = options.rebuild
      .request(`/add ${written} article(s)`)
      .then((rebuilt) => ctx.api.sendMessage(chatId, rebuilt ? IMPORT_TEXT.indexUpdated : IMPORT_TEXT.indexNotUpdated, replyTarget ? { reply_parameters: { message_id: replyTarget, allow_sending_without_reply: true } } : {}))
      .catch((error: Error) => options.logger.warn({ err: { name: error.name, message: error.message } }, "rebuild report not delivered"));
    options.onBackgroundTask?.(reported);
  });
  return composer;
}
