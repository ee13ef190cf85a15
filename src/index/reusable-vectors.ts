import { createHash } from "node:crypto";
import { join } from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Logger } from "pino";
import { currentBuildFolder, INDEX_FILES } from "./index-folder.js";
import { chunkPassageText } from "./chunk-terms.js";
import { readChunks, readManifest } from "./load-index.js";
import { VectorIndex } from "./vector-index.js";

/** What identifies the vectors a model makes of a passage: the model and the text put before each passage. */
export interface VectorSource {
  readonly modelId: string;
  readonly prefixes?: { readonly passage: string };
}

/**
 * The vectors of the build in use, for the next build to reuse where a chunk's embedded text is unchanged.
 * Embedding is nearly all of a build's time with a model (a 384-dimension model on two cores embeds a few dozen
 * passages a second), so a newsroom that adds ten articles to ten thousand should not wait for the ten
 * thousand to be embedded again. A vector is reused only when the same model, with the same passage prefix,
 * embedded the very same text (title, heading and section text, as chunkPassageText gives it): anything else is
 * embedded afresh. An earlier build that cannot be read is no reason to fail: the build embeds everything.
 */
export class ReusableVectors {
  private constructor(
    private readonly vectors: VectorIndex,
    private readonly ordinalOfText: ReadonlyMap<string, number>,
  ) {}

  /** The build in use's vectors, when it has vectors from this model and prefix; otherwise undefined. */
  static async open(indexDir: string, embeddings: EmbeddingsInterface & VectorSource, logger: Logger): Promise<ReusableVectors | undefined> {
    const folder = await currentBuildFolder(indexDir);
    if (!folder) return undefined;
    try {
      const manifest = await readManifest(indexDir);
      const model = manifest.model;
      if (!model || model.id !== embeddings.modelId || model.passagePrefix === undefined || model.passagePrefix !== embeddings.prefixes?.passage) return undefined;
      const [chunks, vectors] = await Promise.all([readChunks(join(folder, INDEX_FILES.chunks)), VectorIndex.load(join(folder, INDEX_FILES.vectors))]);
      if (vectors.size !== chunks.length || vectors.dimensions !== model.dimensions) return undefined;
      const ordinalOfText = new Map<string, number>();
      chunks.forEach((chunk, ordinal) => ordinalOfText.set(textKey(chunkPassageText(chunk)), ordinal));
      return new ReusableVectors(vectors, ordinalOfText);
    } catch (error) {
      logger.warn({ indexDir, reason: (error as Error).message }, "the index in use cannot lend its vectors: embedding every chunk");
      return undefined;
    }
  }

  /** The vector the earlier build stored for this passage text, or undefined. */
  vectorOf(passageText: string): number[] | undefined {
    const ordinal = this.ordinalOfText.get(textKey(passageText));
    return ordinal === undefined ? undefined : this.vectors.vectorAt(ordinal);
  }
}

/** A digest instead of the text itself: the map holds one short key per chunk of a large corpus. */
function textKey(text: string): string {
  return createHash("sha256").update(text).digest("base64");
}
