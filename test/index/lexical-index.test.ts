import { describe, expect, it } from "vitest";
import { LEXICAL_FIELDS, LexicalIndex, LexicalIndexBuilder, type FieldTerms } from "../../src/index/lexical-index.js";

const fields = (body: string[], title: string[] = []): FieldTerms => ({ body, heading: [], title, ngrams: [], pairs: [] });
/** Each field's postings by term, in term order: what an index holds, whatever order its terms were added in. */
const contents = (index: LexicalIndex) => {
  const data = index.toData();
  return Object.fromEntries(
    LEXICAL_FIELDS.map((field) => {
      const { terms, offsets, postings, lengths } = data.fields[field];
      const byTerm = terms.map((term, id) => [term, [...postings.subarray(offsets[id], offsets[id + 1])]] as const);
      return [field, { postings: byTerm.sort(([a], [b]) => a.localeCompare(b)), lengths: [...lengths] }];
    }),
  );
};
const bodyOnly = { k1: 1.2, b: 0.75, weights: { body: 1, heading: 0, title: 0, ngrams: 0, pairs: 0 } };

describe("LexicalIndex", () => {
  const index = LexicalIndex.of([
    fields(["منتدى", "انقرة", "منتدى"]),
    fields(["معرض", "كتاب"]),
    fields(["منتدى", "امن"]),
  ]);

  it("counts the documents that hold a term, per field", () => {
    expect(index.documentCount).toBe(3);
    expect(index.documentFrequency("منتدى")).toBe(2);
    expect(index.documentFrequency("كتاب")).toBe(1);
    expect(index.documentFrequency("غائب")).toBe(0);
    expect(index.documentFrequency("منتدى", "title")).toBe(0);
  });

  it("counts a term's occurrences in one document and over all of them, per field", () => {
    expect([0, 1, 2].map((document) => index.termFrequency("منتدى", document))).toEqual([2, 0, 1]);
    expect(index.collectionFrequency("منتدى")).toBe(3);
    expect(index.termFrequency("غائب", 0)).toBe(0);
    expect(index.collectionFrequency("غائب")).toBe(0);
    expect(index.termFrequency("منتدى", 0, "title")).toBe(0);
    // The grouped index sums its documents': documents 0 and 2 as one article.
    const articles = index.grouped([0, 1, 0], 2);
    expect(articles.termFrequency("منتدى", 0)).toBe(3);
    expect(articles.termFrequency("امن", 0)).toBe(1);
    expect(articles.termFrequency("امن", 1)).toBe(0);
  });

  it("weighs a term no document holds above any term some document holds", () => {
    expect(index.inverseDocumentFrequency("غائب")).toBeGreaterThan(index.inverseDocumentFrequency("كتاب"));
    expect(index.inverseDocumentFrequency("كتاب")).toBeGreaterThan(index.inverseDocumentFrequency("منتدى"));
  });

  it("gives each query term's share of the chosen documents' scores, which add up to scoresOf", () => {
    const query = { ...fields(["منتدى", "انقرة", "كتاب"]), title: ["منتدى"] };
    const params = { ...bodyOnly, weights: { ...bodyOnly.weights, title: 0.3 } };
    const rows = index.termScoresIn(query, [2, 0], params);
    expect(rows).toHaveLength(3); // منتدى، انقرة and كتاب in the body; no document's title holds منتدى
    expect(rows.map((row) => [...row].map((score) => score > 0))).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
    const scores = index.scoresOf(query, params);
    expect(rows.reduce((sum, row) => sum + row[0]!, 0)).toBeCloseTo(scores[2]!, 10);
    expect(rows.reduce((sum, row) => sum + row[1]!, 0)).toBeCloseTo(scores[0]!, 10);
  });

  it("ranks by BM25: the rarer term and the repeated one first, documents without a query term never", () => {
    const ranked = index.search(fields(["منتدى", "انقرة"]), 5, bodyOnly);
    expect(ranked.map((hit) => hit.document)).toEqual([0, 2]);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(index.search(fields(["غائب"]), 5, bodyOnly)).toEqual([]);
    expect(index.search(fields(["منتدى", "انقرة", "معرض"]), 2, bodyOnly)).toHaveLength(2);
  });

  it("gives every document's score by ordinal, 0 where no term matched", () => {
    const scores = index.scoresOf(fields(["منتدى", "انقرة"]), bodyOnly);
    expect([...scores].map((score) => score > 0)).toEqual([true, false, true]);
    expect(scores[0]).toBe(index.search(fields(["منتدى", "انقرة"]), 1, bodyOnly)[0]!.score);
  });

  it("returns the best `limit` documents in the order a full ranking gives them, ties to the lower ordinal", () => {
    // Documents with repeated and shared terms, so scores tie and interleave.
    const words = ["امن", "منتدى", "وفد", "انقرة", "تعاون", "معرض"];
    const many = LexicalIndex.of(Array.from({ length: 300 }, (_, d) => fields(words.filter((_, w) => (d * (w + 3)) % (w + 2) !== 0).concat(d % 7 === 0 ? ["امن"] : []))));
    const query = fields(["امن", "وفد", "معرض"]);
    const all = many.search(query, many.documentCount, bodyOnly);
    expect(all.length).toBeGreaterThan(100);
    for (let i = 1; i < all.length; i += 1) {
      const [before, after] = [all[i - 1]!, all[i]!];
      expect(before.score > after.score || (before.score === after.score && before.document < after.document)).toBe(true);
    }
    for (const limit of [0, 1, 2, 7, 50, 299, 400]) expect(many.search(query, limit, bodyOnly)).toEqual(all.slice(0, limit));
  });

  it("refuses data that does not hold together", () => {
    const data = index.toData();
    const body = data.fields.body;
    const pointingPastTheEnd = { ...body, postings: body.postings.map((value, i) => (i === 0 ? 7 : value)) };
    expect(() => LexicalIndex.fromData({ ...data, fields: { ...data.fields, body: pointingPastTheEnd } })).toThrow(/malformed posting/);
    const termTwice = { ...body, terms: body.terms.map((term, i) => (i === 1 ? body.terms[0]! : term)) };
    expect(() => LexicalIndex.fromData({ ...data, fields: { ...data.fields, body: termTwice } })).toThrow(/twice/);
    expect(() => LexicalIndex.fromData({ ...data, documentCount: 4 })).toThrow(/lengths for 4 documents/);
  });
});

describe("LexicalIndex.grouped (article statistics from chunk postings)", () => {
  // Article 0 is chunks 0 and 2, article 1 is chunk 1.
  const chunks = LexicalIndex.of([
    fields(["منتدى", "انقرة"], ["منتدى"]),
    fields(["معرض", "كتاب", "رباط"], ["معرض"]),
    fields(["وفد", "منتدى", "منتدى"], ["منتدى"]),
  ]);
  const articles = chunks.grouped([0, 1, 0], 2);

  it("adds up term frequencies and lengths per group, as if each article were one document", () => {
    const merged = LexicalIndex.of([
      fields(["منتدى", "انقرة", "وفد", "منتدى", "منتدى"], ["منتدى", "منتدى"]),
      fields(["معرض", "كتاب", "رباط"], ["معرض"]),
    ]);
    expect(contents(articles)).toEqual(contents(merged));
    expect(articles.documentCount).toBe(2);
    expect(articles.documentFrequency("منتدى")).toBe(1);
  });

  it("ranks articles by BM25 over their whole text", () => {
    expect(articles.search(fields(["وفد", "انقرة"]), 5, bodyOnly).map((hit) => hit.document)).toEqual([0]);
    expect(articles.search(fields(["كتاب"]), 5, bodyOnly).map((hit) => hit.document)).toEqual([1]);
  });

  it("sums the same when an article's chunks come one after the other, as a build adds them", () => {
    const inOrder = LexicalIndex.of([
      fields(["منتدى", "انقرة"], ["منتدى"]),
      fields(["وفد", "منتدى", "منتدى"], ["منتدى"]),
      fields(["معرض", "كتاب", "رباط"], ["معرض"]),
    ]);
    expect(contents(inOrder.grouped([0, 0, 1], 2))).toEqual(contents(articles));
  });

  it("refuses a grouping that does not cover every document", () => {
    expect(() => chunks.grouped([0, 1], 2)).toThrow(/2 groups given for 3 documents/);
  });
});

describe("LexicalIndexBuilder", () => {
  it("makes the postings a term-by-term count gives, over more pairs than one of its blocks holds", () => {
    // 700,000 [term, frequency] pairs: more than the 524,288 a block holds, so a build reads several.
    const documents: FieldTerms[] = [];
    for (let d = 0; d < 7000; d += 1) {
      const body = Array.from({ length: 100 }, (_, i) => `t${(d * 7 + i * 13) % 5000}`);
      body.push(body[0]!, body[d % 100]!); // repeated terms count as one posting with a higher frequency
      documents.push(fields(body, [`title${d % 3}`]));
    }
    const expected = new Map<string, number[]>();
    documents.forEach((document, d) => {
      const counts = new Map<string, number>();
      for (const term of document.body) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) expected.set(term, [...(expected.get(term) ?? []), d, count]);
    });
    const data = LexicalIndex.of(documents).toData().fields.body;
    // Terms in the order they were first seen, each with its [document, frequency] pairs in document order.
    expect(data.terms).toEqual([...expected.keys()]);
    data.terms.forEach((term, id) => expect([...data.postings.subarray(data.offsets[id], data.offsets[id + 1])]).toEqual(expected.get(term)));
    expect([...data.lengths]).toEqual(documents.map((document) => document.body.length));
  });

  it("builds once", () => {
    const builder = new LexicalIndexBuilder();
    builder.add(fields(["منتدى"]));
    builder.build();
    expect(() => builder.build()).toThrow(/builds once/);
    expect(() => builder.add(fields(["امن"]))).toThrow(/builds once/);
  });
});
