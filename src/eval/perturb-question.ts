/**
 * Questions as users type them rather than as a data set's annotators wrote them, for measuring how much
 * retrieval and answers lose: a typo in one word, or the question word said in dialect. Each perturbation is
 * deterministic — seeded by the question's id — so the same run gives the same figures. Pure.
 */

import { NON_JOINING_LETTERS } from "../text/glued-words.js";
import type { EvalDataset } from "./squad-dataset.js";

export type QuestionNoise = "typos" | "dialect" | "missing-space";
export const QUESTION_NOISES: readonly QuestionNoise[] = ["typos", "dialect", "missing-space"];

/**
 * Letters users confuse on a keyboard or by ear (dotted pairs, emphatic and plain, ة/ه, ى/ي): a substitution
 * typo takes one of these instead of a random letter, as a phone user's slip would.
 */
const CONFUSABLE: Readonly<Record<string, string>> = {
  ض: "ص", ص: "ض", ث: "ت", ت: "ث", ذ: "ز", ز: "ذ", ظ: "ط", ط: "ظ", ة: "ه", ه: "ة", ى: "ي", ي: "ى",
  ق: "ف", ف: "ق", س: "ش", ش: "س", ح: "خ", خ: "ح", ع: "غ", غ: "ع", د: "ذ", ج: "ح", ك: "ق", ن: "ت", ب: "ت",
};

/** Formal question words and a dialect form of each (Maghrebi, Levantine or Egyptian), first match wins. */
const DIALECT_FORMS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^(ماذا|ما هو|ما هي|ما)(?=\s)/u, ["شنو", "ايش", "شو"]],
  [/^(أين|اين)(?=\s)/u, ["فين", "وين"]],
  [/^(لماذا)(?=\s)/u, ["علاش", "ليش"]],
  [/^(كيف)(?=\s)/u, ["كيفاش", "كيف"]],
  [/^(متى)(?=\s)/u, ["امتى", "إيمتى"]],
  [/^(من هو|من هي|من هم|من)(?=\s)/u, ["شكون", "مين"]],
  [/^(كم)(?=\s)/u, ["شحال", "قداش"]],
  [/^(هل)(?=\s)/u, ["واش"]],
];

/** A small deterministic generator (mulberry32) seeded from a string. */
function randomFrom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/**
 * One edit in one Arabic word of five letters or more (a content word, not a question word): a letter
 * dropped, doubled, swapped with the next, or replaced by one it is often confused with. The first and last
 * letters stay, as in most real slips. A question without such a word comes back unchanged.
 */
export function withTypo(question: string, seed: string): string {
  const random = randomFrom(seed);
  const words = [...question.matchAll(/\p{Script=Arabic}{5,}/gu)];
  if (words.length === 0) return question;
  const word = pick(words, random);
  const letters = [...word[0]];
  const at = 1 + Math.floor(random() * (letters.length - 2));
  const kind = pick(["drop", "double", "swap", "confuse"] as const, random);
  if (kind === "drop") letters.splice(at, 1);
  else if (kind === "double") letters.splice(at, 0, letters[at]!);
  else if (kind === "swap" && at + 1 < letters.length - 1) [letters[at], letters[at + 1]] = [letters[at + 1]!, letters[at]!];
  else letters[at] = CONFUSABLE[letters[at]!] ?? letters[at - 1]!;
  return question.slice(0, word.index) + letters.join("") + question.slice(word.index + word[0].length);
}

/** The opening question word in dialect; a question that opens otherwise comes back unchanged. */
export function inDialect(question: string, seed: string): string {
  const random = randomFrom(seed);
  const opening = question.replace(/^[\s\u200e\u200f]+/u, "");
  for (const [formal, forms] of DIALECT_FORMS) {
    if (formal.test(opening)) return opening.replace(formal, pick(forms, random));
  }
  return question;
}

const INVISIBLE_MISSING_SPACE = new RegExp(`(?<=\\p{Script=Arabic}[${NON_JOINING_LETTERS}])\\s+(?=\\p{Script=Arabic})`, "gu");

/**
 * One space left out between two Arabic words, after a letter that does not join the next (so the slip is
 * invisible); a question without such a space comes back unchanged.
 */
export function withMissingSpace(question: string, seed: string): string {
  const spaces = [...question.matchAll(INVISIBLE_MISSING_SPACE)];
  if (spaces.length === 0) return question;
  const space = pick(spaces, randomFrom(seed));
  return question.slice(0, space.index) + question.slice(space.index + space[0].length);
}

export function perturbQuestion(question: string, noise: QuestionNoise, seed: string): string {
  if (noise === "typos") return withTypo(question, seed);
  if (noise === "dialect") return inDialect(question, seed);
  return withMissingSpace(question, seed);
}

/** The data set with every question perturbed (seeded by its id); articles and answers unchanged. */
export function withQuestionNoise(dataset: EvalDataset, noise: QuestionNoise): EvalDataset {
  return { ...dataset, questions: dataset.questions.map((question) => ({ ...question, question: perturbQuestion(question.question, noise, question.id) })) };
}
