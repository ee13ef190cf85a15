/**
 * How a passage holds a question's words (question/weighed-words): by a shared term, a shared root, or a near
 * spelling measured on letter trigrams. Pure.
 */
import { rootOfWord, trigrams, type QuestionWord } from "../question/weighed-words.js";
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";

/** A word of a passage with its trigrams, for matching question words that are spelled a little differently. */
export interface PassageWord {
  readonly word: AnalyzedWord;
  readonly grams: ReadonlySet<string>;
  readonly root: string | undefined;
}

/**
 * How strongly a passage word of the question word's root holds it (انعقد / المنعقد، مساجد / مسجد) when they
 * share no term: less than the same term, more than most near spellings. Measured on XQuAD-ar's tuning split
 * (docs/evaluation-log.md): 0.6–0.85 were alike, 0.85 a little ahead.
 */
const SAME_ROOT_STRENGTH = 0.85;

export function passageWordsOf(text: string, analyzer: Analyzer): PassageWord[] {
  return analyzer.analyzeWords(text).map((word) => ({ word, grams: trigrams(word.normalized), root: rootOfWord(word) }));
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return shared;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  return (2 * countShared(a, b)) / (a.size + b.size || 1);
}

/** The share of `wanted` found in `available`, in [0, 1] (0 when nothing is wanted). */
export function sharedShare(wanted: ReadonlySet<string>, available: ReadonlySet<string>): number {
  return wanted.size === 0 ? 0 : countShared(wanted, available) / wanted.size;
}

/**
 * How well a passage holds one question word, in [0, 1]: 1 for a shared term; SAME_ROOT_STRENGTH for a word of
 * the same root; the trigram overlap (Dice) for a near miss at or above `softMatchMin` (a typo, a form light
 * stemming does not reach) when that is more; else 0.
 */
export function matchStrength(word: QuestionWord, passage: readonly PassageWord[], softMatchMin: number): number {
  const strengths = strengthsOf(word);
  let best = 0;
  for (const candidate of passage) {
    let similarity = strengths.get(candidate);
    if (similarity === undefined) strengths.set(candidate, (similarity = pairStrength(word, candidate)));
    if (similarity === SHARED_TERM) return 1;
    if (similarity >= softMatchMin && similarity > best) best = similarity;
  }
  return best;
}

const SHARED_TERM = Infinity;

/**
 * A question word's strength against each passage word met so far, before any threshold (see pairStrength).
 * Kept per question word, and gone with it: reading a chunk meets the same pairs five times or more — its
 * clauses, the novelty count, the section, the whole chunk — and the trigram overlaps were most of an answer's
 * time.
 */
const pairStrengths = new WeakMap<QuestionWord, Map<PassageWord, number>>();

function strengthsOf(word: QuestionWord): Map<PassageWord, number> {
  let strengths = pairStrengths.get(word);
  if (!strengths) pairStrengths.set(word, (strengths = new Map()));
  return strengths;
}

/** A question word against one passage word: SHARED_TERM, or their similarity. */
function pairStrength(word: QuestionWord, candidate: PassageWord): number {
  if (candidate.word.terms.some((term) => word.terms.includes(term))) return SHARED_TERM;
  const spelledAlike = dice(word.grams, candidate.grams);
  return word.root !== undefined && word.root === candidate.root ? Math.max(spelledAlike, SAME_ROOT_STRENGTH) : spelledAlike;
}

/** The share of the question's weight a passage holds, in [0, 1]. */
export function coverage(words: readonly QuestionWord[], passage: readonly PassageWord[], softMatchMin: number): number {
  let total = 0;
  let covered = 0;
  for (const word of words) {
    total += word.weight;
    covered += word.weight * matchStrength(word, passage, softMatchMin);
  }
  return total === 0 ? 0 : covered / total;
}
