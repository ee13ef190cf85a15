import { Composer } from "grammy";
import { validateQuestion } from "../../question/validate-question.js";
import { CHAT_MEMORY, Conversations } from "../../pipeline/follow-ups.js";
import type { QuestionService } from "../../pipeline/index-holder.js";
import { renderAnswerForTelegram } from "../../render/render-telegram.js";
import { isReplyToBot, questionFor } from "../addressing.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { rateLimit } from "../rate-limit.js";
import { replyTo } from "../reply.js";
import { MemoryStateStore } from "../../state/memory-state-store.js";
import { stateErrorFields, type StateStore } from "../../state/state-store.js";
import type { FeedbackCollector } from "./feedback.js";

export interface QuestionsOptions {
  readonly questions: QuestionService;
  /** When readers' votes are kept (FEEDBACK_FILE): the buttons under each answer. */
  readonly feedback?: FeedbackCollector;
  /** Questions per user in any sliding window before the polite refusal. Default: 8 in 60 s. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Where conversations, answered messages and the rate limit's counts are kept. Default: this process's memory. */
  readonly store?: StateStore;
}

/**
 * Questions: private texts, /ask, and group messages addressed to the bot. Edited messages are questions
 * too — the edit is usually a corrected question — and are answered as a reply to the edited message. A
 * follow-up («ومتى؟») is read with the asker's previous question in that chat (pipeline/follow-ups): in a
 * group, each member's questions are a conversation of their own, and a follow-up sent as a reply to one of
 * the bot's answers is read with the question that answer answered, whoever asked it.
 *
 * What this remembers — the conversations, the question each answer message answered, the rate limit's counts
 * — is in the state store (options.store): shared by every instance when it is Redis. When the store cannot
 * be reached, questions are still answered: a follow-up on its own, the limit not counted, and the log says so.
 */
export function questionsFeature(options: QuestionsOptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const store = options.store ?? new MemoryStateStore(CHAT_MEMORY.maxEntries);
  const conversations = new Conversations(options.questions, { store });
  // The question each recent answer message answered (a follow-up's: the question it was read with), so that
  // a reply to that answer leans on it, whoever replies; kept as long as the conversations.
  const answeredKey = (chatId: number | undefined, messageId: number | undefined) => `answer:${chatId}:${messageId}`;
  const addressed = composer.on(["message:text", "edited_message:text"]).filter((ctx) => questionFor(ctx) !== undefined);
  addressed.use(
    rateLimit(store, {
      name: "q",
      windowMs: options.rateLimit?.windowMs ?? 60_000,
      limit: options.rateLimit?.limit ?? 8,
      onLimited: async (ctx, first) => {
        ctx.log.info({ notice: first }, "question refused: rate limit");
        if (first) await replyTo(ctx, BOT_TEXT.rateLimited);
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
    const unavailable = (what: string) => (error: unknown) => void ctx.log.warn({ err: stateErrorFields(error) }, `state store unavailable: ${what}`);
    const repliedTo = isReplyToBot(ctx)
      ? await store.get(answeredKey(ctx.chat?.id, ctx.msg?.reply_to_message?.message_id)).catch(unavailable("the answer replied to is not known; the question is read on its own"))
      : undefined;
    const { answer, readWith } = await conversations.answer(`${ctx.chat?.id}:${ctx.from?.id}`, check.question, repliedTo ?? undefined, unavailable("follow-ups are read on their own"));
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
    const buttons = await options.feedback?.offer(check.question, answer, chat, readWith).catch(unavailable("the answer goes without vote buttons"));
    for (const [i, message] of messages.entries()) {
      const sent = await replyTo(ctx, message, i === messages.length - 1 ? (buttons ?? undefined) : undefined);
      if (!answer.abstained) await store.set(answeredKey(sent.chat.id, sent.message_id), readWith ?? check.question, CHAT_MEMORY.ttlMs).catch(unavailable("a reply to this answer will be read on its own"));
    }
  });
  return composer;
}
