import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";

/**
 * LangChain's HNSWLib and Document, imported on first use: together they took 270–290 ms to import, which a
 * lexical-only run (no model, no vectors) paid at every start for nothing.
 */
const langChain = async () => {
  const [{ HNSWLib }, { Document }] = await Promise.all([import("@langchain/community/vectorstores/hnswlib"), import("@langchain/core/documents")]);
  return { HNSWLib, Document };
};

/** A dense hit: the chunk's ordinal and its cosine similarity to the query in [-1, 1], higher is closer. */
export interface DenseHit {
  readonly document: number;
  readonly similarity: number;
}

/**
 * Search breadth at query time. hnswlib's default is 10 and `readIndex` resets it, so it is set after every
 * load; 128 keeps recall near exact for indexes of this size at a fraction of a millisecond.
 */
const SEARCH_EF = 128;

/**
 * The HNSW vectors of the chunks, through LangChain's HNSWLib (cosine space). Labels are chunk ordinals, so
 * the docstore holds only the chunk id (the chunk store holds the text; storing it twice would double the
 * index on disk).
 */
export class VectorIndex {
  private constructor(private readonly store: HNSWLib) {}

  static async create(embeddings: EmbeddingsInterface): Promise<VectorIndex> {
    const { HNSWLib } = await langChain();
    return new VectorIndex(new HNSWLib(embeddings, { space: "cosine" }));
  }

  static async load(directory: string, embeddings: EmbeddingsInterface): Promise<VectorIndex> {
    const { HNSWLib } = await langChain();
    const store = await HNSWLib.load(directory, embeddings);
    store.index.setEf(SEARCH_EF);
    return new VectorIndex(store);
  }

  get dimensions(): number | undefined {
    return this.store.args.numDimensions;
  }

  get size(): number {
    return this.store._index ? this.store.index.getCurrentCount() : 0;
  }

  /** Adds vectors for the next chunks; their ordinals must continue from `size`. */
  async add(vectors: number[][], chunkIds: readonly string[], firstOrdinal: number): Promise<void> {
    if (firstOrdinal !== this.size) throw new Error(`vector ordinals out of step: ${firstOrdinal} after ${this.size}`);
    const { Document } = await langChain();
    await this.store.addVectors(vectors, chunkIds.map((id) => new Document({ pageContent: id, metadata: { chunkId: id } })));
  }

  /** The stored vector of a chunk ordinal (normalised: the cosine space stores vectors at unit length). */
  vectorAt(ordinal: number): number[] {
    return this.store.index.getPoint(ordinal);
  }

  async search(vector: number[], limit: number): Promise<DenseHit[]> {
    const k = Math.min(limit, this.size);
    if (k === 0) return [];
    this.store.index.setEf(Math.max(SEARCH_EF, k));
    const { neighbors, distances } = this.store.index.searchKnn(vector, k);
    // hnswlib's cosine "distance" is 1 − cosine similarity; LangChain passes it on as a score. Convert here, once.
    return neighbors.map((document, i) => ({ document, similarity: 1 - distances[i]! }));
  }

  async save(directory: string): Promise<void> {
    await this.store.save(directory);
  }
}
