import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { composeAnswer, DEFAULT_COMPOSE_PARAMS, type Answer, type ComposeParams } from "../answer/compose-answer.js";
import { explainAnswer, type AnswerExplanation } from "../answer/explain-answer.js";
import { PassageLayouts } from "../answer/read-passage.js";
import { hashCorpus } from "../corpus/load-corpus.js";
import type { EmbedderLoad } from "../embedder/load-embedder.js";
import { CorpusFolderError, IndexCorpusUnknownError, IndexMismatchError, IndexMissingError } from "../errors.js";
import { currentBuildFolder, INDEX_FILES } from "../index/index-folder.js";
import { CHUNKER_VERSION } from "../corpus/chunk-article.js";
import { checkManifest, type IndexManifest } from "../index/manifest.js";
import { buildIndex, type BuildSummary } from "../index/build-index.js";
import { loadIndex, readManifest, type LoadedIndex } from "../index/load-index.js";
import { DEFAULT_RETRIEVAL_PARAMS, HybridRetriever, type RetrievalMode, type RetrievalParams } from "../retrieval/hybrid-retriever.js";
import type { Analyzer } from "../text/analyzer.js";
import { readQuestion, type QuestionReading } from "../question/read-question.js";
import type { Logger } from "../logger.js";

/** How many ranked chunks are retrieved per question: the composer reads the top few, sources report more. */
export const RETRIEVED_PER_QUESTION = 10;

/** Indexes of at most this many chunks are read whole at load (see AnswerPipeline.open): within the caches' room. */
const PREPARED_AT_LOAD = 1024;

export interface PipelineOptions {
  /** The corpus to build from when the user named it, or the index has none recorded (see corpusFor). */
  readonly corpusDir: string;
  /**
   * Whether the user named `corpusDir` for this run (`--corpus`, or CORPUS_DIR for the configured index).
   * If not, an existing index is only ever rebuilt from the corpus its manifest records. Default false.
   */
  readonly corpusChosen?: boolean;
  readonly indexDir: string;
  readonly analyzer: Analyzer;
  readonly embedder: EmbedderLoad;
  readonly logger: Logger;
  readonly retrieval?: RetrievalParams;
  readonly compose?: ComposeParams;
  readonly mode?: RetrievalMode;
}

/** Answers questions from one loaded index. Immutable: a rebuild makes a new one (see IndexHolder). */
export class AnswerPipeline {
  /** The layouts of chunks read for earlier questions (see PassageLayouts): one set per loaded index. */
  private readonly passages: PassageLayouts;

  private constructor(
    readonly index: LoadedIndex,
    private readonly retriever: HybridRetriever,
    private readonly options: PipelineOptions,
  ) {
    this.passages = new PassageLayouts(options.analyzer);
  }

  /** Loads the index as it is on disk (refusing a mismatch). */
  static async open(options: PipelineOptions): Promise<AnswerPipeline> {
    const embeddings = "embeddings" in options.embedder ? options.embedder.embeddings : undefined;
    const index = await loadIndex(options.indexDir, { analyzer: options.analyzer, ...(embeddings ? { embeddings } : {}) });
    const retriever = new HybridRetriever(index, options.analyzer, embeddings, options.retrieval ?? DEFAULT_RETRIEVAL_PARAMS, options.mode);
    // A missing model is logged once, where it failed to load; what is worth saying here is an index whose
    // vectors go unused because no model is loaded now.
    if (index.manifest.model && !embeddings) {
      options.logger.warn({ model: index.manifest.model.id }, "the index has vectors but no model is loaded: lexical retrieval only");
    }
    const pipeline = new AnswerPipeline(index, retriever, options);
    // A small index is read whole now, once: every passage's shingles and layout, which its first questions
    // would otherwise pay for (about 0.3 ms a chunk). A larger one fills its caches as it is asked.
    if (index.chunks.length <= PREPARED_AT_LOAD) {
      for (const chunk of index.chunks) {
        retriever.prepare(chunk.text);
        pipeline.passages.of(chunk, options.analyzer, pipeline.compose.clauseMinChars);
      }
    }
    return pipeline;
  }

  get mode(): RetrievalMode {
    return this.retriever.mode;
  }

  /** Answers a question that passed validateQuestion. */
  async answer(question: string): Promise<Answer> {
    return (await this.read(question)).answer;
  }

  /** Answers a question and says what the answer was decided from (`npm run ask -- --explain`). */
  async explain(question: string): Promise<AnswerExplanation> {
    const { answer, reading } = await this.read(question);
    return explainAnswer(answer, reading.words, this.index.lexical.documentCount, this.compose);
  }

  private get compose(): ComposeParams {
    return this.options.compose ?? DEFAULT_COMPOSE_PARAMS;
  }

  /** The answer, and the question as read for it. */
  private async read(question: string): Promise<{ answer: Answer; reading: QuestionReading }> {
    // One reading of the question (spelling corrected, glued words split, words weighed) for retrieval and the
    // answer alike.
    const reading = readQuestion(question, this.options.analyzer, this.index.lexical);
    const retrieved = await this.retriever.retrieve(question, RETRIEVED_PER_QUESTION, reading.analyzed);
    const context = { analyzer: this.options.analyzer, lexical: this.index.lexical, articles: this.index.articles, passages: this.passages };
    return { answer: composeAnswer(question, retrieved, context, this.compose, reading), reading };
  }
}

/** How a rebuild goes: progress after each corpus file, and whether earlier vectors may be reused (BuildIndexOptions). */
export interface RebuildSettings {
  readonly onProgress?: (done: number, total: number, path: string) => void;
  readonly reuseVectors?: boolean;
}

/**
 * Builds the index from its corpus (see corpusFor) with the pipeline's analyzer and embedder. Used by
 * `isnad index`, /reindex and ensureFreshIndex alike, so none of them can swap an index's corpus unasked.
 */
export async function rebuildIndex(options: PipelineOptions, settings: RebuildSettings = {}): Promise<BuildSummary> {
  const corpusDir = await corpusFor(options);
  if (resolve(corpusDir) !== resolve(options.corpusDir)) {
    options.logger.info({ corpusDir }, "rebuilding from the corpus the index was built from");
  }
  return buildIndex({
    corpusDir,
    indexDir: options.indexDir,
    analyzer: options.analyzer,
    embedder: options.embedder,
    logger: options.logger,
    ...settings,
  });
}

/** What an index's manifest says of its corpus, read leniently: also from an index of an older format. */
interface RecordedCorpus {
  /** The corpus folder as recorded, found again if the project moved (see manifest.corpus.folderFromIndex). */
  readonly folder?: string;
  readonly hash?: string;
}

async function readRecordedCorpus(indexDir: string): Promise<RecordedCorpus | undefined> {
  const folder = await currentBuildFolder(indexDir);
  if (!folder) return undefined;
  let corpus: { folder?: unknown; folderFromIndex?: unknown; hash?: unknown } | undefined;
  try {
    corpus = (JSON.parse(await readFile(join(folder, INDEX_FILES.manifest), "utf8")) as { corpus?: typeof corpus }).corpus;
  } catch {
    return undefined;
  }
  return {
    ...(typeof corpus?.folder === "string" && corpus.folder ? { folder: locateRecordedCorpus(indexDir, corpus.folder, corpus.folderFromIndex) } : {}),
    ...(typeof corpus?.hash === "string" ? { hash: corpus.hash } : {}),
  };
}

/** The recorded folder if it is still there; else, if the index moved with its corpus, where that went. */
function locateRecordedCorpus(indexDir: string, folder: string, fromIndex: unknown): string {
  if (existsSync(folder) || typeof fromIndex !== "string") return folder;
  const moved = resolve(indexDir, fromIndex);
  return existsSync(moved) ? moved : folder;
}

/**
 * The corpus an index is built from: the one the user named for this run; else the one its manifest records;
 * else (no index yet) the configured one. An index of the older format, which recorded only a digest of its
 * corpus, is rebuilt from the configured corpus only when that digest matches it — otherwise nobody can say
 * which corpus it came from, and IndexCorpusUnknownError asks for --corpus rather than guess.
 */
export async function corpusFor(options: Pick<PipelineOptions, "corpusDir" | "indexDir" | "corpusChosen">): Promise<string> {
  if (options.corpusChosen) return options.corpusDir;
  const recorded = await readRecordedCorpus(options.indexDir);
  if (recorded?.folder) return recorded.folder;
  if (!recorded?.hash) return options.corpusDir;
  const configuredHash = await hashCorpus(options.corpusDir).catch(() => undefined);
  if (configuredHash === recorded.hash) return options.corpusDir;
  throw new IndexCorpusUnknownError(options.indexDir, options.corpusDir);
}

/**
 * Makes sure an index exists and matches its corpus and the code: builds it when there is none, rebuilds it
 * when its corpus changed since or when it was built by another analyzer, chunker or index format — an
 * upgrade of Isnad — logging why. Its corpus is the one it was built from unless the user named another
 * (corpusFor): `--index DIR` alone never refills DIR from the default corpus. (The embedding model is left
 * to loadIndex: a model that cannot be loaded today must not turn an index with vectors into a lexical-only
 * one.) Returns the build summary when it built.
 */
export async function ensureFreshIndex(options: PipelineOptions): Promise<BuildSummary | undefined> {
  let manifest: IndexManifest;
  try {
    manifest = await readManifest(options.indexDir);
    checkManifest(options.indexDir, manifest, { analyzerVersion: options.analyzer.version, chunkerVersion: CHUNKER_VERSION });
  } catch (error) {
    if (error instanceof IndexMismatchError) {
      options.logger.info({ indexDir: options.indexDir, found: error.found, expected: error.expected }, `the index was built with another ${error.field}: rebuilding`);
      return rebuildIndex(options);
    }
    // An existing folder without an index (a fresh clone's embeddings/) is filled; a folder that does not
    // exist is more likely a typo in --index than a wish for a new index, so it stays an error.
    if (!(error instanceof IndexMissingError) || !existsSync(options.indexDir)) throw error;
    options.logger.info({ indexDir: options.indexDir }, "no index yet: building it from the corpus");
    return rebuildIndex(options);
  }
  const corpusDir = await corpusFor(options);
  const recorded = manifest.corpus.folder === undefined ? undefined : locateRecordedCorpus(options.indexDir, manifest.corpus.folder, manifest.corpus.folderFromIndex);
  const sameCorpus = recorded === undefined || resolve(corpusDir) === recorded;
  let corpusHash: string;
  try {
    corpusHash = await hashCorpus(corpusDir);
  } catch (error) {
    if (!(error instanceof CorpusFolderError)) throw error;
    // A named corpus that does not exist is a mistake to report; the index's own corpus gone (the index
    // copied to another machine) leaves the index as it is.
    if (!sameCorpus) throw error;
    options.logger.warn({ corpusDir }, "the corpus folder is missing: using the index as built");
    return undefined;
  }
  if (sameCorpus && corpusHash === manifest.corpus.hash) return undefined;
  options.logger.info({ corpusDir }, sameCorpus ? "the corpus changed since the index was built: rebuilding" : "another corpus was named for this index: rebuilding from it");
  return rebuildIndex(options);
}
