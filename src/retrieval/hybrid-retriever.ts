import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Chunk } from "../corpus/article.js";
import { questionFieldTermsOf } from "../index/chunk-terms.js";
import { DEFAULT_BM25_PARAMS, type Bm25Params, type FieldTerms, type LexicalHit } from "../index/lexical-index.js";
import type { LoadedIndex } from "../index/load-index.js";
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";
import { analyzeQuestion } from "../text/spelling.js";
import { withArticleEvidence } from "./article-evidence.js";
import { DEFAULT_RRF_K, fuseRankings, type Ranking } from "./fuse-rankings.js";
import { ShingleCache, withoutNearDuplicates } from "./near-duplicates.js";
import { withinArticleScores, withoutTitleTerms, withSiblingsOrdered } from "./sibling-order.js";

export type RetrievalMode = "lexical" | "dense" | "hybrid";

export interface RetrievalParams {
  readonly bm25: Bm25Params;
  readonly rrfK: number;
  /** Weights of the two rankings in the fusion. */
  readonly lexicalWeight: number;
  readonly denseWeight: number;
  /** How deep each retriever's list goes before fusion. */
  readonly candidates: number;
  /** Weight of the article's own BM25 score in the lexical ranking (withArticleEvidence); 0 ranks chunks alone. */
  readonly articleWeight: number;
}

export const DEFAULT_RETRIEVAL_PARAMS: RetrievalParams = {
  bm25: DEFAULT_BM25_PARAMS,
  rrfK: DEFAULT_RRF_K,
  lexicalWeight: 1,
  denseWeight: 1,
  candidates: 50,
  articleWeight: 0.5,
};

/** How the two rankings of hybrid retrieval are fused (see fuseRankings). */
export type FusionParams = Pick<RetrievalParams, "rrfK" | "lexicalWeight" | "denseWeight">;

/** The default retrieval with the fusion a user configured (FUSION_DENSE_WEIGHT, FUSION_RRF_K; lexical weighs 1). */
export function retrievalParamsWith(fusion: { readonly denseWeight: number; readonly rrfK: number }): RetrievalParams {
  return { ...DEFAULT_RETRIEVAL_PARAMS, denseWeight: fusion.denseWeight, rrfK: fusion.rrfK };
}

/** A chunk the lexical retriever found: its score with article evidence, and the evidence kept for the answer. */
export interface LexicalCandidate extends LexicalHit {
  readonly evidence: Pick<RetrievedChunk, "lexicalScore" | "articleScore">;
}

/** What each retriever found for one question, best first, before fusion (empty for a retriever the mode leaves out). */
export interface RetrievalCandidates {
  readonly lexical: readonly LexicalCandidate[];
  readonly dense: ReadonlyArray<{ readonly document: number; readonly similarity: number }>;
}

/** A chunk found for a question, with the evidence of each retriever that found it. */
export interface RetrievedChunk {
  readonly ordinal: number;
  readonly chunk: Chunk;
  /** The fused score (RRF), or the single retriever's score in a single mode (lexical: withArticleEvidence); higher is better. */
  readonly score: number;
  readonly lexicalScore?: number;
  /** BM25 score of the chunk's whole article (see withArticleEvidence), when the lexical retriever found it. */
  readonly articleScore?: number;
  /** Cosine similarity in [-1, 1] from the dense retriever. */
  readonly similarity?: number;
  /** Near-duplicates of this chunk left out of the ranking (the same story elsewhere), best first. */
  readonly copies?: readonly Chunk[];
}

/**
 * Lexical and dense retrieval fused by reciprocal rank. Without vectors (no model, or a lexical-only index)
 * it is lexical retrieval, and says so through `mode`.
 */
export class HybridRetriever {
  readonly mode: RetrievalMode;
  /** Each passage's shingles, computed the first time it is ranked (see withoutNearDuplicates). */
  private readonly shingles = new ShingleCache();

  constructor(
    private readonly index: LoadedIndex,
    private readonly analyzer: Analyzer,
    private readonly embeddings: EmbeddingsInterface | undefined,
    private readonly params: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
    mode?: RetrievalMode,
  ) {
    const canDense = Boolean(index.vectors && embeddings);
    const wanted = mode ?? (canDense ? "hybrid" : "lexical");
    if (wanted !== "lexical" && !canDense) throw new Error(`retrieval mode ${wanted} needs vectors and a model`);
    this.mode = wanted;
  }

  /**
   * The best `limit` chunks for a question. `words` is the question as analyzeQuestion reads it against this
   * index, when the caller has it already (the pipeline shares one analysis with the answer).
   */
  async retrieve(question: string, limit: number, words?: readonly AnalyzedWord[]): Promise<RetrievedChunk[]> {
    return this.rank(await this.candidates(question, Math.max(limit, this.params.candidates), words), limit);
  }

  /**
   * What each retriever of this mode finds for a question, `depth` deep, before any fusion: the costly half of
   * retrieval (the query's embedding, the searches), which `rank` turns into one ranking. The evaluation's
   * fusion sweep reads them once per question and ranks them under every setting.
   */
  async candidates(question: string, depth: number, words?: readonly AnalyzedWord[]): Promise<RetrievalCandidates> {
    const lexical =
      this.mode === "dense" ? [] : this.searchLexical(words ?? analyzeQuestion(question, this.analyzer, (term) => this.index.lexical.documentFrequency(term)), depth);
    const dense = this.mode === "lexical" ? [] : await this.index.vectors!.search(await this.embeddings!.embedQuery(question), depth);
    return { lexical, dense };
  }

  /**
   * The best `limit` chunks of a question's candidates, fused by reciprocal rank in hybrid mode with `fusion`
   * (this retriever's own parameters unless given), near-duplicates left out. Pure.
   */
  rank(candidates: RetrievalCandidates, limit: number, fusion: FusionParams = this.params): RetrievedChunk[] {
    const { lexical: lexicalHits, dense: denseHits } = candidates;
    const lexicalEvidence = new Map(lexicalHits.map((hit) => [hit.document, hit]));
    const similarities = new Map(denseHits.map((hit) => [hit.document, hit.similarity]));
    let ranked: Array<{ document: number; score: number }>;
    if (this.mode === "lexical") ranked = [...lexicalHits];
    else if (this.mode === "dense") ranked = denseHits.map((hit) => ({ document: hit.document, score: hit.similarity }));
    else {
      const rankings: Ranking[] = [
        { documents: lexicalHits.map((hit) => hit.document), weight: fusion.lexicalWeight },
        { documents: denseHits.map((hit) => hit.document), weight: fusion.denseWeight },
      ];
      ranked = fuseRankings(rankings, fusion.rrfK);
    }
    return withoutNearDuplicates(ranked, limit, (document) => this.index.chunks[document]!.text, this.shingles).map(({ hit: { document, score }, copies }) => ({
      ordinal: document,
      chunk: this.index.chunks[document]!,
      score,
      ...lexicalEvidence.get(document)?.evidence,
      ...(similarities.has(document) ? { similarity: similarities.get(document)! } : {}),
      ...(copies.length > 0 ? { copies: copies.map((copy) => this.index.chunks[copy.document]!) } : {}),
    }));
  }

  /** Computes a passage's shingles ahead of its first question (an index small enough to read whole at load). */
  prepare(text: string): void {
    this.shingles.of(text);
  }

  /** Chunks by BM25, re-ranked with their article's evidence (withArticleEvidence). */
  private searchLexical(words: readonly AnalyzedWord[], depth: number): LexicalCandidate[] {
    const query = questionFieldTermsOf(words, this.analyzer);
    const chunkHits = this.index.lexical.search(query, depth, this.params.bm25);
    const chunkScores = new Map(chunkHits.map((hit) => [hit.document, hit.score]));
    const articles = this.index.articles;
    const articleScores = articles.lexical.scoresOf(query, this.params.bm25);
    const ranked = this.withSiblingsOrdered(query, words, withArticleEvidence(chunkHits, articleScores, articles.ofChunk, this.params.articleWeight));
    // The chunk's own BM25 score and its article's are kept as evidence (the decision to decline reads them),
    // whatever the order. A chunk that matched has an article that matched: the article holds its terms.
    return ranked.map((hit) => {
      const articleScore = articleScores[articles.ofChunk[hit.document]!]!;
      return { ...hit, evidence: { lexicalScore: chunkScores.get(hit.document)!, ...(articleScore > 0 ? { articleScore } : {}) } };
    });
  }

  /**
   * The chunks of the best hit's article ordered among the places they hold (sibling-order.ts): the words that
   * chose the article are not for that the words that choose its section. When the question names the article
   * by its whole title (every word of it: «متى توفي ابن بطوطة؟» of «ابن بطوطة»), by the question's other words:
   * the lead that repeats the name most is not the section that answers. Measured on both sets' tuning splits
   * (docs/evaluation-log.md, round fifteen): ARCD's recall@1 from 0.751 to 0.774. Otherwise by what sets each
   * section apart (withSiblingsByWhatSetsThemApart), the title's words kept: a news headline is a summary
   * of its lead, not a name, and a question that borrows some of its words («من يترأس الوفد الأمني المغربي؟» of
   * «عبد اللطيف حموشي يترأس وفدا أمنيا») is asked of the lead — ordered without them, the seed's p01 went to
   * another section.
   */
  private withSiblingsOrdered(query: FieldTerms, words: readonly AnalyzedWord[], ranked: LexicalHit[]): LexicalHit[] {
    const first = ranked[0];
    if (!first) return ranked;
    const titleWords = this.analyzer.analyzeWords(this.index.chunks[first.document]!.title).filter((word) => word.terms.length > 0);
    const asked = new Set(query.body);
    if (titleWords.length === 0 || !titleWords.every((word) => word.terms.some((term) => asked.has(term)))) return this.withSiblingsByWhatSetsThemApart(query, ranked);
    const titleStems = new Set(titleWords.flatMap((word) => word.terms));
    // The n-grams of the question's own words that name the title go too: «السرطان» of «سرطان» brings «_الس»,
    // «السر», «لسرط», which the title's n-grams lack, and with them the section that repeats the name most won.
    const namingTheTitle = words.filter((word) => word.terms.some((term) => titleStems.has(term)));
    const titleTerms = new Set([...titleStems, ...this.analyzer.charNgramsOf(titleWords), ...this.analyzer.charNgramsOf(namingTheTitle)]);
    const distinct = this.index.lexical.scoresOf(withoutTitleTerms(query, titleTerms), this.params.bm25);
    return withSiblingsOrdered(ranked, this.index.articles.ofChunk, (document) => distinct[document]!);
  }

  /**
   * The best hit's article's chunks ordered by the question's words weighed by how few of the article's chunks
   * hold them (withinArticleScores): the words every section holds name the article's subject, which chose the
   * article; a word one section alone holds says which section answers. «ماذا تعتبر مدينة دمشق؟» of «سوريا»
   * went to the lead, which names «مدينة دمشق» in every sentence, over the section that says what Damascus is
   * held to be. Measured on both sets' tuning splits (docs/evaluation-log.md, round seventeen): recall@1 XQuAD-ar
   * 0.931 → 0.932, ARCD 0.840 → 0.848. One pass over the query's postings, for the article's own chunks.
   */
  private withSiblingsByWhatSetsThemApart(query: FieldTerms, ranked: LexicalHit[]): LexicalHit[] {
    const chunks = this.index.articles.chunksOf[this.index.articles.ofChunk[ranked[0]!.document]!] ?? [];
    if (chunks.length < 2) return ranked;
    const scores = withinArticleScores(this.index.lexical.termScoresIn(query, chunks, this.params.bm25), chunks.length);
    const scoreOf = new Map(chunks.map((chunk, i) => [chunk, scores[i]!]));
    return withSiblingsOrdered(ranked, this.index.articles.ofChunk, (document) => scoreOf.get(document)!);
  }
}
