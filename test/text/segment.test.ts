import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { splitClauses, splitSentences } from "../../src/text/segment.js";
import { SEED_ARTICLE } from "../support/workspace.js";

describe("splitSentences", () => {
  it("splits at Arabic and Latin end marks and keeps exact offsets", () => {
    const text = "  وصل الوفد. هل انتهى الاجتماع؟ نعم!  ";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["وصل الوفد.", "هل انتهى الاجتماع؟", "نعم!"]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  const seed = readFileSync(SEED_ARTICLE, "utf8");
  /** The segmenter given the whole text at once: what splitSentences returned before it used windows. */
  function wholeText(text: string): string[] {
    return [...new Intl.Segmenter("ar", { granularity: "sentence" }).segment(text)].map((s) => s.segment.trim()).filter(Boolean);
  }

  it("finds the same sentences through small windows as in the whole text, across every window edge", () => {
    const mixed = `${seed}\nقال: «انتهى.» ثم غادر! هل عاد؟ نعم. Mr. Smith arrived at 3.5 p.m. today. e.g. this one.\n\n${"كلمة ".repeat(300)}نهاية.`;
    const expected = wholeText(mixed);
    for (const windowChars of [17, 64, 200, 1000]) {
      const sentences = splitSentences(mixed, 5, { windowChars });
      expect(sentences.map((s) => s.text)).toEqual(expected);
      for (const s of sentences) expect(mixed.slice(s.start - 5, s.end - 5)).toBe(s.text);
    }
  });

  describe("cost", () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    /**
     * The work the segmenter is given for a text: the length of the string it iterates, summed over the
     * sentences it yields. V8 costs about that much (each step scans its whole input), so this counts the
     * time without timing anything.
     */
    function segmenterWork(text: string): number {
      let work = 0;
      const segment = Intl.Segmenter.prototype.segment;
      vi.spyOn(Intl.Segmenter.prototype, "segment").mockImplementation(function (this: Intl.Segmenter, input: string) {
        const segments = segment.call(this, input);
        return {
          containing: (index?: number) => segments.containing(index),
          *[Symbol.iterator]() {
            for (const s of segments) {
              work += input.length;
              yield s;
            }
          },
        } as Intl.Segments;
      });
      splitSentences(text);
      vi.restoreAllMocks();
      return work;
    }

    it("grows linearly with a transcript's length, not with its square", () => {
      const utterance = "قال المتحدث إن الاجتماع انتهى بنجاح. ";
      const work = [1, 4, 16].map((times) => segmenterWork(utterance.repeat(250 * times)));
      // Four times the text is about four times the work (a square would make it sixteen times).
      expect(work[1]! / work[0]!).toBeLessThan(4.5);
      expect(work[2]! / work[1]!).toBeLessThan(4.5);
    });

    it("stays linear when one sentence is longer than the window, with short ones after it", () => {
      const long = `${"كلمة ".repeat(20_000)}.`;
      const short = "جملة قصيرة. ".repeat(2000);
      const work = [1, 4].map((times) => segmenterWork(`${long.repeat(times)} ${short.repeat(times)}`));
      expect(work[1]! / work[0]!).toBeLessThan(4.5);
    });
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
