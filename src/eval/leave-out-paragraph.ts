import { containsGoldAnswer } from "./metrics.js";
import type { EvalDataset, EvalQuestion } from "./squad-dataset.js";

/**
 * The data set with one paragraph of each article in `articleIndexes` left out: paragraph `offset mod n` of an
 * article of n paragraphs. The questions about it become near-topic questions — asked of an article that still
 * covers their subject but no longer holds the fact asked for, which is what SQuAD 2.0's unanswerable questions
 * are and much of what readers ask of a news corpus — and are marked unanswerable, to be declined. A question
 * whose answer the rest of its article still holds is dropped instead: it may be answerable after all. Sections
 * after the left-out paragraph are renumbered, so the other questions' recall is measured as before.
 * XQuAD has no unanswerable questions of its own; this is how the decision to decline meets near-topic ones
 * (scripts/fit-decline-model.ts, `npm run eval -- --leave-out-paragraph N`). Pure.
 */
export function withParagraphLeftOut(dataset: EvalDataset, offset: number, articleIndexes: readonly number[]): EvalDataset {
  const leftOut = new Map<number, number>();
  for (const index of articleIndexes) {
    const count = dataset.articles[index]?.paragraphs.length ?? 0;
    if (count > 1) leftOut.set(index, ((offset % count) + count) % count);
  }
  const articles = dataset.articles.map((article, index) => {
    const section = leftOut.get(index);
    return section === undefined ? article : { ...article, paragraphs: article.paragraphs.filter((_, i) => i !== section) };
  });
  // What each shortened article still says, joined once per article rather than once per question.
  const keptText = new Map([...leftOut.keys()].map((index) => [index, articles[index]!.paragraphs.join("\n")]));
  const questions: EvalQuestion[] = [];
  for (const question of dataset.questions) {
    const section = leftOut.get(question.articleIndex);
    if (section === undefined) questions.push(question);
    else if (question.section > section) questions.push({ ...question, section: question.section - 1 });
    else if (question.section < section) questions.push(question);
    else if (!containsGoldAnswer(keptText.get(question.articleIndex)!, question.answers)) questions.push({ ...question, answerable: false });
  }
  return { articles, questions };
}
