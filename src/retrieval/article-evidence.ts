import type { LexicalHit } from "../index/lexical-index.js";

/**
 * Lexical chunk hits re-scored with the evidence of their whole article: each chunk's BM25 score over the
 * best chunk's, plus `weight` times its article's BM25 score over the best article's. A question names its
 * subject (a forum, a person, a city) once, but its article names it throughout; the article's score keeps a
 * chunk of the right article above a chunk elsewhere that happens to share a few words with the question
 * (Callan's passage-plus-document evidence, 1994). Measured on XQuAD-ar's tuning split in docs/EVALUATION.md.
 * Pure; returns hits best first (ties to the lower ordinal), scores in [0, 1 + weight].
 */
export function withArticleEvidence(
  chunkHits: readonly LexicalHit[],
  articleHits: readonly LexicalHit[],
  articleOfChunk: readonly number[],
  weight: number,
): LexicalHit[] {
  const bestChunk = chunkHits.reduce((best, hit) => Math.max(best, hit.score), 0);
  const bestArticle = articleHits.reduce((best, hit) => Math.max(best, hit.score), 0);
  if (weight === 0 || bestChunk === 0 || bestArticle === 0) return [...chunkHits];
  const articleScores = new Map(articleHits.map((hit) => [hit.document, hit.score / bestArticle]));
  return chunkHits
    .map((hit) => ({ document: hit.document, score: hit.score / bestChunk + weight * (articleScores.get(articleOfChunk[hit.document]!) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.document - b.document);
}
