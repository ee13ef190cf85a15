import { normalizeArabic } from "../text/normalize.js";
import { splitWords } from "../text/tokenize.js";

/**
 * Courtesies that open or close a message to a chat bot — «السلام عليكم، متى ينعقد المنتدى؟», «لو سمحت …»,
 * «… شكرا» — and requests that frame it — «أريد أن أعرف …», «ممكن تقولي …», «بغيت نعرف …». They are not part of
 * the question: weighed as its words, السلام and عليكم held «السلام عليكم، متى
 * ينعقد المنتدى؟» to a decline that «متى ينعقد المنتدى؟» was not. Stripping them from the question's ends only
 * (never from inside it, where «السلام» may be its topic: جائزة نوبل للسلام) leaves the question; a message that
 * is nothing but courtesy gets a courteous reply instead of «not in my sources». Pure.
 */

export type CourtesyKind = "salam" | "greeting" | "thanks" | "farewell" | "please";

/** Phrases by kind, compared after normalizeArabic (ة → ه, ى → ي, hamzas folded). A longer phrase wins. */
const PHRASES: ReadonlyArray<readonly [CourtesyKind, readonly string[]]> = [
  ["salam", ["السلام عليكم", "السلام عليكم ورحمه الله", "السلام عليكم ورحمه الله وبركاته", "سلام عليكم", "السلام", "سلام"]],
  [
    "greeting",
    [
      ...["مرحبا", "مرحبا بك", "مرحبتين", "اهلا", "اهلا بك", "اهلا وسهلا", "اهلين", "هلا", "تحيه", "تحياتي", "صباح الخير", "مساء الخير"],
      ...["صباح النور", "مساء النور", "كيف حالك", "كيف الحال", "لاباس", "لاباس عليك", "سلامات", "شخبارك", "ازيك"],
    ],
  ],
  [
    "thanks",
    [
      ...["شكرا", "شكرا لك", "شكرا جزيلا", "شكرا جزيلا لك", "شكرا لكم", "الف شكر", "مشكور", "متشكر", "ميرسي", "شكرا بزاف"],
      ...["بارك الله فيك", "جزاك الله خيرا", "يعطيك العافيه", "الله يحفظك"],
    ],
  ],
  ["farewell", ["مع السلامه", "وداعا", "الي اللقاء", "بالسلامه", "باي"]],
  [
    "please",
    [
      ...["من فضلك", "من فضلكم", "لو سمحت", "لو سمحتم", "رجاء", "الرجاء", "ارجوك", "عافاك"],
      // Requests that frame the question: «أريد أن أعرف …»، «ممكن تقولي …»، «بغيت نعرف …»، «عايز أعرف …».
      ...["اريد ان اعرف", "اريد معرفه", "اود ان اعرف", "اود معرفه", "ارغب في معرفه", "اخبرني", "قل لي", "حدثني"],
      ...["هل يمكنك ان تخبرني", "هل يمكن ان تخبرني", "هل تستطيع ان تخبرني", "هل يمكنك اخباري", "يمكنك ان تخبرني"],
      ...["ممكن تخبرني", "ممكن تقولي", "ممكن تقول لي", "عندي سؤال", "لدي سؤال", "سؤال", "سؤالي", "سؤالي هو"],
      ...["بغيت نعرف", "بغيت نسول", "بغيت نسولك", "قولي", "عايز اعرف", "عاوز اعرف", "عايزه اعرف", "بدي اعرف"],
      ...["فيك تقلي", "قلي", "ابغي اعرف", "ابي اعرف", "ودي اعرف"],
    ],
  ],
];

/**
 * One-word courtesies that are also words a question may open or close with (السلام as its topic, رجاء as a
 * name, وداعا as a quotation, باي as بأي «in which» once its hamza is folded): stripped only when a punctuation
 * mark sets them apart from the question («السلام، متى …؟») or when the message is nothing else. «بأي عام
 * انعقد المنتدى؟» lost its question word to the farewell.
 */
const NEEDS_A_MARK = new Set(["سلام", "السلام", "تحيه", "رجاء", "الرجاء", "هلا", "وداعا", "سؤال", "باي"].map((word) => normalizeArabic(word)));

// Normalised again here, so that a phrase written with its hamza (سؤال) matches as the message is read (سوال).
const BY_WORDS = PHRASES.flatMap(([kind, phrases]) => phrases.map((phrase) => ({ kind, words: phrase.split(" ").map((word) => normalizeArabic(word)) }))).sort(
  (a, b) => b.words.length - a.words.length,
);

export interface CourtesyReading {
  /** The message without the courtesies at its ends, as written (trimmed); empty when it was all courtesy. */
  readonly rest: string;
  /** The courtesies found, in the order they were stripped (from the start, then from the end). */
  readonly kinds: readonly CourtesyKind[];
}

/** The message with courtesy phrases stripped from its start and its end, and which kinds they were. */
export function withoutCourtesy(message: string): CourtesyReading {
  const words = splitWords(message);
  const normalized = words.map((word) => normalizeArabic(word.text));
  const kinds: CourtesyKind[] = [];
  let first = 0;
  let last = words.length; // exclusive
  // Whether the words from `from` on are the phrase, its first word allowed a و (وشكرا، والسلام عليكم).
  const isPhraseAt = (phrase: readonly string[], from: number) =>
    phrase.every((word, i) => normalized[from + i] === word || (i === 0 && normalized[from] === `و${word}`));
  // Whether a punctuation mark stands between word i − 1 and word i.
  const markBefore = (i: number) => i > 0 && i < words.length && /[،,.!؟?؛;:]/u.test(message.slice(words[i - 1]!.end, words[i]!.start));
  const strip = (atStart: boolean) => {
    for (const { kind, words: phrase } of BY_WORDS) {
      const from = atStart ? first : last - phrase.length;
      const to = from + phrase.length;
      if (from < first || to > last || !isPhraseAt(phrase, from)) continue;
      const setApart = atStart ? markBefore(to) || to === last : markBefore(from) || from === first;
      if (phrase.length === 1 && NEEDS_A_MARK.has(phrase[0]!) && !setApart) continue;
      kinds.push(kind);
      if (atStart) first = to;
      else last = from;
      return true;
    }
    return false;
  };
  while (first < last && strip(true));
  while (first < last && strip(false));
  if (first === last) return { rest: "", kinds };
  if (kinds.length === 0) return { rest: message.trim(), kinds };
  // From the first word kept to the end of the message or to the first courtesy stripped there, so that the
  // question keeps its own punctuation (its ؟) but not the comma before a closing «شكرا».
  const start = words[first]!.start;
  const end = last === words.length ? message.length : words[last]!.start;
  const rest = message.slice(start, end).trim().replace(/[\s،,.!؛;:-]+$/u, "");
  return { rest, kinds };
}
