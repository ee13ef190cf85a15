/**
 * Whether the sources answer a question at all. Extractive answers have no model to say "I don't know", so
 * the decision rests on how well the best passage holds the question's words — measured several ways and
 * combined by a logistic model fitted on XQuAD-ar's tuning split (scripts/fit-decline-model.ts,
 * docs/EVALUATION.md) — and on two rules for questions the model cannot learn from that data (see isRuledOut).
 * Pure.
 */

/** What the decision looks at, each in [0, 1] except scoreDensity (about [0, 4]). */
export interface DeclineSignals {
  /** IDF-weighted share of the question held by the best chunk (text, heading and title), near misses partly. */
  readonly coverage: number;
  /** The same, for the best run of three adjacent clauses: an answerable question is matched close together. */
  readonly windowCoverage: number;
  /** How far the best lexical score stands above the second, (s1 − s2) / s1 in [0, 1]; 0 without lexical scores. */
  readonly scoreMargin: number;
  /** The best lexical score per unit of question weight (BM25 / Σ IDF), about [0, 4]. */
  readonly scoreDensity: number;
  /** Share of the question's character 4-grams found in the best chunk, in [0, 1]. */
  readonly ngramCoverage: number;
  /** Unweighted share of question words the best chunk holds (near misses count), in [0, 1]. */
  readonly matchedShare: number;
  /**
   * How far the best lexical score stands above the fifth, (s1 − s5) / s1 in [0, 1] (the last one when fewer
   * chunks match): a question the sources answer singles out a few chunks, one they do not touches many alike.
   */
  readonly scoreSpread: number;
  /**
   * The best article's BM25 score per unit of question weight, about [0, 6]: a question about something the
   * corpus covers matches its article throughout, one about something else matches stray words here and there.
   */
  readonly articleDensity: number;
  /**
   * Unweighted share of question words that no chunk holds, that the best chunks do not nearly hold either,
   * that are not shaped like verbs (verbs are paraphrased freely; nouns and names much less) and that are not
   * formulaic (a number, بأي، «الشيء»: see QuestionWord.formulaic). The rule's signal.
   */
  readonly strangeShare: number;
  /**
   * The same, with near spellings taken more loosely (ComposeParams.unseenSpellingMin), so that a slip the
   * spelling correction cannot mend is not counted: the model's signal. In a large corpus an answerable question
   * rarely names something the corpus never mentions, and a question about something else often does.
   */
  readonly unseenNounShare: number;
  /**
   * How well the passage that covers the question best holds the question's rarest noun or name that the corpus
   * knows (rarestKnownNoun), in [0, 1]; 1 when the question has none, so that a question whose one noun is
   * mistyped past correcting is not held against (with 0, more typed questions were declined). An answerable
   * question is about something its passage names; a question about another subject often finds a passage
   * that holds its common words, while the word that says what it is about stands elsewhere: «متى احتل الجيش
   * الألماني راينلاند؟», asked of a corpus without the Rhine, finds a museum's German architect (الألماني،
   * يحتل) but no army (الجيش).
   */
  readonly rarestNounHeld: number;
  /** Number of content words in the question (function words and question words aside). */
  readonly contentWords: number;
  /**
   * 1 when the question dates its subject with a year the best passages never write while they date that
   * subject with another year (كأس العالم 2022 asked of an article about كأس العالم 2030: datesItOtherwise), else 0.
   * The second rule's signal.
   */
  readonly otherYear: number;
  /**
   * Whether the answer's shape stands where the question's words do: answerTypeFit of the best run of three
   * clauses (the best fit, when several runs hold the question alike) in the passage that holds the question
   * best — a date for متى, a number for كم, a place for أين, a cause for لماذا — in [0, 1]; 1 for questions of
   * other types. «متى تأسست الشرطة المغربية؟», asked of an article that names the police but never its founding,
   * finds its words in a run of clauses without a date.
   */
  readonly answerTypeHeld: number;
}

/** The signals the logistic model weighs (strangeShare, contentWords and otherYear feed the rules below instead). */
export const MODEL_SIGNALS = [
  "coverage",
  "windowCoverage",
  "scoreMargin",
  "scoreDensity",
  "ngramCoverage",
  "matchedShare",
  "scoreSpread",
  "articleDensity",
  "unseenNounShare",
  "rarestNounHeld",
  "answerTypeHeld",
] as const;
export type ModelSignal = (typeof MODEL_SIGNALS)[number];

export interface DeclineModel {
  readonly bias: number;
  /** Per signal: its weight in a corpus of REFERENCE_CHUNKS chunks… */
  readonly weights: Readonly<Record<ModelSignal, number>>;
  /** …and how that weight changes with the corpus size (per unit of `corpusScale`). */
  readonly sizeSlopes: Readonly<Record<ModelSignal, number>>;
  /** The bias's own change with corpus size. */
  readonly sizeBias: number;
}

/** The corpus size at which corpusScale is 1: XQuAD-ar's tuning corpus of 24 articles. */
const REFERENCE_CHUNKS = 120;

/**
 * ln(chunks) / ln(REFERENCE_CHUNKS), clamped to [0, 1]. Term statistics behave differently in a corpus of
 * five chunks than in one of a hundred (every matched word is "rare" in a small one), so the decision scales
 * its weights with it — within the sizes it was fitted on: a larger corpus is treated as the largest fitted
 * one rather than extrapolated (extrapolating to 40 articles declined 3.3 % of answerable questions instead of
 * the 2 % it was set for).
 */
export function corpusScale(chunks: number): number {
  return Math.min(1, Math.max(0, Math.log(Math.max(1, chunks)) / Math.log(REFERENCE_CHUNKS)));
}

/**
 * Fitted by scripts/fit-decline-model.ts: logistic regression on XQuAD-ar's tuning split (articles 1–32
 * only) at three corpus sizes — one article, four, twenty-four — each time with the questions of the
 * articles that follow as questions the sources cannot answer, and again with one paragraph of every indexed
 * article left out, its questions being near-topic ones (the article covers their subject, not the fact
 * asked for); each corpus written in two layouts (an article per file with a section per paragraph, and a
 * paragraph per file: article evidence means different things in the two); layouts and sizes weighed equally,
 * answerable questions four times the others (the decision works in their lower tail, where at most 2 % of
 * them may fall) and near-topic ones half. The bias is then moved so that, with
 * the rules below, at most 1.9 % of the answerable questions are declined with all 32 tuning articles indexed
 * (the largest corpus the split allows) in either layout — under the 2 % aimed at, since the share grows with
 * the corpus. See docs/EVALUATION.md.
 */
export const DEFAULT_DECLINE_MODEL: DeclineModel = {
  bias: -5.318,
  sizeBias: -4.042,
  weights: { coverage: 0.974, windowCoverage: 1.686, scoreMargin: 0.376, scoreDensity: 1.359, ngramCoverage: 3.463, matchedShare: 1.52, scoreSpread: 1.609, articleDensity: 0.053, unseenNounShare: -1.244, rarestNounHeld: 0.09, answerTypeHeld: 1.385 },
  sizeSlopes: { coverage: 0.546, windowCoverage: 1.06, scoreMargin: 0.82, scoreDensity: -0.063, ngramCoverage: 1.496, matchedShare: 0.582, scoreSpread: 0.209, articleDensity: -0.011, unseenNounShare: -0.746, rarestNounHeld: 0.109, answerTypeHeld: 0.787 },
};

/** The model's estimate, in [0, 1], that the best passage answers the question, for a corpus of `chunks` chunks. */
export function answerProbability(signals: DeclineSignals, chunks: number, model: DeclineModel = DEFAULT_DECLINE_MODEL): number {
  const { base, terms } = logOddsTerms(signals, chunks, model);
  const z = terms.reduce((sum, term) => sum + term.weight * term.value, base);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The model's log-odds, term by term, at a corpus of `chunks` chunks: the base (bias and size bias) and, per
 * signal, its value and its weight at that size. What `npm run ask -- --explain` prints.
 */
export function logOddsTerms(
  signals: DeclineSignals,
  chunks: number,
  model: DeclineModel = DEFAULT_DECLINE_MODEL,
): { readonly base: number; readonly terms: ReadonlyArray<{ readonly signal: ModelSignal; readonly value: number; readonly weight: number }> } {
  const scale = corpusScale(chunks);
  return {
    base: model.bias + model.sizeBias * scale,
    terms: MODEL_SIGNALS.map((signal) => ({ signal, value: signals[signal], weight: model.weights[signal] + model.sizeSlopes[signal] * scale })),
  };
}

/**
 * A short question (three content words at most) whose nouns and names are half or more unseen anywhere in
 * the corpus, and whose best passage holds little of the rest: «ما هي عاصمة اليابان؟» asked of an article that
 * mentions a capital but never Japan. In a question that short the unseen noun is the topic, not a paraphrase.
 * The model's unanswerable questions either come from other articles, and rarely share words with the corpus,
 * or from a paragraph left out of an indexed article, and name what that article names; it never sees a
 * question whose topic the corpus never mentions beside words it does. This rule covers those, and declines
 * none of XQuAD's answerable questions.
 */
export function isAboutUnseenThings(signals: DeclineSignals): boolean {
  return signals.contentWords <= 3 && signals.strangeShare >= 0.5 && signals.coverage < 0.4;
}

/**
 * A question about another year of what the sources cover: «من فاز بكأس العالم 2022؟» asked of an article on the
 * 2030 World Cup holds every word of the question but its year, and would be answered with the wrong edition.
 * The model never sees such questions (XQuAD-ar's are about their own paragraph or another article); at 1, 4,
 * 24 and 40 articles this declines none of its answerable questions.
 */
export function isAboutAnotherYear(signals: DeclineSignals): boolean {
  return signals.otherYear === 1;
}

/** Whether one of the two rules declines the question whatever the model says. */
export function isRuledOut(signals: DeclineSignals): boolean {
  return isAboutUnseenThings(signals) || isAboutAnotherYear(signals);
}
