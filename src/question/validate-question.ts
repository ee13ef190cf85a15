import { withoutCourtesy, type CourtesyKind } from "./courtesy.js";
import { hasWords } from "../text/tokenize.js";

/** The longest question accepted, in characters: a question, not a document to search with. */
export const MAX_QUESTION_CHARS = 1000;

export type QuestionCheck =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly problem: "empty" | "too-long" | "no-words" | "not-arabic" | "courtesy"; readonly message: string };

/** Arabic messages for a question that cannot be asked, shared by the CLI and the bot. */
export const QUESTION_PROBLEM_MESSAGES = {
  empty: "السؤال فارغ. اكتب سؤالك بالعربية، مثلا: من يترأس الوفد الأمني المغربي؟",
  "too-long": `السؤال طويل جدا: الحد الأقصى ${MAX_QUESTION_CHARS} حرف. اختصر سؤالك واسأل مرة أخرى.`,
  "no-words": "لم أجد في رسالتك كلمات أبحث بها (رموز أو علامات فقط). اكتب سؤالك بالكلمات.",
  "not-arabic": "أجيب عن الأسئلة المكتوبة بالحروف العربية، فمصادري عربية. اكتب سؤالك بالعربية، مثلا: من يترأس الوفد الأمني المغربي؟",
} as const;

/** The reply to a message that is only a courtesy (courtesy.ts), by the first kind found; السلام is returned. */
export const COURTESY_REPLIES: Readonly<Record<CourtesyKind, string>> = {
  salam: "وعليكم السلام ورحمة الله 👋 اسألني عن الأخبار التي في مصادري، مثلا: من يترأس الوفد الأمني المغربي؟",
  greeting: "أهلا بك 👋 اسألني عن الأخبار التي في مصادري، مثلا: من يترأس الوفد الأمني المغربي؟",
  please: "تفضل، اكتب سؤالك عن الأخبار التي في مصادري، مثلا: من يترأس الوفد الأمني المغربي؟",
  thanks: "عفوا 🙏 يسعدني أن أجيب عن أسئلة أخرى متى شئت.",
  farewell: "مع السلامة 👋 عد متى شئت بسؤال آخر.",
};

/**
 * Two Latin words and no Arabic letter: a question in English or French, or Darija in Latin letters (chkoun
 * mcha l turkia), which the Arabic analysis cannot read — searching would only decline it. One Latin word
 * alone is a name worth searching (IGEF, Interpol).
 */
function isWrittenInLatinOnly(question: string): boolean {
  return !/\p{Script=Arabic}/u.test(question) && (question.match(/\p{Script=Latin}{2,}/gu) ?? []).length >= 2;
}

/**
 * The question with its invisible characters settled, as pasted from a web page or a chat: a zero-width space or
 * non-joiner between two words is the break it shows (the words would otherwise be read glued, «منالتقى»), and
 * direction marks and overrides go (they would come back in the echoed question, and an override turns its
 * display round). A zero-width joiner or a byte-order mark stays for the analyzer, which drops it.
 */
function withoutInvisibles(raw: string): string {
  return raw.replace(/[\u200B\u200C]+/gu, " ").replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, "");
}

/**
 * Checks a question before any search: trimmed, not empty, not over-long, holding at least one word, and not
 * written wholly in Latin letters. Courtesies at its ends (السلام عليكم، لو سمحت، شكرا) are taken off the
 * question; a message of nothing else gets a courteous reply (COURTESY_REPLIES) instead of a search.
 */
export function validateQuestion(raw: string, maxChars = MAX_QUESTION_CHARS): QuestionCheck {
  const question = withoutInvisibles(raw).trim();
  const fail = (problem: keyof typeof QUESTION_PROBLEM_MESSAGES): QuestionCheck => ({
    ok: false,
    problem,
    message: QUESTION_PROBLEM_MESSAGES[problem],
  });
  if (question.length === 0) return fail("empty");
  if (question.length > maxChars) return fail("too-long");
  if (!hasWords(question)) return fail("no-words");
  if (isWrittenInLatinOnly(question)) return fail("not-arabic");
  const { rest, kinds } = withoutCourtesy(question);
  if (kinds.length > 0 && !hasWords(rest)) {
    return { ok: false, problem: "courtesy", message: COURTESY_REPLIES[kinds.includes("salam") ? "salam" : kinds[0]!] };
  }
  return { ok: true, question: rest };
}
