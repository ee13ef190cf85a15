/**
 * The words that open a question, by the kind of answer they ask for — formal Arabic and the dialects users
 * write (Darija, Levantine, Egyptian) — in normalised form (hamzas folded, ى → ي). One list for the two uses
 * that must agree: question/question-type reads a question's type from them, and text/stop-words keeps them out
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

/**
 * «Which» as a question writes it, normalised: أي, behind و / ف, and behind a preposition ب / ل or not (وفي أي،
 * بأي، لأي). The preposition, when there is one, is the match's first group.
 */
export function readAsWhich(normalized: string): { readonly preposition?: string } | undefined {
  const match = /^[وف]?([بل])?اي$/u.exec(normalized);
  return match ? (match[1] ? { preposition: match[1] } : {}) : undefined;
}

/** The dialects' question words: one of them says a question is written in dialect (text/dialect-words). */
export const DIALECT_QUESTION_WORDS: readonly string[] = QUESTION_WORDS.flatMap(([, , dialect]) => dialect);

/**
 * Nouns that name the kind of answer a question asks for — a purpose or a cause, a duration — when they stand
 * right after its «what» (ما الهدف من الزيارة؟ asks لماذا; ما مدة المنتدى؟ asks how long), normalised, with and
 * without the article. There they frame the question rather than name its topic, and the answer seldom repeats
 * them: the seed article gives its visit's purpose as «للمشاركة في المنتدى» and the forum's length as «من 18 إلى
 * 20 شتنبر». Read as content words no article holds, «ما الهدف من الزيارة؟» and «ما مدة المنتدى؟» were declined
 * at 0.00. Elsewhere they are words like any other (سجل هدفا: scored a goal).
 */
const ANSWER_FRAME_NOUNS: ReadonlyArray<readonly ["why" | "how-many", readonly string[]]> = [
  // Singular and plural: «ما هي أهداف الزيارة؟» asks the purpose as «ما الهدف من الزيارة؟» does.
  ["why", ["هدف", "اهداف", "غرض", "اغراض", "سبب", "اسباب", "دافع", "دوافع", "غايه", "غايات"].flatMap((noun) => [noun, `ال${noun}`])],
  ["how-many", ["مده", "المده"]],
];

/** The «what» a frame noun follows: formal ما and its glued forms, and the dialects' words for it (not هل or اي). */
const WHAT_WORDS: ReadonlySet<string> = new Set(["ما", "ماذا", "ماهو", "ماهي", "اش", "اشنو", "شنو", "شنهو", "شنهي", "شو", "وش", "ايش", "ايه"]);

/**
 * The kind of answer a frame noun at `position` asks for (see ANSWER_FRAME_NOUNS), or undefined when the word
 * there is not one: it must follow a «what», directly or after هو / هي (ما هو الهدف، شنو هي الأسباب).
 */
export function answerFrameAt(normalizedWords: readonly string[], position: number): "why" | "how-many" | undefined {
  const word = normalizedWords[position];
  const frame = ANSWER_FRAME_NOUNS.find(([, nouns]) => word !== undefined && nouns.includes(word));
  if (!frame) return undefined;
  const before = normalizedWords[position - 1] ?? "";
  const pronounAfterWhat = (before === "هو" || before === "هي") && WHAT_WORDS.has(normalizedWords[position - 2] ?? "");
  return WHAT_WORDS.has(before.replace(/^[وف]/u, "")) || WHAT_WORDS.has(before) || pronounAfterWhat ? frame[0] : undefined;
}
