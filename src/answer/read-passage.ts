/**
 * A retrieved chunk read against a question: its sentences and clauses, how each clause holds each question word,
 * and how the whole chunk holds the question — what quotes are chosen by (answer/compose-answer) and what the
 * decision to decline reads (answer/decline-signals). Pure.
 */
import type { Chunk } from "../corpus/article.js";
import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";
import { splitClauses, splitSentences, type TextSpan } from "../text/segment.js";
import { answerTypeFit, type QuestionType } from "../question/question-type.js";
import { mayBeUnseen, type QuestionWord } from "../question/weighed-words.js";
import { coverage, matchStrength, passageWordsOf, sharedShare, type PassageWord } from "./word-matching.js";


/** How passages are read against a question. */
export interface ReadingParams {
  /** Two words whose character trigrams overlap at least this much (Dice) count as a partial match. */
  readonly softMatchMin: number;
  /**
   * For the decline model's unseenNounShare, a question word no chunk holds is counted as naming something the
   * corpus never mentions only when no passage word of the best chunks overlaps it even this much. A slip the
   * spelling correction cannot mend still leaves about half a word's trigrams; an unknown name rarely shares
   * that much with a word of the passage. Measured with `npm run eval -- --noise typos` (docs/evaluation-log.md):
   * at softMatchMin's 0.6 of then, or at 0.5, questions with a typo were declined more often than without the signal.
   */
  readonly unseenSpellingMin: number;
  /** Shortest clause, in characters, before it is joined to a neighbour. */
  readonly clauseMinChars: number;
}

/** A retrieved chunk read for the answer: its clauses and how each holds the question's words. */
export interface ReadChunk {
  readonly retrieved: RetrievedChunk;
  readonly rank: number;
  readonly sentences: readonly TextSpan[];
  readonly clauses: readonly TextSpan[];
  /** The words of the chunk's text, analysed. */
  readonly words: readonly AnalyzedWord[];
  /** matches[clause][word]: how well the clause holds the question word, in [0, 1] (see matchStrength). */
  readonly matches: ReadonlyArray<readonly number[]>;
  /** Per clause: words the question does not have, and answerTypeFit. */
  readonly novelWords: readonly number[];
  readonly typeFit: readonly number[];
  /** Coverage of the question by the section (text and heading), by everything (title too), and the signals. */
  readonly sectionCoverage: number;
  readonly coverage: number;
  readonly windowCoverage: number;
  /**
   * The runs of clauses that give windowCoverage, in text order: a question's words often stand in one or two
   * clauses, which several runs of three hold alike.
   */
  readonly bestWindows: readonly TextSpan[];
  readonly ngramCoverage: number;
  readonly matchedShare: number;
  /** Per question word: how well the chunk holds it (text, heading and title). */
  readonly nearMatches: readonly number[];
  /** The same with unseenSpellingMin for near spellings, for the words that mayBeUnseen (0 for the others). */
  readonly looseMatches: readonly number[];
  /** Per question word: whether it names the chunk's article, sharing a term with its title. */
  readonly namesTitle: readonly boolean[];
}

/** Reads one retrieved chunk, ranked `rank` among those read, against the question's words. */
export function readChunk(
  retrieved: RetrievedChunk,
  rank: number,
  words: readonly QuestionWord[],
  totalWeight: number,
  questionGrams: ReadonlySet<string>,
  questionType: QuestionType,
  analyzer: Analyzer,
  params: ReadingParams,
  layouts?: PassageLayouts,
): ReadChunk {
  const chunk = retrieved.chunk;
  const layout = layouts?.of(chunk, analyzer, params.clauseMinChars) ?? layoutOf(chunk, analyzer, params.clauseMinChars);
  const { passageWords, headingWords, everything, sentences, clauses, clauseWords } = layout;
  const clauseMatches = clauseWords.map((inClause) => words.map((word) => matchStrength(word, inClause, params.softMatchMin)));
  // A headline sums up its lead: in the lead chunk (whose heading is the title), a question word the
  // headline holds counts as held by every clause, so "who leads the delegation?" finds the lead's name.
  const headlineMatches = chunk.section === chunk.title ? words.map((word) => matchStrength(word, headingWords, params.softMatchMin)) : undefined;
  const matches = headlineMatches ? clauseMatches.map((row) => row.map((strength, w) => Math.max(strength, headlineMatches[w]!))) : clauseMatches;
  const novelWords = clauseWords.map(
    (inClause) => inClause.filter((p) => p.word.terms.length > 0 && !words.some((word) => matchStrength(word, [p], params.softMatchMin) > 0)).length,
  );
  // One search per word: matchStrength gives the best similarity at or above its threshold, so searching at the
  // lower of the two thresholds gives both strengths. Only a word that may be unseen needs the looser one.
  const atThreshold = (strength: number, min: number) => (strength >= min ? strength : 0);
  const searched = words.map((word) =>
    matchStrength(word, everything, mayBeUnseen(word) ? Math.min(params.softMatchMin, params.unseenSpellingMin) : params.softMatchMin),
  );
  const nearMatches = searched.map((strength) => atThreshold(strength, params.softMatchMin));
  const looseMatches = searched.map((strength, w) => (mayBeUnseen(words[w]!) ? atThreshold(strength, params.unseenSpellingMin) : 0));
  // Clauses cover their sentence's words, so a run of clauses holds a word as well as its best clause does.
  let windowCoverage = 0;
  let bestWindows: TextSpan[] = [];
  clauses.forEach((_, i) => {
    if (totalWeight === 0) return;
    const first = Math.max(0, i - 1);
    const run = clauseMatches.slice(first, i + 2);
    const covered = words.reduce((sum, word, w) => sum + word.weight * Math.max(...run.map((row) => row[w]!)), 0) / totalWeight;
    if (bestWindows.length > 0 && covered < windowCoverage) return;
    if (covered > windowCoverage) bestWindows = [];
    windowCoverage = covered;
    const { start } = clauses[first]!;
    const { end } = clauses[Math.min(clauses.length - 1, i + 1)]!;
    bestWindows.push({ start, end, text: chunk.text.slice(start, end) });
  });
  return {
    retrieved,
    rank,
    sentences,
    clauses,
    words: passageWords.map((passageWord) => passageWord.word),
    matches,
    novelWords,
    typeFit: typeFitOf(layout, questionType),
    sectionCoverage: coverage(words, [...passageWords, ...headingWords], params.softMatchMin),
    coverage: coverage(words, everything, params.softMatchMin),
    windowCoverage,
    bestWindows,
    matchedShare: words.length === 0 ? 0 : nearMatches.filter((strength) => strength > 0).length / words.length,
    nearMatches,
    looseMatches,
    ngramCoverage: sharedShare(questionGrams, layout.grams),
    namesTitle: words.map((word) => word.terms.some((term) => layout.titleTerms.has(term))),
  };
}

/** What reading a chunk needs that does not depend on the question: its words, sentences and clauses. */
export interface PassageLayout {
  readonly passageWords: readonly PassageWord[];
  readonly headingWords: readonly PassageWord[];
  /** The text's, the heading's and (outside the lead) the title's words. */
  readonly everything: readonly PassageWord[];
  readonly sentences: readonly TextSpan[];
  readonly clauses: readonly TextSpan[];
  /** The words of each clause. */
  readonly clauseWords: ReadonlyArray<readonly PassageWord[]>;
  /** The character n-grams of `everything`. */
  readonly grams: ReadonlySet<string>;
  /** answerTypeFit of each clause, by question type, filled as types are asked (see typeFitOf). */
  readonly typeFits: Map<QuestionType, readonly number[]>;
  /** The terms of the article's title. */
  readonly titleTerms: ReadonlySet<string>;
}

/** answerTypeFit of each clause of a layout for a question type, computed once per type and layout. */
function typeFitOf(layout: PassageLayout, questionType: QuestionType): readonly number[] {
  let fits = layout.typeFits.get(questionType);
  if (!fits) {
    fits = layout.clauses.map((clause) => answerTypeFit(questionType, clause.text));
    layout.typeFits.set(questionType, fits);
  }
  return fits;
}

/** Lays out a chunk for reading (see readChunk). Pure. */
export function layoutOf(chunk: Chunk, analyzer: Analyzer, clauseMinChars: number): PassageLayout {
  const passageWords = passageWordsOf(chunk.text, analyzer);
  // The heading belongs to its section (the lead's heading is the title); the title to the whole article,
  // so it counts as evidence for every chunk but ranks quotes only in the lead.
  const headingWords = passageWordsOf(chunk.section, analyzer);
  const titleWords = chunk.section === chunk.title ? [] : passageWordsOf(chunk.title, analyzer);
  const everything = [...passageWords, ...headingWords, ...titleWords];
  const sentences = splitSentences(chunk.text);
  const clauses = sentences.flatMap((sentence) => splitClauses(chunk.text, sentence, { minChars: clauseMinChars }));
  const clauseWords = clauses.map((clause) => passageWords.filter((p) => p.word.span.start >= clause.start && p.word.span.end <= clause.end));
  const grams = new Set(analyzer.charNgramsOf(everything.map((passageWord) => passageWord.word)));
  const titleTerms = new Set(analyzer.terms(chunk.title));
  return { passageWords, headingWords, everything, sentences, clauses, clauseWords, grams, typeFits: new Map(), titleTerms };
}

/**
 * Chunk layouts kept between questions: the words, sentences and clauses of a passage took over a third of the
 * time of composing an answer, redone for every question that read the same chunk. Keyed by the chunk object
 * (an index's chunks live as long as it does), for one analyzer; at most `capacity` chunks are kept, the oldest
 * first out — a layout holds every word's trigrams, some tens of kilobytes.
 */
export class PassageLayouts {
  private readonly entries = new Map<Chunk, { readonly clauseMinChars: number; readonly layout: PassageLayout }>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly capacity = 1024,
  ) {}

  of(chunk: Chunk, analyzer: Analyzer, clauseMinChars: number): PassageLayout {
    // Another analyzer or clause length (an evaluation's ablation) is laid out afresh, never served stale.
    if (analyzer !== this.analyzer) return layoutOf(chunk, analyzer, clauseMinChars);
    const entry = this.entries.get(chunk);
    if (entry?.clauseMinChars === clauseMinChars) return entry.layout;
    const layout = layoutOf(chunk, analyzer, clauseMinChars);
    if (!entry && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(chunk, { clauseMinChars, layout });
    return layout;
  }
}
