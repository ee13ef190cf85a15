import { describe, expect, it } from "vitest";
import { fuseRankings } from "../../src/retrieval/fuse-rankings.js";

describe("fuseRankings (reciprocal rank fusion)", () => {
  it("scores a document by Σ weight / (k + rank)", () => {
    const fused = fuseRankings([{ documents: [7, 3], weight: 1 }, { documents: [3], weight: 1 }], 60);
    expect(fused).toEqual([
      { document: 3, score: 1 / 62 + 1 / 61 },
      { document: 7, score: 1 / 61 },
    ]);
  });

  it("lets agreement between retrievers beat a single first place", () => {
    const fused = fuseRankings([{ documents: [1, 2, 3], weight: 1 }, { documents: [4, 2, 5], weight: 1 }]);
    expect(fused[0]!.document).toBe(2);
  });

  it("respects weights and breaks ties by ordinal, so results are stable", () => {
    expect(fuseRankings([{ documents: [9], weight: 1 }, { documents: [4], weight: 1 }]).map((hit) => hit.document)).toEqual([4, 9]);
    expect(fuseRankings([{ documents: [9], weight: 2 }, { documents: [4], weight: 1 }]).map((hit) => hit.document)).toEqual([9, 4]);
  });

  it("returns nothing for nothing", () => {
    expect(fuseRankings([])).toEqual([]);
  });
});
