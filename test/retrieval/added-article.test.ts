import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerPipeline } from "../../src/pipeline/answer-pipeline.js";
import { lexicalPipelineOf, PROJECT_ROOT } from "../support/workspace.js";

// Ranking sets for a corpus that grows: the seed article, then an unrelated article added after it — a city
// council's budget session «المنعقدة يوم 5 أكتوبر 2026 بمقر الجماعة» — which shares with questions about the
// forum only generic words: a verb of meeting (منعقد), a date, a place. The new article must not take over the
// old answers: the section that names what the question is about ranks first and is the only one cited.
//
//   igef#0     lead: the forum "المقام بالعاصمة أنقرة خلال الفترة من 18 إلى 20 شتنبر"
//   council#0  lead: the session "المنعقدة يوم 5 أكتوبر 2026 بمقر الجماعة", the 2027 budget
//   council#1  roads and buses; council#2 the opposition asks for "دورة استثنائية"
const FOLDER = join(PROJECT_ROOT, "test", "fixtures", "council-corpus");
const IGEF = "2025-09-hammouchi-igef-ankara";
const COUNCIL = "2026-10-casablanca-council";

let pipeline: AnswerPipeline;
beforeAll(async () => {
  pipeline = await lexicalPipelineOf(FOLDER);
});

describe("an added article that shares only generic words with a question", () => {
  it("does not outrank the forum's lead on «when», nor get cited beside it", async () => {
    const answer = await pipeline.answer("متى ينعقد المنتدى؟");
    expect(answer.sources[0]!.chunkId).toBe(`${IGEF}#0`); // المنتدى + the dates; the council has only المنعقدة and a date
    expect(answer.citations.map((citation) => citation.docId)).toEqual([IGEF]);
    expect(answer.text).toContain("18 إلى 20 شتنبر");
  });

  it("does not outrank it on «where» either: a seat is not a venue", async () => {
    const answer = await pipeline.answer("أين يقام المنتدى؟");
    expect(answer.sources[0]!.chunkId).toBe(`${IGEF}#0`); // المقام بالعاصمة أنقرة; the council's «بمقر الجماعة» is a place, not the forum's
    expect(answer.citations.map((citation) => citation.docId)).toEqual([IGEF]);
  });

  it("still answers what it is about", async () => {
    const answer = await pipeline.answer("متى صادق المجلس على الميزانية؟");
    expect(answer.sources[0]!.chunkId).toBe(`${COUNCIL}#0`); // صادق + مجلس + ميزانية, and the session's date
    expect(answer.text).toContain("5 أكتوبر 2026");
  });
});
