/**
 * The words that open a question, by the kind of answer they ask for — formal Arabic and the dialects users
 * write (Darija, Levantine, Egyptian) — in normalised form (hamzas folded, ى → ي). One list for the two uses
 * that must agree: answer/question-type reads a question's type from them, and text/stop-words keeps them out
 * of the index terms (a dialect question word left in counted as an unknown content word of the question).
 * "من" is not here: it is also the preposition "from", and question-type reads it by position.
 */
export const QUESTION_WORDS = [
  ["when", ["متي", "امتي", "امتا", "وقتاش", "ايمتي", "فوقاش", "فاش"]],
  ["how-many", ["كم", "قداش", "شحال", "بكم", "شكد", "اشكد", "كام", "قديش", "اديش"]],
  ["where", ["اين", "فين", "وين", "فاين", "منين"]],
  ["why", ["لماذا", "علاش", "علاه", "ليش", "ليه", "لم"]],
  ["how", ["كيف", "كيفاش", "كيفما", "ازاي", "شلون", "وشلون"]],
  ["who", ["شكون", "مين", "منو", "منهو", "منهي"]],
  // Glued forms are common in typed questions: «مالذي حدث؟», «ماهي العاصمة؟», «منهو الرئيس؟».
  ["what", ["ما", "ماذا", "ماهو", "ماهي", "مالذي", "ماالذي", "اش", "اشنو", "شنو", "شنهو", "شنهي", "شو", "وش", "ايش", "اي", "ايه", "هل", "واش"]],
] as const;

/** Every question word of QUESTION_WORDS, whatever the kind of answer it asks for. */
export const ALL_QUESTION_WORDS: readonly string[] = QUESTION_WORDS.flatMap(([, words]) => words);
