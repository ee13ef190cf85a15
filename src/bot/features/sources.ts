import { Composer } from "grammy";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { renderText } from "../../render/render-telegram.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

/** /sources — every article with its date, split over several messages when the list is long. */
export function sourcesFeature(questions: QuestionService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("sources", async (ctx) => {
    const articles = questions.articles();
    if (articles.length === 0) {
      await replyTo(ctx, BOT_TEXT.noSources);
      return;
    }
    const lines = [BOT_TEXT.sourcesHeader(articles.length), ...articles.map((article, i) => `\u200F${i + 1}. ${article.title}${article.date ? ` (${article.date})` : ""}`)];
    for (const message of renderText(lines.join("\n"))) await replyTo(ctx, message);
  });
  return composer;
}
