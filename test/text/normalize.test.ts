import { describe, expect, it } from "vitest";
import { normalizeArabic } from "../../src/text/normalize.js";

describe("normalizeArabic", () => {
  it.each([
    ["folds alef variants", "أإآٱ", "اااا"],
    ["folds alef maqsura and ta marbuta", "مستشفى المدرسة", "مستشفي المدرسه"],
    ["removes harakat, shadda and tatweel", "مُحَمَّـــد", "محمد"],
    ["removes superscript alef and Quranic marks", "رَحْمٰنِۖ", "رحمن"],
    ["turns presentation forms and ligatures into letters", "ﻻ ﷲ", "لا الله"],
    ["removes zero-width and bidi controls", "\u200fمر\u200cحبا\u202b", "مرحبا"],
    ["folds Persian letters", "کیف", "كيف"],
    ["folds Arabic-Indic and Persian digits", "٢٠٢٥ و۱۹", "2025 و19"],
    ["drops the thousands separator between digits and folds the decimal one", "١٬٠٠٠ و٣٫٥", "1000 و3.5"],
    ["folds hamza carriers by default", "مسؤول مسئول سماء", "مسوول مسيول سما"],
    ["lowercases Latin text", "IGEF Ankara", "igef ankara"],
  ])("%s", (_, input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it("keeps hamza carriers when asked to", () => {
    expect(normalizeArabic("مسؤول", { foldHamzaCarriers: false })).toBe("مسؤول");
  });

  it("meets a word written with and without hamzas and diacritics", () => {
    expect(normalizeArabic("إِلى الأمْن")).toBe(normalizeArabic("الى الامن"));
  });
});
