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

/**
 * The word 3-grams of a text, normalised (a text of fewer than three words is one shingle), each as a 53-bit
 * hash, sorted and without repeats. Hashes rather than strings: building three-word strings and sets of them
 * for up to 50 candidates per question was 19 % of an answer's time at 244 chunks and 57 % at 12,200. Two
 * 32-bit lanes give 53 bits: two of a passage's shingles share a hash with a chance of about 2^-53 per pair,
 * so the similarities are those of the shingle strings.
 */
export function shinglesOf(text: string): Float64Array {
  const words = splitWords(normalizeArabic(text));
  const lanes = words.map((word) => wordHashes(word.text));
  const hashes = new Float64Array(words.length >= 3 ? words.length - 2 : words.length > 0 ? 1 : 0);
  if (words.length >= 3) {
    for (let i = 0; i + 3 <= words.length; i += 1) hashes[i] = shingleHash(lanes, i, 3);
  } else if (words.length > 0) hashes[0] = shingleHash(lanes, 0, words.length);
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i += 1) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i]!;
  return hashes.subarray(0, unique);
}

/** Two 32-bit FNV-1a hashes of a word, with other offset bases, one after the other in a pair of numbers. */
function wordHashes(word: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a, b];
}

/** The hash of `count` words from `first`: their lanes mixed in order, after the count (so "a b" ≠ "a b c"). */
function shingleHash(lanes: ReadonlyArray<readonly [number, number]>, first: number, count: number): number {
  let a = Math.imul(0x9e3779b1, count + 1);
  let b = Math.imul(0x85ebca6b, count + 1);
  for (let i = first; i < first + count; i += 1) {
    a = Math.imul(((a << 13) | (a >>> 19)) ^ lanes[i]![0], 0x9e3779b1);
    b = Math.imul(((b << 17) | (b >>> 15)) ^ lanes[i]![1], 0xc2b2ae35);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0x27d4eb2f);
  // 32 bits of one lane and 21 of the other: an integer below 2^53, exact in a double.
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/** Jaccard similarity of two shingle hash sets (sorted, without repeats), in [0, 1]; two empty texts are alike. */
export function shingleSimilarity(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * Shingles of passage texts, each text's computed once: the same passages come back question after question
 * (and a copy of a story has the same text as its original). Keyed by the text itself, so a rebuilt index never
 * meets stale shingles; at most `capacity` texts are kept, the oldest first out (about 1 kB each for a section
 * of a news article: 16 MB at the default).
 */
export class ShingleCache {
  private readonly entries = new Map<string, Float64Array>();

  constructor(private readonly capacity = 16_384) {}

  of(text: string): Float64Array {
    let shingles = this.entries.get(text);
    if (!shingles) {
      shingles = shinglesOf(text);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(text, shingles);
    }
    return shingles;
  }
}

/**
 * The first `limit` of ranked hits, leaving out each hit whose passage is a near-duplicate of a better-ranked
 * one kept: the original (the better ranked, or the first indexed when they tie) answers for its copies, and
 * carries those met before the limit was reached, best first. `cache` keeps each text's shingles for the next
 * question (the retriever keeps one per index).
 */
export function withoutNearDuplicates<T extends { readonly document: number }>(
  ranked: readonly T[],
  limit: number,
  textOf: (document: number) => string,
  cache: ShingleCache = new ShingleCache(),
): Array<{ readonly hit: T; readonly copies: readonly T[] }> {
  const kept: Array<{ hit: T; copies: T[]; shingles: Float64Array }> = [];
  for (const hit of ranked) {
    if (kept.length >= limit) break;
    const shingles = cache.of(textOf(hit.document));
    const original = kept.find((other) => shingleSimilarity(shingles, other.shingles) >= NEAR_DUPLICATE_SIMILARITY);
    if (original) original.copies.push(hit);
    else kept.push({ hit, copies: [], shingles });
  }
  return kept.map(({ hit, copies }) => ({ hit, copies }));
}
