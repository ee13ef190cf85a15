import { describe, expect, it } from "vitest";
import { contentWordsOf, leansOnPrevious, withPreviousQuestion } from "../../src/question/follow-up.js";

describe("leansOnPrevious", () => {
  it.each([
    ["a question word behind و, alone", "ومتى؟"],
    ["a question word behind ف, with one word of its own", "فكم عددهم؟"],
    ["a question word behind و, with a verb of its own", "وأين انعقد؟"],
    ["a preposition behind و before the question word", "ومع من التقى؟"],
    ["a question that names nothing", "لماذا؟"],
    ["a question that names nothing but a pointer back", "كيف ذلك؟"],
  ])("reads %s as a follow-up: %s", (_, question) => {
    expect(leansOnPrevious(question)).toBe(true);
  });

  it.each([
    ["a question with a subject of its own, even behind و", "وما هي عاصمة اليابان؟"],
    ["a question that names two things", "من يترأس الوفد؟"],
    ["a lone name: a new search", "حموشي؟"],
    ["one word with no conjunction: a question of its own", "متى انعقد؟"],
    ["a word that only begins with و", "وزير الداخلية؟"],
  ])("reads %s as standing on its own: %s", (_, question) => {
    expect(leansOnPrevious(question)).toBe(false);
  });
});

describe("reading a follow-up with the question before", () => {
  it("puts its own words first, so its question word decides the kind of answer", () => {
    expect(withPreviousQuestion(" ومتى؟ ", "أين انعقد المنتدى؟")).toBe("ومتى؟ أين انعقد المنتدى؟");
  });

  it("counts as named only the words that are neither function nor question words", () => {
    expect(contentWordsOf("ومتى انعقد المنتدى؟")).toEqual(["انعقد", "المنتدي"]);
  });
});
