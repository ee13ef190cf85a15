import { normalizeArabic } from "../text/normalize.js";
import { answerFrameAt, QUESTION_WORDS, readAsWhich } from "../text/question-words.js";

/** What kind of answer a question asks for, read from its question word (formal Arabic or dialect). */
export type QuestionType = "when" | "how-many" | "who" | "where" | "why" | "how" | "what" | "other";

// Order matters: the first list holding a word gives the type. "من" is checked only as the first word, since
// it is also the preposition "from".
const CUES: ReadonlyArray<readonly [QuestionType, ReadonlyArray<string>]> = QUESTION_WORDS.map(([type, formal, dialect]) => [type, [...formal, ...dialect]]);

const WHO_OPENINGS = new Set(["من", "لمن", "بمن", "ومن", "فمن", "عمن", "ممن"]);
// "مع من", "إلى من", "على من": a preposition, then من asking for a person.
const PREPOSITIONS_BEFORE_WHO = new Set(["مع", "الي", "علي", "عن", "في", "بين"]);

export function detectQuestionType(question: string): QuestionType {
  const words = normalizeArabic(question).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (WHO_OPENINGS.has(words[0] ?? "")) return "who";
  if (PREPOSITIONS_BEFORE_WHO.has(words[0] ?? "") && words[1] === "من") return "who";
  // The question word is among the first few: "وفي أي عام…", "حسب المقال، كم…".
  for (const [position, word] of words.slice(0, 4).entries()) {
    // «وأي», and «بأي» / «لأي» (in which, for which): the preposition is read off أي alone, since لماذا is not لـ + ماذا.
    const bare = readAsWhich(word) ? "اي" : word.length > 2 ? word.replace(/^[وف]/u, "") : word;
    for (const [type, cues] of CUES) {
      if (!cues.includes(bare) && !cues.includes(word)) continue;
      // «ما الهدف من …», «ما هو سبب …» ask why; «ما مدة …» how long, answered by a number.
      const frame = type === "what" ? (answerFrameAt(words, position + 1) ?? answerFrameAt(words, position + 2)) : undefined;
      if (frame) return frame;
      // "في أي عام", "في أي شهر", "ما تاريخ": a "what" that asks for a time.
      return type === "what" && /(^|\s)(عام|سنه|تاريخ|شهر|العام|السنه|الشهر)(\s|$)/u.test(words.join(" ")) ? "when" : type;
    }
  }
  return "other";
}

const MONTHS = [
  "يناير", "فبراير", "مارس", "ابريل", "مايو", "ماي", "يونيو", "يونيه", "يوليو", "يوليوز", "اغسطس", "غشت", "سبتمبر",
  "شتنبر", "اكتوبر", "نوفمبر", "نونبر", "ديسمبر", "دجنبر", "جانفي", "فيفري", "افريل", "جوان", "جويليه", "اوت",
  "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين",
];
const TIME_WORDS = ["عام", "سنه", "سنوات", "القرن", "يوم", "الفتره", "منذ", "خلال", "حتي", "تاريخ", "العام", "قرن"];
const NUMBER_WORDS = [
  "واحد", "اثنان", "اثنين", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "عشرون", "مئه", "مائه",
  "الف", "الاف", "مليون", "ملايين", "مليار", "نصف", "ربع", "ثلث", "بالمئه", "بالمائه",
];
const PLACE_WORDS = ["مدينه", "عاصمه", "بالعاصمه", "دوله", "منطقه", "ولايه", "اقليم", "جزيره", "بلد", "قريه", "شمال", "جنوب", "شرق", "غرب"];
// Words that stand next to a person's name in news Arabic: kunya and nasab particles, titles, offices.
const PERSON_WORDS = [
  "عبد", "بن", "ابن", "ابو", "السيد", "السيده", "الرئيس", "رييس", "الملك", "الامير", "الوزير", "وزير", "المدير", "مدير",
  "الشيخ", "الدكتور", "القايد", "قايد", "نظيره", "نظيرته", "الكاتب", "اللاعب", "المدرب", "الفنان", "الممثل", "العالم", "الامام", "البابا",
];
const REASON_WORDS = ["بسبب", "لان", "نتيجه", "بهدف", "لاجل", "من اجل", "ادي", "لكي"];

/**
 * What may follow a cue word in the same written word (normalised: ة is ه): خمس in خمسه and خمسين, سنه in
 * سنوات is a word of its own. A cue is a whole word, not a prefix: اب (August) is not the start of ابواب, nor
 * الف (a thousand) of الفريق.
 */
const CUE_ENDINGS = "ه|ين|ون|ات|ان|ا|ي|يه|ها|هم";

/** One pattern per cue list, built once: any of its words, whole, behind an optional proclitic and article. */
function cuePattern(words: readonly string[]): RegExp {
  return new RegExp(`(^|[^\\p{L}])[وبلف]?(ال)?(${words.join("|")})(${CUE_ENDINGS})?($|[^\\p{L}])`, "u");
}

const MONTHS_CUES = cuePattern(MONTHS);
const TIME_WORDS_CUES = cuePattern(TIME_WORDS);
const NUMBER_WORDS_CUES = cuePattern(NUMBER_WORDS);
const PLACE_WORDS_CUES = cuePattern(PLACE_WORDS);
const REASON_WORDS_CUES = cuePattern(REASON_WORDS);
const PERSON_WORDS_CUES = cuePattern(PERSON_WORDS);

/**
 * How well a passage fits the kind of answer asked for, in [0, 1]: a date or a year for "when", a number for
 * "how many", a place word for "where", a cause for "why", a title or name particle for "who". 0.5 when the
 * type gives no cue.
 */
export function answerTypeFit(type: QuestionType, passage: string): number {
  const text = normalizeArabic(passage);
  const hasDigits = /\d/u.test(text);
  switch (type) {
    case "when": {
      const hasMonth = MONTHS_CUES.test(text);
      return hasDigits && (hasMonth || TIME_WORDS_CUES.test(text) || /\b1\d{3}|20\d{2}\b/u.test(text)) ? 1 : hasDigits || hasMonth ? 0.7 : 0;
    }
    case "how-many":
      return hasDigits ? 1 : NUMBER_WORDS_CUES.test(text) ? 0.8 : 0;
    case "where":
      return PLACE_WORDS_CUES.test(text) ? 1 : /(^|\s)(في|ب)\s?\p{L}/u.test(text) ? 0.5 : 0.2;
    case "why":
      return REASON_WORDS_CUES.test(text) ? 1 : 0.3;
    case "who":
      return PERSON_WORDS_CUES.test(text) ? 1 : 0.3;
    default:
      return 0.5;
  }
}
