import { describe, expect, it } from "vitest";
import { withArticleEvidence } from "../../src/retrieval/article-evidence.js";

// Chunks 0 and 1 belong to article 0, chunk 2 to article 1.
const ARTICLE_OF_CHUNK = [0, 0, 1];

describe("withArticleEvidence", () => {
  it("adds the weighted, max-normalised article score to the max-normalised chunk score", () => {
    const ranked = withArticleEvidence(
      [{ document: 2, score: 10 }, { document: 1, score: 8 }],
      [6, 2],
      ARTICLE_OF_CHUNK,
      0.5,
    );
    expect(ranked).toEqual([
      { document: 1, score: 0.8 + 0.5 * 1 },
      { document: 2, score: 1 + 0.5 * (2 / 6) },
    ]);
  });

  it("leaves the order alone when the article evidence is switched off or absent", () => {
    const hits = [{ document: 2, score: 10 }, { document: 1, score: 8 }];
    expect(withArticleEvidence(hits, [6, 0], ARTICLE_OF_CHUNK, 0)).toEqual(hits);
    expect(withArticleEvidence(hits, [0, 0], ARTICLE_OF_CHUNK, 0.5)).toEqual(hits);
  });

  it("gives a chunk whose article did not match its own score only, and breaks ties by ordinal", () => {
    const ranked = withArticleEvidence([{ document: 2, score: 4 }, { document: 0, score: 2 }], [3, 0], ARTICLE_OF_CHUNK, 1);
    expect(ranked).toEqual([
      { document: 0, score: 0.5 + 1 },
      { document: 2, score: 1 },
    ]);
    const tied = withArticleEvidence([{ document: 1, score: 2 }, { document: 0, score: 2 }], [3, 0], ARTICLE_OF_CHUNK, 1);
    expect(tied.map((hit) => hit.document)).toEqual([0, 1]);
  });
});
