import type { LexicalIndex } from "../index/lexical-index.js";
import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import type { AnalyzedWord } from "../text/analyzer.js";
import type { DeclineSignals } from "./decline-model.js";
import { answerTypeFit, type QuestionType } from "../question/question-type.js";
import type { ReadChunk } from "./read-passage.js";
import { isNounLike, mayBeUnseen, type QuestionWord } from "../question/weighed-words.js";
import { datesItOtherwise } from "./year-conflict.js";

/** Question types whose answer has a shape a passage can be seen to hold: a date, a number, a place, a cause. */
const TYPES_WITH_A_SHAPE: ReadonlySet<QuestionType> = new Set(["when", "how-many", "where", "why"]);

/** The corpus's articles as the decision reads them: their term statistics, and the ordinal of each article by its id. */
export interface ArticleStatistics {
  readonly lexical: Pick<LexicalIndex, "termFrequency" | "collectionFrequency">;
  readonly ofDocId: ReadonlyMap<string, number>;
}

/**
 * What the decision to decline reads of an answer's sources (answer/decline-model says what each signal means):
 * the retrieval scores of every retrieved chunk, and how the chunks read for the answer hold the question.
 * `words` are the question's weighed words, `analyzed` the question as read for them. Pure.
 */
export function declineSignalsOf(
  words: readonly QuestionWord[],
  analyzed: readonly AnalyzedWord[],
  questionType: QuestionType,
  retrieved: readonly RetrievedChunk[],
  read: readonly ReadChunk[],
  maxIdf: number,
  articles?: ArticleStatistics,
): DeclineSignals {
  const totalWeight = words.reduce((sum, word) => sum + word.weight, 0);
  // The lexical scores, best first, whatever the fused order (in hybrid mode the top chunk may be a dense hit).
  const lexicalScores = retrieved.map((item) => item.lexicalScore ?? 0).sort((a, b) => b - a);
  const [lexicalFirst = 0, lexicalSecond = 0] = lexicalScores;
  const lexicalFifth = lexicalScores[Math.min(4, lexicalScores.length - 1)] ?? 0;
  const articleFirst = Math.max(0, ...retrieved.map((item) => item.articleScore ?? 0));
  // The share of question words that may name something unseen and that none of the best chunks holds, by
  // one of their per-word match strengths.
  const unseenShare = (matchesOf: (chunk: ReadChunk) => readonly number[]) =>
    words.length === 0 ? 1 : words.filter((word, w) => mayBeUnseen(word) && read.every((chunk) => matchesOf(chunk)[w] === 0)).length / words.length;
  // The passage that holds the question best (the coverage signal's; of equals, the better ranked), the
  // question's nouns and its focus (QuestionWord.focus), and the weights of the nouns no chunk nearly holds.
  const bestCovered = read.reduce<ReadChunk | undefined>((best, chunk) => (best === undefined || chunk.coverage > best.coverage ? chunk : best), undefined);
  const nouns = words.flatMap((word, w) => (isNounLike(word) ? [w] : []));
  const focus = words.findIndex((word) => word.focus && !word.formulaic);
  const nounWeight = sum(nouns.map((w) => words[w]!.weight));
  const unseenWeights = words.filter((word, w) => mayBeUnseen(word) && read.every((chunk) => chunk.nearMatches[w] === 0)).map((word) => word.weight);
  return {
    coverage: bestCovered?.coverage ?? 0,
    windowCoverage: Math.max(0, ...read.map((chunk) => chunk.windowCoverage)),
    scoreMargin: lexicalFirst > 0 ? (lexicalFirst - lexicalSecond) / lexicalFirst : 0,
    scoreDensity: totalWeight === 0 ? 0 : lexicalFirst / totalWeight,
    ngramCoverage: Math.max(0, ...read.map((chunk) => chunk.ngramCoverage)),
    matchedShare: Math.max(0, ...read.map((chunk) => chunk.matchedShare)),
    scoreSpread: lexicalFirst > 0 ? (lexicalFirst - lexicalFifth) / lexicalFirst : 0,
    articleDensity: totalWeight === 0 ? 0 : articleFirst / totalWeight,
    contentWords: words.length,
    strangeShare: nounWeight === 0 ? 0 : sum(unseenWeights) / nounWeight,
    unseenNounShare: unseenShare((chunk) => chunk.looseMatches),
    otherYear: datesItOtherwise(analyzed, read.map((chunk) => chunk.words)) ? 1 : 0,
    unseenRarity: unseenWeights.length === 0 ? 0 : Math.min(1, Math.max(...unseenWeights) / maxIdf),
    correctedNounShare: nouns.length === 0 ? 0 : nouns.filter((w) => words[w]!.corrected).length / nouns.length,
    focusUnseen:
      focus !== -1 &&
      // A verb is the focus of a «when» only (متى استقل): «أين تقع …» and «ماذا تسمى …» paraphrase theirs.
      (isNounLike(words[focus]!) || questionType === "when") &&
      !words[focus]!.known &&
      words.length <= 3 &&
      read.every((chunk) => chunk.nearMatches[focus] === 0) &&
      !words.some((word, w) => word.rareInGeneral && bestCovered !== undefined && bestCovered.nearMatches[w]! > 0)
        ? 1
        : 0,
    focusWithoutSubject:
      focus !== -1 &&
      words.length === 2 &&
      words.every(isNounLike) &&
      read.some((chunk) => chunk.nearMatches[focus]! > 0) &&
      !read.some((chunk) => chunk.nearMatches.every((strength) => strength > 0))
        ? 1
        : 0,
    subjectShare: bestCovered && articles ? subjectShareOf(words, bestCovered, articles) : 1,
    // Any of the runs that hold the question best: the answer often follows the clause that holds its words.
    answerTypeHeld:
      TYPES_WITH_A_SHAPE.has(questionType) && bestCovered && bestCovered.bestWindows.length > 0
        ? Math.max(...bestCovered.bestWindows.map((window) => answerTypeFit(questionType, window.text)))
        : 1,
  };
}

/**
 * Of the question's words that `chunk` holds as written, the largest share of the corpus's occurrences of a word
 * that fall in the chunk's article or in the articles that carry the chunk again (its near-duplicates: a wire
 * story run by two outlets says what one does) — 1 for a word one of their titles holds (a headline or an
 * encyclopedia's title names what its article is about, however often other articles mention it). See
 * DeclineSignals.subjectShare.
 */
export function subjectShareOf(words: readonly QuestionWord[], chunk: ReadChunk, articles: ArticleStatistics): number {
  const docIds = new Set([chunk.retrieved.chunk, ...(chunk.retrieved.copies ?? [])].map((each) => each.docId));
  const ordinals = [...docIds].flatMap((docId) => {
    const ordinal = articles.ofDocId.get(docId);
    return ordinal === undefined ? [] : [ordinal];
  });
  if (ordinals.length === 0) return 1;
  let largest = 0;
  // Words the passage holds only by a near spelling or a shared root have no count of their own to share: when
  // no word is held as written, nothing is known, and nothing is held against the answer.
  let measured = false;
  for (const [w, word] of words.entries()) {
    if (chunk.nearMatches[w] === 0) continue;
    for (const term of word.terms) {
      if (ordinals.some((article) => articles.lexical.termFrequency(term, article, "title") > 0)) return 1;
      const inArticles = sum(ordinals.map((article) => articles.lexical.termFrequency(term, article)));
      if (inArticles === 0) continue;
      measured = true;
      largest = Math.max(largest, inArticles / articles.lexical.collectionFrequency(term));
    }
  }
  return measured ? largest : 1;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
