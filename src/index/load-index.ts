import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Chunk } from "../corpus/article.js";
import { CHUNKER_VERSION } from "../corpus/chunk-article.js";
import { IndexCorruptError, IndexMismatchError, IndexMissingError } from "../errors.js";
import type { Analyzer } from "../text/analyzer.js";
import { checkIndexFolder, currentBuildFolder, INDEX_FILES } from "./index-folder.js";
import { readLexicalFile } from "./lexical-file.js";
import type { LexicalIndex } from "./lexical-index.js";
import { checkManifest, findDamagedFile, INDEX_FORMAT_VERSION, manifestSchema, type IndexManifest } from "./manifest.js";
import { VectorIndex } from "./vector-index.js";

/** An index in memory, ready to search. Chunk ordinals are positions in `chunks`. */
export interface LoadedIndex {
  readonly folder: string;
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  readonly lexical: LexicalIndex;
  /** The same statistics per article (see LexicalIndex.grouped), and the article of each chunk ordinal. */
  readonly articles: {
    readonly lexical: LexicalIndex;
    /** The article of each chunk ordinal… */
    readonly ofChunk: readonly number[];
    /** …the chunk ordinals of each article, in order… */
    readonly chunksOf: ReadonlyArray<readonly number[]>;
    /** …and each article's ordinal by its id. */
    readonly ofDocId: ReadonlyMap<string, number>;
  };
  /** Absent for a lexical-only index, or when the index's model cannot be loaded now. */
  readonly vectors?: VectorIndex;
}

export interface LoadIndexOptions {
  readonly analyzer: Analyzer;
  /** The model loaded now, if any; must be the one the index was built with, with the same passage prefix. */
  readonly embeddings?: EmbeddingsInterface & { readonly modelId: string; readonly prefixes?: { readonly passage: string } };
}

/** Reads only the manifest of the build in use (cheap: for status and for deciding to rebuild). */
export async function readManifest(indexDir: string): Promise<IndexManifest> {
  const folder = await currentBuildFolder(indexDir);
  if (!folder) {
    await checkIndexFolder(indexDir);
    const exists = await stat(indexDir).then(() => true, () => false);
    throw new IndexMissingError(indexDir, exists);
  }
  let raw: string;
  try {
    raw = await readFile(join(folder, INDEX_FILES.manifest), "utf8");
  } catch {
    throw new IndexCorruptError(indexDir, `${join(folder, INDEX_FILES.manifest)} is missing`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IndexCorruptError(indexDir, "manifest.json is not JSON");
  }
  const formatVersion = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof formatVersion === "number" && formatVersion !== INDEX_FORMAT_VERSION) {
    // An older or newer format may not match today's schema: report the version, not a schema error.
    throw new IndexMismatchError(indexDir, "index format", formatVersion, INDEX_FORMAT_VERSION);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) throw new IndexCorruptError(indexDir, `manifest.json is invalid (${result.error.issues[0]?.message})`);
  return result.data;
}

/**
 * Loads the build in use after checking its manifest against the running code and model. An index built
 * with another format, analyzer, chunker or model is refused (the error names the command that rebuilds it).
 */
export async function loadIndex(indexDir: string, options: LoadIndexOptions): Promise<LoadedIndex> {
  const manifest = await readManifest(indexDir);
  checkManifest(indexDir, manifest, { analyzerVersion: options.analyzer.version, chunkerVersion: CHUNKER_VERSION });
  const modelNow = options.embeddings?.modelId ?? null;
  const modelThen = manifest.model?.id ?? null;
  if (modelNow !== null && modelNow !== modelThen) {
    throw new IndexMismatchError(indexDir, "embedding model", modelThen ?? "none (lexical-only)", modelNow);
  }
  // Passages embedded after one prefix and questions matched against them as if after another rank silently
  // worse (E5 degrades without its prefixes). Indexes from before the prefix was recorded are taken as they are.
  const prefixThen = manifest.model?.passagePrefix;
  const prefixNow = options.embeddings?.prefixes?.passage;
  if (modelNow !== null && prefixThen !== undefined && prefixNow !== undefined && prefixThen !== prefixNow) {
    throw new IndexMismatchError(indexDir, "passage prefix", prefixThen, prefixNow);
  }
  const folder = (await currentBuildFolder(indexDir))!;
  // Every file is checked against the manifest before it is read: a damaged index is refused whole, with the
  // command that rebuilds it, rather than crashing on a renamed key or quoting a flipped bit as the source.
  const damaged = await findDamagedFile(folder, manifest.files);
  if (damaged) throw new IndexCorruptError(indexDir, damaged);
  try {
    const [chunks, lexical] = await Promise.all([
      readChunks(join(folder, INDEX_FILES.chunks)),
      readLexicalFile(join(folder, INDEX_FILES.lexical)),
    ]);
    if (chunks.length !== manifest.corpus.chunks || lexical.documentCount !== chunks.length) {
      throw new Error(`${chunks.length} chunks and ${lexical.documentCount} lexical documents for ${manifest.corpus.chunks} in the manifest`);
    }
    const vectors =
      manifest.model && options.embeddings
        ? await VectorIndex.load(join(folder, INDEX_FILES.vectors), options.embeddings)
        : undefined;
    if (vectors && vectors.size !== chunks.length) throw new Error(`${vectors.size} vectors for ${chunks.length} chunks`);
    return { folder, manifest, chunks, lexical, articles: groupByArticle(chunks, lexical), ...(vectors ? { vectors } : {}) };
  } catch (error) {
    if (error instanceof IndexMismatchError) throw error;
    throw new IndexCorruptError(indexDir, (error as Error).message);
  }
}

/** One line of chunks.jsonl: a Chunk (see corpus/article.ts), checked field by field as the manifest is. */
const chunkRecordSchema = z
  .object({
    id: z.string().min(1),
    docId: z.string().min(1),
    title: z.string(),
    section: z.string(),
    text: z.string().min(1),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    date: z.string().optional(),
    source: z.string().optional(),
    url: z.string().optional(),
  })
  .refine((chunk) => chunk.end - chunk.start === chunk.text.length, { message: "its offsets do not span its text" });

/** The chunks of a chunk store (chunks.jsonl), in ordinal order. Throws naming the first bad line. */
export async function readChunks(path: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`chunks.jsonl line ${lineNumber} is not JSON`);
    }
    const result = chunkRecordSchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.length > 0 ? `"${issue.path.join(".")}" ` : "";
      throw new Error(`chunks.jsonl line ${lineNumber} is not a chunk: ${field}${issue.message.toLowerCase()}`);
    }
    chunks.push(result.data);
  }
  return chunks;
}

/** Chunk statistics summed per article: an article's chunks are consecutive or not, ordinals follow first sight. */
function groupByArticle(chunks: readonly Chunk[], lexical: LexicalIndex): LoadedIndex["articles"] {
  const ordinals = new Map<string, number>();
  const ofChunk = chunks.map((chunk) => {
    if (!ordinals.has(chunk.docId)) ordinals.set(chunk.docId, ordinals.size);
    return ordinals.get(chunk.docId)!;
  });
  const chunksOf: number[][] = Array.from({ length: ordinals.size }, () => []);
  ofChunk.forEach((article, chunk) => chunksOf[article]!.push(chunk));
  return { lexical: lexical.grouped(ofChunk, ordinals.size), ofChunk, chunksOf, ofDocId: ordinals };
}
