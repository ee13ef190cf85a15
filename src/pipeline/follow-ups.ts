import type { Answer } from "../answer/compose-answer.js";
import { contentWordsOf, leansOnPrevious, withPreviousQuestion } from "../answer/follow-up.js";
import { RecentMemory } from "./recent-memory.js";

/** An answer within a conversation, and the earlier question it was read with, when it was. */
export interface ConversationAnswer {
  readonly answer: Answer;
  readonly readWith?: string;
}

/** How long, and how much, a chat's questions are remembered: ten minutes, at most 10,000 entries. */
export const CHAT_MEMORY = { ttlMs: 10 * 60_000, maxEntries: 10_000 } as const;

export interface ConversationOptions {
  /** How long a conversation's last question is remembered. Default CHAT_MEMORY's ten minutes. */
  readonly ttlMs?: number;
  /** The most conversations remembered at once; the oldest is forgotten first. Default CHAT_MEMORY's 10,000. */
  readonly maxConversations?: number;
  readonly now?: () => number;
}

/**
 * Answers the questions of many conversations (in the bot, a chat and one user in it), reading a follow-up
 * — «ومتى؟» after «أين انعقد المنتدى؟» — with the question it follows (answer/follow-up).
 *
 * A follow-up is answered read with the conversation's last question; if that reading declines, it is
 * answered on its own. A question that is not a follow-up becomes what later ones lean on, declined or not; a
 * follow-up does not, so «ومتى؟» then «ومن حضر؟» both lean on «أين انعقد المنتدى؟».
 *
 * What is remembered is the last such question of each conversation, in memory only, for `ttlMs`: it is never
 * written anywhere, and a restart forgets it.
 */
export class Conversations {
  private readonly topics: RecentMemory<string>;

  constructor(
    private readonly answerer: { answer(question: string): Promise<Answer> },
    options: ConversationOptions = {},
  ) {
    this.topics = new RecentMemory(options.ttlMs ?? CHAT_MEMORY.ttlMs, options.maxConversations ?? CHAT_MEMORY.maxEntries, options.now);
  }

  /**
   * Answers a question of a conversation. `leaningOn`, when given, is the question a follow-up leans on instead
   * of the conversation's last one: in a group, a reply to one of the bot's answers leans on that answer's
   * question, whoever asked it.
   */
  async answer(conversation: string, question: string, leaningOn?: string): Promise<ConversationAnswer> {
    const previous = leaningOn ?? this.topics.get(conversation);
    if (previous === undefined || !leansOnPrevious(question)) {
      this.remember(conversation, question);
      return { answer: await this.answerer.answer(question) };
    }
    this.remember(conversation, previous);
    const readWithPrevious = await this.answerer.answer(withPreviousQuestion(question, previous));
    if (!readWithPrevious.abstained) return { answer: readWithPrevious, readWith: previous };
    return { answer: await this.answerer.answer(question) };
  }

  /** How many conversations are remembered now. */
  get size(): number {
    return this.topics.size;
  }

  private remember(conversation: string, question: string): void {
    // A question that names nothing («متى؟» as a first message) gives later ones nothing to lean on.
    if (contentWordsOf(question).length > 0) this.topics.set(conversation, question);
  }
}
