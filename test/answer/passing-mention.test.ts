import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_COMPOSE_PARAMS } from "../../src/answer/compose-answer.js";
import type { AnswerPipeline } from "../../src/pipeline/answer-pipeline.js";
import { renderExplanation } from "../../src/render/render-explanation.js";
import { lexicalPipelineOf, PROJECT_ROOT } from "../support/workspace.js";

// Four country articles — Iran, Saudi Arabia, Egypt, Japan — each naming Asia once, in passing, beside its own
// area and population; none is about Asia. A question about Asia finds its words in one of them, and the passage
// does hold «آسيا» and «مساحتها» side by side: only what the corpus says elsewhere tells that the article is
// about another subject (DeclineSignals.subjectShare). The reader gets the passage with the tentative note.
const FOLDER = join(PROJECT_ROOT, "test", "fixtures", "passing-mention-corpus");

let pipeline: AnswerPipeline;
beforeAll(async () => {
  pipeline = await lexicalPipelineOf(FOLDER);
});

describe("a passage that names the question's subject in passing", () => {
  it("is given with the tentative note: its article holds a quarter of the corpus's «آسيا» and «مساحة», and its title neither", async () => {
    const answer = await pipeline.answer("كم مساحة آسيا؟");
    expect(answer.signals.subjectShare).toBeLessThan(DEFAULT_COMPOSE_PARAMS.tentativeSubjectShare);
    expect(answer.evidence).toBeGreaterThanOrEqual(DEFAULT_COMPOSE_PARAMS.tentativeBelow); // the passage alone looks like an answer
    expect(answer.abstained).toBe(false);
    expect(answer.tentative).toBe(true);
    expect(answer.tentativeReason).toBe("passing-mention");
  });

  it("--explain says why: the subject share against its threshold", async () => {
    const explanation = renderExplanation(await pipeline.explain("كم مساحة آسيا؟"));
    expect(explanation).toContain("Decision: answered, tentatively");
    expect(explanation).toMatch(/Subject share 0\.2\d: .* below 0\.3 the answer is tentative/u);
  });

  it.each(["كم مساحة إيران؟", "كم عدد سكان اليابان؟", "ماذا تنتج إيران؟", "أين تقع السعودية؟"])(
    "while «%s», about what its article's title names, is answered without the note",
    async (question) => {
      const answer = await pipeline.answer(question);
      expect(answer.signals.subjectShare).toBe(1);
      expect(answer.abstained).toBe(false);
      expect(answer.tentative).toBe(false);
    },
  );
});
