import { describe, expect, it } from "vitest";
import { questionWordsOf, rarestKnownNoun } from "../../src/question/weighed-words.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

describe("formulaic question words", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 0, documentCount: 10 };
  const formulaicOf = (question: string) =>
    Object.fromEntries(questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => [word.terms[0], word.formulaic]));

  it("are numbers, question words behind a proclitic and «الشيء»; «which» behind a preposition is no word at all", () => {
    expect(Object.values(formulaicOf("ما الشيء الذي حدث في ٢٠١٥؟")).filter(Boolean)).toHaveLength(2);
    expect(formulaicOf("بأي لغة كتب؟ ولمن؟")).toEqual({ لغه: false, كتب: false, لمن: true });
  });

  it("are not the nouns, names and verbs of the question, even where a proclitic leaves a function word (فهم)", () => {
    expect(Object.values(formulaicOf("ما فهم الكاتب لمسألة المنصة الجديدة؟")).some(Boolean)).toBe(false);
  });
});

describe("words read as verbs by their shape", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 0, documentCount: 10 };
  const verbLikeOf = (question: string) =>
    Object.fromEntries(analyzer.analyzeWords(question).map((word, i, all) => [word.normalized, questionWordsOf(all, lexical).find((read) => read.terms[0] === word.terms[0])?.verbLike ?? null]));

  it("are imperfects (ي، ت، ن and three letters), the plural's وا included", () => {
    expect(verbLikeOf("ماذا يعرض المعرض، ماذا تستعرض الوفود، لماذا يكتبوا")).toMatchObject({ يعرض: true, تستعرض: true, يكتبوا: true, المعرض: false });
  });

  it("are not names that end in يا or ا, which only look like one", () => {
    expect(verbLikeOf("ما هي عاصمة نيجيريا، عاصمة تنزانيا، عاصمة تركيا؟")).toMatchObject({ نيجيريا: false, تنزانيا: false, تركيا: false });
  });

  it("are past verbs after كم, which otherwise opens a noun (كم استغرق، كم دامت; not كم دولة)", () => {
    expect(verbLikeOf("كم استغرق المنتدى؟ وكم دامت الزيارة؟ كم دولة؟")).toMatchObject({ استغرق: true, دامت: true, دوله: false });
  });

  it("are not names after a noun they complete (عاصمة تونس), though a definite noun's verb still is one", () => {
    expect(verbLikeOf("من هو رئيس تونس؟ وماذا عن منتخب تطوان؟")).toMatchObject({ تونس: false, تطوان: false });
    expect(verbLikeOf("كيف المدينة تنمو؟")).toMatchObject({ تنمو: true });
  });

  it("are not the predicate after هو or هي, a noun or a name whatever its shape (من هو يوسف؟، ما هي تداعيات …؟)", () => {
    expect(verbLikeOf("من هو يوسف؟ ما هي تداعيات القرار؟ ما هي نسبة البطالة؟")).toMatchObject({ يوسف: false, تداعيات: false, نسبه: false });
    expect(verbLikeOf("من يقود الوفد؟")).toMatchObject({ يقود: true });
  });
});

describe("nouns that frame the question (ما الهدف من …، ما مدة …)", () => {
  const analyzer = createAnalyzer();
  const lexical = { documentFrequency: () => 0, documentCount: 10 };
  const wordsOf = (question: string) => questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical).map((word) => word.terms[0]);

  it("are not content words right after a «what», with or without هو / هي, formal or dialect", () => {
    expect(wordsOf("ما الهدف من الزيارة؟")).toHaveLength(1);
    expect(wordsOf("ما هو سبب الزيارة؟")).toHaveLength(1);
    expect(wordsOf("شنو الهدف ديال الزيارة؟")).toHaveLength(1);
    expect(wordsOf("ما مدة المنتدى؟")).toHaveLength(1);
  });

  it("are frames in the plural too (ما هي أهداف …؟، شنو هي الأهداف ديال …؟)", () => {
    expect(wordsOf("ما هي أهداف الزيارة؟")).toHaveLength(1);
    expect(wordsOf("شنو هي الأهداف ديال الزيارة؟")).toHaveLength(1);
    expect(wordsOf("ما هي أغراض الزيارة؟")).toHaveLength(1);
  });

  it("leave out the unit a «how many» counts in, formal or dialect, glued to د or not", () => {
    expect(wordsOf("كم يوما يدوم المنتدى؟")).toHaveLength(2);
    expect(wordsOf("كام يوم المنتدى ده؟")).toHaveLength(1);
    expect(wordsOf("شحال ديال الأيام غادي يدوم المنتدى؟")).toHaveLength(2);
    expect(wordsOf("شحال دالأيام غادي يدوم المنتدى؟")).toHaveLength(2);
    expect(wordsOf("كم مرة فاز الفريق؟")).toHaveLength(2);
  });

  it("leave out the unit a «which» asks a time in (في أي شهر، وفي أي سنة)", () => {
    expect(wordsOf("في أي شهر انعقد المنتدى؟")).toHaveLength(2);
    expect(wordsOf("وفي أي سنة انعقد المنتدى؟")).toHaveLength(2);
    // بأي itself asks: it is no word a passage could hold.
    expect(wordsOf("بأي عام انعقد المنتدى؟")).toHaveLength(2);
    expect(wordsOf("لأي سبب زار حموشي تركيا؟")).toHaveLength(4);
  });

  it("keep a unit that is not counted: a day named, a count of something else", () => {
    expect(wordsOf("ما هو اليوم الوطني؟")).toHaveLength(2);
    expect(wordsOf("كم عدد الأيام؟")).toHaveLength(2);
  });

  it("are content words anywhere else: a goal scored, the reason a question names", () => {
    expect(wordsOf("من سجل الهدف الأول؟")).toHaveLength(3);
    expect(wordsOf("متى تغير هدف الحملة؟")).toHaveLength(3);
  });
});

describe("the question's rarest known noun", () => {
  const analyzer = createAnalyzer();
  // Document frequencies of a small corpus: the rarer the word, the more it says what the question is about.
  const frequency: Record<string, number> = { الوفد: 9, منتدى: 4, أنقرة: 1, ترأس: 1, 2019: 1 };
  const termOf = (word: string) => analyzer.analyzeWords(word)[0]!.terms[0]!;
  const lexical = {
    documentFrequency: (term: string) => Object.entries(frequency).find(([word]) => termOf(word) === term)?.[1] ?? 0,
    documentCount: 10,
  };
  // No general text: the corpus's own counts alone say which word is rarest.
  const noBackground = { documentCount: 0, documentFrequency: () => 0 };
  const rarestOf = (question: string) => {
    const words = questionWordsOf(analyzeQuestion(question, analyzer, lexical.documentFrequency), lexical, noBackground);
    const rarest = rarestKnownNoun(words);
    return rarest === undefined ? undefined : words[rarest]!.terms[0];
  };

  it("is the known noun or name of the highest weight", () => {
    expect(rarestOf("هل شارك الوفد في منتدى أنقرة؟")).toBe(termOf("أنقرة"));
  });

  it("is never a word no chunk holds, a verb or a formulaic word, however rare", () => {
    // المريخ is unknown; ترأس follows من (a verb) and 2019 is a number: both as rare as أنقرة was.
    expect(rarestOf("من ترأس الوفد إلى منتدى المريخ في 2019؟")).toBe(termOf("منتدى"));
    expect(rarestOf("متى ترأس المريخ؟")).toBeUndefined();
  });
});
