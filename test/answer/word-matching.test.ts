import { describe, expect, it } from "vitest";
import { questionWordsOf } from "../../src/question/weighed-words.js";
import { matchStrength, passageWordsOf } from "../../src/answer/word-matching.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

describe("matchStrength with roots", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 1, documentCount: 10 };
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
