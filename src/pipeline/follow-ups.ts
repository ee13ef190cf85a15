import type { Answer } from "../answer/compose-answer.js";
import { contentWordsOf, leansOnPrevious, withPreviousQuestion } from "../answer/follow-up.js";

/** An answer within a conversation, and the earlier question it was read with, when it was. */
export interface ConversationAnswer {
  readonly answer: Answer;
  readonly readWith?: string;
}

export interface ConversationOptions {
  /** How long a conversation's last question is remembered. Default ten minutes. */
  readonly ttlMs?: number;
  /** The most conversations remembered at once; the oldest is forgotten first. Default 10,000. */
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
  private readonly topics = new Map<string, { readonly question: string; readonly at: number }>();
  private readonly ttlMs: number;
  private readonly maxConversations: number;
  private readonly now: () => number;

  constructor(
    private readonly answerer: { answer(question: string): Promise<Answer> },
    options: ConversationOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxConversations = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async answer(conversation: string, question: string): Promise<ConversationAnswer> {
    const previous = this.topicOf(conversation);
    if (previous === undefined || !leansOnPrevious(question)) {
      this.remember(conversation, question);
      return { answer: await this.answerer.answer(question) };
    }
    this.remember(conversation, previous);
    const readWithPrevious = await this.answerer.answer(withPreviousQuestion(question, previous));
    if (!readWithPrevious.abstained) return { answer: readWithPrevious, readWith: previous };
    return { answer: await this.answerer.answer(question) };
  }

  /** How many conversations are remembered now (for tests and /status). */
  get size(): number {
    return this.topics.size;
  }

  private topicOf(conversation: string): string | undefined {
    const topic = this.topics.get(conversation);
    if (topic && this.now() - topic.at <= this.ttlMs) return topic.question;
    this.topics.delete(conversation);
    return undefined;
  }

  private remember(conversation: string, question: string): void {
    // A question that names nothing («متى؟» as a first message) gives later ones nothing to lean on.
    if (contentWordsOf(question).length === 0) return;
    this.topics.delete(conversation);
    this.topics.set(conversation, { question, at: this.now() });
    // A Map iterates in insertion order, and remembering re-inserts: the first key is the longest unused.
    while (this.topics.size > this.maxConversations) this.topics.delete(this.topics.keys().next().value!);
  }
}
