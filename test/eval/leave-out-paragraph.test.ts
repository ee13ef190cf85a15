import { describe, expect, it } from "vitest";
import { withParagraphLeftOut } from "../../src/eval/leave-out-paragraph.js";
import type { EvalDataset, EvalQuestion } from "../../src/eval/squad-dataset.js";

const question = (id: string, articleIndex: number, section: number, answers: string[]): EvalQuestion => ({
  id,
  question: `سؤال ${id}؟`,
  answers,
  answerable: answers.length > 0,
  articleIndex,
  docId: `a00${articleIndex + 1}`,
  section,
});

const DATASET: EvalDataset = {
  articles: [
    {
      docId: "a001",
      title: "IGEF 2025",
      paragraphs: [
        "يقود عبد اللطيف حموشي وفدا أمنيا إلى أنقرة.",
        "التقى حموشي بنظيره التركي محمود ديميرتاش، وزار الوفد معرض أنقرة.",
        "اختتم المنتدى أعماله يوم 20 شتنبر.",
      ],
    },
    { docId: "a002", title: "Book fair", paragraphs: ["انطلق معرض الكتاب بالرباط بمشاركة 750 عارضا."] },
  ],
  questions: [
    question("lead", 0, 0, ["عبد اللطيف حموشي"]),
    question("met", 0, 1, ["محمود ديميرتاش"]),
    question("where", 0, 1, ["أنقرة"]),
    question("close", 0, 2, ["20 شتنبر"]),
    question("fair", 1, 0, ["750"]),
  ],
};

describe("withParagraphLeftOut", () => {
  const view = withParagraphLeftOut(DATASET, 1, [0, 1]);

  it("leaves the chosen paragraph out of each listed article of several paragraphs, and keeps a one-paragraph article whole", () => {
    expect(view.articles[0]!.paragraphs).toEqual([DATASET.articles[0]!.paragraphs[0], DATASET.articles[0]!.paragraphs[2]]);
    expect(view.articles[1]!.paragraphs).toEqual(DATASET.articles[1]!.paragraphs);
  });

  it("makes its questions unanswerable, and drops one whose answer the rest of the article still holds", () => {
    const byId = new Map(view.questions.map((q) => [q.id, q]));
    expect(byId.get("met")).toMatchObject({ answerable: false });
    expect(byId.has("where")).toBe(false);
  });

  it("renumbers the sections after it, so the other questions still point at their paragraphs", () => {
    expect(view.questions.filter((q) => q.answerable).map((q) => [q.id, q.section])).toEqual([
      ["lead", 0],
      ["close", 1],
      ["fair", 0],
    ]);
    const close = view.questions.find((q) => q.id === "close")!;
    expect(view.articles[0]!.paragraphs[close.section]).toContain("20 شتنبر");
  });

  it("counts the paragraph round the article, and leaves unlisted articles alone", () => {
    expect(withParagraphLeftOut(DATASET, 4, [0]).articles[0]!.paragraphs).toEqual(view.articles[0]!.paragraphs);
    expect(withParagraphLeftOut(DATASET, 1, [1])).toEqual(DATASET);
  });

  it("changes nothing in the data set it is given", () => {
    expect(DATASET.articles[0]!.paragraphs).toHaveLength(3);
    expect(DATASET.questions.every((q) => q.answerable)).toBe(true);
  });
});
