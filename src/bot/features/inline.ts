import { createHash } from "node:crypto";
import { Composer, GrammyError, InlineQueryResultBuilder } from "grammy";
import { validateQuestion } from "../../question/validate-question.js";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { renderAnswerForTelegram } from "../../render/render-telegram.js";
import { BOT_TEXT } from "../bot-messages.js";
import { rateLimit } from "../rate-limit.js";
import { MemoryStateStore } from "../../state/memory-state-store.js";
import type { StateStore } from "../../state/state-store.js";
import type { BotContext } from "../bot-context.js";

export interface InlineOptions {
  readonly questions: QuestionService;
  /**
   * Queries per user per window: an inline query arrives as the user types, so the budget is wider than for
   * questions sent in a chat. Over it, the query gets no results. Default: 60 per 60 s.
   */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** How long Telegram may serve the same results for the same query. Default 60 s: a /reindex shows soon. */
  readonly cacheSeconds?: number;
  /** Where the rate limit's counts are kept (shared by the instances when it is Redis). Default: memory. */
  readonly store?: StateStore;
}

/** The longest result title Telegram shows in full on a phone, about. */
const RESULT_TITLE_CHARS = 60;
/** Clients show two or three lines of it. */
const RESULT_DESCRIPTION_CHARS = 240;

const shorten = (text: string, chars: number) => (text.length <= chars ? text : `${text.slice(0, chars - 1).trimEnd()}…`);

/**
 * Inline mode: «@bot سؤال» typed in any chat. An answered question is offered as one result; choosing it sends,
 * in the user's name via the bot, the question and the answer with its sources — the same entities as in a
 * chat, in one message. A question the sources do not answer, or one that cannot be asked, gets no result,
 * and a button that says so and opens a private chat with the bot. Needs inline mode on in BotFather
 * (/setinline).
 */
export function inlineFeature(options: InlineOptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const queries = composer.on("inline_query");
  queries.use(
    rateLimit(options.store ?? new MemoryStateStore(), {
      name: "inline",
      windowMs: options.rateLimit?.windowMs ?? 60_000,
      limit: options.rateLimit?.limit ?? 60,
      onLimited: (ctx) => ctx.log.info("inline query refused: rate limit"),
    }),
  );
  queries.use(async (ctx) => {
    const cache_time = options.cacheSeconds ?? 60;
    // A query answered after the user typed on (or after about ten seconds) is gone: not a failure of the bot.
    const answerQuery = (...args: Parameters<typeof ctx.answerInlineQuery>) =>
      ctx.answerInlineQuery(...args).catch((error: unknown) => {
        if (error instanceof GrammyError && /query is too old|query ID is invalid/iu.test(error.description)) ctx.log.info("inline query expired before it was answered");
        else throw error;
      });
    const noResults = (text: string) => answerQuery([], { cache_time, button: { text: shorten(text, RESULT_TITLE_CHARS), start_parameter: "inline" } });
    const raw = ctx.inlineQuery.query;
    if (raw.trim() === "") {
      await noResults(BOT_TEXT.inlineHint);
      return;
    }
    const check = validateQuestion(raw);
    if (!check.ok) {
      ctx.log.info({ problem: check.problem, length: raw.length }, "inline query refused");
      await noResults(check.message);
      return;
    }
    const answer = await options.questions.answer(check.question);
    ctx.log.info({ length: check.question.length, abstained: answer.abstained, citations: answer.citations.length }, "inline query answered");
    if (answer.abstained) {
      await noResults(answer.text);
      return;
    }
    // The question heads the message: whoever reads it in the chat did not see it typed. A result sends one
    // message: should the sources spill over (an answer is at most 400 characters, its quotes as long), the
    // first part, which holds the answer, is sent.
    const messages = renderAnswerForTelegram(answer, { heading: BOT_TEXT.inlineQuestion(check.question) });
    if (messages.length > 1) ctx.log.warn({ parts: messages.length }, "inline answer cut to its first message");
    const message = messages[0]!;
    const result = InlineQueryResultBuilder.article(createHash("sha256").update(check.question).digest("hex").slice(0, 32), shorten(check.question, RESULT_TITLE_CHARS), {
      description: shorten(answer.text, RESULT_DESCRIPTION_CHARS),
    }).text(message.text, { entities: message.entities, link_preview_options: { is_disabled: true } });
    await answerQuery([result], { cache_time });
  });
  return composer;
}
