/**
 * Whether the sources answer a question at all. Extractive answers have no model to say "I don't know", so
 * the decision rests on how well the best passage holds the question's words — measured several ways and
 * combined by a logistic model fitted on the tuning splits of XQuAD-ar and ARCD together
 * (scripts/fit-decline-model.ts, docs/EVALUATION.md) — and on four rules for questions the model cannot learn
 * from that data (see isRuledOut). Pure.
 */

/**
 * What the decision looks at, each in [0, 1] except scoreDensity (about [0, 4]), articleDensity (about [0, 6])
 * and contentWords (a count).
 */
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
   * The share of the weight of the question's nouns and names (words neither shaped like verbs — verbs are
   * paraphrased freely; nouns and names much less — nor formulaic: a number, بأي، «الشيء», see
   * QuestionWord.formulaic) that falls on those no chunk holds and the best chunks do not nearly hold either,
   * in [0, 1]. Weighed by rarity in the corpus and in general text, so that the one unseen noun of «كيف أطبخ
   * الكسكس المغربي؟», rare everywhere, outweighs Morocco. The signal of isAboutUnseenThings.
   */
  readonly strangeShare: number;
  /**
   * The same, with near spellings taken more loosely (ComposeParams.unseenSpellingMin), so that a slip the
   * spelling correction cannot mend is not counted: the model's signal. In a large corpus an answerable question
   * rarely names something the corpus never mentions, and a question about something else often does.
   */
  readonly unseenNounShare: number;
  /** Number of content words in the question (function words and question words aside). */
  readonly contentWords: number;
  /**
   * 1 when the question dates its subject with a year the best passages never write while they date that
   * subject with another year (كأس العالم 2022 asked of an article about كأس العالم 2030: datesItOtherwise), else 0.
   * The signal of isAboutAnotherYear.
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
  /**
   * How rare, in the corpus and in Arabic at large, the rarest noun no chunk holds is: its blended IDF over the
   * largest an IDF can be there, in [0, 1]; 0 when every noun is held. «الكسكس» is rare everywhere; «أهداف»
   * and «مدينة» are not, and a small corpus may simply never write them.
   */
  readonly unseenRarity: number;
  /**
   * Unweighted share of the question's nouns and names that no article holds as typed and that are read as the
   * known word one slip away, in [0, 1]. A mended typo, or a name the corpus never mentions taken for a word it
   * does: «الشافعي» read as «الشارع» in a corpus without the imam.
   */
  readonly correctedNounShare: number;
  /**
   * 1 when a question of three content words at most has a focus (QuestionWord.focus: the thing a «ما هي عاصمة
   * …» or «من هو رئيس …» asks about, the event of a «متى استقل …» — a verb is a focus only there: «أين تقع …»
   * and «ماذا تسمى …» paraphrase theirs freely) that no chunk holds, nor the best chunks
   * nearly, and names nothing rare in general text that the best chunks hold; else 0. Asked of an article on
   * the subject, a question about another fact of it names that fact in a word the article never writes: «ما
   * هي اللغة الرسمية في تركيا؟» of the seed holds تركيا and رسمية, never اللغة. A word rare in general text
   * is what the corpus is specifically about (a name, the forum): «ما هو منصب محمود ديميرتاش؟» and «متى ينعقد
   * المنتدى؟» ask about what the article covers, in words of their own.
   */
  readonly focusUnseen: number;
  /**
   * 1 for a question of two nouns whose best passages hold its focus but none of them with the other noun, its
   * subject — named elsewhere in the corpus or nowhere; else 0. «ما هي عاصمة المغرب؟» asked of the seed finds
   * «بالعاصمة أنقرة» in the lead, which is about Turkey, while المغرب stands only in other sections; «ما هي عاصمة
   * اليابان؟» finds the same capital, and Japan nowhere.
   */
  readonly focusWithoutSubject: number;
  /**
   * How much of what the corpus says of the question's words the article of its best passage says (the passage
   * that holds the question best, as for coverage): of the words that passage holds as written, the largest
   * share of the corpus's occurrences of one (in the text field: a heading's words are not counted) that fall in
   * that article or the articles carrying the passage again, in [0, 1] — 1 when one of their titles holds one (a
   * headline or an encyclopedia's title names what the article is about, however often others mention it), 1
   * when the passage holds no question word as written (nothing is known), and 1 in a corpus of one article. «كم مساحة آسيا؟» asked of
   * articles on Iran, Egypt and Saudi Arabia, none about Asia, finds آسيا and مساحة in Iran's, which holds a
   * tenth of the corpus's آسيا; «كم مساحة مصر؟» finds them in the article on Egypt, titled مصر. Not weighed by
   * the model (refitted with it, fewer questions about other articles were declined at the same cost:
   * docs/evaluation-log.md); an answer whose share is low is given as tentative instead
   * (ComposeParams.tentativeSubjectShare).
   */
  readonly subjectShare: number;
}

/**
 * The signals the logistic model weighs (strangeShare, contentWords, otherYear, focusUnseen and
 * focusWithoutSubject feed the rules below instead; subjectShare the tentative note).
 */
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
  "answerTypeHeld",
  "correctedNounShare",
  "unseenRarity",
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
 * Fitted by scripts/fit-decline-model.ts: logistic regression on the tuning splits of XQuAD-ar (articles 1–32)
 * and ARCD (articles 1–54) together (src/eval/standard-splits.ts), each at three corpus sizes — one article,
 * four, three quarters of the split — with the questions of the articles that follow as questions the sources
 * cannot answer, and again with one paragraph of every indexed article left out, its questions being near-topic
 * ones (the article covers their subject, not the fact asked for); each corpus written in two layouts (an
 * article per file with a section per paragraph, and a paragraph per file: article evidence means different
 * things in the two); sets, layouts and sizes weighed equally, answerable questions four times the others (the
 * decision works in their lower tail) and near-topic ones half. The bias is then moved so that, with the rules
 * below, at most 2.5 % of the answerable questions are declined with each set's whole tuning split indexed (the
 * largest corpus the split allows) in either layout — under the 3 % aimed at, since the share grows with the
 * corpus. See docs/EVALUATION.md.
 */
export const DEFAULT_DECLINE_MODEL: DeclineModel = {
  bias: -2.845,
  sizeBias: -3.59,
  weights: { coverage: 1.656, windowCoverage: 2.248, scoreMargin: 0.396, scoreDensity: -0.266, ngramCoverage: 3.544, matchedShare: 0.786, scoreSpread: 0.26, articleDensity: -0.714, unseenNounShare: -1.57, answerTypeHeld: 0.618, correctedNounShare: -0.568, unseenRarity: 0.455 },
  sizeSlopes: { coverage: 0.439, windowCoverage: 0.713, scoreMargin: 1.02, scoreDensity: 0.44, ngramCoverage: 1.462, matchedShare: -0.055, scoreSpread: 0.869, articleDensity: 0.416, unseenNounShare: -0.815, answerTypeHeld: 0.908, correctedNounShare: -0.142, unseenRarity: -0.671 },
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
 * A short question (three content words at most) whose nouns and names no chunk holds carry half or more of
 * its nouns' weight (strangeShare), and whose best passage holds little of the rest: «ما هي عاصمة اليابان؟» asked of an article that
 * mentions a capital but never Japan. In a question that short the unseen noun is the topic, not a paraphrase.
 * The model's unanswerable questions either come from other articles, and rarely share words with the corpus,
 * or from a paragraph left out of an indexed article, and name what that article names; it never sees a
 * question whose topic the corpus never mentions beside words it does. This rule covers those.
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

/**
 * A short question whose focus no chunk holds, about subjects general enough to be mentioned anywhere
 * (focusUnseen): «من هو رئيس تركيا؟» or «متى استقل المغرب؟» asked of the seed article, which names Turkey and
 * Morocco but never a president or an independence. The words it does hold are the subject; the fact asked
 * for is elsewhere. In a longer question the focus is more often paraphrased.
 */
export function isAboutAnUnseenFocus(signals: DeclineSignals): boolean {
  return signals.focusUnseen === 1;
}

/**
 * A two-word question whose focus the best passages hold, but never beside its subject (focusWithoutSubject):
 * the capital a passage names is another country's. On the tuning splits this declines at most 0.2 % of the
 * answerable questions at any corpus size.
 */
export function isAboutAnotherSubject(signals: DeclineSignals): boolean {
  return signals.focusWithoutSubject === 1;
}

/** Whether one of the rules declines the question whatever the model says. */
export function isRuledOut(signals: DeclineSignals): boolean {
  return isAboutUnseenThings(signals) || isAboutAnotherYear(signals) || isAboutAnUnseenFocus(signals) || isAboutAnotherSubject(signals);
}
