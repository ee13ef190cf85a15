import { describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS, validateQuestion } from "../../src/answer/validate-question.js";

describe("validateQuestion", () => {
  it.each([
    ["an Arabic question, trimmed", "  من يترأس الوفد؟ \n", "من يترأس الوفد؟"],
    ["Arabic with Latin names", "أين يقام منتدى IGEF 2025؟", "أين يقام منتدى IGEF 2025؟"],
    ["one Latin name and a number", "IGEF 2025", "IGEF 2025"],
    ["one Latin name", "Interpol?", "Interpol?"],
  ])("accepts %s", (_, raw, question) => {
    expect(validateQuestion(raw)).toEqual({ ok: true, question });
  });

  it.each([
    ["an empty question", " ", "empty"],
    ["an over-long one", "ما ".repeat(MAX_QUESTION_CHARS), "too-long"],
    ["symbols only", "؟! 😀", "no-words"],
    ["English", "Who leads the delegation?", "not-arabic"],
    ["French", "Qui dirige la délégation ?", "not-arabic"],
    ["Darija in Latin letters", "chkoun mcha l turkia", "not-arabic"],
  ])("refuses %s, saying why in Arabic", (_, raw, problem) => {
    const check = validateQuestion(raw);
    expect(check).toMatchObject({ ok: false, problem });
    expect(check.ok ? "" : check.message).toMatch(/\p{Script=Arabic}/u);
  });
});
