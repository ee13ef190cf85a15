import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CorpusFileError } from "../../src/errors.js";
import { parseArticle } from "../../src/corpus/load-corpus.js";
import { SEED_ARTICLE } from "../support/workspace.js";

describe("parseArticle", () => {
  it("reads Markdown front matter, the title heading and ## sections", () => {
    const article = parseArticle("news/a.md", "---\ntitle: عنوان\ndate: 2025-09-18\nsource: https://example.org\n---\n# عنوان\n\nفقرة أولى.\n\n## القسم الأول\n\nنص القسم.\n\n### قسم فرعي\n\nنص آخر.\n");
    expect(article).toMatchObject({ id: "news/a", title: "عنوان", date: "2025-09-18", url: "https://example.org" });
    expect(article.source).toBeUndefined();
    expect(article.sections.map((s) => [s.heading, article.text.slice(s.start, s.end)])).toEqual([
      ["عنوان", "فقرة أولى."],
      ["القسم الأول", "نص القسم."],
      ["قسم فرعي", "نص آخر."],
    ]);
  });

  it("reads where an article comes from: the outlet as written, its web address, its date as text", () => {
    const front = (yaml: string) => parseArticle("a.md", `---\n${yaml}\n---\nنص الخبر.`);
    expect(front("source: هسبريس\nurl: https://www.hespress.com/a-1.html\ndate: 2025-09-18")).toMatchObject({ source: "هسبريس", url: "https://www.hespress.com/a-1.html", date: "2025-09-18" });
    expect(front("date: 2025\ntitle: 1984")).toMatchObject({ date: "2025", title: "1984" });
    expect(front("url: https://www.hespress.com/سياسة/مقال-1.html").url).toBe("https://www.hespress.com/سياسة/مقال-1.html");
    const blank = front("source:\nurl: ''\nauthor: فلان\ntags: [أمن]");
    expect([blank.source, blank.url, blank.date]).toEqual([undefined, undefined, undefined]);
  });

  it.each([
    ["a url that is not a web address", "url: www.hespress.com/a-1", "«url» that must be a web address beginning with http:// or https:// (it is «www.hespress.com/a-1»)"],
    ["a url a reader's app would run, not open", "url: javascript:alert(1)", "«url» that must be a web address"],
    ["a title that is a list", "title: [أ, ب]", "«title» that must be text"],
    ["front matter that is not keys and values", "- title\n- date", "is not a list of keys and values"],
  ])("refuses %s, saying which key to mend", (_, yaml, reason) => {
    const parse = () => parseArticle("news/bad.md", `---\n${yaml}\n---\nنص الخبر.`);
    expect(parse).toThrow(CorpusFileError);
    expect(parse).toThrow(`news/bad.md: its front matter`);
    expect(parse).toThrow(reason);
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
