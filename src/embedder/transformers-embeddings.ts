import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { InputPrefixes } from "./model-profiles.js";

/** The part of a transformers.js feature-extraction pipeline this class uses. */
export type FeatureExtractor = (
  texts: string[],
  options: { pooling: "mean"; normalize: true },
) => Promise<{ tolist(): number[][] }>;

export interface TransformersEmbeddingsParams extends EmbeddingsParams {
  readonly extractor: FeatureExtractor;
  /** Recorded in the index manifest: a hub id or a local directory. */
  readonly modelId: string;
  readonly prefixes: InputPrefixes;
  /**
   * Texts per forward pass. Default 4: on a model of multilingual-e5-small's shape (int8) on 2 cores, batches of
   * 4 passages of a length embedded the most passages per CPU-second, 16 the fewest — a batch is padded to its
   * longest text (`npm run bench`, docs/SCALING.md).
   */
  readonly batchSize?: number;
}

/**
 * LangChain `Embeddings` over a transformers.js feature-extraction pipeline: the model's prefixes, mean
 * pooling over real tokens, unit-length vectors (so inner product is cosine similarity). LangChain's own
 * HuggingFaceTransformersEmbeddings imports another package and cannot add E5 prefixes.
 */
export class TransformersEmbeddings extends Embeddings {
  readonly modelId: string;
  readonly prefixes: InputPrefixes;
  private readonly extractor: FeatureExtractor;
  private readonly batchSize: number;

  constructor(params: TransformersEmbeddingsParams) {
    // A local model that fails once fails again: no retries unless asked for.
    super({ maxRetries: 0, ...params });
    this.extractor = params.extractor;
    this.modelId = params.modelId;
    this.prefixes = params.prefixes;
    this.batchSize = params.batchSize ?? 4;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    // A batch is padded to its longest text, and attention costs the square of the length: texts are batched
    // by length (longest first), so a short passage is not padded to a long one's length. Vectors come back in
    // the order the documents were given.
    const order = documents.map((_, i) => i).sort((a, b) => documents[b]!.length - documents[a]!.length || a - b);
    const vectors: number[][] = new Array(documents.length);
    for (let i = 0; i < order.length; i += this.batchSize) {
      const indexes = order.slice(i, i + this.batchSize);
      const embedded = await this.embed(indexes.map((index) => this.prefixes.passage + documents[index]!));
      indexes.forEach((index, j) => (vectors[index] = embedded[j]!));
    }
    return vectors;
  }

  async embedQuery(query: string): Promise<number[]> {
    const [vector] = await this.embed([this.prefixes.query + query]);
    return vector!;
  }

  private embed(texts: string[]): Promise<number[][]> {
    // caller.call gives LangChain's retry and concurrency limits around the model call.
    return this.caller.call(async () => (await this.extractor(texts, { pooling: "mean", normalize: true })).tolist());
  }
}
