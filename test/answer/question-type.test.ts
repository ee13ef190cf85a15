import { describe, expect, it } from "vitest";
import { answerTypeFit, detectQuestionType } from "../../src/answer/question-type.js";
import { questionWordsOf } from "../../src/answer/word-matching.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

describe("detectQuestionType", () => {
  it.each([
    ["متى انعقد المنتدى؟", "when"],
    ["في أي عام انعقد المنتدى؟", "when"],
    ["كم عدد العارضين؟", "how-many"],
    ["من قاد الوفد؟", "who"],
    ["مع من التقى حموشي؟", "who"],
    ["أين انعقد المنتدى؟", "where"],
    ["لماذا زار الوفد أنقرة؟", "why"],
    ["كيف يواجه المغرب الإرهاب؟", "how"],
    ["ما موضوع المباحثات؟", "what"],
    // Dialects.
    ["وقتاش انعقد المنتدى؟", "when"],
    ["شحال من عارض كان؟", "how-many"],
    ["شكد عدد العارضين؟", "how-many"],
    ["شكون اللي مشا لتركيا؟", "who"],
    ["فين تلاقاو؟", "where"],
    ["وش موضوع المباحثات؟", "what"],
    ["فاش غادي يتنظم المنتدى؟", "when"],
    ["كام يوم المنتدى ده؟", "how-many"],
    ["قديش دولة شاركت بالمعرض؟", "how-many"],
    ["منين جا الوفد؟", "where"],
    ["علاه مشا حموشي لتركيا؟", "why"],
    ["شلون كان اللقاء؟", "how"],
    ["شنهو المنتدى اللي مشا ليه حموشي؟", "what"],
    // Question words glued to the next word, as they are often typed.
    ["ماهي عاصمة تركيا؟", "what"],
    ["مالذي عرضه المعرض؟", "what"],
    ["ماالذي عرضه المعرض؟", "what"],
    ["منهو مدير الأمن؟", "who"],
  ])("reads %s as %s", (question, type) => {
    expect(detectQuestionType(question)).toBe(type);
  });
});

describe("question words are not content words", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 0, inverseDocumentFrequency: () => 1 };

  it.each([
    ["مالذي عرضه المعرض؟", "ما الذي عرضه المعرض؟"],
    ["منهو مدير الأمن؟", "من هو مدير الأمن؟"],
    ["وش موضوع المباحثات؟", "ما موضوع المباحثات؟"],
  ])("%s weighs the same words as %s", (glued, spaced) => {
    const stems = (question: string) => questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => word.terms[0]);
    expect(stems(glued)).toEqual(stems(spaced));
  });

  it.each([
    ["Darija غادي and ديال", "شحال ديال الأيام غادي يدوم المنتدى؟", "كم الأيام يدوم المنتدى؟"],
    ["Egyptian ده", "هو المنتدى ده فين؟", "أين المنتدى؟"],
    ["Levantine هلق", "شو صار بأنقرة هلق؟", "ما صار بأنقرة؟"],
    ["formal بخصوص", "ما الذي ناقشه الطرفان بخصوص التكوين؟", "ما الذي ناقشه الطرفان التكوين؟"],
    ["formal بشأن and منذ", "ماذا قرر الوفد بشأن التعاون منذ اللقاء؟", "ماذا قرر الوفد التعاون اللقاء؟"],
  ])("function words (%s) are not content words either", (_, dialect, formal) => {
    const stems = (question: string) => questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => word.terms[0]);
    expect(stems(dialect)).toEqual(stems(formal));
  });

  it("reads a dialect verb the corpus holds as a verb wherever it stands, and the word after a dialect question word too", () => {
    const everyWordKnown = { documentFrequency: () => 1, inverseDocumentFrequency: () => 1 };
    const verbs = (question: string) =>
      questionWordsOf(analyzeQuestion(question, analyzer, everyWordKnown.documentFrequency), everyWordKnown).map((word) => [word.terms[0], word.verbLike]);
    expect(verbs("حموشي مشا مع شكون؟")).toEqual([
      [analyzer.analyzeWords("حموشي")[0]!.terms[0], false],
      [analyzer.analyzeWords("مشا")[0]!.terms[0], true],
    ]);
    expect(verbs("فاش وصل المسؤولين؟").map(([, verbLike]) => verbLike)).toEqual([true, false]);
  });

  it("leaves a dialect verb the corpus lacks out of the question's words: a paraphrase of its formal Arabic", () => {
    const stems = (question: string) => questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => word.terms[0]);
    expect(stems("حموشي مشا مع شكون؟")).toEqual([analyzer.analyzeWords("حموشي")[0]!.terms[0]]);
    expect(stems("فاش تلاقاو المسؤولين؟")).toEqual([analyzer.analyzeWords("المسؤولين")[0]!.terms[0]]);
  });

  it("reads the dialects' present tense (كيمثل، بيتعمل) as a verb in a question written in dialect, and only there", () => {
    const verbLikeOf = (question: string) =>
      Object.fromEntries(questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => [word.terms[0], word.verbLike]));
    const term = (word: string) => analyzer.analyzeWords(word)[0]!.terms[0]!;
    expect(verbLikeOf("المنتدى ده بيتعمل فين؟")[term("بيتعمل")]).toBe(true);
    expect(verbLikeOf("حموشي كيمثل شكون؟")[term("كيمثل")]).toBe(true);
    // Formal Arabic: a preposition on a noun, and a name.
    const formal = verbLikeOf("ما علاقة بيتسبرغ بتطوير الصناعة؟");
    expect([formal[term("بيتسبرغ")], formal[term("بتطوير")]]).toEqual([false, false]);
  });

  it("reads the word after a glued مالذي as a verb, like the word after الذي", () => {
    const [verb] = questionWordsOf(analyzeQuestion("مالذي عرضه المعرض؟", analyzer, lexical.documentFrequency), lexical);
    expect(verb!.verbLike).toBe(true);
  });
});

describe("answerTypeFit", () => {
  it("finds the answer's shape: a date for when, a number for how many", () => {
    expect(answerTypeFit("when", "افتتح المعرض في 12 مايو 2024")).toBe(1);
    expect(answerTypeFit("how-many", "شارك ناشرون من خمسين بلدا")).toBe(0.8);
    expect(answerTypeFit("how-many", "شارك خمسة ناشرين")).toBe(0.8);
  });

  it("reads cue words as whole words, not as the start of others", () => {
    // اب (August) begins ابواب, الف (a thousand) begins الفريق: neither is a date or a number.
    expect(answerTypeFit("when", "افتتح المعرض أبوابه في الرباط")).toBe(0);
    expect(answerTypeFit("how-many", "فاز الفريق بالمباراة")).toBe(0);
  });
});
