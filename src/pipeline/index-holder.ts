import type { Answer } from "../answer/compose-answer.js";
import { provenanceOf } from "../corpus/article.js";
import { RebuildInProgressError } from "../errors.js";
import type { BuildSummary } from "../index/build-index.js";
import type { IndexManifest } from "../index/manifest.js";
import type { RetrievalMode } from "../retrieval/hybrid-retriever.js";
import { readManifest } from "../index/load-index.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "./answer-pipeline.js";
import { newestFirst, type ArticleListing } from "./article-listing.js";

/** What the bot asks of the question-answering side; a fake can stand in for it in tests. */
export interface QuestionService {
  answer(question: string): Promise<Answer>;
  articles(): readonly ArticleListing[];
  readonly manifest: IndexManifest;
  /** How questions are searched now: hybrid only when the index has vectors and the model is loaded. */
  readonly mode: RetrievalMode;
  readonly isRebuilding: boolean;
  /** Rebuilds from the corpus and swaps the new index in; throws RebuildInProgressError if one is running. */
  rebuild(): Promise<BuildSummary>;
}

/**
 * Holds the pipeline in use and replaces it after a rebuild. Questions keep being answered from the old
 * index while the new one is built; the swap is one reference assignment, so a question sees either the old
 * index or the new one, never a mix. Only one rebuild runs at a time.
 */
export class IndexHolder implements QuestionService {
  private rebuilding: Promise<BuildSummary> | undefined;
  private listing: readonly ArticleListing[];

  constructor(
    private pipeline: AnswerPipeline,
    private readonly options: PipelineOptions,
  ) {
    this.listing = listArticles(pipeline);
  }

  answer(question: string): Promise<Answer> {
    return this.pipeline.answer(question);
  }

  articles(): readonly ArticleListing[] {
    return this.listing;
  }

  get manifest(): IndexManifest {
    return this.pipeline.index.manifest;
  }

  get mode(): RetrievalMode {
    return this.pipeline.mode;
  }

  get isRebuilding(): boolean {
    return this.rebuilding !== undefined;
  }

  /**
   * Swaps in the index published in the folder when it is not the one in use — another instance rebuilt the
   * shared index folder, or `npm run index` did. True when it swapped; never while this holder rebuilds.
   */
  async reloadIfChanged(): Promise<boolean> {
    if (this.rebuilding) return false;
    const published = await readManifest(this.options.indexDir);
    if (published.builtAt === this.manifest.builtAt) return false;
    const next = await AnswerPipeline.open(this.options);
    if (this.rebuilding) return false;
    this.pipeline = next;
    this.listing = listArticles(next);
    return true;
  }

  rebuild(): Promise<BuildSummary> {
    if (this.rebuilding) return Promise.reject(new RebuildInProgressError());
    const run = (async () => {
      const summary = await rebuildIndex(this.options);
      const next = await AnswerPipeline.open(this.options);
      this.pipeline = next;
      this.listing = listArticles(next);
      return summary;
    })();
    this.rebuilding = run;
    return run.finally(() => {
      this.rebuilding = undefined;
    });
  }
}

function listArticles(pipeline: AnswerPipeline): ArticleListing[] {
  const seen = new Map<string, ArticleListing>();
  for (const chunk of pipeline.index.chunks) {
    if (!seen.has(chunk.docId)) seen.set(chunk.docId, { docId: chunk.docId, title: chunk.title, ...provenanceOf(chunk) });
  }
  return newestFirst([...seen.values()]);
}
