import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { HybridRetriever } from "../../src/retrieval/hybrid-retriever.js";
import { lexicalRetrieverOf, PROJECT_ROOT } from "../support/workspace.js";

// Ranking sets (after MiniSearch's tests): three real Arabic news articles, a question, and the expected order
// of the top chunks, each position explained. A change to the analyzer, the fields or BM25 that breaks one of
// these is a relevance regression, not a detail.
//
//   igef#0  lead: the delegation to the IGEF 2025 forum "المقام بالعاصمة أنقرة … 18 إلى 20 شتنبر"
//   igef#1  talks with the Turkish counterpart; migration, crime; Interpol, AFCON, World Cup 2030 with Spain and Portugal
//   igef#2  bilateral talks "على هامش المنتدى" with Saudi Arabia, Jordan, Malaysia
//   igef#3  the delegation at the "معرض IGEF 2025" exhibition; "التعاون الأمني الدولي"
//   book#0  lead: the Rabat book fair opens; book#1 guest of honour Sharjah; book#2 cultural programme, children's workshops
//   snow#0  lead: snowfall in the Atlas, "سمكها … ستين سنتيمترا"; snow#1 roads reopened, aid
const FOLDER = join(PROJECT_ROOT, "test", "fixtures", "ranking-corpus");
const ID = { igef: "2025-09-hammouchi-igef-ankara", book: "2026-01-rabat-book-fair", snow: "2026-02-atlas-snowfall" } as const;
const chunk = (article: keyof typeof ID, section: number) => `${ID[article]}#${section}`;

let retriever: HybridRetriever;
beforeAll(async () => {
  retriever = await lexicalRetrieverOf(FOLDER);
});

async function topChunks(question: string, count: number): Promise<string[]> {
  return (await retriever.retrieve(question, count)).map((hit) => hit.chunk.id);
}

describe("ranking sets on real Arabic text", () => {
  it("a question without hamzas finds the lead that holds the venue", async () => {
    expect(await topChunks("اين يقام منتدى IGEF", 3)).toEqual([
      chunk("igef", 0), // المنتدى + IGEF + المقام (n-grams of يقام/المقام): all of the question, in one place
      chunk("igef", 3), // IGEF again ("معرض IGEF 2025"), but no forum
      chunk("igef", 2), // "على هامش المنتدى": the forum word only
    ]);
  });

  it("ى written as ي and a missing hamza still meet the lead's words", async () => {
    const [first] = await topChunks("المنتدي الدولى لتجهيزات الامن", 1);
    expect(first).toBe(chunk("igef", 0)); // المنتدى الدولي … تجهيزات الأمن الداخلي, after normalisation
  });

  it("a topic shared by two articles goes to the one that is about it", async () => {
    expect(await topChunks("معرض الكتاب في الرباط", 3)).toEqual([
      chunk("book", 0), // معرض + الكتاب + بالرباط (بال- stripped by light10)
      chunk("book", 2), // "للمعرض" (لل- stripped) in the programme section
      // The guest-of-honour section holds none of the words itself, but its article is about the fair
      // (title and every section): it ranks above "معرض IGEF 2025", an exhibition, not of books, not in Rabat.
      chunk("book", 1),
    ]);
    expect(await topChunks("معرض الكتاب في الرباط", 4)).toContain(chunk("igef", 3));
  });

  it("Darija question words are function words: the content decides", async () => {
    const [first] = await topChunks("فين كاين معرض الكتاب؟", 1);
    expect(first).toBe(chunk("book", 0)); // فين is dropped; معرض الكتاب is the fair's lead
  });

  it("a phrase found only in one section ranks that section alone first", async () => {
    expect(await topChunks("ضيف الشرف", 1)).toEqual([chunk("book", 1)]);
    expect(await topChunks("ورشات القراءة للاطفال", 1)).toEqual([chunk("book", 2)]); // للأطفال without hamza
  });

  it("a how-much question finds the figure's section through inflected words", async () => {
    expect(await topChunks("كم سمك الثلوج في الأطلس؟", 2)).toEqual([
      chunk("snow", 0), // سمكها (pronoun stripped), ثلجية/الثلوج by n-grams, الأطلس
      chunk("snow", 1), // "كاسحة للثلوج": snow, but no thickness
    ]);
  });

  it("names joined by conjunctions are found without their و", async () => {
    const [first] = await topChunks("إسبانيا والبرتغال وكأس العالم", 1);
    expect(first).toBe(chunk("igef", 1)); // "كأس العالم 2030 بشراكة مع البرتغال وإسبانيا"
  });
});
