import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CorpusFileError } from "../../src/errors.js";
import { parseArticle } from "../../src/corpus/load-corpus.js";
import { SEED_ARTICLE } from "../support/workspace.js";

describe("parseArticle", () => {
  it("reads Markdown front matter, the title heading and ## sections", () => {
    const article = parseArticle("news/a.md", "---\ntitle: عنوان\ndate: 2025-09-18\nsource: https://example.org\n---\n# عنوان\n\nفقرة أولى.\n\n## القسم الأول\n\nنص القسم.\n\n### قسم فرعي\n\nنص آخر.\n");
    expect(article).toMatchObject({ id: "news/a", title: "عنوان", date: "2025-09-18", source: "https://example.org" });
    expect(article.sections.map((s) => [s.heading, article.text.slice(s.start, s.end)])).toEqual([
      ["عنوان", "فقرة أولى."],
      ["القسم الأول", "نص القسم."],
      ["قسم فرعي", "نص آخر."],
    ]);
  });

  it("takes the title from the # heading when there is no front matter", () => {
    expect(parseArticle("b.md", "# خبر عاجل\n\nنص الخبر.").title).toBe("خبر عاجل");
  });

  it("reads the seed's plain-text layout: title line, then short lines without end punctuation as headings", () => {
    const text = readFileSync(SEED_ARTICLE, "utf8").replace(/^---[\s\S]*?---\n\n# /u, "").replace(/^## /gmu, "");
    const article = parseArticle("seed.txt", text);
    expect(article.title).toBe("عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(article.sections.map((s) => s.heading)).toEqual([
      "عبد اللطيف حموشي يترأس وفدا أمنيا",
      "تعاون أمني لمواحهة التحديات المشتركة",
      "تعاون أمني إقليمي ودولي",
      "استعراض الابتكارات والتجهيزات الأمنية",
    ]);
  });

  it.each([
    ["an empty file", "a.md", "  \n\n"],
    ["a title without text", "b.txt", "عنوان وحده\n"],
    ["invalid YAML front matter", "c.md", "---\ntitle: [unclosed\n---\nنص"],
  ])("refuses %s, naming the file", (_, path, text) => {
    expect(() => parseArticle(path, text)).toThrow(CorpusFileError);
    expect(() => parseArticle(path, text)).toThrow(path);
  });
});
