import { createHash } from "node:crypto";
import { normalizeArabic } from "./normalize.js";
import { stemLight10, stemLight10Extended, stemWithoutProclitic } from "./stem.js";
import { ARABIC_STOP_WORDS } from "./stop-words.js";
import { splitWords, type WordSpan } from "./tokenize.js";

/**
 * How text becomes index terms. Every switch is an ablation measured in docs/EVALUATION.md; the defaults
 * are the measured best. An index records the options it was built with and refuses a query analyzer that
 * differs, since terms from two analyzers never meet.
 */
export interface AnalyzerOptions {
  /** Normalise letters, digits and diacritics (normalizeArabic). Off only for the plain baseline. */
  readonly normalize: boolean;
  /** Fold ؤ ئ ء (normalizeArabic's foldHamzaCarriers). */
  readonly foldHamzaCarriers: boolean;
  /**
   * Light stemming: "none" keeps whole words, "light10" strips one prefix and a pass of suffixes,
   * "light10-extended" also the tanween alif and attached pronouns (stemLight10Extended).
   */
  readonly stemmer: "none" | "light10" | "light10-extended";
  /** Also index each word without a single-letter proclitic (ب ل ك ف), beside its light10 stem. */
  readonly singleLetterProclitics: boolean;
  /** Drop Arabic function words (text/stop-words). */
  readonly removeStopWords: boolean;
  /** Length of the character n-grams indexed in their own field (helps with typos); 0 turns them off. */
  readonly charNgramLength: number;
  /**
   * Questions only: a word no chunk holds is also read as the known word one slip away from it (text/spelling).
   * It changes no index term, but it is part of how questions become terms, so it is part of the version.
   */
  readonly correctSpelling: boolean;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = {
  normalize: true,
  foldHamzaCarriers: true,
  stemmer: "light10-extended",
  singleLetterProclitics: true,
  removeStopWords: true,
  charNgramLength: 4,
  correctSpelling: true,
};

/** Whitespace-and-punctuation words, nothing else: the plain baseline of the evaluation. */
export const PLAIN_ANALYZER_OPTIONS: AnalyzerOptions = {
  normalize: false,
  foldHamzaCarriers: false,
  stemmer: "none",
  singleLetterProclitics: false,
  removeStopWords: false,
  charNgramLength: 0,
  correctSpelling: false,
};

/** A term of a text and the word of the original text it came from. */
export interface AnalyzedWord {
  /** The normalised word, before stemming (what the stop-word list and n-grams see). */
  readonly normalized: string;
  /** Index terms for this word: the stem, and possibly the stem without a proclitic. Empty for a stop word. */
  readonly terms: readonly string[];
  readonly span: WordSpan;
  /**
   * Questions only: the word's own stem, when no article holds it and its first term is the known stem one slip
   * away (text/spelling) — a typo mended, or a name no article holds read as a word they do.
   */
  readonly correctedFrom?: string;
}

/** Whether an index holds any of a word's terms (`frequencyOf` gives a term's document frequency). */
export function isKnownWord(word: AnalyzedWord, frequencyOf: (term: string) => number): boolean {
  return word.terms.some((term) => frequencyOf(term) > 0);
}

export interface Analyzer {
  readonly options: AnalyzerOptions;
  /** Changes whenever the terms an analyzer produces could change: saved in the index manifest. */
  readonly version: string;
  /** Words of a text with their terms and offsets into the original. */
  analyzeWords(text: string): AnalyzedWord[];
  /** The index terms of a text, in order, repeated as often as they occur. */
  terms(text: string): string[];
  /** The character n-grams of words already analysed (empty when charNgramLength is 0). */
  charNgramsOf(words: readonly AnalyzedWord[]): string[];
}

/** How many distinct word forms an analyzer keeps the analysis of (see analyzeWords). */
const KNOWN_WORDS_KEPT = 1 << 18;

/** Bump when the code behind an option changes what it produces (a stem rule, the stop-word list). */
const ANALYZER_CODE_REVISION = 16;

export function createAnalyzer(options: AnalyzerOptions = DEFAULT_ANALYZER_OPTIONS): Analyzer {
  const normalizeOptions = { foldHamzaCarriers: options.foldHamzaCarriers };
  const normalizeWord = (word: string): string =>
    options.normalize ? normalizeArabic(word, normalizeOptions) : word;

  const termsOf = (normalized: string): string[] => {
    if (normalized.length === 0) return [];
    if (options.removeStopWords && ARABIC_STOP_WORDS.has(normalized)) return [];
    if (options.stemmer === "none") return [normalized];
    // A conjunction glued to a number (و9) is not part of it.
    if (/^[وف]\d/u.test(normalized)) return [normalized.slice(1)];
    const stemmer = options.stemmer === "light10-extended" ? stemLight10Extended : stemLight10;
    const stem = stemmer(normalized);
    const terms = [stem];
    if (options.singleLetterProclitics) {
      const withoutProclitic = stemWithoutProclitic(normalized, stemmer);
      if (withoutProclitic && withoutProclitic !== stem) terms.push(withoutProclitic);
    }
    return terms;
  };

  // Each distinct word is normalised and stemmed once: about thirteen regular-expression passes per word
  // occurrence were a quarter of an index build. Bounded (a corpus's distinct word forms number in the hundreds
  // of thousands); cleared when full, which costs only the recomputing. The terms array is shared between the
  // occurrences of a word, and nothing changes it.
  const known = new Map<string, { readonly normalized: string; readonly terms: readonly string[] }>();
  const analyzeWords = (text: string): AnalyzedWord[] =>
    splitWords(text).map((span) => {
      let analysis = known.get(span.text);
      if (!analysis) {
        const normalized = normalizeWord(span.text);
        analysis = { normalized, terms: termsOf(normalized) };
        if (known.size >= KNOWN_WORDS_KEPT) known.clear();
        known.set(span.text, analysis);
      }
      return { normalized: analysis.normalized, terms: analysis.terms, span };
    });

  const version = createHash("sha256")
    .update(JSON.stringify({ revision: ANALYZER_CODE_REVISION, options }))
    .digest("hex")
    .slice(0, 12);

  const charNgramsOfWords = (words: readonly AnalyzedWord[]): string[] => {
    const n = options.charNgramLength;
    if (n <= 0) return [];
    return words.flatMap((word) => (word.terms.length === 0 ? [] : charNgramsOf(word.normalized, n)));
  };

  return {
    options,
    version,
    analyzeWords,
    terms: (text) => analyzeWords(text).flatMap((word) => word.terms),
    charNgramsOf: charNgramsOfWords,
  };
}

/** N-grams of a word padded with a boundary mark, so short words still give one gram and word edges count. */
function charNgramsOf(word: string, n: number): string[] {
  const padded = `_${word}_`;
  if (padded.length <= n) return [padded];
  const grams: string[] = [];
  for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
  return grams;
}
