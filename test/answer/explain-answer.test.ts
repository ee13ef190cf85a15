import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerPipeline } from "../../src/pipeline/answer-pipeline.js";
import { openSeedPipeline } from "../support/workspace.js";

describe("explaining an answer", () => {
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    pipeline = await openSeedPipeline();
  });

  it.each([["مع من التقى حموشي خلال زيارته إلى تركيا؟"], ["كم تبلغ ميزانية الأمن الوطني؟"], ["فين كاين المعرض"]])(
    "adds its log-odds up to the evidence the answer was decided by: %s",
    async (question) => {
      const { answer, logOdds } = await pipeline.explain(question);
      const total = logOdds.terms.reduce((sum, term) => sum + term.weight * term.value, logOdds.base);
      expect(1 / (1 + Math.exp(-total))).toBeCloseTo(answer.evidence, 10);
    },
  );

  it("shows a word no chunk holds, and the rule that declined the question for it", async () => {
    const { answer, words, rules } = await pipeline.explain("ما هي عاصمة اليابان؟");
    expect(answer.abstained).toBe(true);
    expect(words.map((word) => [word.known, word.verbLike, word.focus])).toEqual([[true, false, true], [false, false, false]]);
    // The capital is in the lead (Ankara's), Japan nowhere: a focus held, never beside its subject.
    expect(rules).toEqual({ unseenThings: false, anotherYear: false, unseenFocus: false, anotherSubject: true });
  });

  it("names the rule for a question whose focus the sources never write", async () => {
    const { answer, rules } = await pipeline.explain("من هو وزير الداخلية المغربي؟");
    expect(answer.abstained).toBe(true);
    expect(rules).toMatchObject({ unseenFocus: true });
  });
});
