import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/corpus/article.js";
import { chunkFieldTerms } from "../../src/index/chunk-terms.js";
import { LexicalIndex } from "../../src/index/lexical-index.js";
import { readQuestion } from "../../src/question/read-question.js";
import { createAnalyzer } from "../../src/text/analyzer.js";

const analyzer = createAnalyzer();
const TEXT = "التقى عبد اللطيف حموشي بنظيره التركي محمود ديميرتاش على هامش المنتدى المقام بالعاصمة أنقرة.";
const chunk: Chunk = { id: "seed#0", docId: "seed", title: "حموشي في أنقرة", section: "حموشي في أنقرة", text: TEXT, start: 0, end: TEXT.length };
const lexical = LexicalIndex.of([chunkFieldTerms(chunk, analyzer)]);

describe("reading a question once", () => {
  it("mends a slip against the corpus, and gives the type and the weighed words with their roles", () => {
    const reading = readQuestion("مع من التقى حموسي في أنقرة؟", analyzer, lexical);
    expect(reading.text).toBe("مع من التقى حموسي في أنقرة؟");
    expect(reading.type).toBe("who");
    // حموسي is one letter from the corpus's حموشي: read, weighed and matched as that word too, and said to be mended.
    const mended = reading.words.find((word) => word.corrected);
    expect(mended?.terms).toEqual(expect.arrayContaining(analyzer.terms("حموشي")));
    // A verb is paraphrased freely, a noun much less: ينعقد is read as a verb, المنتدى as what is asked about.
    const when = readQuestion("متى ينعقد المنتدى؟", analyzer, lexical);
    expect(when.type).toBe("when");
    expect(when.words.map((word) => word.verbLike)).toEqual([true, false]);
  });

  it("names the focus a «ما هي …» question asks about", () => {
    const reading = readQuestion("ما هي عاصمة تركيا؟", analyzer, lexical);
    expect(reading.words.filter((word) => word.focus).map((word) => word.terms)).toEqual([analyzer.terms("عاصمة")]);
  });
});
