import { describe, expect, it } from "vitest";
import { NOT_IN_SOURCES, type Answer, type SourceReference } from "../../src/answer/compose-answer.js";
import { renderAnswerForTerminal } from "../../src/render/render-terminal.js";

const signals = { coverage: 1, windowCoverage: 1, scoreMargin: 1, scoreDensity: 1, ngramCoverage: 1, matchedShare: 1, scoreSpread: 1, articleDensity: 1, strangeShare: 0, unseenNounShare: 0, contentWords: 3, otherYear: 0, answerTypeHeld: 1, unseenRarity: 0, correctedNounShare: 0, focusUnseen: 0, focusWithoutSubject: 0, subjectShare: 1 };
const source = (chunkId: string, title: string, section: string, score: number): SourceReference => ({ docId: chunkId.split("#")[0]!, chunkId, title, section, score });

describe("renderAnswerForTerminal", () => {
  it("prints the answer, each citation with its quote, then the other sources with comparable scores", () => {
    const answer: Answer = {
      abstained: false,
      text: "يقود عبد اللطيف حموشي وفدا أمنيا [1]",
      citations: [{ n: 1, docId: "igef", chunkId: "igef#0", title: "حموشي في أنقرة", section: "مقدمة", quote: "يقود عبد اللطيف حموشي وفدا أمنيا", start: 0, end: 32 }],
      sources: [source("igef#0", "حموشي في أنقرة", "مقدمة", 1.5), source("igef#3", "حموشي في أنقرة", "المعرض", 0.8275), source("book#0", "معرض الكتاب", "مقدمة", 0.032787)],
      evidence: 0.97, tentative: false,
      signals,
      questionType: "who",
    };
    expect(renderAnswerForTerminal(answer).split("\n")).toEqual([
      "يقود عبد اللطيف حموشي وفدا أمنيا [1]",
      "",
      "المصادر:",
      "[1] حموشي في أنقرة — مقدمة",
      "    «يقود عبد اللطيف حموشي وفدا أمنيا»",
      "",
      "مصادر أخرى قريبة:",
      "  - حموشي في أنقرة — المعرض (0.828)",
      "  - معرض الكتاب — مقدمة (0.0328)",
      "",
    ]);
  });

  it("names, under a citation, the other articles that carry its passage", () => {
    const answer: Answer = {
      abstained: false,
      text: "يقود عبد اللطيف حموشي وفدا أمنيا [1]",
      citations: [{ n: 1, docId: "igef", chunkId: "igef#0", title: "حموشي في أنقرة", section: "مقدمة", quote: "يقود عبد اللطيف حموشي وفدا أمنيا", start: 0, end: 32, alsoIn: [{ docId: "rerun", title: "وفد أمني في أنقرة" }] }],
      sources: [],
      evidence: 0.97, tentative: false,
      signals,
      questionType: "who",
    };
    expect(renderAnswerForTerminal(answer).split("\n").slice(3, 6)).toEqual([
      "[1] حموشي في أنقرة — مقدمة",
      "    ورد النص نفسه في: وفد أمني في أنقرة",
      "    «يقود عبد اللطيف حموشي وفدا أمنيا»",
    ]);
  });

  it("says where a cited article comes from — outlet, date, address — and names the lead as the opening", () => {
    const quote = "يقود عبد اللطيف حموشي وفدا أمنيا";
    const citation = { n: 1, docId: "igef", chunkId: "igef#0", title: "حموشي في أنقرة", section: "حموشي في أنقرة", quote, start: 0, end: quote.length };
    const answer: Answer = { abstained: false, text: `${quote} [1]`, citations: [], sources: [], evidence: 0.97, tentative: false, signals, questionType: "who" };
    const linesFor = (provenance: object) => renderAnswerForTerminal({ ...answer, citations: [{ ...citation, ...provenance }] }).split("\n").slice(3, 5);
    expect(linesFor({ source: "هسبريس", date: "2025-09-18", url: "https://www.hespress.com/a-1" })).toEqual(["[1] حموشي في أنقرة — المقدمة", "    هسبريس · 2025-09-18 · https://www.hespress.com/a-1"]);
    expect(linesFor({ url: "https://www.hespress.com/a-1" })).toEqual(["[1] حموشي في أنقرة — المقدمة", "    https://www.hespress.com/a-1"]);
    expect(linesFor({})).toEqual(["[1] حموشي في أنقرة — المقدمة", `    «${quote}»`]);
  });

  it("opens the answer to a follow-up with the earlier question it was read with, cut at a word when long", () => {
    const answer: Answer = { abstained: false, text: "من 18 إلى 20 شتنبر [1]", citations: [], sources: [], evidence: 1, tentative: false, signals, questionType: "when" };
    expect(renderAnswerForTerminal(answer, { readWith: "أين انعقد المنتدى؟" }).split("\n").slice(0, 2)).toEqual(["(قرأت سؤالك تتمةً لسؤالك السابق: «أين انعقد المنتدى؟»)", "من 18 إلى 20 شتنبر [1]"]);
    const long = `${"كلمة ".repeat(40)}أخيرة؟`;
    const note = renderAnswerForTerminal(answer, { readWith: long }).split("\n")[0]!;
    expect(note).toMatch(/«(كلمة ){23}كلمة…»\)$/u);
  });

  it("opens a tentative answer with a note that it may not answer the question", () => {
    const answer: Answer = { abstained: false, text: "مقطع قريب [1]", citations: [], sources: [], evidence: 0.6, tentative: true, signals, questionType: "who" };
    expect(renderAnswerForTerminal(answer).split("\n").slice(0, 2)).toEqual(["لست متأكدا من أن مصادري تجيب عن سؤالك؛ هذا أقرب ما وجدت فيها:", "مقطع قريب [1]"]);
    expect(renderAnswerForTerminal({ ...answer, tentative: false }).split("\n")[0]).toBe("مقطع قريب [1]");
  });

  it("says why when the passage names the question's subject only in passing", () => {
    const answer: Answer = { abstained: false, text: "مقطع عابر [1]", citations: [], sources: [], evidence: 0.99, tentative: true, tentativeReason: "passing-mention", signals, questionType: "how-many" };
    expect(renderAnswerForTerminal(answer).split("\n")[0]).toBe("لست متأكدا من أن مصادري تجيب عن سؤالك: المقطع التالي يذكر موضوعه عرضا في مقال عن موضوع آخر، وهو أقرب ما وجدت فيها:");
  });

  it("declines with no citation, naming the nearest articles once each", () => {
    const answer: Answer = {
      abstained: true,
      text: NOT_IN_SOURCES,
      citations: [],
      sources: [source("igef#1", "حموشي في أنقرة", "تعاون", 0.4), source("igef#2", "حموشي في أنقرة", "مباحثات", 0.3), source("book#0", "معرض الكتاب", "مقدمة", 0.2)],
      evidence: 0.1, tentative: false,
      signals,
      questionType: "what",
    };
    expect(renderAnswerForTerminal(answer)).toBe(`${NOT_IN_SOURCES}\n\nأقرب المقالات في المصادر:\n  - حموشي في أنقرة\n  - معرض الكتاب\n`);
  });
});
