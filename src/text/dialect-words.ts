/**
 * Words of the dialects readers write — Darija first (the corpus is Moroccan news), then Egyptian, Levantine and
 * Gulf Arabic — that formal Arabic analysis would misread, in normalised form. The dialects' question words are
 * in text/question-words, with those of formal Arabic.
 *
 * None of these words is in XQuAD-ar's questions or paragraphs except جا and جات (جاء, جاءت: "came" in formal
 * Arabic too), so they change nothing measured there; docs/EVALUATION.md gives what they change for dialect
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
  ...["اللي", "هاد", "هادي", "هادا", "هادو", "هاذ", "هاذي", "هاديك", "داك", "ديال", "ديالو", "ديالها", "ديالهم", "ديالنا"],
  ...["بزاف", "غادي", "غاديه", "غادين", "دابا", "ماشي", "والو", "باش", "بحال", "حيت", "هوما", "احنا", "انتوما"],
  // Egyptian
  ...["ده", "كده", "بتاع", "بتاعت", "بتاعه", "عشان", "علشان", "مفيش", "لسه", "مش"],
  // Levantine and Gulf
  ...["هيك", "هلق", "هيدا", "هيدي", "هاي", "رح", "مو", "وايد", "هذي"],
];

/**
 * Past-tense verbs that dialect questions use most (went, came, saw, wanted, did, talked, met, took, gave,
 * asked, brought), with their feminine and plural forms. Formal Arabic's past tense has no shape that tells a
 * verb (answer/word-matching reads the imperfect's ي/ت/ن, and a word right after متى or من); these are known
 * instead. A verb is paraphrased freely, so one no article holds does not make a question about an unseen
 * thing: «حموشي مشا مع شكون؟» asks about the seed article's visit with a verb it never uses.
 */
export const DIALECT_VERBS: ReadonlySet<string> = new Set([
  ...["مشا", "مشات", "مشاو", "جا", "جات", "جاو", "اجا", "اجو", "شاف", "شافت", "شافو", "بغا", "بغات", "بغاو"],
  ...["دار", "دارت", "دارو", "هضر", "هضرات", "هضرو", "تلاقا", "تلاقات", "تلاقاو", "خدا", "خداو", "عطا", "عطاو"],
  ...["سول", "سولو", "جاب", "جابو", "اتكلم", "اتعمل"],
]);
