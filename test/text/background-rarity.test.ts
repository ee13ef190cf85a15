import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { BACKGROUND_RARITY, blendedInverseDocumentFrequency } from "../../src/text/background-rarity.js";
import { BACKGROUND_ANALYZER_VERSION } from "../../src/text/background-rarity-table.js";
import { analyzeQuestion } from "../../src/text/spelling.js";

const analyzer = createAnalyzer();
const termOf = (word: string) => analyzer.analyzeWords(word)[0]!.terms[0]!;

describe("general Arabic text's sense of how rare a word is", () => {
  it("was counted with the analyzer questions are read with (else: npm run background-rarity)", () => {
    expect(BACKGROUND_ANALYZER_VERSION).toBe(analyzer.version);
  });

  it("in a corpus of a few chunks, weighs a dish no text writes above a purpose any text does", () => {
    // One article of four sections that holds neither word: the corpus cannot tell them apart.
    const seed = { documentCount: 4, documentFrequency: () => 0 };
    expect(blendedInverseDocumentFrequency(termOf("الكسكس"), seed)).toBeGreaterThan(blendedInverseDocumentFrequency(termOf("المدينة"), seed) + 1);
  });

  it("lets a large corpus's own counts decide", () => {
    const counts: Record<string, number> = { [termOf("المدينة")]: 5, [termOf("الكسكس")]: 4000 };
    const archive = { documentCount: 50_000, documentFrequency: (term: string) => counts[term] ?? 0 };
    expect(blendedInverseDocumentFrequency(termOf("المدينة"), archive)).toBeGreaterThan(blendedInverseDocumentFrequency(termOf("الكسكس"), archive));
  });

  it("keeps a common word the corpus lacks as it is, rather than read it as another word one letter away", () => {
    const known = new Map([[termOf("مدير"), 3], [termOf("المشاركة"), 2], [termOf("المغربي"), 2], [termOf("حموشي"), 2]]);
    const frequencyOf = (term: string) => known.get(term) ?? 0;
    const firstTerms = (question: string) => analyzeQuestion(question, analyzer, frequencyOf).map((word) => word.terms[0]);
    expect(BACKGROUND_RARITY.documentFrequency(termOf("مدينة"))).toBeGreaterThan(1);
    // مدينة is not a slip of مدير; شارك is the verb of المشاركة (a letter added, not replaced); حموسي is a slip.
    expect(firstTerms("ما هي أكبر مدينة؟")).toContain(termOf("مدينة"));
    expect(firstTerms("من شارك في المنتدى؟")).toContain(termOf("المشاركة"));
    expect(firstTerms("من هو حموسي؟")).toContain(termOf("حموشي"));
    // A slip never lands on another word of the same question: مدرب is not المغربي's مغرب.
    expect(firstTerms("من هو مدرب المنتخب المغربي؟")).toContain(termOf("مدرب"));
  });
});
