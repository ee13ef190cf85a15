import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AnswerPipeline, ensureFreshIndex, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { NEAR_DUPLICATE_SIMILARITY, ShingleCache, shinglesOf, shingleSimilarity, withoutNearDuplicates } from "../../src/retrieval/near-duplicates.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { normalizeArabic } from "../../src/text/normalize.js";
import { splitWords } from "../../src/text/tokenize.js";
import { SEED_ARTICLE, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

const LEAD =
  "يقود المدير العام للأمن الوطني ولمراقبة التراب الوطني، عبد اللطيف حموشي، وفدا أمنيا رفيع المستوى في زيارة عمل إلى تركيا، " +
  "للمشاركة في المنتدى الدولي IGEF 2025 المتخصص في عرض تجهيزات الأمن الداخلي، والمقام بالعاصمة أنقرة خلال الفترة من 18 إلى 20 شتنبر الجاري.";
// The same wire story as another outlet ran it: unvoweled differently, a word changed, a clause added.
const RERUN =
  "يقود المدير العام للامن الوطني ولمراقبة التراب الوطني، عبد اللطيف حموشي، وفداً أمنياً رفيع المستوى في زيارة رسمية إلى تركيا، " +
  "للمشاركة في المنتدى الدولي IGEF 2025 المتخصص في عرض تجهيزات الأمن الداخلي، والمقام بالعاصمة أنقرة خلال الفترة من 18 إلى 20 شتنبر الجاري، حسب بلاغ للمديرية.";
// Another passage on the same visit: the same names, other words.
const SAME_TOPIC =
  "التقى عبد اللطيف حموشي في أنقرة بنظيره التركي محمود ديميرتاش، المدير العام لجهاز الشرطة الوطنية، لبحث آليات التعاون الأمني الثنائي.";

describe("near-duplicate passages", () => {
  it("tell a rerun of the same story from another passage on the same subject", () => {
    expect(shingleSimilarity(shinglesOf(LEAD), shinglesOf(LEAD))).toBe(1);
    expect(shingleSimilarity(shinglesOf(LEAD), shinglesOf(RERUN))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_SIMILARITY);
    expect(shingleSimilarity(shinglesOf(LEAD), shinglesOf(SAME_TOPIC))).toBeLessThan(0.1);
  });

  it("are measured on hashed shingles exactly as on the shingle strings themselves", () => {
    // The reference: word 3-grams as strings in sets, as the filter computed them before it hashed them.
    const stringShingles = (text: string) => {
      const words = splitWords(normalizeArabic(text)).map((word) => word.text);
      const shingles = new Set<string>();
      for (let i = 0; i + 3 <= words.length; i += 1) shingles.add(words.slice(i, i + 3).join(" "));
      if (words.length > 0 && words.length < 3) shingles.add(words.join(" "));
      return shingles;
    };
    const jaccard = (a: Set<string>, b: Set<string>) => {
      if (a.size === 0 && b.size === 0) return 1;
      const shared = [...a].filter((shingle) => b.has(shingle)).length;
      return shared / (a.size + b.size - shared);
    };
    const folder = "test/fixtures/ranking-corpus";
    const paragraphs = readdirSync(folder)
      .flatMap((file) => readFileSync(join(folder, file), "utf8").split(/\n\s*\n/u))
      .concat([LEAD, RERUN, SAME_TOPIC, "", "كلمة", "كلمتان فقط", "تكرار تكرار تكرار تكرار"]);
    expect(paragraphs.length).toBeGreaterThan(20);
    for (const a of paragraphs) {
      expect(shinglesOf(a).length).toBe(stringShingles(a).size);
      for (const b of paragraphs) expect(shingleSimilarity(shinglesOf(a), shinglesOf(b))).toBe(jaccard(stringShingles(a), stringShingles(b)));
    }
  });

  it("keep each text's shingles once, up to the cache's capacity", () => {
    const cache = new ShingleCache(2);
    const lead = cache.of(LEAD);
    expect(cache.of(LEAD)).toBe(lead);
    cache.of(RERUN);
    cache.of(SAME_TOPIC); // the third text pushes the oldest out
    expect(cache.of(LEAD)).not.toBe(lead);
    expect([...cache.of(LEAD)]).toEqual([...lead]);
  });

  it("leave the copies out of a ranking, keep its order, and fill it to the limit with other passages", () => {
    const texts = [LEAD, RERUN, SAME_TOPIC, LEAD, "تساقطت الثلوج بكثافة على قمم الأطلس الكبير وأغلقت عدة طرق جبلية."];
    const ranked = [0, 1, 2, 3, 4].map((document) => ({ document }));
    const kept = withoutNearDuplicates(ranked, 10, (d) => texts[d]!);
    expect(kept.map(({ hit }) => hit.document)).toEqual([0, 2, 4]);
    // The original carries its copies, best first.
    expect(kept.map(({ copies }) => copies.map((copy) => copy.document))).toEqual([[1, 3], [], []]);
    expect(withoutNearDuplicates(ranked, 2, (d) => texts[d]!).map(({ hit }) => hit.document)).toEqual([0, 2]);
    // The better ranked of two copies is the one kept.
    expect(withoutNearDuplicates([{ document: 1 }, { document: 0 }], 10, (d) => texts[d]!).map(({ hit }) => hit.document)).toEqual([1]);
  });
});

describe("a corpus that holds the same article twice", () => {
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    const corpusDir = seedCorpus();
    // The same report, as a second outlet ran it under its own title.
    const copy = readFileSync(SEED_ARTICLE, "utf8").replace("title: عبد اللطيف حموشي يترأس وفدا أمنيا", "title: حموشي على رأس وفد أمني في أنقرة");
    writeFileSync(join(corpusDir, "2025-09-hammouchi-ankara-rerun.md"), copy);
    const options: PipelineOptions = { corpusDir, indexDir: temporaryFolder(), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "no model" }, logger: silentLogger };
    await ensureFreshIndex(options);
    pipeline = await AnswerPipeline.open(options);
  });

  it("answers from one copy, as it would from one, without quoting the same words twice", async () => {
    const answer = await pipeline.answer("مع من التقى حموشي؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("محمود ديميرتاش");
    const quotes = answer.citations.map((citation) => citation.quote);
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(answer.citations.filter((citation) => citation.quote.includes("محمود ديميرتاش"))).toHaveLength(1);
  });

  it("names the other article that carries the cited passage", async () => {
    const answer = await pipeline.answer("مع من التقى حموشي؟");
    const articles = { "2025-09-hammouchi-igef-ankara": "عبد اللطيف حموشي يترأس وفدا أمنيا", "2025-09-hammouchi-ankara-rerun": "حموشي على رأس وفد أمني في أنقرة" };
    const [citation] = answer.citations;
    const [other] = Object.entries(articles).filter(([docId]) => docId !== citation!.docId);
    expect(Object.keys(articles)).toContain(citation!.docId);
    expect(citation!.alsoIn).toEqual([{ docId: other![0], title: other![1] }]);
  });

  it("lists each passage once among the sources", async () => {
    const answer = await pipeline.answer("متى ينعقد المنتدى؟");
    expect(answer.abstained).toBe(false);
    const sections = answer.sources.map((source) => source.section);
    expect(new Set(sections).size).toBe(sections.length);
  });
});
