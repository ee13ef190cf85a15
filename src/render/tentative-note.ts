import type { Answer } from "../answer/compose-answer.js";

/**
 * The line that opens a tentative answer (Answer.tentative): the passages found are the closest the sources
 * hold, and may not answer the question. Most answers to questions the sources cannot answer, when given at
 * all, are given with evidence in this band (docs/EVALUATION.md, "Tentative answers").
 */
export const TENTATIVE_NOTE = "لست متأكدا من أن مصادري تجيب عن سؤالك؛ هذا أقرب ما وجدت فيها:";

/**
 * The same, when the passage names the question's subject only in passing, in an article about something else
 * (Answer.tentativeReason "passing-mention"): the reader learns why the quote may not answer.
 */
export const PASSING_MENTION_NOTE = "لست متأكدا من أن مصادري تجيب عن سؤالك: المقطع التالي يذكر موضوعه عرضا في مقال عن موضوع آخر، وهو أقرب ما وجدت فيها:";

/** The note that opens an answer, or undefined for an answer given without one. */
export function tentativeNoteOf(answer: Pick<Answer, "tentative" | "tentativeReason">): string | undefined {
  if (!answer.tentative) return undefined;
  return answer.tentativeReason === "passing-mention" ? PASSING_MENTION_NOTE : TENTATIVE_NOTE;
}
