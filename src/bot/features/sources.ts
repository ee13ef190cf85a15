import { FormattedString } from "@grammyjs/parse-mode";
import { Composer } from "grammy";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { provenanceLine } from "../../render/provenance.js";
import { linkedTitle, packMessages } from "../../render/render-telegram.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";
import { sourceList } from "../source-list.js";

/**
 * /sources — the newest articles with their outlet and date, each title a link to the article when the front
 * matter gives one; `/sources كلمة` — those whose title, outlet or date holds the words. At most
 * ARTICLES_LISTED per reply, with how many there are and how to narrow the list: a newsroom's corpus of
 * thousands of articles would otherwise come as a hundred messages.
 */
export function sourcesFeature(questions: QuestionService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("sources", async (ctx) => {
    const list = sourceList(questions.articles(), ctx.match.trim());
    if ("notice" in list) {
      await replyTo(ctx, list.notice);
      return;
    }
    const lines = list.shown.map((article, i) => {
      const provenance = provenanceLine(article, { address: false });
      return FormattedString.join([`\u200F${i + 1}. `, linkedTitle(article.title, article.url), provenance ? ` (${provenance})` : ""], "");
    });
    const text = FormattedString.join([list.header, ...lines, ...(list.footer ? [list.footer] : [])], "\n");
    for (const message of packMessages([text])) await replyTo(ctx, message);
  });
  return composer;
}
