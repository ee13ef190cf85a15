import { describe, expect, it } from "vitest";
import { createAnalyzer, PLAIN_ANALYZER_OPTIONS } from "../../src/text/analyzer.js";
import { stemLight10, stemLight10Extended, stemWithoutProclitic } from "../../src/text/stem.js";

describe("stemLight10", () => {
  it.each([
    ["removes the article", "الكتاب", "كتاب"],
    ["removes و+ال", "والمدرسه", "مدرس"],
    ["removes بال and a feminine ending", "بالعاصمه", "عاصم"],
    ["removes a plural ending", "المعلمون", "معلم"],
    ["removes ات", "الاستحقاقات", "استحقاق"],
    ["keeps a short word whole", "ولد", "ولد"],
    ["keeps two letters after a suffix", "لها", "لها"],
  ])("%s: %s → %s", (_, word, stem) => {
    expect(stemLight10(word)).toBe(stem);
  });
});

describe("stemLight10Extended", () => {
  it.each([
    ["removes the accusative tanween alif", "وفدا", "وفد"],
    ["meets an adjective with tanween and without", "امنيا", stemLight10("امني")],
    ["removes ة turned ت before a pronoun", "زيارته", stemLight10("زياره")],
    ["removes a plural pronoun", "حكومتهم", stemLight10("حكومه")],
    ["keeps the plural ات before a pronoun for light10 to remove", "معتقداتهم", stemLight10("معتقدات")],
    ["keeps a short word's ت", "بيته", "بيت"],
    ["meets a plural in construct state with its other case", "مديرو", stemLight10("مديري")],
    ["meets it behind a conjunction too", "ومصممو", stemLight10("مصممي")],
    ["keeps the و of a short stem behind the article", "العضو", "عضو"],
    ["keeps three letters after a suffix (light10 makes سك)", "السكان", "سكان"],
    ["keeps a name's ending that only looks like a suffix (light10 makes را)", "الراين", "راين"],
  ])("%s: %s → %s", (_, word, stem) => {
    expect(stemLight10Extended(word)).toBe(stem);
  });

  it("keeps the Rhine apart from «saw», which light10 stems alike", () => {
    expect(stemLight10("الراين")).toBe(stemLight10("راي"));
    expect(stemLight10Extended("الراين")).not.toBe(stemLight10Extended("راي"));
  });
});

describe("stemWithoutProclitic", () => {
  it("removes a single-letter preposition light10 keeps", () => {
    expect(stemWithoutProclitic("لمصر")).toBe("مصر");
    expect(stemWithoutProclitic("وبتركيا")).toBe("تركيا");
  });
  it("does nothing when fewer than three letters would remain", () => {
    expect(stemWithoutProclitic("بلد")).toBeUndefined();
  });
});

describe("analyzer", () => {
  const analyzer = createAnalyzer();

  it("drops function words and keeps offsets into the original text", () => {
    const text = "في المنتدى الدولي";
    const words = analyzer.analyzeWords(text);
    expect(words.map((word) => word.terms.length > 0)).toEqual([false, true, true]);
    for (const word of words) expect(text.slice(word.span.start, word.span.end)).toBe(word.span.text);
  });

  it("drops a question word behind the conjunction و or ف, as it drops the question word alone", () => {
    expect(analyzer.terms("ومتى بدأ المنتدى؟")).toEqual(analyzer.terms("متى بدأ المنتدى؟"));
    expect(analyzer.terms("فكم عدد الدول؟ وأين؟")).toEqual(analyzer.terms("كم عدد الدول؟ أين؟"));
    // فلم is also a film.
    expect(analyzer.terms("فلم")).not.toEqual([]);
  });

  it("gives the same terms to a question without hamzas and diacritics", () => {
    expect(analyzer.terms("أين يُقام المنتدى؟")).toEqual(analyzer.terms("اين يقام المنتدي"));
  });

  it("splits a conjunction from a number", () => {
    expect(analyzer.terms("و9")).toEqual(["9"]);
  });

  it("versions itself by its options", () => {
    expect(createAnalyzer().version).toBe(analyzer.version);
    expect(createAnalyzer(PLAIN_ANALYZER_OPTIONS).version).not.toBe(analyzer.version);
  });

  it("indexes character n-grams only when asked to", () => {
    expect(analyzer.charNgramsOf(analyzer.analyzeWords("أنقرة"))).toEqual(["_انق", "انقر", "نقره", "قره_"]);
    const plain = createAnalyzer(PLAIN_ANALYZER_OPTIONS);
    expect(plain.charNgramsOf(plain.analyzeWords("أنقرة"))).toEqual([]);
  });
});
