import { describe, expect, it } from "vitest";
import { questionFieldTermsOf } from "../../src/index/chunk-terms.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { withGluedWordsSplit } from "../../src/text/glued-words.js";
import { analyzeQuestion } from "../../src/text/spelling.js";
import { questionWordsOf } from "../../src/question/weighed-words.js";

const analyzer = createAnalyzer();

// The terms an index holds: those of these words, each in two chunks.
const KNOWN = new Set(analyzer.terms("تشتهر البلد النظر الوفد التركي موضوع مدير الغاز لين عبر المغرب موال تجر لافوازييه فوزييه"));
const frequencyOf = (term: string) => (KNOWN.has(term) ? 2 : 0);

/** The question's words after splitting, as the text each one covers in the question. */
function wordsOf(question: string): string[] {
  return withGluedWordsSplit(analyzer.analyzeWords(question), analyzer, frequencyOf).map((word) => question.slice(word.span.start, word.span.end));
}

describe("withGluedWordsSplit", () => {
  it.each([
    ["a word, then a word with the article", "بما تشتهرالبلد؟", ["بما", "تشتهر", "البلد"]],
    ["a word with the article, then another", "ما موضوع الوفدالتركي؟", ["ما", "موضوع", "الوفد", "التركي"]],
    ["a word, then a function word", "بصرف النظرعن الغاز", ["بصرف", "النظر", "عن", "الغاز"]],
    ["a function word, then a word", "ماموضوع الوفد؟", ["ما", "موضوع", "الوفد"]],
    ["a hamza on the line staying with its word", "هؤلاءالمغرب", ["هؤلاء", "المغرب"]],
    ["Darija's genitive د before the article", "شحال دالغاز فالمغرب؟", ["شحال", "د", "الغاز", "فالمغرب"]],
  ])("splits two words typed without the space between them: %s", (_, question, words) => {
    expect(wordsOf(question)).toEqual(words);
  });

  it("gives each half its own terms and its place in the question", () => {
    const [, left, right] = withGluedWordsSplit(analyzer.analyzeWords("بما تشتهرالبلد"), analyzer, frequencyOf);
    expect(left).toMatchObject({ normalized: "تشتهر", terms: ["تشتهر"], span: { text: "تشتهر", start: 4, end: 9 } });
    expect(right).toMatchObject({ normalized: "البلد", terms: ["بلد"], span: { text: "البلد", start: 9, end: 14 } });
  });

  it.each([
    // The space could not have gone missing unseen: ب joins the letter after it, so the words would run together.
    ["after a letter that joins the next", "المغربالتركي"],
    // A real word the corpus lacks, though its pieces are known: الغاز + ولين is a coincidence.
    ["into pieces of which the second has no article", "الغازولين"],
    ["the article from its word", "الأموال"],
    ["an attached pronoun from its word", "عبرهما"],
    ["a ة ending read as the function word به", "بتجربة"],
    ["a word the corpus knows", "الوفد"],
    // د is the one function word of a single letter split off, and only before the article.
    ["a one-letter piece but Darija's د before the article", "دموضوع"],
    // Stretched with tatweel past the length of two glued words: a run like that is not tried.
    ["a word longer than two glued words", `تشته${"ـ".repeat(40)}رالبلد`],
  ])("does not split %s: %s", (_, word) => {
    expect(wordsOf(word)).toEqual([word]);
  });
});

describe("analyzeQuestion", () => {
  it("corrects a slip before it splits: a name one letter from a known one is not لا + a known word", () => {
    expect(wordsOf("لافوزييه")).toEqual(["لا", "فوزييه"]);
    const words = analyzeQuestion("تجارب لافوزييه", analyzer, frequencyOf);
    expect(words.map((word) => word.span.text)).toEqual(["تجارب", "لافوزييه"]);
    expect(KNOWN.has(words[1]!.terms[0]!)).toBe(true);
  });

  it("searches, weighs and matches both halves of a glued word", () => {
    expect(questionFieldTermsOf(analyzeQuestion("بما تشتهرالبلد؟", analyzer, frequencyOf), analyzer).body).toEqual(["بما", "تشتهر", "بلد"]);
    const lexical = { documentFrequency: frequencyOf, documentCount: 10 };
    expect(questionWordsOf(analyzeQuestion("بما تشتهرالبلد؟", analyzer, frequencyOf), lexical).map((word) => [word.terms[0], word.known])).toEqual([
      ["بما", false],
      ["تشتهر", true],
      ["بلد", true],
    ]);
  });
});
