import { normalizeArabic } from "../text/normalize.js";
import { ALL_QUESTION_WORDS } from "../text/question-words.js";
import { ARABIC_STOP_WORDS } from "../text/stop-words.js";
import { splitWords } from "../text/tokenize.js";

/**
 * Follow-up questions in a chat. After «أين انعقد المنتدى؟», «ومتى؟» asks when the forum was held: on its own
 * it names nothing to search for and was declined, and «وكم استمر؟» was answered from whatever passage held
 * a word of استمر. Pure: the conversation's memory is src/pipeline/follow-ups.
 */

/** Question words and من, as they open a follow-up behind و or ف (ومتى، وأين، فكم، ومن). */
const QUESTION_OPENINGS: ReadonlySet<string> = new Set(["من", ...ALL_QUESTION_WORDS]);

/** The words of a question that name something: neither function nor question words. Normalised. */
export function contentWordsOf(question: string): string[] {
  return splitWords(normalizeArabic(question))
    .map((word) => word.text)
    .filter((word) => !ARABIC_STOP_WORDS.has(word) && !QUESTION_OPENINGS.has(word));
}

/** Prepositions a question word may follow (ومع من، وفي أي، وإلى متى، ومن أين), normalised. */
const PREPOSITIONS = new Set(["مع", "في", "الي", "من", "علي", "عن", "ب", "ل", "منذ", "حتي"]);

/**
 * Whether a question leans on the one before: it names at most one thing of its own, and it opens with و or ف
 * glued to a question word, or to a preposition before one (ومتى؟، وأين انعقد؟، فكم عددهم؟، ومع من التقى؟) —
 * the way a chat continues a question in Arabic — or it names nothing at all (متى؟، لماذا؟، كيف ذلك؟). A
 * question that names two things («وما هي عاصمة اليابان؟») has a subject of its own, and a lone name
 * («حموشي؟») is a new search, not a follow-up.
 */
export function leansOnPrevious(question: string): boolean {
  const named = contentWordsOf(question).length;
  if (named === 0) return true;
  if (named > 1) return false;
  const [first = "", second = "", third = ""] = splitWords(normalizeArabic(question)).map((word) => word.text);
  if (!/^[وف]./u.test(first)) return false;
  const opening = first.slice(1);
  return QUESTION_OPENINGS.has(opening) || (PREPOSITIONS.has(opening) && (QUESTION_OPENINGS.has(second) || QUESTION_OPENINGS.has(third)));
}

/**
 * The question read with the one it follows: its own words first — its question word decides what kind of
 * answer is wanted — then the previous question's, which name the subject («ومتى؟ أين انعقد المنتدى؟»).
 */
export function withPreviousQuestion(question: string, previous: string): string {
  return `${question.trim()} ${previous.trim()}`;
}
