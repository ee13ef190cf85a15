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
});
