import { describe, expect, it } from "vitest";
import { COURTESY_REPLIES, MAX_QUESTION_CHARS, validateQuestion } from "../../src/question/validate-question.js";

describe("validateQuestion", () => {
  it.each([
    ["an Arabic question, trimmed", "  من يترأس الوفد؟ \n", "من يترأس الوفد؟"],
    ["Arabic with Latin names", "أين يقام منتدى IGEF 2025؟", "أين يقام منتدى IGEF 2025؟"],
    ["one Latin name and a number", "IGEF 2025", "IGEF 2025"],
    ["words parted by zero-width spaces and non-joiners, as pasted", "من\u200Bالتقى\u200Cحموشي؟", "من التقى حموشي؟"],
    ["a question behind a right-to-left override and marks, without them", "\u202Eمن يترأس\u200F الوفد؟\u202C", "من يترأس الوفد؟"],
    ["one Latin name", "Interpol?", "Interpol?"],
    ["a question after a greeting, without it", "السلام عليكم، متى ينعقد المنتدى؟", "متى ينعقد المنتدى؟"],
    ["a question between «please» and «thanks», without them", "لو سمحت أين ينعقد المنتدى؟ وشكرا جزيلا", "أين ينعقد المنتدى؟"],
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

  it.each([
    ["«peace be upon you»", "السلام عليكم ورحمة الله", COURTESY_REPLIES.salam],
    ["a greeting", "مرحبا!", COURTESY_REPLIES.greeting],
    ["thanks", "شكرا جزيلا 🙏", COURTESY_REPLIES.thanks],
    ["thanks in Darija", "شكرا بزاف", COURTESY_REPLIES.thanks],
    ["a farewell", "مع السلامة", COURTESY_REPLIES.farewell],
    ["a lone «please»", "من فضلك", COURTESY_REPLIES.please],
  ])("answers %s in kind, without searching", (_, raw, message) => {
    expect(validateQuestion(raw)).toEqual({ ok: false, problem: "courtesy", message });
  });
});
