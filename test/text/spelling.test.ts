import { describe, expect, it } from "vitest";
import { questionFieldTermsOf } from "../../src/index/chunk-terms.js";
import { createAnalyzer, DEFAULT_ANALYZER_OPTIONS } from "../../src/text/analyzer.js";
import { analyzeQuestion, closestKnownTerm, withSpellingCorrected } from "../../src/text/spelling.js";

// Stems an index holds, with the number of chunks holding each.
const KNOWN = new Map([
  ["مجموع", 3],
  ["ديميرتاش", 1],
  ["حموش", 4],
  ["منتد", 5],
  ["منتج", 2],
  ["igef", 2],
]);
const frequencyOf = (term: string) => KNOWN.get(term) ?? 0;

describe("closestKnownTerm", () => {
  it.each([
    ["two letters swapped", "مجومع", "مجموع"],
    ["a letter dropped", "ديمرتاش", "ديميرتاش"],
    ["a letter doubled", "ديميرتااش", "ديميرتاش"],
    ["a letter confused", "ديميرتاس", "ديميرتاش"],
    ["a short name", "حموس", "حموش"],
    ["a Latin name", "igaf", "igef"],
  ])("finds the known stem behind %s: %s → %s", (_, typo, known) => {
    expect(closestKnownTerm(typo, frequencyOf)).toBe(known);
  });

  it("prefers the more frequent of two stems one edit away", () => {
    // منتق is one edit from both منتد (5 chunks) and منتج (2).
    expect(closestKnownTerm("منتق", frequencyOf)).toBe("منتد");
  });

  it("leaves a stem alone when nothing known is one edit away, or when it is too short to tell", () => {
    expect(closestKnownTerm("برازيل", frequencyOf)).toBeUndefined();
    expect(closestKnownTerm("مجموعات", frequencyOf)).toBeUndefined();
    expect(closestKnownTerm("حمش", (term) => (term === "حمس" ? 1 : 0))).toBeUndefined();
    // A number is another number, not a slip: no digit is replaced, swapped, dropped or added.
    expect(closestKnownTerm("2022", (term) => (term === "2025" ? 3 : 0))).toBeUndefined();
    expect(closestKnownTerm("2202", (term) => (term === "2022" ? 3 : 0))).toBeUndefined();
    expect(closestKnownTerm("20222", (term) => (term === "2022" ? 3 : 0))).toBeUndefined();
    // A four-letter stem is not "corrected" into a three-letter one: the stems of التزام and التوأم are real
    // words, only a letter away from تام.
    expect(closestKnownTerm("توام", (term) => (term === "تام" ? 5 : 0))).toBeUndefined();
    expect(closestKnownTerm("تزام", (term) => (term === "تام" ? 5 : 0))).toBeUndefined();
    const run = "ب".repeat(40);
    expect(closestKnownTerm(run, (term) => (term === "ب".repeat(39) ? 1 : 0))).toBeUndefined();
  });
});

describe("withSpellingCorrected", () => {
  const analyzer = createAnalyzer();

  it("puts the correction first among an unknown word's terms, and leaves known words and stop words alone", () => {
    const words = withSpellingCorrected(analyzer.analyzeWords("مع من التقى ديميرتاس في المنتدى"), frequencyOf);
    const byWord = Object.fromEntries(words.map((word) => [word.span.text, word.terms]));
    expect(byWord["ديميرتاس"]).toEqual(["ديميرتاش", "ديميرتاس"]);
    expect(byWord["المنتدى"]).toEqual(analyzer.analyzeWords("المنتدى")[0]!.terms);
    expect(byWord["في"]).toEqual([]);
  });

  it("leaves a dialect verb as it is: a word of its own, not a slip of a known one", () => {
    // تلاقى's stem, تلاق, is one letter from علاق (العلاقات), a word of another root; غلاق is a slip of it.
    const known = (term: string) => (term === "علاق" ? 3 : 0);
    const [verb] = withSpellingCorrected(analyzer.analyzeWords("تلاقى"), known);
    expect(verb!.terms).toEqual(["تلاق"]);
    const [slip] = withSpellingCorrected(analyzer.analyzeWords("غلاق"), known);
    expect(slip!.terms[0]).toBe("علاق");
  });
});

describe("the query terms of a question, with an index", () => {
  it("searches an unknown word as its correction too", () => {
    expect(questionFieldTermsOf(analyzeQuestion("من هو ديميرتاس؟", createAnalyzer(), frequencyOf), createAnalyzer()).body).toEqual(["ديميرتاش", "ديميرتاس"]);
  });

  it("searches the words as written when the analyzer does not correct spelling", () => {
    const asWritten = createAnalyzer({ ...DEFAULT_ANALYZER_OPTIONS, correctSpelling: false });
    expect(questionFieldTermsOf(analyzeQuestion("من هو ديميرتاس؟", asWritten, frequencyOf), asWritten).body).toEqual(["ديميرتاس"]);
  });
});
