import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "../../src/text/segment.js";
import { SEED_ARTICLE } from "../support/workspace.js";

describe("splitSentences", () => {
  it("splits at Arabic and Latin end marks and keeps exact offsets", () => {
    const text = "  وصل الوفد. هل انتهى الاجتماع؟ نعم!  ";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["وصل الوفد.", "هل انتهى الاجتماع؟", "نعم!"]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("splitClauses", () => {
  const seed = readFileSync(SEED_ARTICLE, "utf8");

  it("cuts a long comma chain into clauses that are exact slices of the source", () => {
    const start = seed.indexOf("تأتي هذه الزيارة");
    const end = seed.indexOf("وإسبانيا.") + "وإسبانيا.".length;
    const clauses = splitClauses(seed, { start, end, text: seed.slice(start, end) });
    expect(clauses.length).toBeGreaterThan(6);
    for (const clause of clauses) {
      expect(seed.slice(clause.start, clause.end)).toBe(clause.text);
      expect(clause.text).not.toMatch(/^[\s،,]|[\s،,]$/u);
    }
    expect(clauses.some((clause) => clause.text.startsWith("كما تناول النقاش"))).toBe(true);
  });

  it("joins a clause shorter than the minimum to its neighbour", () => {
    const text = "التقى المدير، عبد اللطيف حموشي، بنظيره التركي محمود ديميرتاش في أنقرة";
    const clauses = splitClauses(text, { start: 0, end: text.length, text }, { minChars: 20 });
    expect(clauses.map((c) => c.text)).toEqual(["التقى المدير، عبد اللطيف حموشي", "بنظيره التركي محمود ديميرتاش في أنقرة"]);
  });

  it("does not cut a number at its thousands separator", () => {
    const text = "بلغ عدد الزوار 1,500 زائر في اليوم الأول من المعرض الدولي";
    expect(splitClauses(text, { start: 0, end: text.length, text }, { minChars: 5 })).toHaveLength(1);
  });
});
