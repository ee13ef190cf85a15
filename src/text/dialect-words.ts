import { DIALECT_QUESTION_WORDS } from "./question-words.js";

/**
 * Words of the dialects readers write — Darija first (the corpus is Moroccan news), then Egyptian, Levantine and
 * Gulf Arabic — that formal Arabic analysis would misread, in normalised form. The dialects' question words are
 * in text/question-words, with those of formal Arabic.
 *
 * None of these words is in XQuAD-ar's questions or paragraphs except جا and جات (جاء, جاءت: "came" in formal
 * Arabic too) and one د, so they change nothing measured there; docs/EVALUATION.md gives what they change for dialect
 * questions about the seed article. Words that are formal Arabic once normalised, with another meaning, are
 * left out: راه (رآه), كاين (كائن), دول (countries), عم (uncle), ديك (rooster), اوي (أوى).
 */

/**
 * Particles, demonstratives, pronouns and negations. Left in, each counted as a content word no article holds —
 * an unseen topic to the decision to decline: «هو المنتدى ده فين؟» was declined for its ده, «منين جا الوفد؟» and
 * «شلون كان اللقاء؟» for a question word it did not know.
 */
export const DIALECT_FUNCTION_WORDS: readonly string[] = [
  // Darija
  // لي is Darija's اللي as most type it («شكون لي مشا؟»); in formal Arabic it is «for me», a function word too.
  ...["اللي", "لي", "هاد", "هادي", "هادا", "هادو", "هاذ", "هاذي", "هاديك", "داك", "ديال", "ديالو", "ديالها", "ديالهم", "ديالنا"],
  ...["بزاف", "غادي", "غاديه", "غادين", "دابا", "ماشي", "والو", "باش", "بحال", "حيت", "هوما", "احنا", "انتوما"],
  // The genitive د («of»), as it stands when typed glued to a word with the article (دالأيام: text/glued-words).
  "د",
  // Egyptian
  ...["ده", "كده", "بتاع", "بتاعت", "بتاعه", "عشان", "علشان", "مفيش", "لسه", "مش"],
  // Levantine and Gulf
  ...["هيك", "هلق", "هيدا", "هيدي", "هاي", "رح", "مو", "وايد", "هذي"],
  // «With him / her / them / us», «with me», «with it»: the dialects' مع and ب with a pronoun (formal معه، به).
  ...["معاه", "معاها", "معاهم", "معانا", "معايا", "وياه", "وياها", "وياهم", "بيه", "بيها"],
];

/**
 * Past-tense verbs that dialect questions use most (went, came, saw, wanted, did, talked, met, took, gave,
 * asked, brought), with their feminine and plural forms. Formal Arabic's past tense has no shape that tells a
 * verb (question/weighed-words reads the imperfect's ي/ت/ن, and a word right after متى or من); these are known
 * instead. A verb is paraphrased freely, so one no article holds does not make a question about an unseen
 * thing: «حموشي مشا مع شكون؟» asks about the seed article's visit with a verb it never uses.
 */
export const DIALECT_VERBS: ReadonlySet<string> = new Set([
  ...["مشا", "مشات", "مشاو", "جا", "جات", "جاو", "اجا", "اجو", "شاف", "شافت", "شافو", "بغا", "بغات", "بغاو"],
  ...["دار", "دارت", "دارو", "هضر", "هضرات", "هضرو", "تلاقا", "تلاقي", "تلاقات", "تلاقاو", "خدا", "خداو", "عطا", "عطاو"],
  ...["سول", "سولو", "جاب", "جابو", "اتكلم", "اتعمل"],
]);

const DIALECT_MARKERS: ReadonlySet<string> = new Set([...DIALECT_FUNCTION_WORDS, ...DIALECT_VERBS, ...DIALECT_QUESTION_WORDS]);

/** Whether a question is written in dialect: one of its words (normalised) is a dialect word listed here or a dialect question word. */
export function isInDialect(normalizedWords: readonly string[]): boolean {
  return normalizedWords.some((word) => DIALECT_MARKERS.has(word));
}

/**
 * The dialects' tense prefixes on an imperfect verb: the present's Darija ك or كا (كيمثل، كايدير) and Egyptian
 * and Levantine ب (بيتعمل، بنقول), and Egyptian's future ه or ح (هيتعمل، حيقابل، هنستفيد). Only in a question
 * written in dialect: in formal Arabic most words of that shape are a preposition on a noun, a name or a noun
 * of their own (بتطوير، بيانات، بيتسبرغ، كتابة، كنيسة، هيمنة، حيفا; 33 distinct words of XQuAD-ar's questions
 * begin with ب and ي، ت or ن).
 */
export function hasDialectVerbPrefix(normalized: string): boolean {
  return /^(?:كا?|ب|ه|ح)[يتن]\p{L}{3,}$/u.test(normalized);
}
