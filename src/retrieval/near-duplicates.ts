import { normalizeArabic } from "../text/normalize.js";
import { splitWords } from "../text/tokenize.js";

/**
 * Near-duplicate passages: the same wire story carried by several outlets, or an article put in the corpus
 * twice. Left in, the copy ranks right behind its original, and everything that reads "the best passage
 * against the next" goes wrong: the decision to decline sees no margin between them, and the answer quotes the
 * same words twice as [1] and [2]. With every XQuAD-ar article in the corpus twice, 4.4 % of the tuning split's
 * answerable questions were declined instead of 2.5 %, and the answer hit fell from 0.869 to 0.814
 * (docs/evaluation-log.md, eleventh round).
 *
 * Two passages are near-duplicates when the Jaccard similarity of their word 3-gram shingles (Broder, 1997) is
 * at least NEAR_DUPLICATE_SIMILARITY. A word changed costs the three shingles that hold it: over XQuAD-ar's
 * paragraphs, a copy with one word in twenty changed scores 0.75 (median; 0.63 for the lowest tenth), one word
 * in ten 0.58 (0.46), and a copy without its first sentence 0.81. Two different passages rarely share more than
 * a name or a phrase: the most alike of XQuAD-ar's 240 paragraphs score 0.03. Pure.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

/** The word 3-grams of a text, normalised (a text of fewer than three words is one shingle). */
export function shinglesOf(text: string): Set<string> {
  const words = splitWords(normalizeArabic(text)).map((word) => word.text);
  const shingles = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i += 1) shingles.add(words.slice(i, i + 3).join(" "));
  if (words.length > 0 && words.length < 3) shingles.add(words.join(" "));
  return shingles;
}

/** Jaccard similarity of two shingle sets, in [0, 1]; two empty texts are alike. */
export function shingleSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * The first `limit` of ranked hits, leaving out each hit whose passage is a near-duplicate of a better-ranked
 * one kept: the original (the better ranked, or the first indexed when they tie) answers for its copies, and
 * carries those met before the limit was reached, best first.
 */
export function withoutNearDuplicates<T extends { readonly document: number }>(
  ranked: readonly T[],
  limit: number,
  textOf: (document: number) => string,
): Array<{ readonly hit: T; readonly copies: readonly T[] }> {
  const kept: Array<{ hit: T; copies: T[]; shingles: Set<string> }> = [];
  for (const hit of ranked) {
    if (kept.length >= limit) break;
    const shingles = shinglesOf(textOf(hit.document));
    const original = kept.find((other) => shingleSimilarity(shingles, other.shingles) >= NEAR_DUPLICATE_SIMILARITY);
    if (original) original.copies.push(hit);
    else kept.push({ hit, copies: [], shingles });
  }
  return kept.map(({ hit, copies }) => ({ hit, copies }));
}
