import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embedder/load-embedder.js";
import type { TransformersEmbeddings } from "../../src/embedder/transformers-embeddings.js";
import { E5_SMALL_SHAPE, writeE5ShapedModel } from "../support/e5-shaped-model.js";
import { silentLogger, temporaryFolder } from "../support/workspace.js";

// The benchmark's model of multilingual-e5-small's shape, cut to two layers so that writing it stays quick:
// it must load and run through the real transformers.js path, int8 as the hub's, under its Unigram tokenizer.
const TEXTS = [
  "يقود المدير العام للأمن الوطني وفدا أمنيا رفيع المستوى في زيارة عمل إلى تركيا",
  "للمشاركة في المنتدى الدولي IGEF 2025 المتخصص في عرض تجهيزات الأمن الداخلي",
  "المنتدى الدولي في أنقرة",
];
let embeddings: TransformersEmbeddings;
let folder: string;

beforeAll(async () => {
  folder = temporaryFolder("isnad-e5-shaped-");
  writeE5ShapedModel(join(folder, "multilingual-e5-small-shaped"), { texts: [...TEXTS, ...TEXTS], shape: { ...E5_SMALL_SHAPE, layers: 2 } });
  const load = await loadEmbedder({ model: join(folder, "multilingual-e5-small-shaped"), cacheDir: folder, batchSize: 2 }, silentLogger);
  if ("unavailable" in load) throw new Error(load.unavailable);
  embeddings = load.embeddings;
}, 60_000);

describe("the e5-shaped benchmark model", () => {
  it("embeds Arabic through transformers.js into unit vectors of the real model's size, with E5's prefixes", async () => {
    expect(embeddings.prefixes).toEqual({ query: "query: ", passage: "passage: " });
    const [vector] = await embeddings.embedDocuments([TEXTS[0]!]);
    expect(vector).toHaveLength(384);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    expect(new Set(vector!.map((value) => value.toFixed(4))).size).toBeGreaterThan(300);
  });

  it("cuts Arabic into the vocabulary's pieces, frequent words whole, not into unknown tokens", async () => {
    const { AutoTokenizer, env } = await import("@xenova/transformers");
    env.localModelPath = `${folder}/`;
    const tokenizer = await AutoTokenizer.from_pretrained("multilingual-e5-small-shaped");
    const ids = Array.from(tokenizer("المنتدى الدولي في أنقرة").input_ids.data as BigInt64Array, Number);
    const pieces = ids.map((id) => tokenizer.model.vocab[id]);
    expect(pieces).toEqual(["<s>", "▁المنتدى", "▁الدولي", "▁في", "▁أنقرة", "</s>"]);
  });

  it("gives each passage its own vector whatever the batch it was embedded in, in the order given", async () => {
    // Batched by length, the texts are embedded in another order than given: each vector must come back to its
    // text. int8 activations are quantised over the whole batch (as in the hub's model_quantized.onnx), so a
    // vector moves a little with its batch — by about 1e-4 — and never toward another passage's.
    const together = await embeddings.embedDocuments(TEXTS);
    const alone = await Promise.all(TEXTS.map(async (text) => (await embeddings.embedDocuments([text]))[0]!));
    const cosine = (a: number[], b: number[]) => a.reduce((sum, value, d) => sum + value * b[d]!, 0);
    for (const [i, vector] of together.entries()) {
      expect(cosine(vector, alone[i]!)).toBeGreaterThan(0.9999);
      vector.forEach((value, d) => expect(value).toBeCloseTo(alone[i]![d]!, 3));
      for (const [j, other] of alone.entries()) if (j !== i) expect(cosine(vector, alone[i]!)).toBeGreaterThan(cosine(vector, other));
    }
  });
});
