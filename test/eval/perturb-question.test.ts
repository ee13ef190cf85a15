import { describe, expect, it } from "vitest";
import { inDialect, withMissingSpace, withQuestionNoise, withTypo } from "../../src/eval/perturb-question.js";
import { NON_JOINING_LETTERS } from "../../src/text/glued-words.js";
import type { EvalDataset } from "../../src/eval/squad-dataset.js";

/** Optimal string alignment distance: edits of one letter, and swaps of two adjacent ones. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i += 1) {
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

const QUESTIONS = ["ما هي التحديات الأمنية التي تناولها النقاش بين المسؤولين؟", "من يترأس الوفد الأمني المغربي؟", "أين يقام منتدى IGEF 2025؟"];

describe("withTypo", () => {
  it.each(QUESTIONS)("makes one slip in one long word, keeping its first and last letters: %s", (question) => {
    for (const seed of ["q1", "q2", "q3", "q4", "q5", "q6"]) {
      const noisy = withTypo(question, seed);
      const before = question.split(" ");
      const after = noisy.split(" ");
      expect(after).toHaveLength(before.length);
      const changed = before.map((word, i) => [word, after[i]!] as const).filter(([a, b]) => a !== b);
      expect(changed.length).toBeLessThanOrEqual(1);
      for (const [original, slipped] of changed) {
        expect(editDistance(original, slipped)).toBe(1);
        expect(slipped.at(0)).toBe(original.at(0));
        expect(slipped.replace(/؟$/u, "").at(-1)).toBe(original.replace(/؟$/u, "").at(-1));
      }
    }
  });

  it("is repeatable for a seed and differs between seeds", () => {
    const question = QUESTIONS[0]!;
    expect(withTypo(question, "a")).toBe(withTypo(question, "a"));
    const variants = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map((seed) => withTypo(question, seed)));
    expect(variants.size).toBeGreaterThan(2);
  });

  it("leaves a question without a word of five letters alone", () => {
    expect(withTypo("من هو؟", "a")).toBe("من هو؟");
  });
});

describe("inDialect", () => {
  it.each([
    ["ماذا استعرض الوفد؟", ["شنو", "ايش", "شو"]],
    ["متى ينعقد المنتدى؟", ["امتى", "إيمتى"]],
    ["أين يقام المنتدى؟", ["فين", "وين"]],
    ["من يترأس الوفد؟", ["شكون", "مين"]],
    ["كم عدد العارضين؟", ["شحال", "قداش"]],
  ])("says the question word of «%s» in dialect", (question, forms) => {
    const dialect = inDialect(question, "seed");
    const [opening, ...rest] = dialect.split(" ");
    expect(forms).toContain(opening);
    expect(rest.join(" ")).toBe(question.split(" ").slice(1).join(" "));
  });

  it("replaces a two-word opening whole, and leaves other openings alone", () => {
    expect(inDialect("من هو مدير الأمن؟", "seed").split(" ").slice(1).join(" ")).toBe("مدير الأمن؟");
    expect(inDialect("في أي عام تأسست الشرطة؟", "seed")).toBe("في أي عام تأسست الشرطة؟");
  });
});

describe("withMissingSpace", () => {
  it.each([QUESTIONS[0]!, QUESTIONS[1]!, "ماذا استعرض الوفد الأمني في أروقة المعرض؟"])("leaves out one space, after a letter that does not join the next: %s", (question) => {
    for (const seed of ["q1", "q2", "q3", "q4", "q5", "q6"]) {
      const noisy = withMissingSpace(question, seed);
      expect(noisy.split(" ")).toHaveLength(question.split(" ").length - 1);
      const at = [...noisy].findIndex((char, i) => char !== question[i]);
      expect(question[at]).toBe(" ");
      expect(NON_JOINING_LETTERS).toContain(question[at - 1]);
      expect(noisy).toBe(question.slice(0, at) + question.slice(at + 1));
    }
  });

  it("is repeatable for a seed and differs between seeds", () => {
    const question = QUESTIONS[0]!;
    expect(withMissingSpace(question, "a")).toBe(withMissingSpace(question, "a"));
    expect(new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map((seed) => withMissingSpace(question, seed))).size).toBeGreaterThan(2);
  });

  it("leaves a question alone when every space follows a joining letter, or stands beside Latin", () => {
    expect(withMissingSpace("من يترأس الوفد؟", "a")).toBe("من يترأس الوفد؟");
    expect(withMissingSpace("متى بدأ IGEF 2025؟", "a")).toBe("متى بدأ IGEF 2025؟");
  });
});

describe("withQuestionNoise", () => {
  it("changes the questions only", () => {
    const dataset: EvalDataset = {
      articles: [{ docId: "a001", title: "t", paragraphs: ["p"] }],
      questions: [{ id: "q1", question: "متى ينعقد المنتدى الدولي؟", answers: ["18 شتنبر"], answerable: true, articleIndex: 0, docId: "a001", section: 0 }],
    };
    const noisy = withQuestionNoise(dataset, "dialect");
    expect(noisy.articles).toBe(dataset.articles);
    expect(noisy.questions[0]).toEqual({ ...dataset.questions[0], question: expect.stringMatching(/^(امتى|إيمتى) ينعقد المنتدى الدولي؟$/u) });
  });
});
