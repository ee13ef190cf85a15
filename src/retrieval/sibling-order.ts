import { bm25InverseDocumentFrequency, type FieldTerms, type LexicalHit } from "../index/lexical-index.js";

/**
 * The question's words that do not name the article's subject: the query with the terms of the article's title
 * taken out of every field (a word pair goes when either of its words is a title term), and no title field.
 * `titleTerms` holds the title's terms and its character n-grams, as the analyzer reads them.
 *
 * An article names its subject in every paragraph, but most often in its first, longest or most repetitive one:
 * scored with the subject's name, the paragraph that names «شيرين» most wins over the one that says when she
 * married. The title's words choose the article (its BM25 evidence, the title field); the rest of the question
 * chooses the paragraph within it. Pure.
 */
export function withoutTitleTerms(query: FieldTerms, titleTerms: ReadonlySet<string>): FieldTerms {
  const kept = (terms: readonly string[]) => terms.filter((term) => !titleTerms.has(term));
  return {
    body: kept(query.body),
    heading: kept(query.heading),
    title: [],
    ngrams: kept(query.ngrams),
    pairs: query.pairs.filter((pair) => !pair.split(" ").some((word) => titleTerms.has(word))),
  };
}

/**
 * Ranked chunk hits with the chunks of the best hit's article re-ordered among the places they hold: by
 * `distinctScore` (the caller's: their score without the title's words, withoutTitleTerms, for a question that
 * names the whole title; otherwise their words weighed by rarity among the article's sections,
 * withinArticleScores), ties to the earlier chunk —
 * a question that names nothing but the subject («ما هو الجرب؟») is asked of the article's lead. Every
 * place keeps its score, so scores still fall with the rank; the hits of other articles keep their places.
 * Chunk ordinals rise through an article (a build adds its chunks in order). Pure.
 */
export function withSiblingsOrdered(
  ranked: readonly LexicalHit[],
  articleOfChunk: readonly number[],
  distinctScore: (document: number) => number,
): LexicalHit[] {
  const first = ranked[0];
  if (!first) return [];
  const article = articleOfChunk[first.document];
  const places = ranked.flatMap((hit, place) => (articleOfChunk[hit.document] === article ? [place] : []));
  if (places.length < 2) return [...ranked];
  const siblings = places.map((place) => ranked[place]!).sort((a, b) => distinctScore(b.document) - distinctScore(a.document) || a.document - b.document);
  const ordered = [...ranked];
  places.forEach((place, i) => (ordered[place] = { document: siblings[i]!.document, score: ranked[place]!.score }));
  return ordered;
}

/**
 * The chunks of one article scored by what sets each apart from the others: every query term's BM25 score in a
 * chunk (`termScores[term][chunk]`, as LexicalIndex.termScoresIn gives them) times the term's inverse frequency
 * among the article's chunks, ln(1 + (n − h + 0.5) / (h + 0.5)) for a term h of the n chunks hold. An article
 * names its subject throughout, so the words of the question every section holds say which article, not which
 * section; a word one section alone holds says which section. The corpus's IDF is kept inside the term score:
 * a rare word that two sections hold still outweighs a common one that one section holds. Pure.
 */
export function withinArticleScores(termScores: readonly ArrayLike<number>[], chunkCount: number): number[] {
  const scores = new Array<number>(chunkCount).fill(0);
  for (const row of termScores) {
    let holding = 0;
    for (let chunk = 0; chunk < chunkCount; chunk += 1) if (row[chunk]! > 0) holding += 1;
    if (holding === 0) continue;
    const rarityInArticle = bm25InverseDocumentFrequency(chunkCount, holding);
    for (let chunk = 0; chunk < chunkCount; chunk += 1) scores[chunk]! += row[chunk]! * rarityInArticle;
  }
  return scores;
}
