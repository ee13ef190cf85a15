import { randomBytes } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { Answer } from "../../answer/compose-answer.js";
import type { FeedbackLog, FeedbackRecord } from "../../feedback/feedback-log.js";
import { MemoryStateStore } from "../../state/memory-state-store.js";
import { stateErrorFields, type StateStore } from "../../state/state-store.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";

/** How long an answer can be voted on, and how many answers are remembered for it (in memory). */
export const FEEDBACK_MEMORY = { ttlMs: 24 * 60 * 60 * 1000, maxEntries: 10_000 } as const;

/** Callback data of a vote: `fb:<answer id>:<+|->`, well inside Telegram's 64 bytes. */
const VOTE_DATA = /^fb:([0-9a-f]{12}):([+-])$/u;

type PendingVote = Omit<FeedbackRecord, "at" | "vote">;

/**
 * Votes on answers (FEEDBACK_FILE): each answer the bot sends gets two buttons, 👍 and 👎, under its last
 * message; a press is written to the feedback log with the question, the decision and the cited chunks, and
 * the buttons are taken off that message, so an answer takes one vote. What each button refers to is kept for
 * a day in the state store: in memory, where after a restart a press is thanked and not recorded; or in Redis,
 * where a press on any instance is recorded once, whichever instance sent the answer.
 */
export class FeedbackCollector {
  constructor(
    readonly log: FeedbackLog,
    private readonly store: StateStore = new MemoryStateStore(FEEDBACK_MEMORY.maxEntries),
  ) {}

  /**
   * The buttons to put under an answer, remembering what a vote on them will be about. Rejects with
   * StateUnavailableError when that cannot be remembered: the answer then goes without buttons.
   */
  async offer(question: string, answer: Answer, chat: FeedbackRecord["chat"], readWith?: string): Promise<InlineKeyboard> {
    const id = randomBytes(6).toString("hex");
    const pending: PendingVote = {
      question,
      ...(readWith !== undefined ? { readWith } : {}),
      abstained: answer.abstained,
      tentative: answer.tentative,
      evidence: Math.round(answer.evidence * 1000) / 1000,
      cited: answer.citations.map((citation) => citation.chunkId),
      chat,
    };
    await this.store.set(keyOf(id), JSON.stringify(pending), FEEDBACK_MEMORY.ttlMs);
    return new InlineKeyboard().text(BOT_TEXT.feedbackUseful, `fb:${id}:+`).text(BOT_TEXT.feedbackNotUseful, `fb:${id}:-`);
  }

  /**
   * Records a vote on the answer `id`; false when that answer is no longer remembered (or was voted on). The
   * answer is taken from the store in one step, so two presses at once — on two instances — record one vote;
   * a vote the log fails to write is put back, so it can be cast again.
   */
  async vote(id: string, vote: FeedbackRecord["vote"], at = new Date()): Promise<boolean> {
    const raw = await this.store.take(keyOf(id));
    if (raw === undefined) return false;
    const pending = JSON.parse(raw) as PendingVote;
    try {
      await this.log.record({ at: at.toISOString(), vote, ...pending });
    } catch (error) {
      await this.store.set(keyOf(id), raw, FEEDBACK_MEMORY.ttlMs).catch(() => undefined);
      throw error;
    }
    return true;
  }
}

/** The store key of what the vote buttons of answer `id` refer to. */
function keyOf(id: string): string {
  return `vote:${id}`;
}

/** The presses of the vote buttons: recorded, thanked, and the buttons taken off the answer. */
export function feedbackFeature(collector: FeedbackCollector): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(VOTE_DATA, async (ctx) => {
    const [, id, sign] = ctx.match as RegExpMatchArray;
    let recorded: boolean;
    try {
      recorded = await collector.vote(id!, sign === "+" ? "useful" : "not-useful");
    } catch (error) {
      // A vote that cannot be written (the disk is full, Redis is away) is the operator's problem: the reader is told in
      // the button's notice, and the chat gets no apology message.
      ctx.log.error({ err: stateErrorFields(error) }, "vote not recorded");
      await ctx.answerCallbackQuery({ text: BOT_TEXT.feedbackFailed });
      return;
    }
    ctx.log.info({ recorded, vote: sign }, "answer voted on");
    await ctx.answerCallbackQuery({ text: recorded ? BOT_TEXT.feedbackThanks : BOT_TEXT.feedbackExpired });
    // The message may be too old to edit, or gone: the vote is recorded either way.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch((error: Error) => ctx.log.debug({ err: { message: error.message } }, "vote buttons not removed"));
  });
  // Any other press (buttons of an older version): answered, so the client stops waiting.
  composer.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());
  return composer;
}
