import type { Chunk } from "../corpus/article.js";
import type { LexicalIndex } from "../index/lexical-index.js";
import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";
import { splitClauses, splitSentences, type TextSpan } from "../text/segment.js";
import { answerTypeFit, detectQuestionType, type QuestionType } from "./question-type.js";

/** The answer text of a declined question. */
export const NOT_IN_SOURCES = "لا أجد في مصادري ما يجيب عن هذا السؤال.";

/** A quoted passage and where it comes from. `quote` is an exact slice of the article's source text. */
export interface Citation {
  readonly n: number;
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly section: string;
  readonly quote: string;
  /** Offsets of the quote in the article's source text (`article.text.slice(start, end) === quote`). */
  readonly start: number;
  readonly end: number;
}

/** A retrieved chunk as reported with an answer, cited or not. */
export interface SourceReference {
  readonly docId: string;
  readonly chunkId: string;
  readonly title: string;
  readonly section: string;
  /** The retrieval score (fused RRF or BM25), higher is better; comparable only within one question. */
  readonly score: number;
}

export interface Answer {
  /** True when the sources do not answer: `text` then says so and there are no citations. */
  readonly abstained: boolean;
  /** What a reader sees: quotes marked [n], at most `maxAnswerChars`; NOT_IN_SOURCES when abstained. */
  readonly text: string;
  readonly citations: readonly Citation[];
  /** Retrieved chunks, best first. */
  readonly sources: readonly SourceReference[];
  /** How much of the question the best passage covers, in [0, 1] (IDF-weighted): what the decision rests on. */
  readonly evidence: number;
  readonly questionType: QuestionType;
}

export interface ComposeParams {
  /** The longest answer text, markers and ellipses included. */
  readonly maxAnswerChars: number;
  /** The quote around the best clause grows with neighbouring clauses up to about this many characters. */
  readonly targetQuoteChars: number;
  /** How many of the top retrieved chunks are searched for answering clauses. */
  readonly candidateChunks: number;
  /** Below this evidence the answer is declined. Calibrated in docs/EVALUATION.md. */
  readonly declineBelow: number;
  /** Two words whose character trigrams overlap at least this much (Dice) count as a partial match. */
  readonly softMatchMin: number;
  /** Shortest clause, in characters, before it is joined to a neighbour. */
  readonly clauseMinChars: number;
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
  };
  /** A second passage from another chunk is cited when its clause scores at least this share of the best. */
  readonly secondCitationRatio: number;
  /** Ranked sources reported with every answer. */
  readonly sourcesReported: number;
}

export const DEFAULT_COMPOSE_PARAMS: ComposeParams = {
  maxAnswerChars: 400,
  targetQuoteChars: 280,
  candidateChunks: 3,
  declineBelow: 0.5,
  softMatchMin: 0.6,
  clauseMinChars: 40,
  weights: { clauseCoverage: 1, chunkCoverage: 0.5, retrievalRank: 0.3, answerType: 0.2, novelty: 0.2 },
  secondCitationRatio: 0.9,
  sourcesReported: 5,
};

/** What the composer needs of the index: term statistics for weighing question words. */
export interface ComposeContext {
  readonly analyzer: Analyzer;
  readonly lexical: Pick<LexicalIndex, "inverseDocumentFrequency">;
}

interface QuestionWord {
  readonly terms: readonly string[];
  readonly grams: ReadonlySet<string>;
  /** IDF of the word's stem; a word no chunk holds weighs the most. */
  readonly weight: number;
}

interface PassageWord {
  readonly word: AnalyzedWord;
  readonly grams: ReadonlySet<string>;
}

interface ScoredClause {
  readonly retrieved: RetrievedChunk;
  readonly rank: number;
  readonly clauses: readonly TextSpan[];
  readonly index: number;
  readonly score: number;
  readonly clauseScores: readonly number[];
  readonly chunkCoverage: number;
}

/**
 * Builds an extractive answer from retrieved chunks: the clause that best answers the question, grown with
 * its neighbours until it reads on its own, quoted verbatim and cited; or a decline when no chunk covers
 * enough of the question. Pure: the same inputs give the same answer.
 */
export function composeAnswer(
  question: string,
  retrieved: readonly RetrievedChunk[],
  context: ComposeContext,
  params: ComposeParams = DEFAULT_COMPOSE_PARAMS,
): Answer {
  const questionType = detectQuestionType(question);
  const sources = retrieved.slice(0, Math.max(params.sourcesReported, 0)).map(({ chunk, score }) => ({
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    section: chunk.section,
    score: Math.round(score * 10000) / 10000,
  }));
  const declined = (evidence: number): Answer => ({ abstained: true, text: NOT_IN_SOURCES, citations: [], sources, evidence, questionType });

  const words = questionWords(question, context);
  const totalWeight = words.reduce((sum, word) => sum + word.weight, 0);
  if (words.length === 0 || totalWeight === 0) return declined(0);

  const candidates = retrieved.slice(0, params.candidateChunks).map((item, rank) =>
    bestClauseOf(item, rank, words, totalWeight, questionType, context.analyzer, params),
  );
  const evidence = Math.max(0, ...candidates.map((candidate) => candidate.chunkCoverage));
  if (candidates.length === 0 || evidence < params.declineBelow) return declined(evidence);

  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.rank - b.rank);
  const best = ranked[0]!;
  const chosen = [best];
  const second = ranked.find((candidate) => candidate.retrieved.chunk.id !== best.retrieved.chunk.id);
  if (second && second.score >= params.secondCitationRatio * best.score && second.chunkCoverage >= params.declineBelow) {
    chosen.push(second);
  }

  const citations: Citation[] = [];
  const parts: string[] = [];
  let budget = params.maxAnswerChars;
  for (const candidate of chosen) {
    const n = citations.length + 1;
    const marker = ` [${n}]`;
    const separator = parts.length > 0 ? " " : "";
    // Room for the marker and two ellipses; a second citation gets what the first left.
    const room = Math.min(budget - marker.length - separator.length - 2, n === 1 ? params.targetQuoteChars : budget);
    if (room < 40) break;
    const span = growWindow(candidate, Math.min(room, params.targetQuoteChars), room);
    const chunk = candidate.retrieved.chunk;
    const quote = chunk.text.slice(span.start, span.end);
    const sentences = splitSentences(chunk.text);
    const opensSentence = sentences.some((sentence) => sentence.start === span.start);
    const closesSentence = sentences.some((sentence) => sentence.end === span.end);
    const part = `${opensSentence ? "" : "…"}${quote}${closesSentence ? "" : "…"}${marker}`;
    if (part.length + separator.length > budget) break;
    parts.push(part);
    budget -= part.length + separator.length;
    citations.push(citationOf(n, chunk, span));
  }
  if (citations.length === 0) return declined(evidence);
  return { abstained: false, text: parts.join(" "), citations, sources, evidence, questionType };
}

function citationOf(n: number, chunk: Chunk, span: { start: number; end: number }): Citation {
  return {
    n,
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    section: chunk.section,
    quote: chunk.text.slice(span.start, span.end),
    start: chunk.start + span.start,
    end: chunk.start + span.end,
  };
}

function questionWords(question: string, { analyzer, lexical }: ComposeContext): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  for (const word of analyzer.analyzeWords(question)) {
    const stem = word.terms[0];
    if (!stem || seen.has(stem)) continue;
    seen.add(stem);
    words.push({ terms: word.terms, grams: trigrams(word.normalized), weight: lexical.inverseDocumentFrequency(stem) });
  }
  return words;
}

function trigrams(word: string): Set<string> {
  const padded = `_${word}_`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size || 1);
}

/** How well a passage holds one question word, in [0, 1]: 1 for the same stem, the trigram overlap for a near miss. */
function matchStrength(word: QuestionWord, passage: readonly PassageWord[], softMatchMin: number): number {
  let best = 0;
  for (const candidate of passage) {
    if (candidate.word.terms.some((term) => word.terms.includes(term))) return 1;
    const similarity = dice(word.grams, candidate.grams);
    if (similarity >= softMatchMin && similarity > best) best = similarity;
  }
  return best;
}

function coverage(words: readonly QuestionWord[], passage: readonly PassageWord[], totalWeight: number, softMatchMin: number): number {
  let covered = 0;
  for (const word of words) covered += word.weight * matchStrength(word, passage, softMatchMin);
  return covered / totalWeight;
}

function bestClauseOf(
  retrieved: RetrievedChunk,
  rank: number,
  words: readonly QuestionWord[],
  totalWeight: number,
  questionType: QuestionType,
  analyzer: Analyzer,
  params: ComposeParams,
): ScoredClause {
  const passageWordsOf = (text: string): PassageWord[] =>
    analyzer.analyzeWords(text).map((word) => ({ word, grams: trigrams(word.normalized) }));
  const chunk = retrieved.chunk;
  const passageWords = passageWordsOf(chunk.text);
  const whereWords = passageWordsOf(chunk.section === chunk.title ? chunk.title : `${chunk.title} ${chunk.section}`);
  const chunkCoverage = coverage(words, [...passageWords, ...whereWords], totalWeight, params.softMatchMin);
  const clauses = splitSentences(chunk.text).flatMap((sentence) =>
    splitClauses(chunk.text, sentence, { minChars: params.clauseMinChars }),
  );
  const weights = params.weights;
  const clauseScores = clauses.map((clause) => {
    const inClause = passageWords.filter((p) => p.word.span.start >= clause.start && p.word.span.end <= clause.end);
    const clauseCoverage = coverage(words, inClause, totalWeight, params.softMatchMin);
    const novel = inClause.filter(
      (p) => p.word.terms.length > 0 && !words.some((word) => matchStrength(word, [p], params.softMatchMin) > 0),
    ).length;
    return (
      weights.clauseCoverage * clauseCoverage +
      weights.chunkCoverage * chunkCoverage +
      weights.retrievalRank / (rank + 1) +
      weights.answerType * answerTypeFit(questionType, clause.text) +
      weights.novelty * Math.min(1, novel / 3)
    );
  });
  let index = 0;
  clauseScores.forEach((score, i) => {
    if (score > clauseScores[index]!) index = i;
  });
  return { retrieved, rank, clauses, index, score: clauseScores[index] ?? 0, clauseScores, chunkCoverage };
}

/**
 * The quote around a chunk's best clause: neighbouring clauses join, the better-scoring side first, while
 * the span stays within `target` characters. A single clause longer than `limit` is cut at word boundaries
 * around its middle.
 */
function growWindow(candidate: ScoredClause, target: number, limit: number): { start: number; end: number } {
  const { clauses, clauseScores } = candidate;
  let first = candidate.index;
  let last = candidate.index;
  const length = (from: number, to: number) => clauses[to]!.end - clauses[from]!.start;
  for (;;) {
    const left = first > 0 && length(first - 1, last) <= target ? first - 1 : undefined;
    const right = last < clauses.length - 1 && length(first, last + 1) <= target ? last + 1 : undefined;
    if (left === undefined && right === undefined) break;
    if (right !== undefined && (left === undefined || clauseScores[right]! >= clauseScores[left]!)) last = right;
    else first = left!;
  }
  const span = { start: clauses[first]!.start, end: clauses[last]!.end };
  if (span.end - span.start <= limit) return span;
  return cutAtWords(candidate.retrieved.chunk.text, span, limit);
}

/** The middle of a span, at most `limit` characters, starting and ending on word boundaries. */
function cutAtWords(text: string, span: { start: number; end: number }, limit: number): { start: number; end: number } {
  const excess = span.end - span.start - limit;
  let start = span.start + Math.ceil(excess / 2);
  let end = start + limit;
  while (start < end && /[\p{L}\p{M}\p{N}]/u.test(text[start - 1] ?? "")) start += 1;
  while (end > start && /[\p{L}\p{M}\p{N}]/u.test(text[end] ?? "")) end -= 1;
  while (start < end && /\s/u.test(text[start]!)) start += 1;
  while (end > start && /\s/u.test(text[end - 1]!)) end -= 1;
  return { start, end };
}
