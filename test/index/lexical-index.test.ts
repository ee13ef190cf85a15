import { describe, expect, it } from "vitest";
import { LexicalIndex, type FieldTerms } from "../../src/index/lexical-index.js";

const fields = (body: string[], title: string[] = []): FieldTerms => ({ body, heading: [], title, ngrams: [], pairs: [] });
/** The serialised index with postings in term order (a Map keeps insertion order, which may differ). */
const sortedData = (index: LexicalIndex) =>
  Object.fromEntries(Object.entries(index.toData().fields).map(([field, data]) => [field, { ...data, postings: [...data.postings].sort(([a], [b]) => a.localeCompare(b)) }]));
const bodyOnly = { k1: 1.2, b: 0.75, weights: { body: 1, heading: 0, title: 0, ngrams: 0, pairs: 0 } };

describe("LexicalIndex.grouped (article statistics from chunk postings)", () => {
  // Article 0 is chunks 0 and 2, article 1 is chunk 1.
  const chunks = LexicalIndex.empty();
  chunks.add(fields(["منتدى", "انقرة"], ["منتدى"]));
  chunks.add(fields(["معرض", "كتاب", "رباط"], ["معرض"]));
  chunks.add(fields(["وفد", "منتدى", "منتدى"], ["منتدى"]));
  const articles = chunks.grouped([0, 1, 0], 2);

  it("adds up term frequencies and lengths per group, as if each article were one document", () => {
    const merged = LexicalIndex.empty();
    merged.add(fields(["منتدى", "انقرة", "وفد", "منتدى", "منتدى"], ["منتدى", "منتدى"]));
    merged.add(fields(["معرض", "كتاب", "رباط"], ["معرض"]));
    expect(sortedData(articles)).toEqual(sortedData(merged));
    expect(articles.documentCount).toBe(2);
    expect(articles.documentFrequency("منتدى")).toBe(1);
  });

  it("ranks articles by BM25 over their whole text", () => {
    expect(articles.search(fields(["وفد", "انقرة"]), 5, bodyOnly).map((hit) => hit.document)).toEqual([0]);
    expect(articles.search(fields(["كتاب"]), 5, bodyOnly).map((hit) => hit.document)).toEqual([1]);
  });

  it("refuses a grouping that does not cover every document", () => {
    expect(() => chunks.grouped([0, 1], 2)).toThrow(/2 groups given for 3 documents/);
  });
});
