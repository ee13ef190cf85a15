import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import hnswlib from "hnswlib-node";

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
 * The files of a vector folder. They are the ones LangChain's HNSWLib store wrote (Isnad used it until the
 * dependency diet of issue 21), so indexes built before load unchanged: hnswlib's own index file, the space
 * and vector size, and the chunk id of every label (not read back: labels are chunk ordinals).
 */
const FILES = { index: "hnswlib.index", args: "args.json", docstore: "docstore.json" } as const;

/**
 * The HNSW vectors of the chunks, on hnswlib-node directly (cosine space). Labels are chunk ordinals; the
 * chunk store holds the text, so storing it here as well would double the index on disk.
 */
export class VectorIndex {
  private constructor(
    private index: hnswlib.HierarchicalNSW | undefined,
    private dims: number | undefined,
    private readonly chunkIds: string[],
  ) {}

  static create(): VectorIndex {
    return new VectorIndex(undefined, undefined, []);
  }

  static async load(directory: string): Promise<VectorIndex> {
    const args = JSON.parse(await readFile(join(directory, FILES.args), "utf8")) as { space?: unknown; numDimensions?: unknown };
    if (args.space !== "cosine" || typeof args.numDimensions !== "number") throw new Error(`${FILES.args} does not describe a cosine index`);
    const index = new hnswlib.HierarchicalNSW("cosine", args.numDimensions);
    await index.readIndex(join(directory, FILES.index));
    index.setEf(SEARCH_EF);
    return new VectorIndex(index, args.numDimensions, []);
  }

  get dimensions(): number | undefined {
    return this.dims;
  }

  get size(): number {
    return this.index ? this.index.getCurrentCount() : 0;
  }

  /** Adds vectors for the next chunks; their ordinals must continue from `size`. */
  async add(vectors: number[][], chunkIds: readonly string[], firstOrdinal: number): Promise<void> {
    if (firstOrdinal !== this.size) throw new Error(`vector ordinals out of step: ${firstOrdinal} after ${this.size}`);
    if (vectors.length !== chunkIds.length) throw new Error(`${vectors.length} vectors for ${chunkIds.length} chunks`);
    if (vectors.length === 0) return;
    const dimensions = vectors[0]!.length;
    if (!this.index) {
      this.dims = dimensions;
      this.index = new hnswlib.HierarchicalNSW("cosine", dimensions);
      // hnswlib's defaults (M 16, efConstruction 200, seed 100), as the LangChain store used them.
      this.index.initIndex(vectors.length);
    }
    if (dimensions !== this.dims) throw new Error(`vectors of ${dimensions} dimensions in an index of ${this.dims}`);
    const needed = this.index.getCurrentCount() + vectors.length;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(needed);
    vectors.forEach((vector, i) => this.index!.addPoint(vector, firstOrdinal + i));
    this.chunkIds.push(...chunkIds);
  }

  /** The stored vector of a chunk ordinal (normalised: the cosine space stores vectors at unit length). */
  vectorAt(ordinal: number): number[] {
    if (!this.index) throw new Error("the vector index is empty");
    return this.index.getPoint(ordinal);
  }

  async search(vector: number[], limit: number): Promise<DenseHit[]> {
    const k = Math.min(limit, this.size);
    if (k === 0 || !this.index) return [];
    this.index.setEf(Math.max(SEARCH_EF, k));
    const { neighbors, distances } = this.index.searchKnn(vector, k);
    // hnswlib's cosine "distance" is 1 − cosine similarity. Convert here, once.
    return neighbors.map((document, i) => ({ document, similarity: 1 - distances[i]! }));
  }

  async save(directory: string): Promise<void> {
    if (!this.index) throw new Error("an empty vector index is not saved");
    await mkdir(directory, { recursive: true });
    await this.index.writeIndex(join(directory, FILES.index));
    await writeFile(join(directory, FILES.args), JSON.stringify({ space: "cosine", numDimensions: this.dims }));
    const docstore = this.chunkIds.map((id, ordinal) => [String(ordinal), { pageContent: id, metadata: { chunkId: id } }]);
    await writeFile(join(directory, FILES.docstore), JSON.stringify(docstore));
  }
}
