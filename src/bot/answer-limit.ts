import type { QuestionService } from "../pipeline/index-holder.js";

/**
 * The same question service, with at most `limit` answers computed at once and the others queued in arrival
 * order. The Telegram calls around an answer are not limited: a chat waiting out a flood limit holds no place.
 */
export function limitAnswers(questions: QuestionService, limit: number): QuestionService {
  let running = 0;
  const queue: Array<() => void> = [];
  const answer = async (question: string) => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    else running += 1;
    try {
      // A turn of the event loop first: lexical retrieval never waits on I/O, so queued answers would run
      // back to back and hold up every response from Telegram until the queue is empty.
      await new Promise((resolve) => setImmediate(resolve));
      return await questions.answer(question);
    } finally {
      // The place passes straight to the next in line, or is given back.
      const next = queue.shift();
      if (next) next();
      else running -= 1;
    }
  };
  // Delegation, not a prototype: a rebuild must swap the index in the service itself.
  return {
    answer,
    articles: () => questions.articles(),
    rebuild: () => questions.rebuild(),
    get manifest() {
      return questions.manifest;
    },
    get mode() {
      return questions.mode;
    },
    get isRebuilding() {
      return questions.isRebuilding;
    },
  };
}
