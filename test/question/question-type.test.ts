import { describe, expect, it } from "vitest";
import { answerTypeFit, detectQuestionType } from "../../src/question/question-type.js";
import { questionWordsOf } from "../../src/question/weighed-words.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

describe("detectQuestionType", () => {
  it.each([
    ["متى انعقد المنتدى؟", "when"],
    ["في أي عام انعقد المنتدى؟", "when"],
    ["في أي شهر انعقد المنتدى؟", "when"],
    ["بأي عام انعقد المنتدى؟", "when"],
    ["كم عدد العارضين؟", "how-many"],
    ["من قاد الوفد؟", "who"],
    ["مع من التقى حموشي؟", "who"],
    ["أين انعقد المنتدى؟", "where"],
    ["لماذا زار الوفد أنقرة؟", "why"],
    ["كيف يواجه المغرب الإرهاب؟", "how"],
    ["ما موضوع المباحثات؟", "what"],
    // A noun after «what» that names the kind of answer.
    ["ما الهدف من الزيارة؟", "why"],
    ["ما هي أسباب الزيارة؟", "why"],
    ["ما مدة المنتدى؟", "how-many"],
    ["من سجل الهدف الأول؟", "who"],
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
    ["شنو الغرض من الزيارة؟", "why"],
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
  const unknownWords = { documentFrequency: () => 0, documentCount: 10 };
  const everyWordKnown = { documentFrequency: () => 1, documentCount: 10 };
  /** The question's weighed words, against a corpus that knows none of them (or, given, every one). */
  const wordsOf = (question: string, lexical = unknownWords) => questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical);
  const stemsOf = (question: string) => wordsOf(question).map((word) => word.terms[0]);
  const termOf = (word: string) => analyzer.analyzeWords(word)[0]!.terms[0]!;

  it.each([
    ["مالذي عرضه المعرض؟", "ما الذي عرضه المعرض؟"],
    ["منهو مدير الأمن؟", "من هو مدير الأمن؟"],
    ["وش موضوع المباحثات؟", "ما موضوع المباحثات؟"],
  ])("%s weighs the same words as %s", (glued, spaced) => {
    expect(stemsOf(glued)).toEqual(stemsOf(spaced));
  });

  it.each([
    ["Darija غادي and ديال", "شحال ديال الأيام غادي يدوم المنتدى؟", "كم الأيام يدوم المنتدى؟"],
    ["Egyptian ده", "هو المنتدى ده فين؟", "أين المنتدى؟"],
    ["Levantine هلق", "شو صار بأنقرة هلق؟", "ما صار بأنقرة؟"],
    ["a preposition with a pronoun, معاه", "حموشي تلاقى معاه شكون؟", "حموشي تلاقى شكون؟"],
    ["formal بخصوص", "ما الذي ناقشه الطرفان بخصوص التكوين؟", "ما الذي ناقشه الطرفان التكوين؟"],
    ["formal بشأن and منذ", "ماذا قرر الوفد بشأن التعاون منذ اللقاء؟", "ماذا قرر الوفد التعاون اللقاء؟"],
  ])("function words (%s) are not content words either", (_, dialect, formal) => {
    expect(stemsOf(dialect)).toEqual(stemsOf(formal));
  });

  it("reads a dialect verb the corpus holds as a verb wherever it stands, and the word after a dialect question word too", () => {
    const verbs = (question: string) => wordsOf(question, everyWordKnown).map((word) => [word.terms[0], word.verbLike]);
    expect(verbs("حموشي مشا مع شكون؟")).toEqual([
      [termOf("حموشي"), false],
      [termOf("مشا"), true],
    ]);
    expect(verbs("فاش وصل المسؤولين؟").map(([, verbLike]) => verbLike)).toEqual([true, false]);
    expect(verbs("فوقاش بدا المنتدى؟").map(([, verbLike]) => verbLike)).toEqual([true, false]);
  });

  it("leaves a dialect verb the corpus lacks out of the question's words: a paraphrase of its formal Arabic", () => {
    expect(stemsOf("حموشي مشا مع شكون؟")).toEqual([termOf("حموشي")]);
    expect(stemsOf("فاش تلاقاو المسؤولين؟")).toEqual([termOf("المسؤولين")]);
  });

  it("reads the dialects' present and future (كيمثل، بيتعمل، هيتعمل، حيقابل) as verbs in a question written in dialect, and only there", () => {
    const verbLikeOf = (question: string) => Object.fromEntries(wordsOf(question).map((word) => [word.terms[0], word.verbLike]));
    expect(verbLikeOf("المنتدى ده بيتعمل فين؟")[termOf("بيتعمل")]).toBe(true);
    expect(verbLikeOf("حموشي كيمثل شكون؟")[termOf("كيمثل")]).toBe(true);
    expect(verbLikeOf("المنتدى هيتعمل فين؟")[termOf("هيتعمل")]).toBe(true);
    expect(verbLikeOf("حموشي حيقابل مين في أنقرة؟")[termOf("حيقابل")]).toBe(true);
    // Formal Arabic: a preposition on a noun, a name, and nouns.
    const formal = verbLikeOf("ما علاقة بيتسبرغ بتطوير الصناعة؟");
    expect([formal[termOf("بيتسبرغ")], formal[termOf("بتطوير")]]).toEqual([false, false]);
    expect(verbLikeOf("كيف بدأت هيمنة حيفا؟")[termOf("هيمنة")]).toBe(false);
  });

  it("reads the word after a dialect «what» as a noun or a verb by its own shape, as after ما: شنو and شو ask «what is» as often as «what did»", () => {
    const verbLikeOf = (question: string) => Object.fromEntries(wordsOf(question).map((word) => [word.terms[0], word.verbLike]));
    for (const what of ["شنو", "ايش", "شو", "وش", "اشنو"]) {
      expect(verbLikeOf(`${what} عاصمة تركيا؟`)[termOf("عاصمة")]).toBe(false);
      expect(verbLikeOf(`${what} يعرض المعرض؟`)[termOf("يعرض")]).toBe(true);
    }
    // واش asks yes or no, like هل: a verb follows.
    expect(verbLikeOf("واش وصل الوفد؟")[termOf("وصل")]).toBe(true);
  });

  it("reads the word after a glued مالذي as a verb, like the word after الذي", () => {
    const [verb] = wordsOf("مالذي عرضه المعرض؟");
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
