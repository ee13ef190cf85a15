import type { FusionParams, RetrievalCandidates } from "../retrieval/hybrid-retriever.js";
import { rankMetrics, type RankMetrics } from "./metrics.js";

/**
 * The fusion sweep (`npm run eval -- --sweep-fusion`): hybrid retrieval's two rankings fused under every
 * setting of a grid, to choose FUSION_DENSE_WEIGHT and FUSION_RRF_K on the tuning split. ARABIC-IR.md warns
 * that a badly weighted fusion can be worse than the better retriever alone, and the weights that suit one
 * model and corpus need not suit another; so the choice is measured where a model can be loaded, not guessed.
 * Each question is embedded and searched once; fusing its candidates again costs next to nothing. Pure.
 */

/** The settings tried: the dense ranking's weight (the lexical ranking weighs 1) and RRF's k. */
export interface FusionGrid {
  readonly denseWeights: readonly number[];
  readonly rrfKs: readonly number[];
}

/**
 * Weight 0 is lexical retrieval alone (the reference a fusion must beat); 3 lets the dense ranking overrule
 * the lexical one at almost any rank. A small k lets each retriever's first few results dominate; a large one
 * rewards chunks both retrievers rank fairly high.
 */
export const FUSION_GRID: FusionGrid = { denseWeights: [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3], rrfKs: [5, 20, 60, 100] };

export interface FusionSetting {
  readonly denseWeight: number;
  readonly rrfK: number;
  readonly tune: RankMetrics;
  readonly test: RankMetrics;
}

export interface FusionSweep {
  /** Every setting of the grid, dense weights ascending, then k ascending. */
  readonly settings: readonly FusionSetting[];
  /** The setting of highest tuning-split MRR, then recall@1; ties go to the earlier one in `settings`. */
  readonly best: FusionSetting;
}

/** One answerable question of the corpus: its split, what each retriever found, and which chunk answers it. */
export interface SweptQuestion {
  readonly split: "tune" | "test";
  readonly candidates: RetrievalCandidates;
  readonly isGold: (chunkId: string) => boolean;
}

/** Ranks a question's candidates under one fusion, best first, as many as the sources report. */
export type RankCandidates = (candidates: RetrievalCandidates, fusion: FusionParams) => ReadonlyArray<{ readonly chunk: { readonly id: string } }>;

export function sweepFusion(questions: readonly SweptQuestion[], rank: RankCandidates, grid: FusionGrid = FUSION_GRID): FusionSweep {
  if (grid.denseWeights.length === 0 || grid.rrfKs.length === 0) throw new Error("the fusion grid needs at least one weight and one k");
  const settings: FusionSetting[] = [];
  for (const denseWeight of grid.denseWeights) {
    for (const rrfK of grid.rrfKs) {
      const fusion: FusionParams = { lexicalWeight: 1, denseWeight, rrfK };
      const goldRank = (question: SweptQuestion) => {
        const at = rank(question.candidates, fusion).findIndex((hit) => question.isGold(hit.chunk.id));
        return at === -1 ? undefined : at + 1;
      };
      const ranksOf = (split: SweptQuestion["split"]) => questions.filter((question) => question.split === split).map(goldRank);
      settings.push({ denseWeight, rrfK, tune: rankMetrics(ranksOf("tune")), test: rankMetrics(ranksOf("test")) });
    }
  }
  const better = (a: FusionSetting, b: FusionSetting) => a.tune.mrr > b.tune.mrr || (a.tune.mrr === b.tune.mrr && a.tune.recallAt1 > b.tune.recallAt1);
  const best = settings.reduce((chosen, setting) => (better(setting, chosen) ? setting : chosen));
  return { settings, best };
}
