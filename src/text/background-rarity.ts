import { bm25InverseDocumentFrequency } from "../index/lexical-index.js";
import { BACKGROUND_DOCUMENTS, BACKGROUND_FREQUENCIES } from "./background-rarity-table.js";

/** How many documents of a collection hold a term. */
export interface TermFrequencies {
  readonly documentCount: number;
  documentFrequency(term: string): number;
}

/**
 * General Arabic text's document frequencies (src/text/background-rarity-table.ts, written by
 * scripts/write-background-rarity.ts): paragraphs of Wikipedia, original and translated. A term not in the table
 * is held by fewer than two of them.
 */
export const BACKGROUND_RARITY: TermFrequencies = (() => {
  const counts = new Map<string, number>();
  for (const pair of BACKGROUND_FREQUENCIES.split(" ")) {
    const colon = pair.lastIndexOf(":");
    counts.set(pair.slice(0, colon), Number(pair.slice(colon + 1)));
  }
  return { documentCount: BACKGROUND_DOCUMENTS, documentFrequency: (term) => counts.get(term) ?? 0 };
})();

/**
 * BM25's IDF of a term over the corpus and general text together, as if the background's documents were part of
 * the corpus: ln(1 + (N − df + 0.5) / (df + 0.5)) with N and df summed over both. In a corpus of a few chunks the
 * background decides (every word of one article is as rare as every other there, but «الكسكس» is rarer than
 * «أهداف» in any Arabic text); in a corpus of thousands the corpus's own counts do.
 */
export function blendedInverseDocumentFrequency(term: string, corpus: TermFrequencies, background: TermFrequencies = BACKGROUND_RARITY): number {
  return bm25InverseDocumentFrequency(corpus.documentCount + background.documentCount, corpus.documentFrequency(term) + background.documentFrequency(term));
}

/** The largest IDF a term can have over the corpus and the background: that of a term neither holds. */
export function largestInverseDocumentFrequency(corpus: Pick<TermFrequencies, "documentCount">, background: TermFrequencies = BACKGROUND_RARITY): number {
  return bm25InverseDocumentFrequency(corpus.documentCount + background.documentCount, 0);
}
