import type { Answer } from "../answer/compose-answer.js";
import { contentWordsOf, leansOnPrevious, withPreviousQuestion } from "../question/follow-up.js";
import { MemoryStateStore } from "../state/memory-state-store.js";
import type { StateStore } from "../state/state-store.js";

/** An answer within a conversation, and the earlier question it was read with, when it was. */
export interface ConversationAnswer {
  readonly answer: Answer;
  readonly readWith?: string;
}

/** How long a chat's questions are remembered: ten minutes (in memory, at most 10,000 conversations). */
export const CHAT_MEMORY = { ttlMs: 10 * 60_000, maxEntries: 10_000 } as const;

export interface ConversationOptions {
  /** Where the last questions are kept: this process's memory by default, Redis for several instances. */
  readonly store?: StateStore;
  /** How long a conversation's last question is remembered. Default CHAT_MEMORY's ten minutes. */
  readonly ttlMs?: number;
}

/**
 * Answers the questions of many conversations (in the bot, a chat and one user in it), reading a follow-up
 * — «ومتى؟» after «أين انعقد المنتدى؟» — with the question it follows (question/follow-up).
 *
 * A follow-up is answered read with the conversation's last question; if that reading declines, it is
 * answered on its own. A question that is not a follow-up becomes what later ones lean on, declined or not; a
 * follow-up does not, so «ومتى؟» then «ومن حضر؟» both lean on «أين انعقد المنتدى؟».
 *
 * What is remembered is the last such question of each conversation, for `ttlMs`, in the state store: this
 * process's memory (a restart forgets it), or Redis shared by several instances (a follow-up asked on one is
 * read with the question asked on another). When the store cannot be reached, a follow-up is answered on its
 * own and `onUnavailable` hears why.
 */
export class Conversations {
  private readonly store: StateStore;
  private readonly ttlMs: number;

  constructor(
    private readonly answerer: { answer(question: string): Promise<Answer> },
    options: ConversationOptions = {},
  ) {
    this.store = options.store ?? new MemoryStateStore(CHAT_MEMORY.maxEntries);
    this.ttlMs = options.ttlMs ?? CHAT_MEMORY.ttlMs;
  }

  /**
   * Answers a question of a conversation. `leaningOn`, when given, is the question a follow-up leans on instead
   * of the conversation's last one: in a group, a reply to one of the bot's answers leans on that answer's
   * question, whoever asked it.
   */
  async answer(conversation: string, question: string, leaningOn?: string, onUnavailable?: (error: unknown) => void): Promise<ConversationAnswer> {
    const previous = leaningOn ?? (leansOnPrevious(question) ? await this.store.get(keyOf(conversation)).catch((error: unknown) => void onUnavailable?.(error)) : undefined);
    if (previous === undefined || !leansOnPrevious(question)) {
      await this.remember(conversation, question, onUnavailable);
      return { answer: await this.answerer.answer(question) };
    }
    await this.remember(conversation, previous, onUnavailable);
    const readWithPrevious = await this.answerer.answer(withPreviousQuestion(question, previous));
    if (!readWithPrevious.abstained) return { answer: readWithPrevious, readWith: previous };
    return { answer: await this.answerer.answer(question) };
  }

  private async remember(conversation: string, question: string, onUnavailable?: (error: unknown) => void): Promise<void> {
    // A question that names nothing («متى؟» as a first message) gives later ones nothing to lean on.
    if (contentWordsOf(question).length > 0) await this.store.set(keyOf(conversation), question, this.ttlMs).catch((error: unknown) => onUnavailable?.(error));
  }
}

/** The store key of a conversation's last question. */
function keyOf(conversation: string): string {
  return `chat:${conversation}`;
}
