import { describe, expect, it } from "vitest";
import { datesItOtherwise } from "../../src/answer/year-conflict.js";
import { createAnalyzer } from "../../src/text/analyzer.js";

const analyzer = createAnalyzer();
const PASSAGE = "يحتضن المغرب كأس العالم 2030 بشراكة مع البرتغال وإسبانيا، وكأس أمم إفريقيا لكرة القدم.";
const datedOtherwise = (question: string, ...passages: string[]) =>
  datesItOtherwise(analyzer.analyzeWords(question), passages.map((passage) => analyzer.analyzeWords(passage)));

describe("datesItOtherwise", () => {
  it("is true when the passages date the question's subject with another year and never write its own", () => {
    expect(datedOtherwise("من فاز بكأس العالم 2022؟", PASSAGE)).toBe(true);
    expect(datedOtherwise("من فاز بكأس العالم 2022؟", "مقال عن الطقس.", PASSAGE)).toBe(true);
    expect(datedOtherwise("من فاز بكأس العالم لعام 2022؟", PASSAGE)).toBe(true);
    expect(datedOtherwise("من فاز بكأس العالم 2022؟", "يحتضن المغرب كأس العالم لسنة 2030.")).toBe(true);
  });

  it.each([
    ["the question's own year", "متى ينظم المغرب كأس العالم 2030؟", PASSAGE],
    ["the year written elsewhere in the passages", "من فاز بكأس العالم 2022؟", `${PASSAGE} وفي 2022 فازت الأرجنتين.`],
    ["a year after a function word: nothing dated", "كم عدد ضحايا الإرهاب في 2024؟", "ارتفع عدد ضحايا الإرهاب في 2023."],
    ["a subject the passages date nowhere", "من فاز ببطولة ويمبلدون 2022؟", PASSAGE],
    ["two years, a range or a comparison", "ما الفرق بين كأس العالم 2022 و2026؟", PASSAGE],
    ["two years, one of them glued to و", "ما الفرق بين كأس العالم 2022 وكأس العالم 2026؟", PASSAGE],
    ["a number that is not a year", "من فاز بكأس العالم 250؟", PASSAGE],
  ])("is false for %s", (_, question, ...passages) => {
    expect(datedOtherwise(question, ...passages)).toBe(false);
  });
});
