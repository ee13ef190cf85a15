import { isKnownWord, type AnalyzedWord, type Analyzer } from "./analyzer.js";
import { DIALECT_VERBS } from "./dialect-words.js";
import { BACKGROUND_RARITY, type TermFrequencies } from "./background-rarity.js";
import { withGluedWordsSplit } from "./glued-words.js";

/**
 * Spelling tolerance for questions: a question word whose stem no article holds, but which is one slip away
 * from a stem that articles do hold (مجومعة for مجموعة, حموسي for حموشي), gets that stem as its first term.
 * Edits are those of Damerau–Levenshtein distance 1 — a letter dropped, added, replaced, or two swapped —
 * generated and looked up in the index (Norvig's corrector: no second index, nothing to keep in step). Only
 * stems of four letters or more are corrected, and only into such stems: Arabic's two- and three-letter stems
 * lie so close together that one edit turns most of them into another real word. (Five letters or more was measured too: on XQuAD-ar's
 * tuning split it declined up to 2 points fewer of the questions the corpus cannot answer (at most 0.5 more),
 * and missed short names such as حموسي for حموشي.) Pure, given `frequencyOf`.
 */

/** Letters an edit may add or substitute: the Arabic alphabet after normalisation, Latin. */
const ARABIC_LETTERS = [..."ابتثجحخدذرزسشصضطظعغفقكلمنهوي"];
const LATIN_LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];

export const MIN_CORRECTED_LENGTH = 4;
/** Longer "words" (a pasted link, a run of letters) are not slips of a word; their edits would only cost time. */
const MAX_CORRECTED_LENGTH = 30;

/** Every string one edit away from `term`, over the alphabet of its own script. */
function editsOf(term: string): Set<string> {
  const letters = [...term];
  const alphabet = /\p{Script=Arabic}/u.test(term) ? ARABIC_LETTERS : LATIN_LETTERS;
  const edits = new Set<string>();
  for (let i = 0; i <= letters.length; i += 1) {
    const before = letters.slice(0, i).join("");
    const after = letters.slice(i).join("");
    if (i < letters.length) edits.add(before + letters.slice(i + 1).join(""));
    if (i < letters.length - 1) edits.add(before + letters[i + 1] + letters[i] + letters.slice(i + 2).join(""));
    for (const letter of alphabet) {
      edits.add(before + letter + after);
      if (i < letters.length) edits.add(before + letter + letters.slice(i + 1).join(""));
    }
  }
  edits.delete(term);
  return edits;
}

/**
 * The most frequent known stem one edit away from an unknown one (ties go to the first in code-point order, so
 * the choice is stable), or undefined when there is none or the stem is too short to correct. The correction
 * must be as long as MIN_CORRECTED_LENGTH too: a letter dropped from a four-letter stem lands on a three-letter
 * one, and those lie as close together as shorter ones (the unknown stems of التزام and التوأم were both
 * "corrected" to تام). On XQuAD-ar's tuning split: +0.7 pt of the questions the corpus cannot answer declined,
 * questions with a typo answered as well as before.
 * Edits are made to the stem, not the whole word: edits to the whole word (so that a slip in a prefix is caught too) also
 * found "corrections" for many words of questions the corpus cannot answer — 4 points fewer of those were
 * declined in XQuAD-ar's tuning corpora of one and four articles — for 0.7 points fewer answerable questions
 * declined after typos.
 */
export function closestKnownTerm(stem: string, frequencyOf: (term: string) => number): string | undefined {
  const length = [...stem].length;
  if (length < MIN_CORRECTED_LENGTH || length > MAX_CORRECTED_LENGTH) return undefined;
  // A number one digit away is another number, not a slip: «من فاز بكأس العالم 2022؟» must not be read as
  // asking about the 2025 an article holds (one held-out XQuAD-ar question more declined, «أول معركة في 1754»).
  if (/\d/u.test(stem)) return undefined;
  let best: string | undefined;
  let bestFrequency = 0;
  for (const candidate of editsOf(stem)) {
    if ([...candidate].length < MIN_CORRECTED_LENGTH) continue;
    const frequency = frequencyOf(candidate);
    if (frequency > bestFrequency || (frequency === bestFrequency && frequency > 0 && candidate < best!)) {
      best = candidate;
      bestFrequency = frequency;
    }
  }
  return best;
}

/**
 * A question's words as retrieval and the composer both read them: analysed, and — when the analyzer corrects
 * spelling and the index's term frequencies are at hand — with unknown words corrected (withSpellingCorrected),
 * and those no correction reaches split where a space went missing (text/glued-words). Correction goes first:
 * a name one slip from a known one (لافوزييه for لافوازييه) is not a function word glued to a word (لا + فوزييه).
 */
export function analyzeQuestion(question: string, analyzer: Analyzer, frequencyOf?: (term: string) => number, background: TermFrequencies = BACKGROUND_RARITY): AnalyzedWord[] {
  const words = analyzer.analyzeWords(question);
  if (!frequencyOf || !analyzer.options.correctSpelling) return words;
  return withGluedWordsSplit(withSpellingCorrected(words, frequencyOf, background), analyzer, frequencyOf);
}

/**
 * The words of a question with each unknown word's correction, if any, put first among its terms (so it is
 * what the word is weighed and matched by); known words, stop words and uncorrectable words are unchanged, and
 * so are the dialects' verbs, which are words of their own, not slips: تلاقى was read as علاق (العلاقات). So is
 * a word that general Arabic text writes often (`background`: in two of its documents or more) when the
 * correction would replace one of its letters: a word the corpus lacks, not a slip — «مدينة» read as «مدير»
 * answered a question about a city from the seed article. Slips make non-words far more often than words.
 */
export function withSpellingCorrected(words: readonly AnalyzedWord[], frequencyOf: (term: string) => number, background: TermFrequencies = BACKGROUND_RARITY): AnalyzedWord[] {
  // A slip that lands on another word of the same question is a second word, not a slip: «مدرب المنتخب المغربي»
  // read مدرب as مغرب, and the question lost what it asked about.
  const asked = new Set(words.filter((word) => isKnownWord(word, frequencyOf)).flatMap((word) => word.terms));
  const notAsked = (term: string) => (asked.has(term) ? 0 : frequencyOf(term));
  return words.map((word) => {
    if (word.terms.length === 0 || isKnownWord(word, frequencyOf) || DIALECT_VERBS.has(word.normalized)) return word;
    const correction = closestKnownTerm(word.terms[0]!, notAsked);
    // A common word is taken for a slip only through a letter added or dropped — a form light stemming missed
    // (شارك for مشاركة) — never through a letter replaced, which makes it another word (مدينة → مدير).
    const replaced = correction !== undefined && [...correction].length === [...word.terms[0]!].length;
    if (replaced && word.terms.some((term) => background.documentFrequency(term) >= 2)) return word;
    return correction ? { ...word, terms: [correction, ...word.terms], correctedFrom: word.terms[0]! } : word;
  });
}
