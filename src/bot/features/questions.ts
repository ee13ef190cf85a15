import { limit } from "@grammyjs/ratelimiter";
import { Composer } from "grammy";
import { validateQuestion } from "../../answer/validate-question.js";
import { CHAT_MEMORY, Conversations } from "../../pipeline/follow-ups.js";
import { RecentMemory } from "../../pipeline/recent-memory.js";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { renderAnswerForTelegram } from "../../render/render-telegram.js";
import { isReplyToBot, questionFor } from "../addressing.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";
import type { FeedbackCollector } from "./feedback.js";

export interface QuestionsOptions {
  readonly questions: QuestionService;
  /** When readers' votes are kept (FEEDBACK_FILE): the buttons under each answer. */
  readonly feedback?: FeedbackCollector;
  /** Questions per user per window before the polite refusal. Default: 8 per 60 s. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
}

/**
 * Questions: private texts, /ask, and group messages addressed to the bot. Edited messages are questions
 * too — the edit is usually a corrected question — and are answered as a reply to the edited message. A
 * follow-up («ومتى؟») is read with the asker's previous question in that chat (pipeline/follow-ups): in a
 * group, each member's questions are a conversation of their own, and a follow-up sent as a reply to one of
 * the bot's answers is read with the question that answer answered, whoever asked it.
 */
export function questionsFeature(options: QuestionsOptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const conversations = new Conversations(options.questions);
  // The question each recent answer message answered (a follow-up's: the question it was read with), so that
  // a reply to that answer leans on it, whoever replies. Memory only, like the conversations.
  const answered = new RecentMemory<string>(CHAT_MEMORY.ttlMs, CHAT_MEMORY.maxEntries);
  const addressed = composer.on(["message:text", "edited_message:text"]).filter((ctx) => questionFor(ctx) !== undefined);
  addressed.use(
    limit<BotContext, never>({
      timeFrame: options.rateLimit?.windowMs ?? 60_000,
      limit: options.rateLimit?.limit ?? 8,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        ctx.log.info("question refused: rate limit");
        await replyTo(ctx, BOT_TEXT.rateLimited);
      },
    }),
  );
  addressed.use(async (ctx) => {
    const raw = questionFor(ctx)!;
    const isCommand = ctx.msg?.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0) ?? false;
    if (isCommand && raw === "") {
      await replyTo(ctx, BOT_TEXT.askNeedsQuestion);
      return;
    }
    const check = validateQuestion(raw);
    if (!check.ok) {
      ctx.log.info({ problem: check.problem, length: raw.length }, "question refused");
      await replyTo(ctx, check.message);
      return;
    }
    // "typing" is a courtesy: its failure must not cost the answer.
    await ctx.replyWithChatAction("typing").catch((error: Error) => ctx.log.debug({ err: { message: error.message } }, "typing action failed"));
    const started = performance.now();
    const repliedTo = isReplyToBot(ctx) ? answered.get(`${ctx.chat?.id}:${ctx.msg?.reply_to_message?.message_id}`) : undefined;
    const { answer, readWith } = await conversations.answer(`${ctx.chat?.id}:${ctx.from?.id}`, check.question, repliedTo);
    ctx.log.debug({ question: check.question }, "question text");
    ctx.log.info(
      {
        length: check.question.length,
        abstained: answer.abstained,
        citations: answer.citations.length,
        evidence: Math.round(answer.evidence * 1000) / 1000,
        followUp: readWith !== undefined,
        ms: Math.round(performance.now() - started),
      },
      "question answered",
    );
    const messages = renderAnswerForTelegram(answer, readWith ? { readWith } : {});
    // The vote buttons go under the last message of the answer, where its sources end.
    const chat = ctx.chat?.type === "private" ? "private" : "group";
    const buttons = options.feedback?.offer(check.question, answer, chat, readWith);
    for (const [i, message] of messages.entries()) {
      const sent = await replyTo(ctx, message, i === messages.length - 1 ? buttons : undefined);
      if (!answer.abstained) answered.set(`${sent.chat.id}:${sent.message_id}`, readWith ?? check.question);
    }
  });
  return composer;
}
