import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_IN_SOURCES } from "../../src/answer/compose-answer.js";
import { validateQuestion } from "../../src/question/validate-question.js";
import { loadEmbedder, type EmbedderLoad } from "../../src/embedder/load-embedder.js";
import { AnswerPipeline, ensureFreshIndex, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { writeTinyModel } from "../support/tiny-model.js";
import { SEED_ARTICLE, SEED_QUESTIONS, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

interface SeedQuestion {
  readonly id: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly answers?: readonly string[];
}

const questions: SeedQuestion[] = readFileSync(SEED_QUESTIONS, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const source = readFileSync(SEED_ARTICLE, "utf8");

async function pipelineWith(embedder: EmbedderLoad): Promise<AnswerPipeline> {
  const options: PipelineOptions = { corpusDir: seedCorpus(), indexDir: temporaryFolder(), analyzer: createAnalyzer(), embedder, logger: silentLogger };
  await ensureFreshIndex(options);
  return AnswerPipeline.open(options);
}

// The public seed questions, end to end: corpus → index → retrieval → composed answer. Lexical-only is what
// these machines run; hybrid runs the same questions with the tiny test model's vectors fused in.
describe.each([
  ["lexical-only", async (): Promise<EmbedderLoad> => ({ modelId: "none", unavailable: "no model" })],
  [
    "hybrid (tiny test model)",
    async (): Promise<EmbedderLoad> => {
      const modelDir = join(temporaryFolder("isnad-model-"), "tiny-e5");
      writeTinyModel(modelDir, 32);
      return loadEmbedder({ model: modelDir, cacheDir: modelDir }, silentLogger);
    },
  ],
])("the seed questions, %s", (mode, makeEmbedder) => {
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    pipeline = await pipelineWith(await makeEmbedder());
    expect(pipeline.mode).toBe(mode.startsWith("hybrid") ? "hybrid" : "lexical");
  });

  it.each(questions.filter((q) => q.answerable).map((q) => [q.id, q] as const))("answers %s with every expected answer, quoted verbatim", async (_, q) => {
    const answer = await pipeline.answer(q.question);
    expect(answer.abstained).toBe(false);
    for (const expected of q.answers!) expect(answer.text).toContain(expected);
    expect(answer.text.length).toBeLessThanOrEqual(400);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(source.slice(citation.start, citation.end)).toBe(citation.quote);
      expect(answer.text).toContain(`[${citation.n}]`);
      expect(answer.text).toContain(citation.quote);
      expect(citation.title).toBe("عبد اللطيف حموشي يترأس وفدا أمنيا");
    }
    // Every cited chunk is among the ranked sources (a four-chunk corpus has fewer than five to rank).
    const sourceIds = answer.sources.map((source) => source.chunkId);
    for (const citation of answer.citations) expect(sourceIds).toContain(citation.chunkId);
  });

  it.each(questions.filter((q) => !q.answerable).map((q) => [q.id, q] as const))("declines %s, with no citation", async (_, q) => {
    const answer = await pipeline.answer(q.question);
    expect(answer.abstained).toBe(true);
    expect(answer.text).toBe(NOT_IN_SOURCES);
    expect(answer.citations).toEqual([]);
    expect(answer.text).not.toMatch(/\[\d+\]/u);
  });
});

// Beyond the public set: the same article asked the way readers ask — a perfect-tense verb the article never
// uses, and the Darija of that question. An unknown word right after متى is read as a verb (verbs are
// paraphrased freely), not as an unknown topic that would make a two-word question undecidable; so is one
// after a relative pronoun (اللي مشا).
describe("seed article, questions in other words", () => {
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    pipeline = await pipelineWith({ modelId: "none", unavailable: "no model" });
  });

  it.each([
    ["formal, a verb the article does not use", "متى بدأ المنتدى؟"],
    ["Darija, without hamza and with ي for ى", "امتى بدا المنتدي؟"],
    ["Darija وقتاش, whose own و is not a conjunction", "وقتاش انعقد المنتدى؟"],
    ["a follow-up opening with و", "ومتى بدأ المنتدى؟"],
  ])("answers the dates: %s", async (_, question) => {
    const answer = await pipeline.answer(question);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("18 إلى 20 شتنبر");
  });

  it.each([
    ["ومن", "ومن رافق حموشي؟", "عبد اللطيف حموشي"],
    ["وأين", "وأين يقام المعرض؟", "IGEF 2025"],
    ["فكم", "فكم دولة شاركت في المعرض؟", "IGEF 2025"],
  ])("answers a follow-up opening with %s as it answers the question without it", async (_, question, expected) => {
    const answer = await pipeline.answer(question);
    const plain = await pipeline.answer(question.slice(1));
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain(expected);
    expect(answer.evidence).toBeCloseTo(plain.evidence);
  });

  it("answers who went, asked in Darija with a verb the article does not use", async () => {
    const answer = await pipeline.answer("شكون اللي مشا لتركيا؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("عبد اللطيف حموشي");
  });

  // Dialect particles (ده، غادي، ديال، هلق) and question words (منين، شلون) the analysis did not know counted as
  // words no article holds, and a dialect verb away from a question word (مشا، كيمثل، بيتعمل) as an unseen noun:
  // each of these was declined (evidence 0.00 to 0.44).
  it.each([
    ["Egyptian ده, where at the end", "هو المنتدى ده فين؟", "أنقرة"],
    ["Egyptian, who went", "مين ده اللي راح تركيا؟", "عبد اللطيف حموشي"],
    ["Darija, how many days", "شحال ديال الأيام غادي يدوم المنتدى؟", "18 إلى 20 شتنبر"],
    ["Gulf شلون", "شلون كان اللقاء؟", "توافق كامل"],
    ["Darija, the verb before the question word", "حموشي مشا مع شكون؟", "وفدا أمنيا"],
    ["Egyptian, the present tense with ب", "المنتدى ده بيتعمل فين؟", "أنقرة"],
    ["Darija, the present tense with ك", "حموشي كيمثل شكون؟", "المدير العام للأمن الوطني"],
    ["Egyptian, the future with ه", "المنتدى هيتعمل فين؟", "أنقرة"],
    ["Darija تلاقى, a verb of its own and not a slip of العلاقات", "شكون الوزير التركي اللي تلاقى معاه حموشي؟", "محمود ديميرتاش"],
    ["Darija أشكون and لي, as most type شكون and اللي", "أشكون لي مشا لتركيا", "عبد اللطيف حموشي"],
    ["Darija اشحال, how many with its alif", "اشحال ديال الأيام غادي يدوم المنتدى؟", "18 إلى 20 شتنبر"],
  ])("answers a question in dialect: %s", async (_, question, expected) => {
    const answer = await pipeline.answer(question);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain(expected);
  });

  // The noun after «what» names the kind of answer, not the topic; read as a word no article holds, each of
  // these was declined at 0.00.
  it.each([
    ["the purpose of the visit", "ما الهدف من الزيارة؟", "الزيارة"],
    ["the cause of the visit", "ما سبب الزيارة؟", "الزيارة"],
    ["how long the forum lasts", "ما مدة المنتدى؟", "18 إلى 20 شتنبر"],
  ])("answers a question framed by what it asks for: %s", async (_, question, expected) => {
    const answer = await pipeline.answer(question);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain(expected);
  });

  // A tentative answer is one the reader is warned about: what the sources hold nearest a question they may
  // not answer. The public questions the article answers plainly are not; a question about what it never says
  // (the security budget), answered from the passage nearest it, is.
  it("gives the public questions' answers plainly, and an answer to what the article never says as tentative", async () => {
    for (const q of questions.filter((q) => q.answerable)) expect((await pipeline.answer(q.question)).tentative).toBe(false);
    const nearTopic = await pipeline.answer("كم تبلغ ميزانية الأمن الوطني؟");
    expect(nearTopic.abstained).toBe(false);
    expect(nearTopic.tentative).toBe(true);
    expect((await pipeline.answer("ما هي عاصمة اليابان؟")).tentative).toBe(false);
  });

  // What the article's subject is (Morocco, Turkey) it names; what is asked of it (a capital, a president, a
  // language, an independence) it never writes, or writes about another country.
  it.each([["ما هي عاصمة المغرب؟"], ["من هو رئيس تركيا؟"], ["ما هي اللغة الرسمية في تركيا؟"], ["متى استقل المغرب؟"], ["ما هي أكبر مدينة في تركيا؟"], ["من هو مدرب المنتخب المغربي؟"], ["كيف أطبخ الكسكس المغربي؟"]])(
    "declines a question about a fact of the article's subject that it never gives: %s",
    async (question) => {
      expect((await pipeline.answer(question)).abstained).toBe(true);
    },
  );

  it("answers a question about the visit's purpose, however it is worded", async () => {
    for (const question of ["ما هي أهداف الزيارة؟", "شنو هي الأهداف ديال الزيارة؟"]) {
      const answer = await pipeline.answer(question);
      expect(answer.abstained).toBe(false);
      expect(answer.text).toContain("للمشاركة في المنتدى");
    }
  });

  it("declines a question about a country it never names, though the name looks like a verb (نيجيريا، تونس)", async () => {
    expect((await pipeline.answer("ما هي عاصمة نيجيريا؟")).abstained).toBe(true);
    expect((await pipeline.answer("ما هي عاصمة تنزانيا؟")).abstained).toBe(true);
    expect((await pipeline.answer("ما هي عاصمة تونس؟")).abstained).toBe(true);
  });

  it("answers how many days the forum lasts, asked in dialect, with the forum's dates (أيام was read as a topic)", async () => {
    for (const question of ["كام يوم المنتدى ده؟", "شحال دالأيام غادي يدوم المنتدى؟"]) {
      const answer = await pipeline.answer(question);
      expect(answer.abstained).toBe(false);
      expect(answer.text).toContain("18 إلى 20 شتنبر");
    }
  });

  it("answers in which month or year the forum was held with its dates (شهر was read as a thing no chunk names), and still declines a month the article never gives", async () => {
    for (const question of ["في أي شهر انعقد المنتدى؟", "بأي عام انعقد المنتدى؟"]) {
      // بأي once read as the farewell «باي» and taken off the question, then weighed as a word no chunk holds.
      const check = validateQuestion(question);
      expect(check).toEqual({ ok: true, question });
      const answer = await pipeline.answer(question);
      expect(answer.abstained).toBe(false);
      expect(answer.text).toContain("18 إلى 20 شتنبر");
    }
    expect((await pipeline.answer("في أي شهر تأسست الشرطة المغربية؟")).abstained).toBe(true);
  });

  it("answers a question wrapped in courtesies or a request as it answers the question alone", async () => {
    for (const raw of ["السلام عليكم، متى ينعقد المنتدى؟", "لو سمحت متى ينعقد المنتدى؟ وشكرا", "أريد أن أعرف متى ينعقد المنتدى"]) {
      const check = validateQuestion(raw);
      expect(check.ok).toBe(true);
      const answer = await pipeline.answer(check.ok ? check.question : "");
      expect(answer.abstained).toBe(false);
      expect(answer.text).toContain("18 إلى 20 شتنبر");
    }
  });

  it("declines what the visit led to, which the article never says (تداعيات after هي is a noun, not a verb)", async () => {
    expect((await pipeline.answer("ما هي تداعيات الزيارة؟")).abstained).toBe(true);
  });

  it("answers how long the forum lasts, asked with a past verb after كم (استغرق was read as a topic)", async () => {
    const answer = await pipeline.answer("كم استغرق المنتدى؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("18 إلى 20 شتنبر");
  });

  it("answers a question opened by و on a preposition, as a chat continues (ومع was read as a topic: 0.00)", async () => {
    const answer = await pipeline.answer("ومع من التقى؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("محمود ديميرتاش");
  });

  it("answers a formal question whose preposition (بخصوص) is a function word, not a topic", async () => {
    const answer = await pipeline.answer("ما الذي ناقشه الطرفان بخصوص التكوين؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("تطوير برامج التكوين");
  });

  it.each([
    ["a name with one letter confused", "مع من التقى حموسي؟"],
    ["the other name with two letters swapped", "من هو ديميرتشا؟"],
  ])("answers through a typo: %s", async (_, question) => {
    const answer = await pipeline.answer(question);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("محمود ديميرتاش");
  });

  it("still declines a short question about a thing the corpus never mentions", async () => {
    expect((await pipeline.answer("ما هي عاصمة البرازيل؟")).abstained).toBe(true);
  });

  it("declines a question about another year of what the article covers, and answers its own year", async () => {
    // The article is about the 2030 World Cup; every word of the first question is in it but the year.
    expect((await pipeline.answer("من فاز بكأس العالم 2022؟")).abstained).toBe(true);
    const own = await pipeline.answer("مع من سينظم المغرب كأس العالم 2030؟");
    expect(own.abstained).toBe(false);
    expect(own.text).toContain("بشراكة مع البرتغال وإسبانيا");
  });

  it("never answers confidently a when-question whose words the article holds with no date among them, and answers one it dates", async () => {
    // The article names the Moroccan police (الأمن الوطني) but never says when it was founded: declined, or
    // at most the nearest passage with the tentative note.
    const undated = await pipeline.answer("متى تأسست الشرطة المغربية؟");
    expect(undated.abstained || undated.tentative).toBe(true);
    const dated = await pipeline.answer("متى ينعقد المنتدى؟");
    expect(dated.abstained).toBe(false);
    expect(dated.text).toContain("من 18 إلى 20 شتنبر");
  });
});
