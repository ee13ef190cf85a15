import { describe, expect, it } from "vitest";
import { withoutCourtesy } from "../../src/question/courtesy.js";

describe("courtesies at the ends of a message", () => {
  it.each([
    ["a greeting before the question", "السلام عليكم، متى ينعقد المنتدى؟", "متى ينعقد المنتدى؟", ["salam"]],
    ["«please» with no comma", "لو سمحت متى ينعقد المنتدى؟", "متى ينعقد المنتدى؟", ["please"]],
    ["thanks after it, with a و", "متى ينعقد المنتدى؟ وشكرا جزيلا", "متى ينعقد المنتدى؟", ["thanks"]],
    ["both ends, the comma before «thanks» dropped", "مرحبا، من ترأس الوفد المغربي، شكرا لك", "من ترأس الوفد المغربي", ["greeting", "thanks"]],
    ["a follow-up after thanks, its و kept", "شكرا، ومن التقى حموشي؟", "ومن التقى حموشي؟", ["thanks"]],
    ["a lone السلام set apart by a comma", "السلام، من ترأس الوفد؟", "من ترأس الوفد؟", ["salam"]],
    ["a message of courtesies only", "السلام عليكم ورحمة الله وبركاته", "", ["salam"]],
    ["a «bye» after the question", "متى ينعقد المنتدى؟ باي", "متى ينعقد المنتدى؟", ["farewell"]],
    ["a lone «bye»", "باي", "", ["farewell"]],
    ["a formal request", "هل يمكنك أن تخبرني أين ينعقد المنتدى؟", "أين ينعقد المنتدى؟", ["please"]],
    ["a request in Darija", "بغيت نعرف فين تدار المنتدى", "فين تدار المنتدى", ["please"]],
    ["a request in Egyptian", "عايز أعرف مين راح تركيا", "مين راح تركيا", ["please"]],
    ["«I have a question:», written with its hamza", "عندي سؤال: من التقى حموشي؟", "من التقى حموشي؟", ["please"]],
  ])("are taken off: %s", (_, message, rest, kinds) => {
    expect(withoutCourtesy(message)).toEqual({ rest, kinds });
  });

  it.each([
    ["peace as the question's topic, first", "السلام في الشرق الأوسط، من يدعمه؟"],
    ["peace as the question's topic, last", "من فاز بجائزة نوبل للسلام؟"],
    ["a courtesy word inside the question", "متى قال الرئيس شكرا للوفد؟"],
    ["«question» as the question's topic, with no mark after it", "سؤال الهوية في المغرب، ماذا قيل عنه؟"],
    ["a question with none", "من يترأس الوفد الأمني المغربي؟"],
    ["«in which» (بأي), read as «bye» once its hamza is folded", "بأي عام انعقد المنتدى؟"],
  ])("leave the question whole: %s", (_, message) => {
    expect(withoutCourtesy(message)).toEqual({ rest: message, kinds: [] });
  });
});
