import { isKnownWord, type AnalyzedWord, type Analyzer } from "./analyzer.js";

/**
 * Arabic letters that never join the letter after them. A space left out after one of them cannot be seen —
 * the two words still look apart on screen — so it is the missing space users do not notice and send
 * (تشتهرالبلد، النظرعن، ماموضوع). After any other letter the words would visibly run together.
 */
export const NON_JOINING_LETTERS = "اأإآدذرزوؤةء";

// Where a word may have lost a space: after a non-joining letter and any marks on it.
const AFTER_NON_JOINING = new RegExp(`[${NON_JOINING_LETTERS}][\\p{M}\\u0640]*`, "gu");

// Function words that, after a word, are far more often its ending: attached pronouns (عبرهما، أحدهم), the
// dual ان (المديران), and أم (التوأم).
const ENDINGS_NOT_WORDS = new Set(["ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ني", "ان", "ام"]);
// Two words glued together are rarely longer than this; a longer "word" (a pasted link, a run of letters) is not
// tried, since every boundary in it would cost two analyses.
const MAX_GLUED_LENGTH = 40;
// Darija's genitive د («of») is written glued to the next word when it has the article (المدير دالأمن, شحال
// دالأيام): the one function word of a single letter that stands before a word with a space of its own.
const DARIJA_GENITIVE = "د";
// The article and at most one letter, a word's beginning or end rather than a word: الأموال cut after the
// article's alif is not إلا + موال, nor بالعدالة بالعد + آلة.
const ARTICLE_AND_A_LETTER = /^[وف]?[بكل]?ال.?$/u;

/**
 * A question's words with each word that no chunk holds, but that is two words typed without the space between
 * them, split in two. A split is taken only where the space could have gone missing unseen (after a
 * non-joining letter), where it yields words the corpus knows, and in one of the two shapes such slips take:
 * - a word of three letters or more, then a word with the article or a function word: تشتهر|البلد،
 *   الوفد|التركي، النظر|عن;
 * - a function word, then a word of three letters or more: ما|موضوع، هو|مدير; of one letter, only Darija's
 *   genitive before the article: د|الأيام.
 * Other pairs of known pieces are far more often a coincidence — the unknown word is a real word or a name the
 * corpus lacks (الغازولين is not الغاز + ولين, بتجربة not بتجر + به, الأموال not إلا + موال) — and the word is
 * left whole. The first split from the right that fits is taken. Pure, given `frequencyOf`.
 */
export function withGluedWordsSplit(words: readonly AnalyzedWord[], analyzer: Analyzer, frequencyOf: (term: string) => number): AnalyzedWord[] {
  const isKnown = (word: AnalyzedWord) => isKnownWord(word, frequencyOf);
  const isFunctionWord = (word: AnalyzedWord) => word.terms.length === 0;
  const canFollowAWord = (word: AnalyzedWord) =>
    isFunctionWord(word) ? !ENDINGS_NOT_WORDS.has(word.normalized) && !word.span.text.endsWith("ة") : isKnown(word) && word.normalized.startsWith("ال");
  return words.flatMap((word) => {
    if (isFunctionWord(word) || isKnown(word) || word.span.text.length > MAX_GLUED_LENGTH) return [word];
    // From the right, so that a hamza on the line stays with its word (الماء|في, not الما|ءفي).
    for (const boundary of [...word.span.text.matchAll(AFTER_NON_JOINING)].reverse()) {
      const at = boundary.index + boundary[0].length;
      // A one-letter piece is only ever Darija's genitive: no other is worth analysing.
      if (at > word.span.text.length - 2 || (at < 2 && boundary[0] !== DARIJA_GENITIVE)) continue;
      const left = partOf(word, 0, at, analyzer);
      const right = partOf(word, at, word.span.text.length, analyzer);
      if (!left || !right || ARTICLE_AND_A_LETTER.test(left.normalized) || ARTICLE_AND_A_LETTER.test(right.normalized)) continue;
      if (at < 2 && !right.normalized.startsWith("ال")) continue;
      const wordThenAnother = isKnown(left) && left.normalized.length >= 3 && canFollowAWord(right);
      const functionWordThenWord = isFunctionWord(left) && isKnown(right) && right.normalized.length >= 3;
      if (wordThenAnother || functionWordThenWord) return [left, right];
    }
    return [word];
  });
}

/** The letters of a word between two offsets, analysed as a word of their own, with their place in the question. */
function partOf(word: AnalyzedWord, from: number, to: number, analyzer: Analyzer): AnalyzedWord | undefined {
  const text = word.span.text.slice(from, to);
  const analyzed = analyzer.analyzeWords(text);
  if (analyzed.length !== 1) return undefined;
  const start = word.span.start + from;
  return { ...analyzed[0]!, span: { text, start, end: start + text.length } };
}
