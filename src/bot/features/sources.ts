import { FormattedString } from "@grammyjs/parse-mode";
import { Composer } from "grammy";
import { isTitleFilter, pageOfArticles } from "../../pipeline/article-listing.js";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { provenanceLine } from "../../render/provenance.js";
import { linkedTitle, packMessages } from "../../render/render-telegram.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

/**
 * /sources — the newest articles with their outlet and date, each title a link to the article when the front
 * matter gives one; `/sources كلمة` — those whose title, outlet or date holds the words. At most
 * ARTICLES_LISTED per reply, with how many there are and how to narrow the list: a newsroom's corpus of
 * thousands of articles would otherwise come as a hundred messages.
 */
export function sourcesFeature(questions: QuestionService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("sources", async (ctx) => {
    const articles = questions.articles();
    const filter = ctx.match.trim();
    if (articles.length === 0) {
      await replyTo(ctx, BOT_TEXT.noSources);
      return;
    }
    if (!isTitleFilter(filter)) {
      await replyTo(ctx, BOT_TEXT.sourcesFilterTooLong);
      return;
    }
    const { shown, matching } = pageOfArticles(articles, filter);
    if (matching === 0) {
      await replyTo(ctx, BOT_TEXT.sourcesNoMatch(filter));
      return;
    }
    const lines = shown.map((article, i) => {
      const provenance = provenanceLine(article, { address: false });
      return FormattedString.join([`\u200F${i + 1}. `, linkedTitle(article.title, article.url), provenance ? ` (${provenance})` : ""], "");
    });
    const header = filter ? BOT_TEXT.sourcesMatching(filter, matching, articles.length) : BOT_TEXT.sourcesHeader(articles.length);
    const footer = matching > shown.length ? [BOT_TEXT.sourcesMore(shown.length, matching)] : [];
    const list = FormattedString.join([header, ...lines, ...footer], "\n");
    for (const message of packMessages([list])) await replyTo(ctx, message);
  });
  return composer;
}
