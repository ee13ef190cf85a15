/**
 * The words that open a question, by the kind of answer they ask for — formal Arabic and the dialects users
 * write (Darija, Levantine, Egyptian) — in normalised form (hamzas folded, ى → ي). One list for the two uses
 * that must agree: answer/question-type reads a question's type from them, and text/stop-words keeps them out
 * of the index terms (a dialect question word left in counted as an unknown content word of the question).
 * "من" is not here: it is also the preposition "from", and question-type reads it by position.
 */
export const QUESTION_WORDS = [
  // [the kind of answer, formal Arabic's words, the dialects' words]
  ["when", ["متي"], ["امتي", "امتا", "ايمتي", "وقتاش", "فوقاش", "فاش"]],
  // Darija writes شحال and شكون with a leading alif as often as without (اشحال، أشكون), as it does اشنو.
  ["how-many", ["كم", "بكم"], ["قداش", "شحال", "اشحال", "بشحال", "شكد", "اشكد", "كام", "قديش", "اديش"]],
  ["where", ["اين"], ["فين", "وين", "فاين", "منين"]],
  ["why", ["لماذا", "لم"], ["علاش", "علاه", "ليش", "ليه"]],
  ["how", ["كيف", "كيفما"], ["كيفاش", "ازاي", "شلون", "وشلون"]],
  // Glued forms are common in typed questions: «مالذي حدث؟», «ماهي العاصمة؟», «منهو الرئيس؟».
  ["who", ["منهو", "منهي"], ["شكون", "اشكون", "مين", "منو"]],
  ["what", ["ما", "ماذا", "ماهو", "ماهي", "مالذي", "ماالذي", "اي", "هل"], ["اش", "اشنو", "شنو", "شنهو", "شنهي", "شو", "وش", "ايش", "ايه", "واش"]],
] as const;

/** Every question word of QUESTION_WORDS, whatever the kind of answer it asks for. */
export const ALL_QUESTION_WORDS: readonly string[] = QUESTION_WORDS.flatMap(([, formal, dialect]) => [...formal, ...dialect]);

/** The dialects' question words: one of them says a question is written in dialect (text/dialect-words). */
export const DIALECT_QUESTION_WORDS: readonly string[] = QUESTION_WORDS.flatMap(([, , dialect]) => dialect);
