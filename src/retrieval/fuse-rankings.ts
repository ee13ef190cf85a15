/** One ranked list to fuse: document ordinals best first, and how much the list counts. */
export interface Ranking {
  readonly documents: readonly number[];
  /** Multiplies the list's contributions; 1 is plain RRF. */
  readonly weight: number;
}

/** Reciprocal rank fusion's k: 60 in Cormack et al. (2009) and Elasticsearch. Larger flattens the top. */
export const DEFAULT_RRF_K = 60;

/**
 * Reciprocal rank fusion: score(d) = Σ weight / (k + rank(d)), ranks from 1. Scores of different retrievers
 * are not comparable, ranks are. Returns documents best first; ties go to the lower ordinal, so results are
 * stable.
 */
export function fuseRankings(rankings: readonly Ranking[], k = DEFAULT_RRF_K): Array<{ document: number; score: number }> {
  const scores = new Map<number, number>();
  for (const { documents, weight } of rankings) {
    documents.forEach((document, index) => {
      scores.set(document, (scores.get(document) ?? 0) + weight / (k + index + 1));
    });
  }
  return [...scores.entries()]
    .map(([document, score]) => ({ document, score }))
    .sort((a, b) => b.score - a.score || a.document - b.document);
}
