import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_COMPOSE_PARAMS, type ComposeParams } from "../answer/compose-answer.js";
import type { EmbedderLoad } from "../embedder/load-embedder.js";
import type { Logger } from "../logger.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "../pipeline/answer-pipeline.js";
import { loadIndex } from "../index/load-index.js";
import { DEFAULT_RETRIEVAL_PARAMS, HybridRetriever, type RetrievalMode, type RetrievalParams } from "../retrieval/hybrid-retriever.js";
import { createAnalyzer, DEFAULT_ANALYZER_OPTIONS, type Analyzer, type AnalyzerOptions } from "../text/analyzer.js";
import { sweepFusion, type FusionGrid, type FusionSweep, type SweptQuestion } from "./fusion-sweep.js";
import { confidentShare, containsGoldAnswer, declinedShare, summarize, type QuestionOutcome, type RetrievalMetrics } from "./metrics.js";
import { paragraphOfChunk, writeEvalCorpus, type CorpusLayout, type EvalDataset, type EvalQuestion } from "./squad-dataset.js";

/** One system to evaluate: an analyzer, a retrieval mode and (optionally) tuned parameters. */
export interface EvalSystem {
  readonly name: string;
  readonly analyzer: AnalyzerOptions;
  readonly mode: RetrievalMode;
  readonly retrieval?: RetrievalParams;
  readonly compose?: ComposeParams;
}

export interface EvalSplit {
  /** Articles [0, tuneArticles) are the tuning split; the rest of the corpus is the test split. */
  readonly tuneArticles: number;
  /** The last `holdOut` articles stay out of the corpus; their questions should be declined. */
  readonly holdOut: number;
  /** How articles become corpus files (default "sections": one file per article). Splits count articles either way. */
  readonly layout?: CorpusLayout;
  /** Each indexed article written this many times, under titles of their own (default 1): wire copy run twice. */
  readonly copies?: number;
  /** When set (and a model is loaded), hybrid retrieval's two rankings are also fused under each of these settings. */
  readonly fusionGrid?: FusionGrid;
}

export interface SystemReport {
  readonly name: string;
  readonly mode: RetrievalMode;
  readonly buildSeconds: number;
  readonly tune: RetrievalMetrics;
  readonly test: RetrievalMetrics;
  readonly all: RetrievalMetrics;
  /** Share of held-out questions declined (undefined without a hold-out). */
  readonly heldOutDeclined?: number;
  /** Share of held-out questions answered without the tentative note: confident wrong answers (undefined without a hold-out). */
  readonly heldOutConfident?: number;
}

export interface EvalReport {
  readonly articles: number;
  readonly layout: CorpusLayout;
  /** How many times each indexed article is in the corpus. */
  readonly copies: number;
  readonly questions: number;
  readonly split: { readonly tune: string; readonly test: string; readonly heldOut: string };
  readonly systems: readonly SystemReport[];
  /** Hybrid retrieval's rankings fused under every setting of the grid (with `fusionGrid`, when a model is loaded). */
  readonly fusion?: FusionSweep;
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

/**
 * Builds a temporary corpus and index per analyzer with the code of `npm run index`, answers every question
 * through the pipeline the bot uses, and measures each system on each split.
 */
export async function runEvaluation(
  dataset: EvalDataset,
  systems: readonly EvalSystem[],
  split: EvalSplit,
  embedder: EmbedderLoad,
  logger: Logger,
  onProgress?: (system: string, done: number, total: number) => void,
): Promise<EvalReport> {
  const articleCount = dataset.articles.length;
  const corpusEnd = articleCount - split.holdOut;
  const tuneEnd = Math.min(split.tuneArticles, corpusEnd);
  const workspace = await mkdtemp(join(tmpdir(), "isnad-eval-"));
  const reports: SystemReport[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  let fusion: FusionSweep | undefined;
  try {
    const corpusDir = join(workspace, "corpus");
    await mkdir(corpusDir);
    await writeEvalCorpus(dataset, [...Array(corpusEnd).keys()], corpusDir, split.layout, split.copies);
    const builds = new Map<string, { indexDir: string; seconds: number }>();
    // One index per analyzer, with vectors or without, shared by the systems that read it.
    const indexFor = async (analyzer: Analyzer, needsVectors: boolean, options: (indexDir: string) => PipelineOptions) => {
      const key = `${analyzer.version}/${needsVectors}`;
      let build = builds.get(key);
      if (!build) {
        const indexDir = join(workspace, `index-${builds.size}`);
        const summary = await rebuildIndex(options(indexDir));
        build = { indexDir, seconds: summary.manifest.buildSeconds };
        builds.set(key, build);
      }
      return build;
    };
    for (const system of systems) {
      const needsVectors = system.mode !== "lexical";
      if (needsVectors && "unavailable" in embedder) {
        skipped.push({ name: system.name, reason: embedder.unavailable });
        continue;
      }
      const analyzer = createAnalyzer(system.analyzer);
      const systemEmbedder: EmbedderLoad = needsVectors ? embedder : { modelId: "none", unavailable: "lexical system" };
      const options = (indexDir: string): PipelineOptions => ({
        corpusDir,
        indexDir,
        analyzer,
        embedder: systemEmbedder,
        logger,
        mode: system.mode,
        ...(system.retrieval ? { retrieval: system.retrieval } : {}),
        ...(system.compose ? { compose: system.compose } : {}),
      });
      const build = await indexFor(analyzer, needsVectors, options);
      const pipeline = await AnswerPipeline.open(options(build.indexDir));
      const outcomes: Array<{ question: EvalQuestion; outcome: QuestionOutcome }> = [];
      for (const question of dataset.questions) {
        const started = performance.now();
        const answer = await pipeline.answer(question.question);
        const milliseconds = performance.now() - started;
        // A source stands for the near-duplicates left out of the ranking for it: in ARCD a paragraph often
        // repeats the one before it, and the reader is shown that text either way.
        const goldIndex = answer.sources.findIndex((source) => [source.chunkId, ...(source.copies ?? [])].some((chunkId) => isGoldChunk(chunkId, question)));
        outcomes.push({
          question,
          outcome: {
            answerable: question.answerable,
            goldRank: goldIndex === -1 ? undefined : goldIndex + 1,
            abstained: answer.abstained,
            tentative: answer.tentative,
            answerHit: containsGoldAnswer(answer.text, question.answers),
            milliseconds,
          },
        });
        onProgress?.(system.name, outcomes.length, dataset.questions.length);
      }
      const pick = (from: number, to: number) =>
        outcomes.filter(({ question }) => question.articleIndex >= from && question.articleIndex < to).map(({ outcome }) => outcome);
      const heldOut = pick(corpusEnd, articleCount);
      reports.push({
        name: system.name,
        mode: system.mode,
        buildSeconds: build.seconds,
        tune: summarize(pick(0, tuneEnd)),
        test: summarize(pick(tuneEnd, corpusEnd)),
        all: summarize(pick(0, corpusEnd)),
        ...(heldOut.length > 0 ? { heldOutDeclined: declinedShare(heldOut), heldOutConfident: confidentShare(heldOut) } : {}),
      });
    }
    if (split.fusionGrid) {
      if ("unavailable" in embedder) skipped.push({ name: "fusion sweep", reason: embedder.unavailable });
      else {
        const analyzer = createAnalyzer(DEFAULT_ANALYZER_OPTIONS);
        const options = (indexDir: string): PipelineOptions => ({ corpusDir, indexDir, analyzer, embedder, logger, mode: "hybrid" });
        const { indexDir } = await indexFor(analyzer, true, options);
        const index = await loadIndex(indexDir, { analyzer, embeddings: embedder.embeddings });
        const retriever = new HybridRetriever(index, analyzer, embedder.embeddings, DEFAULT_RETRIEVAL_PARAMS, "hybrid");
        const answerable = dataset.questions.filter((question) => question.answerable && question.articleIndex < corpusEnd);
        fusion = await sweepRetrieverFusion(retriever, answerable, tuneEnd, split.fusionGrid, (done) => onProgress?.("fusion sweep", done, answerable.length));
      }
    }
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
  const range = (from: number, to: number) => (to > from ? `articles ${from + 1}–${to}` : "none");
  return {
    articles: articleCount,
    layout: split.layout ?? "sections",
    copies: split.copies ?? 1,
    questions: dataset.questions.length,
    split: { tune: range(0, tuneEnd), test: range(tuneEnd, corpusEnd), heldOut: range(corpusEnd, articleCount) },
    systems: reports,
    ...(fusion ? { fusion } : {}),
    skipped,
  };
}

/**
 * Each question's candidates searched once with the hybrid retriever, then ranked under every setting of the
 * grid (eval/fusion-sweep), as deep as an answer's sources.
 */
async function sweepRetrieverFusion(
  retriever: HybridRetriever,
  questions: readonly EvalQuestion[],
  tuneEnd: number,
  grid: FusionGrid,
  onProgress: (done: number) => void,
): Promise<FusionSweep> {
  const swept: SweptQuestion[] = [];
  for (const question of questions) {
    swept.push({
      split: question.articleIndex < tuneEnd ? "tune" : "test",
      candidates: await retriever.candidates(question.question, DEFAULT_RETRIEVAL_PARAMS.candidates),
      isGold: (chunkId) => isGoldChunk(chunkId, question),
    });
    onProgress(swept.length);
  }
  return sweepFusion(swept, (candidates, params) => retriever.rank(candidates, DEFAULT_COMPOSE_PARAMS.sourcesReported, params), grid);
}

function isGoldChunk(chunkId: string, question: EvalQuestion): boolean {
  const { docId, section } = paragraphOfChunk(chunkId);
  return docId === question.docId && section === question.section;
}
