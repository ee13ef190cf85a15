import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { once } from "node:events";
import { join, relative, resolve } from "node:path";
import type { Logger } from "pino";
import type { Chunk } from "../corpus/article.js";
import { CHUNKER_VERSION, chunkArticle, DEFAULT_CHUNK_MAX_CHARS } from "../corpus/chunk-article.js";
import { listArticleFiles, readCorpus } from "../corpus/load-corpus.js";
import type { TransformersEmbeddings } from "../embedder/transformers-embeddings.js";
import { CorpusFolderError, type CorpusFileError } from "../errors.js";
import type { Analyzer } from "../text/analyzer.js";
import { chunkFieldTerms, chunkPassageText } from "./chunk-terms.js";
import { createStagingFolder, discardStaging, INDEX_FILES, publishBuild } from "./index-folder.js";
import { writeLexicalFile } from "./lexical-file.js";
import { LexicalIndexBuilder } from "./lexical-index.js";
import { checksumFiles, INDEX_FORMAT_VERSION, type IndexManifest } from "./manifest.js";
import { ReusableVectors } from "./reusable-vectors.js";
import { VectorIndex } from "./vector-index.js";

/** The embedder a build uses, or why there is none (the index is then lexical-only and says so). */
export type BuildEmbedder =
  | { readonly embeddings: Pick<TransformersEmbeddings, "embedDocuments" | "embedQuery" | "modelId"> & Partial<Pick<TransformersEmbeddings, "prefixes">> }
  | { readonly unavailable: string };

export interface BuildIndexOptions {
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly analyzer: Analyzer;
  readonly embedder: BuildEmbedder;
  readonly chunkMaxChars?: number;
  readonly logger: Logger;
  /**
   * Whether vectors of the build in use are reused for chunks whose embedded text is unchanged (default true;
   * `npm run index -- --re-embed` sets false, for a model whose files changed under the same name).
   */
  readonly reuseVectors?: boolean;
  /** Called after each corpus file, with how many of how many are done. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

export interface BuildSummary {
  readonly folder: string;
  readonly manifest: IndexManifest;
  readonly problems: readonly CorpusFileError[];
  /** With a model: how many chunks were embedded, and how many took their vector from the build before. */
  readonly vectors?: { readonly embedded: number; readonly reused: number };
}

/** Chunks embedded per model call during a build: enough to amortise a call, little to hold. */
const EMBED_BATCH = 32;

/**
 * Builds an index from the corpus into a staging folder and publishes it only when every file is written.
 * Articles are read one at a time and their chunks streamed to disk; what stays in memory is what a search
 * needs anyway (postings and vectors). On any failure the staging folder is removed and the published
 * build is untouched.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildSummary> {
  const started = performance.now();
  const { analyzer, embedder, logger } = options;
  const chunkMaxChars = options.chunkMaxChars ?? DEFAULT_CHUNK_MAX_CHARS;
  const files = await listArticleFiles(options.corpusDir);
  const staging = await createStagingFolder(options.indexDir);
  try {
    const lexical = new LexicalIndexBuilder();
    const embeddings = "embeddings" in embedder ? embedder.embeddings : undefined;
    const vectors = embeddings ? await VectorIndex.create(embeddings) : undefined;
    const chunkFile = createWriteStream(join(staging, INDEX_FILES.chunks), { encoding: "utf8" });
    const chunkFileClosed = once(chunkFile, "close");
    const corpusHash = createHash("sha256");
    const problems: CorpusFileError[] = [];
    // Chunks waiting for their vectors, in ordinal order; a chunk whose text the build in use embedded already
    // comes with its vector.
    let pending: Array<{ chunk: Chunk; passage: string; vector?: number[] }> = [];
    let articles = 0;
    let chunks = 0;
    const articleOrdinals = new Map<string, number>();
    const articleOfChunk: number[] = [];
    const reusable = embeddings && options.reuseVectors !== false ? await ReusableVectors.open(options.indexDir, embeddings, logger) : undefined;
    let embedded = 0;
    let reused = 0;

    const embedPending = async () => {
      if (!vectors || !embeddings || pending.length === 0) return;
      const batch = pending;
      pending = [];
      const missing = batch.filter((entry) => !entry.vector);
      const fresh = missing.length > 0 ? await embeddings.embedDocuments(missing.map((entry) => entry.passage)) : [];
      missing.forEach((entry, i) => (entry.vector = fresh[i]!));
      embedded += missing.length;
      reused += batch.length - missing.length;
      await vectors.add(batch.map((entry) => entry.vector!), batch.map((entry) => entry.chunk.id), chunks - batch.length);
    };

    try {
      let done = 0;
      for await (const entry of readCorpus(options.corpusDir, corpusHash)) {
        if ("problem" in entry) {
          problems.push(entry.problem);
          logger.warn({ path: entry.problem.path, reason: entry.problem.reason }, "corpus file left out of the index");
        } else {
          articles += 1;
          for (const chunk of chunkArticle(entry.article, { maxChars: chunkMaxChars })) {
            lexical.add(chunkFieldTerms(chunk, analyzer));
            if (!articleOrdinals.has(chunk.docId)) articleOrdinals.set(chunk.docId, articleOrdinals.size);
            articleOfChunk.push(articleOrdinals.get(chunk.docId)!);
            if (!chunkFile.write(`${JSON.stringify(chunk)}\n`)) await once(chunkFile, "drain");
            if (vectors) {
              const passage = chunkPassageText(chunk);
              const vector = reusable?.vectorOf(passage);
              pending.push(vector ? { chunk, passage, vector } : { chunk, passage });
            }
            chunks += 1;
            if (pending.length >= EMBED_BATCH) await embedPending();
          }
        }
        done += 1;
        options.onProgress?.(done, files.length, "problem" in entry ? entry.problem.path : entry.article.path);
      }
      await embedPending();
    } finally {
      chunkFile.end();
      await chunkFileClosed;
    }
    if (chunks === 0) {
      throw new CorpusFolderError(options.corpusDir, `no article could be indexed (${files.length} files, ${problems.length} left out)`, "no-articles");
    }

    // The articles' index (LexicalIndex.grouped) is summed here, once, and saved beside the chunks'. An
    // article's ordinal is the order its first chunk was met, as loadIndex numbers them.
    const lexicalIndex = lexical.build();
    lexicalIndex.grouped(articleOfChunk, articleOrdinals.size);
    await writeLexicalFile(join(staging, INDEX_FILES.lexical), lexicalIndex);
    if (vectors) await vectors.save(join(staging, INDEX_FILES.vectors));
    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((performance.now() - started) / 10) / 100,
      model:
        embeddings && vectors?.dimensions
          ? { id: embeddings.modelId, dimensions: vectors.dimensions, ...(embeddings.prefixes ? { passagePrefix: embeddings.prefixes.passage } : {}) }
          : null,
      ...("unavailable" in embedder ? { lexicalOnlyReason: embedder.unavailable } : {}),
      analyzer: { version: analyzer.version, options: { ...analyzer.options } },
      chunker: { version: CHUNKER_VERSION, maxChars: chunkMaxChars },
      corpus: {
        folder: resolve(options.corpusDir),
        folderFromIndex: relative(resolve(options.indexDir), resolve(options.corpusDir)),
        hash: corpusHash.digest("hex"),
        articles,
        chunks,
        problems: problems.map(({ path, reason }) => ({ path, reason })),
      },
      files: await checksumFiles(staging),
    };
    // The manifest is written last: a build folder without one is never complete.
    await writeFile(join(staging, INDEX_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    const folder = await publishBuild(options.indexDir, staging);
    if (vectors) logger.info({ embedded, reused }, "chunk vectors: embedded, and reused from the build before");
    return { folder, manifest, problems, ...(vectors ? { vectors: { embedded, reused } } : {}) };
  } catch (error) {
    await discardStaging(staging);
    throw error;
  }
}
