import { Composer } from "grammy";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

const TITLES_IN_WELCOME = 8;

/** /start — what the bot knows and how to ask, with an example; /help — how to ask, in private and in groups. */
export function welcomeFeature(questions: QuestionService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("start", async (ctx) => {
    const titles = questions.articles().map((article) => article.title);
    const shown = titles.slice(0, TITLES_IN_WELCOME);
    const example = shown[0] ? `ماذا جاء في «${shown[0]}»؟` : "من يترأس الوفد؟";
    await replyTo(ctx, `${BOT_TEXT.welcome(shown, titles.length - shown.length)}\n${BOT_TEXT.example(example)}`);
  });
  composer.command("help", async (ctx) => {
    await replyTo(ctx, BOT_TEXT.help.replaceAll("{bot}", ctx.me.username));
  });
  return composer;
}
