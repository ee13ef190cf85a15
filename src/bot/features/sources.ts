import { FormattedString } from "@grammyjs/parse-mode";
import { Composer } from "grammy";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { provenanceLine } from "../../render/provenance.js";
import { linkedTitle, packMessages } from "../../render/render-telegram.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

/**
 * /sources — every article with its outlet and date, its title a link to it when the front matter gives one;
 * split over several messages when the list is long.
 */
export function sourcesFeature(questions: QuestionService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("sources", async (ctx) => {
    const articles = questions.articles();
    if (articles.length === 0) {
      await replyTo(ctx, BOT_TEXT.noSources);
      return;
    }
    const lines = articles.map((article, i) => {
      const provenance = provenanceLine(article, { address: false });
      return FormattedString.join([`\u200F${i + 1}. `, linkedTitle(article.title, article.url), provenance ? ` (${provenance})` : ""], "");
    });
    const list = FormattedString.join([BOT_TEXT.sourcesHeader(articles.length), ...lines], "\n");
    for (const message of packMessages([list])) await replyTo(ctx, message);
  });
  return composer;
}
