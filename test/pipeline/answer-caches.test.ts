import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { composeAnswer } from "../../src/answer/compose-answer.js";
import { AnswerPipeline, ensureFreshIndex, RETRIEVED_PER_QUESTION, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { HybridRetriever } from "../../src/retrieval/hybrid-retriever.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { readQuestion } from "../../src/question/read-question.js";
import { PROJECT_ROOT, SEED_QUESTIONS, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

// What is kept between questions (each passage's shingles, each chunk's words, sentences and clauses) must never
// change an answer: every question of the seed set and the probes, over the seed corpus and the ranking
// fixtures, is answered by the pipeline — twice, in two orders, so that the second answers come from what the
// first left — and compared, byte for byte, with the answer composed from scratch: a fresh retriever and no
// kept layouts, as every answer was made before anything was kept.
const questionsOf = (file: string): string[] => readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line).question as string);
const questions = [...questionsOf(SEED_QUESTIONS), ...questionsOf(join(PROJECT_ROOT, "test", "fixtures", "seed-probes.jsonl"))];

describe.each([
  ["the seed corpus", () => seedCorpus()],
  [
    "the ranking fixtures",
    () => {
      const folder = temporaryFolder("isnad-corpus-");
      cpSync(join(PROJECT_ROOT, "test", "fixtures", "ranking-corpus"), folder, { recursive: true });
      return folder;
    },
  ],
])("answers from %s, with what earlier questions left kept", (_, corpus) => {
  let options: PipelineOptions;
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    options = { corpusDir: corpus(), indexDir: temporaryFolder(), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "no model in tests" }, logger: silentLogger };
    await ensureFreshIndex(options);
    pipeline = await AnswerPipeline.open(options);
  });

  const fromScratch = async (question: string) => {
    const { index } = pipeline;
    const reading = readQuestion(question, options.analyzer, index.lexical);
    const retrieved = await new HybridRetriever(index, options.analyzer, undefined).retrieve(question, RETRIEVED_PER_QUESTION, reading.analyzed);
    return composeAnswer(question, retrieved, { analyzer: options.analyzer, lexical: index.lexical, articles: index.articles }, undefined, reading);
  };

  it("are byte for byte the answers composed from scratch", async () => {
    expect(questions.length).toBeGreaterThan(100);
    const first = [];
    for (const question of questions) first.push(JSON.stringify(await pipeline.answer(question)));
    const again = [];
    for (const question of [...questions].reverse()) again.unshift(JSON.stringify(await pipeline.answer(question)));
    const reference = [];
    for (const question of questions) reference.push(JSON.stringify(await fromScratch(question)));
    expect(first).toEqual(reference);
    expect(again).toEqual(reference);
    // Not a comparison of declines alone: most seed questions are answered with quotes.
    expect(reference.filter((answer) => answer.includes('"abstained":false')).length).toBeGreaterThan(10);
  });
});
