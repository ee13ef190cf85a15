import { describe, expect, it } from "vitest";
import { sweepFusion, type RankCandidates, type SweptQuestion } from "../../src/eval/fusion-sweep.js";
import { fuseRankings } from "../../src/retrieval/fuse-rankings.js";
import type { RetrievalCandidates } from "../../src/retrieval/hybrid-retriever.js";

// Chunk ordinal n is the chunk "c<n>"; rankings are fused by the retriever's own fuseRankings.
const rank: RankCandidates = (candidates, fusion) =>
  fuseRankings(
    [
      { documents: candidates.lexical.map((hit) => hit.document), weight: fusion.lexicalWeight },
      { documents: candidates.dense.map((hit) => hit.document), weight: fusion.denseWeight },
    ],
    fusion.rrfK,
  )
    .slice(0, 5)
    .map(({ document }) => ({ chunk: { id: `c${document}` } }));

function question(split: SweptQuestion["split"], gold: number, lexical: number[], dense: number[]): SweptQuestion {
  const candidates: RetrievalCandidates = {
    lexical: lexical.map((document, at) => ({ document, score: 1 / (at + 1), evidence: {} })),
    dense: dense.map((document, at) => ({ document, similarity: 1 - at / 10 })),
  };
  return { split, candidates, isGold: (chunkId) => chunkId === `c${gold}` };
}

describe("sweepFusion", () => {
  // The lexical ranking puts the gold chunk second on both tuning questions; the dense one puts it first.
  const tuning = [question("tune", 7, [3, 7, 4], [7, 1, 3]), question("tune", 8, [2, 8], [8, 2])];
  const test = [question("test", 5, [5, 6], [6, 9, 5])];

  it("measures weight 0 as lexical retrieval alone, at every k", () => {
    const sweep = sweepFusion([...tuning, ...test], rank, { denseWeights: [0], rrfKs: [5, 60] });
    for (const setting of sweep.settings) {
      expect(setting.tune).toEqual({ questions: 2, recallAt1: 0, recallAt3: 1, recallAt5: 1, mrr: 0.5 });
      expect(setting.test).toMatchObject({ questions: 1, recallAt1: 1 });
    }
  });

  it("chooses the setting that ranks the tuning split best, and reports the test split beside it", () => {
    const sweep = sweepFusion([...tuning, ...test], rank, { denseWeights: [0, 1, 2], rrfKs: [60] });
    expect(sweep.settings.map((setting) => [setting.denseWeight, setting.rrfK])).toEqual([
      [0, 60],
      [1, 60],
      [2, 60],
    ]);
    // Weighted twice, the dense ranking's first chunk comes first: the gold one on the tuning split, not on the test split.
    expect(sweep.best).toMatchObject({ denseWeight: 2, tune: { recallAt1: 1, mrr: 1 }, test: { recallAt1: 0 } });
  });

  it("breaks a tie in favour of the earlier setting of the grid", () => {
    const agreeing = [question("tune", 1, [1, 2], [1, 2])];
    const sweep = sweepFusion(agreeing, rank, { denseWeights: [0, 0.5, 1], rrfKs: [5, 60] });
    expect(sweep.settings.every((setting) => setting.tune.mrr === 1)).toBe(true);
    expect(sweep.best).toMatchObject({ denseWeight: 0, rrfK: 5 });
  });

  it("refuses an empty grid", () => {
    expect(() => sweepFusion(tuning, rank, { denseWeights: [], rrfKs: [60] })).toThrow(/at least one weight/u);
  });
});
