import { describe, expect, it } from "vitest";
import { normalizeArabic } from "../../src/text/normalize.js";
import { arabicRoot } from "../../src/text/root.js";

describe("arabicRoot", () => {
  it.each([
    ["a broken plural and its singular", ["مساجد", "مسجد"], "سجد"],
    ["agent, patient, place and verb", ["كاتب", "مكتوب", "المكتبة", "يكتبون"], "كتب"],
    ["a noun and its plural", ["الحكومة", "حكومات"], "حكم"],
    ["a verbal noun and its verb", ["اجتماعات", "اجتمع"], "جمع"],
    ["perfect and imperfect of form VII", ["انعقد", "ينعقد", "المنعقد"], "عقد"],
    ["a noun and a participle", ["الهجرة", "مهاجرين"], "هجر"],
  ])("joins %s: %j → %s", (_, words, root) => {
    for (const word of words) expect(arabicRoot(normalizeArabic(word))).toBe(root);
  });

  it("leaves a short word as it is", () => {
    expect(arabicRoot("وفد")).toBe("وفد");
  });
});
