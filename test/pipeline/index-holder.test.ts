import { describe, expect, it } from "vitest";
import { newestFirst, type ArticleListing } from "../../src/pipeline/index-holder.js";

describe("the article list", () => {
  it("puts the newest first, a month before the days of an earlier month, then the undated in corpus order", () => {
    const listing = (docId: string, date?: string): ArticleListing => ({ docId, title: docId, ...(date ? { date } : {}) });
    const ordered = newestFirst([listing("undated-a"), listing("may", "2025-05-02"), listing("free-text", "خريف 2025"), listing("september", "2025-09"), listing("undated-b"), listing("september-18", "2025-09-18"), listing("year", "2024")]);
    expect(ordered.map((article) => article.docId)).toEqual(["september-18", "september", "may", "year", "undated-a", "free-text", "undated-b"]);
  });
});
