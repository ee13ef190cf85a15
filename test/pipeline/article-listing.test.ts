import { describe, expect, it } from "vitest";
import { ARTICLES_LISTED, isTitleFilter, newestFirst, pageOfArticles, type ArticleListing } from "../../src/pipeline/article-listing.js";

const listing = (docId: string, date?: string, title = docId, source?: string): ArticleListing => ({
  docId,
  title,
  ...(date ? { date } : {}),
  ...(source ? { source } : {}),
});

describe("the article list", () => {
  it("puts the newest first, a month before the days of an earlier month, then the undated in corpus order", () => {
    const ordered = newestFirst([listing("undated-a"), listing("may", "2025-05-02"), listing("free-text", "خريف 2025"), listing("september", "2025-09"), listing("undated-b"), listing("september-18", "2025-09-18"), listing("year", "2024")]);
    expect(ordered.map((article) => article.docId)).toEqual(["september-18", "september", "may", "year", "undated-a", "free-text", "undated-b"]);
  });
});

describe("a page of the article list (/sources)", () => {
  const corpus = [
    listing("parliament", "2025-10-01", "جلسة للبرلمان حول قانون المالية", "هسبريس"),
    listing("ankara", "2025-09-18", "حموشي يترأس وفدا أمنيا إلى أنقرة", "هسبريس"),
    listing("book-fair", "2025-05-02", "افتتاح معرض الكتاب بالرباط", "جريدة المثال"),
    listing("snow", undefined, "تساقطات ثلجية بمرتفعات الأطلس"),
  ];

  it("shows every article without a filter, up to the page's size, and says how many there are", () => {
    const many = Array.from({ length: 75 }, (_, i) => listing(`a${i}`));
    const page = pageOfArticles(many);
    expect(page.matching).toBe(75);
    expect(page.shown.map((article) => article.docId)).toEqual(many.slice(0, ARTICLES_LISTED).map((article) => article.docId));
    expect(pageOfArticles(corpus)).toEqual({ shown: corpus, matching: 4 });
  });

  it.each([
    ["a word of a title, without its article or its preposition", "البرلمان", ["parliament"]],
    ["a word written without its hamza", "انقرة", ["ankara"]],
    ["the outlet", "هسبريس", ["parliament", "ankara"]],
    ["a month", "2025-09", ["ankara"]],
    ["every word, not any", "معرض الرباط", ["book-fair"]],
    ["words that are not all in one article", "معرض أنقرة", []],
  ])("finds articles by %s", (_, filter, expected) => {
    const page = pageOfArticles(corpus, filter);
    expect(page.shown.map((article) => article.docId)).toEqual(expected);
    expect(page.matching).toBe(expected.length);
  });

  it("keeps the listing's order among the matches, and counts the matches beyond the page", () => {
    const page = pageOfArticles(corpus, "هسبريس", 1);
    expect(page).toEqual({ shown: [corpus[0]], matching: 2 });
  });
});

describe("what /sources takes for words of a title", () => {
  it.each([
    ["الرباط", true],
    ["معرض الكتاب 2025", true],
    ["من ترأس الوفد؟", false],
    ["who led the delegation?", false],
    ["كلمة ".repeat(25), false],
  ])("%s → %s", (filter, expected) => {
    expect(isTitleFilter(filter.trim())).toBe(expected);
  });
});
