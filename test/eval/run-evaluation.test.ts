import { macroAverage } from "../../src/eval/macro-average.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder, type EmbedderLoad } from "../../src/embedder/load-embedder.js";
import { containsGoldAnswer, summarize } from "../../src/eval/metrics.js";
import { withParagraphLeftOut } from "../../src/eval/leave-out-paragraph.js";
import { runEvaluation } from "../../src/eval/run-evaluation.js";
import { paragraphOfChunk, readSquadDataset, type EvalDataset } from "../../src/eval/squad-dataset.js";
import { STANDARD_SYSTEMS } from "../../src/eval/systems.js";
import { writeTinyModel } from "../support/tiny-model.js";
import { silentLogger, temporaryFolder } from "../support/workspace.js";

// A SQuAD-format file of three small articles (the ranking-set texts), written by the test.
const SQUAD = {
  data: [
    {
      title: "IGEF_2025",
      paragraphs: [
        {
          context: "يقود المدير العام للأمن الوطني عبد اللطيف حموشي وفدا أمنيا إلى المنتدى الدولي IGEF 2025 المقام بالعاصمة أنقرة خلال الفترة من 18 إلى 20 شتنبر.",
          qas: [
            { id: "q1", question: "أين يقام منتدى IGEF 2025؟", answers: [{ text: "أنقرة", answer_start: 0 }] },
            { id: "q2", question: "من يقود الوفد الأمني؟", answers: [{ text: "عبد اللطيف حموشي", answer_start: 0 }] },
          ],
        },
        {
          context: "التقى حموشي بنظيره التركي محمود ديميرتاش لبحث التعاون الأمني ومواجهة الهجرة غير الشرعية وشبكات الإجرام المنظمة.",
          qas: [{ id: "q3", question: "مع من التقى حموشي؟", answers: [{ text: "محمود ديميرتاش", answer_start: 0 }] }],
        },
      ],
    },
    {
      title: "Rabat_book_fair",
      paragraphs: [
        {
          context: "انطلقت بالرباط الدورة الحادية والثلاثون للمعرض الدولي للنشر والكتاب بمشاركة أزيد من 750 عارضا من 51 بلدا.",
          qas: [{ id: "q4", question: "كم عدد العارضين في معرض الكتاب بالرباط؟", answers: [{ text: "750", answer_start: 0 }] }],
        },
      ],
    },
    {
      title: "Atlas_snow",
      paragraphs: [
        {
          context: "عرفت مرتفعات الأطلس تساقطات ثلجية مهمة بلغ سمكها أكثر من ستين سنتيمترا، مما أدى إلى انقطاع عدد من الطرق.",
          qas: [{ id: "q5", question: "كم بلغ سمك الثلوج في الأطلس؟", answers: [{ text: "ستين سنتيمترا", answer_start: 0 }] }],
        },
      ],
    },
  ],
};

let dataset: EvalDataset;
let tinyModel: EmbedderLoad;
beforeAll(async () => {
  const file = join(temporaryFolder(), "squad.json");
  writeFileSync(file, JSON.stringify(SQUAD));
  dataset = await readSquadDataset(file);
  const modelDir = join(temporaryFolder("isnad-model-"), "tiny-e5");
  writeTinyModel(modelDir, 32);
  tinyModel = await loadEmbedder({ model: modelDir, cacheDir: modelDir }, silentLogger);
});

describe("readSquadDataset", () => {
  it("makes each article a document and each distinct paragraph a section", () => {
    expect(dataset.articles.map((article) => [article.docId, article.title, article.paragraphs.length])).toEqual([
      ["a001", "IGEF 2025", 2],
      ["a002", "Rabat book fair", 1],
      ["a003", "Atlas snow", 1],
    ]);
    expect(dataset.questions.map((q) => [q.id, q.docId, q.section])).toEqual([
      ["q1", "a001", 0],
      ["q2", "a001", 0],
      ["q3", "a001", 1],
      ["q4", "a002", 0],
      ["q5", "a003", 0],
    ]);
  });

  it("reads SQuAD 2.0: a question marked impossible is kept as unanswerable, an untitled article named by position", async () => {
    const file = join(temporaryFolder(), "squad2.json");
    const context = "التقى حموشي بنظيره التركي محمود ديميرتاش.";
    writeFileSync(
      file,
      JSON.stringify({
        version: "v2.0",
        data: [
          {
            paragraphs: [
              {
                context,
                qas: [
                  { id: "ok", question: "مع من التقى حموشي؟", answers: [{ text: "محمود ديميرتاش", answer_start: 25 }], is_impossible: false },
                  { id: "no", question: "ما هي عاصمة اليابان؟", answers: [], plausible_answers: [{ text: "أنقرة", answer_start: 0 }], is_impossible: true },
                ],
              },
            ],
          },
        ],
      }),
    );
    const squad2 = await readSquadDataset(file);
    expect(squad2.articles[0]!.title).toBe("Article 1");
    expect(squad2.questions.map((q) => [q.id, q.answerable, q.answers])).toEqual([
      ["ok", true, ["محمود ديميرتاش"]],
      ["no", false, []],
    ]);
  });

  it("takes numbered question ids and a null title", async () => {
    const file = join(temporaryFolder(), "numbered.json");
    writeFileSync(file, JSON.stringify({ data: [{ title: null, paragraphs: [{ context: "نص.", qas: [{ id: 7, question: "سؤال؟", answers: [{ text: "نص" }] }] }] }] }));
    const numbered = await readSquadDataset(file);
    expect(numbered.questions[0]!.id).toBe("7");
    expect(numbered.articles[0]!.title).toBe("Article 1");
  });

  it("refuses a file that is not in SQuAD format", async () => {
    const file = join(temporaryFolder(), "bad.json");
    writeFileSync(file, JSON.stringify({ data: [{ title: "x" }] }));
    await expect(readSquadDataset(file)).rejects.toThrow(/SQuAD format/u);
  });
});

describe("runEvaluation", () => {
  it("runs the baseline, lexical, dense and hybrid systems side by side, with a held-out article", async () => {
    const report = await runEvaluation(dataset, STANDARD_SYSTEMS, { tuneArticles: 1, holdOut: 1 }, tinyModel, silentLogger);
    expect(report.split).toEqual({ tune: "articles 1–1", test: "articles 2–2", heldOut: "articles 3–3" });
    expect(report.systems.map((system) => system.name)).toEqual(["bm25-plain", "lexical-arabic", "dense", "hybrid"]);
    expect(report.skipped).toEqual([]);
    const lexical = report.systems[1]!;
    expect(lexical.tune).toMatchObject({ questions: 3, recallAt1: 1, recallAt5: 1, answerHit: 1, declined: 0 });
    expect(lexical.test).toMatchObject({ questions: 1, recallAt1: 1 });
    expect(lexical.heldOutDeclined).toBe(1);
    for (const system of report.systems) expect(system.tune.questions).toBe(3);
  });

  it("skips dense and hybrid, saying why, when no model can be loaded", async () => {
    const report = await runEvaluation(dataset, STANDARD_SYSTEMS, { tuneArticles: 3, holdOut: 0 }, { modelId: "x", unavailable: "no model here" }, silentLogger);
    expect(report.systems.map((system) => system.name)).toEqual(["bm25-plain", "lexical-arabic"]);
    expect(report.skipped).toEqual([
      { name: "dense", reason: "no model here" },
      { name: "hybrid", reason: "no model here" },
    ]);
    expect(report.systems[1]!.heldOutDeclined).toBeUndefined();
  });

  it("sweeps the fusion over the hybrid index: weight 0 ranks as lexical retrieval, the systems' own setting as hybrid", async () => {
    const grid = { denseWeights: [0, 1], rrfKs: [20, 60] };
    const report = await runEvaluation(dataset, STANDARD_SYSTEMS, { tuneArticles: 2, holdOut: 0, fusionGrid: grid }, tinyModel, silentLogger);
    const ranks = (metrics: { recallAt1: number; recallAt3: number; recallAt5: number; mrr: number }) => ({
      recallAt1: metrics.recallAt1,
      recallAt3: metrics.recallAt3,
      recallAt5: metrics.recallAt5,
      mrr: metrics.mrr,
    });
    const system = (name: string) => report.systems.find((candidate) => candidate.name === name)!;
    const setting = (denseWeight: number, rrfK: number) => report.fusion!.settings.find((s) => s.denseWeight === denseWeight && s.rrfK === rrfK)!;
    expect(report.fusion!.settings).toHaveLength(4);
    // The tiny model's dense ranking is poor, so the fused one differs from the lexical one: the rows can tell them apart.
    expect(system("hybrid").tune.mrr).toBeLessThan(system("lexical-arabic").tune.mrr);
    for (const split of ["tune", "test"] as const) {
      expect(ranks(setting(0, 20)[split])).toEqual(ranks(system("lexical-arabic")[split]));
      expect(ranks(setting(1, 60)[split])).toEqual(ranks(system("hybrid")[split]));
    }
    expect(report.fusion!.best).toMatchObject({ denseWeight: 0, rrfK: 20 });
  });

  it("skips the fusion sweep, saying why, when no model can be loaded", async () => {
    const lexical = STANDARD_SYSTEMS.filter((system) => system.mode === "lexical");
    const report = await runEvaluation(dataset, lexical, { tuneArticles: 3, holdOut: 0, fusionGrid: { denseWeights: [0, 1], rrfKs: [60] } }, { modelId: "x", unavailable: "no model here" }, silentLogger);
    expect(report.fusion).toBeUndefined();
    expect(report.skipped).toEqual([{ name: "fusion sweep", reason: "no model here" }]);
  });
});

describe("runEvaluation with each paragraph indexed as an article", () => {
  it("finds the gold paragraph in its own file, and keeps the split in articles", async () => {
    const lexical = STANDARD_SYSTEMS.filter((system) => system.name === "lexical-arabic");
    const report = await runEvaluation(dataset, lexical, { tuneArticles: 1, holdOut: 1, layout: "paragraphs" }, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    expect(report.layout).toBe("paragraphs");
    expect(report.split).toEqual({ tune: "articles 1–1", test: "articles 2–2", heldOut: "articles 3–3" });
    expect(report.systems[0]!.tune).toMatchObject({ questions: 3, recallAt1: 1, answerHit: 1 });
    expect(report.systems[0]!.heldOutDeclined).toBe(1);
  });

  it("reads a chunk id of either layout back to its article and paragraph", () => {
    expect(paragraphOfChunk("a003#2")).toEqual({ docId: "a003", section: 2 });
    expect(paragraphOfChunk("a003#2.1")).toEqual({ docId: "a003", section: 2 });
    expect(paragraphOfChunk("a003-p2#0")).toEqual({ docId: "a003", section: 2 });
    expect(paragraphOfChunk("a003-p2#0.2")).toEqual({ docId: "a003", section: 2 });
    expect(paragraphOfChunk("a003~copy2#2")).toEqual({ docId: "a003", section: 2 });
    expect(paragraphOfChunk("a003-p2~copy2#0")).toEqual({ docId: "a003", section: 2 });
  });
});

describe("runEvaluation with every article indexed twice", () => {
  it("finds each question's paragraph in one of the copies, answers it and declines nothing more", async () => {
    const lexical = STANDARD_SYSTEMS.filter((system) => system.name === "lexical-arabic");
    const split = { tuneArticles: 1, holdOut: 1 } as const;
    const once = await runEvaluation(dataset, lexical, split, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    const twice = await runEvaluation(dataset, lexical, { ...split, copies: 2 }, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    expect(twice.copies).toBe(2);
    expect(twice.systems[0]!.tune).toMatchObject({ questions: 3, recallAt1: 1, answerHit: 1, declined: 0 });
    expect(twice.systems[0]!.tune.answerHit).toBe(once.systems[0]!.tune.answerHit);
    expect(twice.systems[0]!.heldOutDeclined).toBe(1);
  });
});

describe("runEvaluation with a paragraph that repeats the one before it", () => {
  it("counts the gold paragraph found when the source shown stands for it as its near-duplicate", async () => {
    // As in ARCD, where a paragraph often opens with the whole of the one before it: the two are one passage
    // to retrieval, which keeps the better ranked (here the second, which names the forum twice) and reports
    // the other as its copy.
    const first = "يقود المدير العام للأمن الوطني عبد اللطيف حموشي وفدا أمنيا رفيع المستوى إلى المنتدى الدولي IGEF 2025 المقام بالعاصمة أنقرة خلال الفترة من 18 إلى 20 شتنبر، بدعوة رسمية من السلطات التركية.";
    const repeated: EvalDataset = {
      articles: [{ docId: "a001", title: "IGEF", paragraphs: [first, `${first} ويقام منتدى IGEF 2025 كل سنة.`] }],
      questions: [{ id: "q", question: "أين يقام منتدى IGEF 2025؟", answers: ["أنقرة"], answerable: true, articleIndex: 0, docId: "a001", section: 0 }],
    };
    const lexical = STANDARD_SYSTEMS.filter((system) => system.name === "lexical-arabic");
    const report = await runEvaluation(repeated, lexical, { tuneArticles: 1, holdOut: 0 }, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    expect(report.systems[0]!.tune).toMatchObject({ questions: 1, recallAt1: 1 });
  });
});

describe("runEvaluation with questions marked unanswerable", () => {
  it("measures them apart: recall and hits over the answerable ones, the share declined over the rest", async () => {
    const withImpossible: EvalDataset = {
      ...dataset,
      questions: [
        ...dataset.questions,
        { id: "x1", question: "ما هي عاصمة اليابان؟", answers: [], answerable: false, articleIndex: 0, docId: "a001", section: 0 },
      ],
    };
    const lexical = STANDARD_SYSTEMS.filter((system) => system.name === "lexical-arabic");
    const report = await runEvaluation(withImpossible, lexical, { tuneArticles: 3, holdOut: 0 }, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    expect(report.systems[0]!.tune).toMatchObject({ questions: 5, recallAt1: 1, declined: 0, unanswerable: { questions: 1, declined: 1 } });
  });
});

describe("runEvaluation with a paragraph left out of each article", () => {
  it("measures the left-out paragraph's questions as unanswerable and the others' recall as before", async () => {
    const lexical = STANDARD_SYSTEMS.filter((system) => system.name === "lexical-arabic");
    const report = await runEvaluation(withParagraphLeftOut(dataset, 1, [0, 1, 2]), lexical, { tuneArticles: 3, holdOut: 0 }, { modelId: "x", unavailable: "lexical only" }, silentLogger);
    expect(report.systems[0]!.tune).toMatchObject({ questions: 4, recallAt1: 1, answerHit: 1, unanswerable: { questions: 1 } });
  });
});

describe("metrics", () => {
  it("finds a gold answer after normalisation, ignoring punctuation and diacritics", () => {
    expect(containsGoldAnswer("المقام بالعاصمة أنقرة، خلال الفترة [1]", ["أنقرة"])).toBe(true);
    expect(containsGoldAnswer("قاد الوفدَ عبدُ اللطيف حموشي", ["عبد اللطيف حموشي."])).toBe(true);
    expect(containsGoldAnswer("قاد الوفد عبد اللطيف", ["عبد اللطيف حموشي"])).toBe(false);
    expect(containsGoldAnswer("قاد الوفد عبد اللطيف حموشي", ["عبد اللطيف حموشي."])).toBe(true);
    expect(containsGoldAnswer("لا شيء", [""])).toBe(false);
  });

  it("summarises recall, MRR, hits, declines, tentative right answers and latency", () => {
    const metrics = summarize([
      { answerable: true, goldRank: 1, abstained: false, tentative: false, answerHit: true, milliseconds: 2 },
      { answerable: true, goldRank: 3, abstained: false, tentative: true, answerHit: false, milliseconds: 4 },
      { answerable: true, goldRank: undefined, abstained: true, tentative: false, answerHit: false, milliseconds: 6 },
      { answerable: true, goldRank: 2, abstained: true, tentative: false, answerHit: true, milliseconds: 8 },
      { answerable: true, goldRank: 1, abstained: false, tentative: true, answerHit: true, milliseconds: 1 },
    ]);
    expect(metrics.unanswerable).toBeUndefined();
    // Two right answers (answered and holding the gold answer), one of them tentative.
    expect(metrics).toEqual({ questions: 5, recallAt1: 0.4, recallAt3: 0.8, recallAt5: 0.8, mrr: Math.round(((1 + 1 / 3 + 1 / 2 + 1) / 5) * 10000) / 10000, answerHit: 0.4, declined: 0.4, rightTentative: 0.5, p50Ms: 4, p95Ms: 8 });
  });

  it("leaves questions marked unanswerable out of recall and hits, and reports how many were declined or answered confidently", () => {
    const metrics = summarize([
      { answerable: true, goldRank: 1, abstained: false, tentative: false, answerHit: true, milliseconds: 2 },
      { answerable: false, goldRank: undefined, abstained: true, tentative: false, answerHit: false, milliseconds: 4 },
      { answerable: false, goldRank: 1, abstained: false, tentative: false, answerHit: false, milliseconds: 6 },
      { answerable: false, goldRank: 1, abstained: false, tentative: true, answerHit: false, milliseconds: 5 },
    ]);
    // Of three it cannot answer: one declined, one answered with the tentative note, one answered confidently.
    expect(metrics).toMatchObject({ questions: 1, recallAt1: 1, answerHit: 1, declined: 0, unanswerable: { questions: 3, declined: 0.3333, confident: 0.3333 } });
    expect(metrics.p95Ms).toBe(6);
  });
});

describe("macroAverage", () => {
  const metrics = (recallAt1: number, unanswerable?: { questions: number; declined: number; confident: number }) => ({
    questions: 10, recallAt1, recallAt3: 1, recallAt5: 1, mrr: 1, answerHit: recallAt1, declined: 0, rightTentative: 0, p50Ms: 1, p95Ms: 1, ...(unanswerable ? { unanswerable } : {}),
  });
  const report = (recallAt1: number, heldOutConfident: number | undefined, unanswerable?: { questions: number; declined: number; confident: number }) => ({
    articles: 2, layout: "sections" as const, copies: 1, questions: 20, split: { tune: "", test: "", heldOut: "" }, skipped: [],
    systems: [{ name: "lexical-arabic", mode: "lexical" as const, buildSeconds: 1, tune: metrics(recallAt1, unanswerable), test: metrics(recallAt1), all: metrics(recallAt1),
      ...(heldOutConfident === undefined ? {} : { heldOutDeclined: 1 - heldOutConfident, heldOutConfident }) }],
  });

  it("weighs every data set the same, and averages a figure only over the sets that have it", () => {
    const [system] = macroAverage([report(0.9, 0.1, { questions: 5, declined: 0.8, confident: 0.2 }), report(0.7, undefined)]);
    expect(system).toMatchObject({ name: "lexical-arabic", heldOutConfident: 0.1, heldOutDeclined: 0.9 });
    expect(system!.tune).toMatchObject({ recallAt1: 0.8, unanswerableConfident: 0.2, unanswerableDeclined: 0.8 });
    expect(system!.test.unanswerableConfident).toBeUndefined();
  });
});
