import { describe, expect, it } from "vitest";
import { matchStrength, passageWordsOf, questionWordsOf } from "../../src/answer/word-matching.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

describe("matchStrength with roots", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 1, inverseDocumentFrequency: () => 1 };
  const [question] = questionWordsOf(analyzeQuestion("متى انعقد المؤتمر؟", analyzer, lexical.documentFrequency), lexical);

  it("holds a question word by a passage word of its root, short of a shared term", () => {
    expect(question!.terms[0]).not.toBe(analyzer.analyzeWords("المنعقد")[0]!.terms[0]);
    expect(matchStrength(question!, passageWordsOf("المؤتمر المنعقد في أنقرة", analyzer), 0.6)).toBeCloseTo(0.85);
    expect(matchStrength(question!, passageWordsOf("المؤتمر الذي انعقد في أنقرة", analyzer), 0.6)).toBe(1);
  });

  it("does not hold it by a word of another root", () => {
    expect(matchStrength(question!, passageWordsOf("المؤتمر المقام في أنقرة", analyzer), 0.6)).toBe(0);
  });
});

describe("formulaic question words", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 0, inverseDocumentFrequency: () => 1 };
  const formulaicOf = (question: string) =>
    Object.fromEntries(questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => [word.terms[0], word.formulaic]));

  it("are numbers, question words behind a proclitic and «الشيء»", () => {
    expect(Object.values(formulaicOf("ما الشيء الذي حدث في ٢٠١٥؟")).filter(Boolean)).toHaveLength(2);
    expect(Object.values(formulaicOf("بأي لغة كتب؟ ولمن؟")).filter(Boolean)).toHaveLength(2);
  });

  it("are not the nouns, names and verbs of the question, even where a proclitic leaves a function word (فهم)", () => {
    expect(Object.values(formulaicOf("ما فهم الكاتب لمسألة المنصة الجديدة؟")).some(Boolean)).toBe(false);
  });
});
