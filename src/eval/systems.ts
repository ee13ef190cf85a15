import { DEFAULT_ANALYZER_OPTIONS, PLAIN_ANALYZER_OPTIONS, type AnalyzerOptions } from "../text/analyzer.js";
import { DEFAULT_BM25_PARAMS } from "../index/lexical-index.js";
import { DEFAULT_RETRIEVAL_PARAMS, type RetrievalParams } from "../retrieval/hybrid-retriever.js";
import { DEFAULT_COMPOSE_PARAMS } from "../answer/compose-answer.js";
import type { EvalSystem } from "./run-evaluation.js";

/**
 * The plain baseline: whitespace-and-punctuation words, no Arabic analysis, body text only — BM25 as a
 * generic search library would do it.
 */
const PLAIN_BASELINE: EvalSystem = {
  name: "bm25-plain",
  analyzer: PLAIN_ANALYZER_OPTIONS,
  mode: "lexical",
  retrieval: {
    ...DEFAULT_RETRIEVAL_PARAMS,
    bm25: { ...DEFAULT_BM25_PARAMS, weights: { body: 1, heading: 0, title: 0, ngrams: 0, pairs: 0 } },
    articleWeight: 0,
  },
  // Never declines: its answer is the quote around the best clause of the top paragraph, whatever it is.
  compose: { ...DEFAULT_COMPOSE_PARAMS, declineBelow: -1 },
};

/**
 * The systems compared side by side in every run: the baseline, then what Isnad uses — hybrid retrieval with
 * `retrieval`'s fusion, which the eval command takes from FUSION_DENSE_WEIGHT and FUSION_RRF_K as the bot does.
 */
export function standardSystems(retrieval: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS): EvalSystem[] {
  return [
    PLAIN_BASELINE,
    { name: "lexical-arabic", analyzer: DEFAULT_ANALYZER_OPTIONS, mode: "lexical" },
    { name: "dense", analyzer: DEFAULT_ANALYZER_OPTIONS, mode: "dense" },
    { name: "hybrid", analyzer: DEFAULT_ANALYZER_OPTIONS, mode: "hybrid", retrieval },
  ];
}

/** The standard systems with the default fusion (equal weights, k = 60). */
export const STANDARD_SYSTEMS: readonly EvalSystem[] = standardSystems();

// Ablations never decline: the decision to decline is calibrated for the full analyzer only, and would
// otherwise hide what each analyzer step does to the answers.
const step = (name: string, analyzer: AnalyzerOptions, retrieval?: RetrievalParams): EvalSystem => ({
  name,
  analyzer,
  mode: "lexical",
  compose: { ...DEFAULT_COMPOSE_PARAMS, declineBelow: -1 },
  ...(retrieval ? { retrieval } : {}),
});
const NORMALISE_ONLY: AnalyzerOptions = { ...PLAIN_ANALYZER_OPTIONS, normalize: true };

/**
 * The ablations of docs/EVALUATION.md: each analyzer step added to the previous, then each removed from the full
 * analyzer, then the article evidence of retrieval removed.
 */
export const ABLATION_SYSTEMS: readonly EvalSystem[] = [
  step("+normalise", NORMALISE_ONLY),
  step("+light10", { ...NORMALISE_ONLY, stemmer: "light10" }),
  step("+light10 extended", { ...NORMALISE_ONLY, stemmer: "light10-extended" }),
  step("+stop words", { ...NORMALISE_ONLY, stemmer: "light10-extended", removeStopWords: true }),
  step("+hamza folding", { ...NORMALISE_ONLY, stemmer: "light10-extended", removeStopWords: true, foldHamzaCarriers: true }),
  step("+proclitics", { ...NORMALISE_ONLY, stemmer: "light10-extended", removeStopWords: true, foldHamzaCarriers: true, singleLetterProclitics: true }),
  step("+char 4-grams", { ...DEFAULT_ANALYZER_OPTIONS, correctSpelling: false }),
  step("+spelling correction (full)", DEFAULT_ANALYZER_OPTIONS),
  step("full, plain light10", { ...DEFAULT_ANALYZER_OPTIONS, stemmer: "light10" }),
  step("full −proclitics", { ...DEFAULT_ANALYZER_OPTIONS, singleLetterProclitics: false }),
  step("full −hamza folding", { ...DEFAULT_ANALYZER_OPTIONS, foldHamzaCarriers: false }),
  step("full −stop words", { ...DEFAULT_ANALYZER_OPTIONS, removeStopWords: false }),
  step("full, char 3-grams", { ...DEFAULT_ANALYZER_OPTIONS, charNgramLength: 3 }),
  step("full, char 5-grams", { ...DEFAULT_ANALYZER_OPTIONS, charNgramLength: 5 }),
  step("full −article evidence", DEFAULT_ANALYZER_OPTIONS, { ...DEFAULT_RETRIEVAL_PARAMS, articleWeight: 0 }),
];
