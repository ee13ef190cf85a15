import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/corpus/chunk-article.js";
import { parseArticle } from "../../src/corpus/load-corpus.js";
import { SEED_ARTICLE } from "../support/workspace.js";

describe("chunkArticle on the seed article", () => {
  const article = parseArticle("2025-09-hammouchi-igef-ankara.md", readFileSync(SEED_ARTICLE, "utf8"));
  const chunks = chunkArticle(article);

  it("gives four chunks: the lead under the title, then the three sections with their headings as written", () => {
    expect(chunks.map((chunk) => chunk.section)).toEqual([
      "عبد اللطيف حموشي يترأس وفدا أمنيا",
      "تعاون أمني لمواحهة التحديات المشتركة",
      "تعاون أمني إقليمي ودولي",
      "استعراض الابتكارات والتجهيزات الأمنية",
    ]);
  });

  it("has offsets that slice the source back exactly", () => {
    for (const chunk of chunks) expect(article.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunks[0]!.text.startsWith("يقود المدير العام")).toBe(true);
    expect(chunks[3]!.text.endsWith("والجريمة المنظمة.")).toBe(true);
  });

  it("has stable ids and carries the article's id, title and date", () => {
    expect(chunks.map((chunk) => chunk.id)).toEqual([0, 1, 2, 3].map((i) => `2025-09-hammouchi-igef-ankara#${i}`));
    for (const chunk of chunks) expect(chunk).toMatchObject({ docId: "2025-09-hammouchi-igef-ankara", title: article.title, date: "2025-09" });
    expect(chunkArticle(article)).toEqual(chunks);
  });

  it("carries the article's outlet and address into every chunk, so a citation can name them", () => {
    const sourced = parseArticle("a.md", "---\nsource: هسبريس\nurl: https://example.org/a\n---\n# عنوان\n\nمقدمة.\n\n## قسم\n\nنص القسم.");
    expect(chunkArticle(sourced).map(({ source, url, date }) => ({ source, url, date }))).toEqual([
      { source: "هسبريس", url: "https://example.org/a", date: undefined },
      { source: "هسبريس", url: "https://example.org/a", date: undefined },
    ]);
  });

  it("splits a section over the limit at sentence or clause boundaries, every part keeping its heading", () => {
    const parts = chunkArticle(article, { maxChars: 200 });
    const second = parts.filter((chunk) => chunk.section === "تعاون أمني لمواحهة التحديات المشتركة");
    expect(second.length).toBeGreaterThan(2);
    expect(second.map((chunk) => chunk.id)).toEqual(second.map((_, i) => `2025-09-hammouchi-igef-ankara#1.${i + 1}`));
    for (const chunk of parts) {
      expect(article.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.length).toBeLessThanOrEqual(200);
    }
  });

  it("cuts a clause longer than the limit between words, and a run without spaces at the limit", () => {
    const words = Array.from({ length: 120 }, (_, i) => `كلمة${i}`).join(" ");
    const emoji = "😀".repeat(150);
    const long = parseArticle("long.md", `# عنوان\n\n${words}\n\n## بلا فراغات\n\n${emoji}`);
    const parts = chunkArticle(long, { maxChars: 100 });
    const body = parts.filter((chunk) => chunk.section === "عنوان");
    expect(body.length).toBeGreaterThan(6);
    for (const chunk of parts) {
      expect(long.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.length).toBeLessThanOrEqual(100);
      expect(chunk.text).not.toMatch(/^\s|\s$/u);
    }
    // Between words: every word of the clause is whole in one part.
    expect(body.flatMap((chunk) => chunk.text.split(" "))).toEqual(words.split(" "));
    // Mid-run, never between the two halves of a character outside the BMP.
    const run = parts.filter((chunk) => chunk.section === "بلا فراغات");
    expect(run.map((chunk) => chunk.text).join("")).toBe(emoji);
    for (const chunk of run) expect(chunk.text).toMatch(/^(?:😀)+$/u);
  });
});
