import type { LexicalHit } from "../index/lexical-index.js";

/**
 * Lexical chunk hits re-scored with the evidence of their whole article: each chunk's BM25 score over the
 * best chunk's, plus `weight` times its article's BM25 score over the best article's. A question names its
 * subject (a forum, a person, a city) once, but its article names it throughout; the article's score keeps a
 * chunk of the right article above a chunk elsewhere that happens to share a few words with the question
 * (Callan's passage-plus-document evidence, 1994). Measured on XQuAD-ar's tuning split in docs/EVALUATION.md.
 * `articleScores` holds every article's BM25 score by article ordinal (0 for an article that matched nothing).
 * Pure; returns hits best first (ties to the lower ordinal), scores in [0, 1 + weight].
 */
export function withArticleEvidence(
  chunkHits: readonly LexicalHit[],
  articleScores: ArrayLike<number>,
  articleOfChunk: readonly number[],
  weight: number,
): LexicalHit[] {
  const bestChunk = chunkHits.reduce((best, hit) => Math.max(best, hit.score), 0);
  let bestArticle = 0;
  for (let article = 0; article < articleScores.length; article += 1) {
    const score = articleScores[article]!;
    if (score > bestArticle) bestArticle = score;
  }
  if (weight === 0 || bestChunk === 0 || bestArticle === 0) return [...chunkHits];
  return chunkHits
    .map((hit) => ({ document: hit.document, score: hit.score / bestChunk + weight * ((articleScores[articleOfChunk[hit.document]!] ?? 0) / bestArticle) }))
    .sort((a, b) => b.score - a.score || a.document - b.document);
}
