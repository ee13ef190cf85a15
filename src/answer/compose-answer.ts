import { provenanceOf, type Provenance } from "../corpus/article.js";
import type { LexicalIndex } from "../index/lexical-index.js";
import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import type { Analyzer } from "../text/analyzer.js";
import { largestInverseDocumentFrequency } from "../text/background-rarity.js";
import { normalizeArabic } from "../text/normalize.js";
import { answerProbability, DEFAULT_DECLINE_MODEL, isRuledOut, type DeclineModel, type DeclineSignals } from "./decline-model.js";
import { declineSignalsOf, type ArticleStatistics } from "./decline-signals.js";
import type { QuestionType } from "../question/question-type.js";
import { readQuestion, type QuestionReading } from "../question/read-question.js";
import { cutAtWords, fillAtWords } from "./quote-span.js";
import { readChunk, type PassageLayouts, type ReadChunk, type ReadingParams } from "./read-passage.js";
import { rarestKnownNoun, type QuestionWord } from "../question/weighed-words.js";

/** The answer text of a declined question. */
export const NOT_IN_SOURCES = "لا أجد في مصادري ما يجيب عن هذا السؤال.";

/** A quoted passage and where it comes from. `quote` is an exact slice of the article's source text. */
export interface Citation extends Provenance {
  readonly n: number;
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly section: string;
  readonly quote: string;
  /** Offsets of the quote in the article's source text (`article.text.slice(start, end) === quote`). */
  readonly start: number;
  readonly end: number;
  /** Other articles that carry the same passage (near-duplicates left out of retrieval), when there are any. */
  readonly alsoIn?: ReadonlyArray<{ readonly docId: string; readonly title: string }>;
}

/** A retrieved chunk as reported with an answer, cited or not. */
export interface SourceReference {
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly section: string;
  /** The retrieval score (fused RRF; in lexical mode BM25 with article evidence), higher is better; comparable only within one question. */
  readonly score: number;
  /** Chunks left out of the ranking as near-duplicates of this one (retrieval/near-duplicates), which it stands for. */
  readonly copies?: readonly string[];
}

export interface Answer {
  /** True when the sources do not answer: `text` then says so and there are no citations. */
  readonly abstained: boolean;
  /** What a reader sees: quotes marked [n], at most `maxAnswerChars`; NOT_IN_SOURCES when abstained. */
  readonly text: string;
  readonly citations: readonly Citation[];
  /** Retrieved chunks, best first. */
  readonly sources: readonly SourceReference[];
  /** The probability, in [0, 1], that the sources answer the question: what the decision to decline rests on. */
  readonly evidence: number;
  /**
   * Answered, but with evidence below `tentativeBelow` or from a passage about something else (see
   * `tentativeSubjectShare`): the reader is told the passage may not answer the
   * question. False when declined.
   */
  readonly tentative: boolean;
  /** Why a tentative answer is tentative (tentativeReasonOf); absent when it is not. */
  readonly tentativeReason?: TentativeReason;
  /** What that probability was computed from (see answer/decline-model). */
  readonly signals: DeclineSignals;
  readonly questionType: QuestionType;
}

export interface ComposeParams extends ReadingParams {
  /** The longest answer text, markers and ellipses included. */
  readonly maxAnswerChars: number;
  /** The quote around the best clause grows with neighbouring clauses up to about this many characters. */
  readonly targetQuoteChars: number;
  /**
   * The same, for the first of two quotes (see secondCitationRatio): two passages that answer alike share the
   * answer, the first taking about half of it, so that the second has room for more than a few words.
   */
  readonly pairedQuoteChars: number;
  /** How many of the top retrieved chunks are searched for answering clauses. */
  readonly candidateChunks: number;
  /** Below this answer probability the question is declined. Calibrated in docs/EVALUATION.md. */
  readonly declineBelow: number;
  /**
   * Below this answer probability (and above declineBelow) an answer is given as tentative: the band where most
   * wrong answers lie. Chosen on both sets' tuning corpora as the lowest that answers at most 5 % of the
   * questions about other articles confidently in each (docs/EVALUATION.md, "Tentative answers").
   */
  readonly tentativeBelow: number;
  /**
   * An answer is also tentative when the article of the passage that holds the question best (most often the
   * one quoted first) holds less than this share of what the corpus says of the question's words, and its title
   * names none of them (DeclineSignals.subjectShare): the passage mentions the question's subject in passing,
   * as an article on Iran mentions Asia. Chosen on both sets' tuning corpora (docs/evaluation-log.md, round
   * sixteen; measured on the quoted passage instead, the figures moved by one question either way).
   */
  readonly tentativeSubjectShare: number;
  readonly declineModel: DeclineModel;
  /** Weights of the clause score's parts. */
  readonly weights: {
    /** Share of the question's weight the clause itself covers. */
    readonly clauseCoverage: number;
    /** Share the clause's whole chunk covers. */
    readonly chunkCoverage: number;
    /** 1 / retrieval rank of the chunk. */
    readonly retrievalRank: number;
    /** answerTypeFit of the clause. */
    readonly answerType: number;
    /** Words the question does not have: the answer itself is rarely made of question words. */
    readonly novelty: number;
    /**
     * The share of its weight a question word that names the chunk's article (a word of its title) counts with
     * in the clause's coverage: the title's words chose the article, the others choose the clause.
     */
    readonly titleWordShare: number;
  };
  /** A second passage from another chunk is cited when its clause scores at least this share of the best. */
  readonly secondCitationRatio: number;
  /** Ranked sources reported with every answer. */
  readonly sourcesReported: number;
}

export const DEFAULT_COMPOSE_PARAMS: ComposeParams = {
  maxAnswerChars: 400,
  targetQuoteChars: 390,
  pairedQuoteChars: 200,
  candidateChunks: 3,
  declineBelow: 0.5,
  tentativeBelow: 0.97,
  tentativeSubjectShare: 0.3,
  declineModel: DEFAULT_DECLINE_MODEL,
  // 0.55, not 0.6: a short word behind a one-letter proclitic shares few trigrams with its form behind the
  // article (لداء / الداء: 0.57), and a quote chosen without it missed the clause that answers. Measured on both
  // sets' tuning splits (docs/evaluation-log.md, round seventeen).
  softMatchMin: 0.55,
  unseenSpellingMin: 0.4,
  clauseMinChars: 30,
  weights: { clauseCoverage: 1, chunkCoverage: 0.5, retrievalRank: 0.3, answerType: 0.1, novelty: 0.2, titleWordShare: 0.5 },
  secondCitationRatio: 0.9,
  sourcesReported: 5,
};

/** What the composer needs of the index: term statistics for weighing question words. */
export interface ComposeContext {
  readonly analyzer: Analyzer;
  readonly lexical: Pick<LexicalIndex, "inverseDocumentFrequency" | "documentFrequency" | "documentCount">;
  /** The articles' term statistics (the index's; see DeclineSignals.subjectShare); without them that signal reads 1. */
  readonly articles?: ArticleStatistics;
  /** Chunk layouts kept between questions (the pipeline keeps one per index); without it each is laid out anew. */
  readonly passages?: PassageLayouts;
}

/** The clause of a chunk that best answers the question (see bestClause), and its score. */
interface ProposedClause {
  readonly chunk: ReadChunk;
  readonly center: number;
  readonly score: number;
}

/** A run of adjacent clauses of a chunk, first to last, quoted around a proposed clause. */
interface QuoteWindow {
  readonly chunk: ReadChunk;
  readonly first: number;
  readonly last: number;
}

/**
 * Builds an extractive answer from retrieved chunks: the clause that best answers the question, grown with
 * its neighbours until it reads on its own, quoted verbatim and cited; or a decline when the sources do not
 * hold the question. Pure: the same inputs give the same answer.
 */
export function composeAnswer(
  question: string,
  retrieved: readonly RetrievedChunk[],
  context: ComposeContext,
  params: ComposeParams = DEFAULT_COMPOSE_PARAMS,
  reading: QuestionReading = readQuestion(question, context.analyzer, context.lexical),
): Answer {
  const { analyzed, words, type: questionType } = reading;
  const sources = retrieved.slice(0, Math.max(params.sourcesReported, 0)).map(({ chunk, score, copies }) => ({
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    section: chunk.section,
    score: Math.round(score * 10000) / 10000,
    ...(copies && copies.length > 0 ? { copies: copies.map((copy) => copy.id) } : {}),
  }));
  // One reading for the words and their n-grams (and, from the pipeline, for retrieval too), so that a word
  // split where a space went missing (text/glued-words) is read as two words by all of them.
  const questionGrams = new Set(context.analyzer.charNgramsOf(analyzed));
  const totalWeight = words.reduce((sum, word) => sum + word.weight, 0);
  const read = retrieved.slice(0, params.candidateChunks).map((item, rank) => readChunk(item, rank, words, totalWeight, questionGrams, questionType, context.analyzer, params, context.passages));
  const signals = declineSignalsOf(words, analyzed, questionType, retrieved, read, largestInverseDocumentFrequency(context.lexical), context.articles);
  const evidence = words.length === 0 || isRuledOut(signals) ? 0 : answerProbability(signals, context.lexical.documentCount, params.declineModel);
  const declined: Answer = { abstained: true, text: NOT_IN_SOURCES, citations: [], sources, evidence, tentative: false, signals, questionType };
  if (read.length === 0 || words.length === 0 || evidence < params.declineBelow) return declined;

  const proposed = read
    .map((chunk) => bestClause(chunk, words, params))
    .sort((a, b) => b.score - a.score || a.chunk.rank - b.chunk.rank);
  const best = proposed[0]!;
  // A second passage is cited only if it names what the question is about (its rarest noun the corpus knows):
  // an added article on a council «المنعقدة يوم 5 أكتوبر» scored as well as the forum's lead on «متى ينعقد
  // المنتدى؟» through the verb and the date alone, and was cited beside it.
  const subject = rarestKnownNoun(words);
  // Nor is a passage whose clause the first passage already says: ARCD's paragraphs often repeat the opening of
  // the one before, and a wire story its own lead; citing both showed the reader one sentence twice and left the
  // first quote half its room (44 of ARCD's 589 answered questions, 12 of them missing the answer for it).
  // What the first passage says, as matching text: read once, and only when a second passage is weighed.
  let said: string | undefined;
  const firstSays = () => (said ??= comparable(best.chunk.retrieved.chunk.text));
  const second = proposed
    .slice(1)
    .find((clause) => (subject === undefined || clause.chunk.nearMatches[subject]! > 0) && !saysAgain(clause, firstSays()));
  // When the first quote took the whole room, half of the second passages that qualified (22 of 46 on XQuAD-ar's
  // tuning split) had none left, and the others about 70 characters; sharing it gained 1.0 pt of answer hit.
  const chosen: Array<{ clause: ProposedClause; target: number }> =
    second && second.score >= params.secondCitationRatio * best.score
      ? [
          { clause: best, target: params.pairedQuoteChars },
          { clause: second, target: params.targetQuoteChars },
        ]
      : [{ clause: best, target: params.targetQuoteChars }];

  const citations: Citation[] = [];
  const parts: string[] = [];
  let budget = params.maxAnswerChars;
  for (const { clause, target } of chosen) {
    const n = citations.length + 1;
    const marker = ` [${n}]`;
    const separator = parts.length > 0 ? " " : "";
    // Room for the marker and two ellipses; a second citation gets what the first left.
    const room = budget - marker.length - separator.length - 2;
    if (room < 40) break;
    const window = grownAround(clause, Math.min(target, room));
    const chunk = window.chunk.retrieved.chunk;
    let span = { start: window.chunk.clauses[window.first]!.start, end: window.chunk.clauses[window.last]!.end };
    if (span.end - span.start > room) span = cutAtWords(chunk.text, span, room);
    // A lone quote fills the answer's room with the words after it (then before it, at the chunk's end): the
    // answer usually follows the question's words, and a quote cut at a clause often stops short of it.
    // Measured on XQuAD-ar's tuning split, answer hit +1.1 pt; a second citation keeps the room instead.
    else if (chosen.length === 1) span = fillAtWords(chunk.text, span, room);
    const sentences = window.chunk.sentences;
    const opensSentence = sentences.some((sentence) => sentence.start === span.start);
    const closesSentence = sentences.some((sentence) => sentence.end === span.end);
    const part = `${opensSentence ? "" : "…"}${chunk.text.slice(span.start, span.end)}${closesSentence ? "" : "…"}${marker}`;
    if (part.length + separator.length > budget) break;
    parts.push(part);
    budget -= part.length + separator.length;
    citations.push(citationOf(n, window.chunk.retrieved, span));
  }
  if (citations.length === 0) return declined;
  const reason = tentativeReasonOf(evidence, signals, params);
  return { abstained: false, text: parts.join(" "), citations, sources, evidence, tentative: reason !== undefined, ...(reason ? { tentativeReason: reason } : {}), signals, questionType };
}

/**
 * Why an answer is given with the tentative note: its passage names the question's subject only in passing
 * (subjectShare under tentativeSubjectShare) — said first, since it tells the reader most — or its evidence is
 * under tentativeBelow; undefined when neither.
 */
export type TentativeReason = "passing-mention" | "low-evidence";

export function tentativeReasonOf(evidence: number, signals: DeclineSignals, params: Pick<ComposeParams, "tentativeBelow" | "tentativeSubjectShare">): TentativeReason | undefined {
  if (signals.subjectShare < params.tentativeSubjectShare) return "passing-mention";
  return evidence < params.tentativeBelow ? "low-evidence" : undefined;
}

/** Whether an answer given at this evidence is given with the tentative note (see tentativeReasonOf). */
export function isTentative(evidence: number, signals: DeclineSignals, params: Pick<ComposeParams, "tentativeBelow" | "tentativeSubjectShare">): boolean {
  return tentativeReasonOf(evidence, signals, params) !== undefined;
}

function citationOf(n: number, retrieved: RetrievedChunk, span: { start: number; end: number }): Citation {
  const chunk = retrieved.chunk;
  // One mention per other article, in the order retrieval ranked them.
  const alsoIn = [...new Map((retrieved.copies ?? []).filter((copy) => copy.docId !== chunk.docId).map((copy) => [copy.docId, { docId: copy.docId, title: copy.title }])).values()];
  return {
    n,
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    section: chunk.section,
    quote: chunk.text.slice(span.start, span.end),
    start: chunk.start + span.start,
    end: chunk.start + span.end,
    ...provenanceOf(chunk),
    ...(alsoIn.length > 0 ? { alsoIn } : {}),
  };
}

/**
 * Whether a proposed clause's words stand, in the same order, in what another passage says (`alreadySaid`, that
 * passage as comparable text): a repeat, not a second source. Compared as matching text (normalizeArabic,
 * spacing and punctuation aside), since copies of a paragraph differ in their diacritics and spacing.
 */
function saysAgain({ chunk, center }: ProposedClause, alreadySaid: string): boolean {
  const clause = chunk.clauses[center]!;
  const said = comparable(chunk.retrieved.chunk.text.slice(clause.start, clause.end));
  return said.length > 0 && alreadySaid.includes(said);
}

function comparable(text: string): string {
  return normalizeArabic(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The clause of a chunk a quote is built around: the one that holds most of the question, fits the kind of
 * answer asked for and brings words of its own (the answer itself is rarely made of question words). A question
 * word that names the chunk's article counts at `titleWordShare` of its weight: an encyclopedia article names
 * its subject in sentence after sentence, and «في أي عام طرح ألبرت أينشتاين النسبية العامة؟» was quoted from
 * the lead's first sentence, which names Einstein and his two theories, not from the one that says when he
 * put forward the general one. Measured on both sets' tuning splits (docs/evaluation-log.md, round seventeen):
 * ARCD's answer hit 0.809 → 0.819 at 0.5, alike from 0.25 to 0.75, 0.794 at 0 (a question that names nothing but
 * the subject has nothing left to choose its clause by); XQuAD-ar's titles are English and it does not move.
 */
function bestClause(chunk: ReadChunk, words: readonly QuestionWord[], params: ComposeParams): ProposedClause {
  const { clauses, matches } = chunk;
  const weights = params.weights;
  const prior = weights.chunkCoverage * chunk.sectionCoverage + weights.retrievalRank / (chunk.rank + 1);
  const weightOf = words.map((word, w) => word.weight * (chunk.namesTitle[w] ? weights.titleWordShare : 1));
  const totalWeight = weightOf.reduce((sum, weight) => sum + weight, 0);
  let center = 0;
  let score = -Infinity;
  clauses.forEach((_, c) => {
    const covered = weightOf.reduce((sum, weight, w) => sum + weight * matches[c]![w]!, 0);
    const clauseScore =
      prior +
      weights.clauseCoverage * (totalWeight === 0 ? 0 : covered / totalWeight) +
      weights.answerType * chunk.typeFit[c]! +
      weights.novelty * Math.min(1, chunk.novelWords[c]! / 3);
    if (clauseScore > score) [center, score] = [c, clauseScore];
  });
  return { chunk, center, score };
}

/**
 * A quote around a proposed clause: grown with neighbouring clauses alternately to the right and to the left
 * while it fits in `target` characters — so it reads on its own and the answer, usually next to the question's
 * words, is inside. (Taking the best-scoring run of clauses instead was measured worse: docs/evaluation-log.md.)
 * A clause longer than `target` stands alone.
 */
function grownAround({ chunk, center }: ProposedClause, target: number): QuoteWindow {
  const clauses = chunk.clauses;
  const length = (from: number, to: number) => clauses[to]!.end - clauses[from]!.start;
  let first = center;
  let last = center;
  for (let side = 0; ; side += 1) {
    const canRight = last + 1 < clauses.length && length(first, last + 1) <= target;
    const canLeft = first > 0 && length(first - 1, last) <= target;
    if (!canRight && !canLeft) break;
    if (canRight && (side % 2 === 0 || !canLeft)) last += 1;
    else first -= 1;
  }
  return { chunk, first, last };
}
