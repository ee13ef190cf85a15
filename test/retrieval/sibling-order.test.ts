import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { HybridRetriever } from "../../src/retrieval/hybrid-retriever.js";
import { withinArticleScores, withoutTitleTerms, withSiblingsOrdered } from "../../src/retrieval/sibling-order.js";
import { lexicalRetrieverOf, PROJECT_ROOT } from "../support/workspace.js";

describe("withoutTitleTerms", () => {
  it("takes the title's terms out of every field, a pair that holds one of them, and the title field", () => {
    const query = {
      body: ["توفي", "ابن", "بطوط"],
      heading: ["توفي", "ابن", "بطوط"],
      title: ["توفي", "ابن", "بطوط"],
      ngrams: ["توفي", "_ابن", "بطوط"],
      pairs: ["توفي ابن", "ابن بطوط", "سنه توفي"],
    };
    expect(withoutTitleTerms(query, new Set(["ابن", "بطوط", "_ابن"]))).toEqual({
      body: ["توفي"],
      heading: ["توفي"],
      title: [],
      ngrams: ["توفي"],
      pairs: ["سنه توفي"],
    });
  });
});

describe("withinArticleScores", () => {
  it("weighs a term by how few of the article's chunks hold it: the subject that all hold counts least", () => {
    // The subject, held by all three chunks, most by the lead; a word only chunk 2 holds; nothing.
    const subject = [3, 1, 1];
    const ownWord = [0, 0, 1];
    const scores = withinArticleScores([subject, ownWord, [0, 0, 0]], 3);
    const rare = Math.log(1 + 2.5 / 1.5);
    const common = Math.log(1 + 0.5 / 3.5);
    expect(scores[0]).toBeCloseTo(3 * common, 10);
    expect(scores[2]).toBeCloseTo(common + rare, 10);
    expect(scores[2]).toBeGreaterThan(scores[0]!);
  });
});

describe("withSiblingsOrdered", () => {
  // Chunks 0–2 are article 0 (in order), 3 is article 1.
  const ARTICLE_OF_CHUNK = [0, 0, 0, 1];

  it("re-orders the best article's chunks among their places, each place keeping its score", () => {
    const ranked = [
      { document: 0, score: 1.5 },
      { document: 3, score: 1.2 },
      { document: 2, score: 1.1 },
      { document: 1, score: 0.4 },
    ];
    const distinct = [0.5, 0, 3, 9];
    expect(withSiblingsOrdered(ranked, ARTICLE_OF_CHUNK, (document) => distinct[document]!)).toEqual([
      { document: 2, score: 1.5 }, // the words that tell the article's chunks apart are chunk 2's
      { document: 3, score: 1.2 }, // another article's chunk keeps its place, whatever its distinct score
      { document: 0, score: 1.1 },
      { document: 1, score: 0.4 },
    ]);
  });

  it("gives a tie to the earlier chunk: a question that names only the subject is asked of the lead", () => {
    const ranked = [
      { document: 2, score: 1.5 },
      { document: 0, score: 1.4 },
    ];
    expect(withSiblingsOrdered(ranked, ARTICLE_OF_CHUNK, () => 0).map((hit) => hit.document)).toEqual([0, 2]);
  });

  it("leaves a ranking alone when the best article has one chunk in it, and an empty one empty", () => {
    const ranked = [
      { document: 3, score: 1.5 },
      { document: 1, score: 1.4 },
    ];
    expect(withSiblingsOrdered(ranked, ARTICLE_OF_CHUNK, (document) => document)).toEqual(ranked);
    expect(withSiblingsOrdered([], ARTICLE_OF_CHUNK, () => 0)).toEqual([]);
  });
});

// Ranking sets on articles titled by their subject's name, as an encyclopedia titles them (the shape of ARCD's
// Wikipedia articles, where this re-ordering was measured). The lead names the subject in every sentence; the
// section that answers names it once.
//
//   battuta#0  lead: «ابن بطوطة» four times, Tangier, «أمير الرحالين»
//   battuta#1  his travels: 1325, the Levant to China, «دامت أسفاره نحو ثلاثين سنة»
//   battuta#2  his last years: Fez, «أسفاره» dictated to Ibn Juzayy, «توفي سنة 1377»
//   khaldun#0  lead: «ولد في تونس سنة 1332», the Muqaddima; khaldun#1 Egypt, «توفي في القاهرة سنة 1406»
//   zaytuna#0  the Zaytuna mosque in Tunis, «توفي كثير من علمائه»
//   plague#0   lead of «طاعون» (no article in the title): what «الطاعون» is; #1 the Black Death, «الطاعون» twice
//              in a short section; #2 its cure
const FOLDER = join(PROJECT_ROOT, "test", "fixtures", "name-title-corpus");
let retriever: HybridRetriever;
beforeAll(async () => {
  retriever = await lexicalRetrieverOf(FOLDER);
});
const topChunks = async (question: string, count: number) => (await retriever.retrieve(question, count)).map((hit) => hit.chunk.id);

describe("a question that names an article's whole title", () => {
  it("is answered by the section that holds its other words, not by the lead that repeats the name", async () => {
    expect(await topChunks("متى توفي ابن بطوطة؟", 3)).toEqual([
      "ibn-battuta#2", // توفي: the one word that tells the sections apart
      "ibn-battuta#0", // the name four times, no death
      "ibn-battuta#1",
    ]);
    expect((await topChunks("متى توفي ابن خلدون؟", 1))[0]).toBe("ibn-khaldun#1");
  });

  it("goes to the section that holds the rest of the question best", async () => {
    const [first, second] = await topChunks("كم دامت أسفار ابن بطوطة؟", 2);
    expect(first).toBe("ibn-battuta#1"); // «دامت أسفاره»: both words
    expect(second).toBe("ibn-battuta#2"); // «أسفاره» only
  });

  it("is asked of the lead when it names nothing but the subject, and keeps the article the name chose", async () => {
    expect(await topChunks("من هو ابن بطوطة؟", 3)).toEqual(["ibn-battuta#0", "ibn-battuta#1", "ibn-battuta#2"]);
    expect((await topChunks("أين ولد ابن خلدون؟", 1))[0]).toBe("ibn-khaldun#0"); // ولد is in the lead
  });

  it("is asked of the lead when it names the subject with the article the title lacks (الطاعون of طاعون)", async () => {
    // The n-grams of «الطاعون» that «طاعون» lacks (_الط، الطا، لطاع) once chose the section that repeats it most.
    expect((await topChunks("ما هو الطاعون؟", 1))[0]).toBe("plague#0");
    expect((await topChunks("كيف يعالج الطاعون؟", 1))[0]).toBe("plague#2");
  });
});

// A country article whose lead names its capital in every sentence, and whose culture section says what the
// capital is held to be — the shape of ARCD's «ماذا تعتبر مدينة دمشق؟», asked of «سوريا» without its title.
//
//   syria#0  lead: «مدينة دمشق» four times, the borders
//   syria#1  history: the Umayyads made «مدينة دمشق» their capital in 661
//   syria#2  culture: «تعتبر مدينة دمشق أقدم عاصمة مأهولة في العالم»
//   lebanon, jordan, iraq, egypt, morocco: one lead each, most of them with «تعتبر» or «يعتبر»
describe("a question that does not name the article's title", () => {
  let countries: HybridRetriever;
  beforeAll(async () => {
    countries = await lexicalRetrieverOf(join(PROJECT_ROOT, "test", "fixtures", "country-corpus"));
  });
  const topOf = async (question: string, count: number) => (await countries.retrieve(question, count)).map((hit) => hit.chunk.id);

  it("is answered by the section that holds the word the article's other sections lack, not the lead", async () => {
    // By BM25 alone the lead, which repeats «مدينة دمشق», came first; every section holds those words.
    expect(await topOf("ماذا تعتبر مدينة دمشق؟", 2)).toEqual(["syria#2", "syria#0"]);
  });

  it("keeps the section the question's own words point to", async () => {
    expect((await topOf("متى اتخذ الأمويون دمشق عاصمة؟", 1))[0]).toBe("syria#1");
    expect((await topOf("ما هي أقدم عاصمة في العالم؟", 1))[0]).toBe("syria#2");
  });
});
