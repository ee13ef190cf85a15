import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embedder/load-embedder.js";
import { prefixesFor } from "../../src/embedder/model-profiles.js";
import type { TransformersEmbeddings } from "../../src/embedder/transformers-embeddings.js";
import { writeTinyModel } from "../support/tiny-model.js";
import { silentLogger } from "../support/workspace.js";

const folder = mkdtempSync(join(tmpdir(), "isnad-model-"));
const modelDir = join(folder, "tiny-e5");
let embeddings: TransformersEmbeddings;
let withoutPrefixes: TransformersEmbeddings;

beforeAll(async () => {
  writeTinyModel(modelDir, 32);
  const load = await loadEmbedder({ model: modelDir, cacheDir: join(folder, "cache"), batchSize: 4 }, silentLogger);
  if (!("embeddings" in load)) throw new Error(load.unavailable);
  embeddings = load.embeddings;
  const plain = await loadEmbedder({ model: modelDir, cacheDir: join(folder, "cache"), prefixes: { query: "", passage: "" } }, silentLogger);
  if (!("embeddings" in plain)) throw new Error(plain.unavailable);
  withoutPrefixes = plain.embeddings;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const norm = (vector: number[]) => Math.hypot(...vector);
const close = (a: number[], b: number[]) => a.every((value, i) => Math.abs(value - b[i]!) < 1e-6);

describe("TransformersEmbeddings through the real transformers.js pipeline", () => {
  it("gives vectors of the model's size and unit length", async () => {
    const [vector] = await embeddings.embedDocuments(["المنتدى الدولي للأمن في أنقرة"]);
    expect(vector).toHaveLength(32);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it("applies the model's query and passage prefixes (E5 by its name)", async () => {
    expect(embeddings.prefixes).toEqual({ query: "query: ", passage: "passage: " });
    const query = await embeddings.embedQuery("من يترأس الوفد؟");
    const [asPassage] = await embeddings.embedDocuments(["من يترأس الوفد؟"]);
    expect(close(query, asPassage!)).toBe(false);
    expect(close(query, await withoutPrefixes.embedQuery("query: من يترأس الوفد؟"))).toBe(true);
    expect(close(asPassage!, (await withoutPrefixes.embedDocuments(["passage: من يترأس الوفد؟"]))[0]!)).toBe(true);
  });

  it("is deterministic and batch-independent", async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `الخبر رقم ${i} عن التعاون الأمني`);
    const batched = await embeddings.embedDocuments(texts);
    const single = await Promise.all(texts.map(async (text) => (await embeddings.embedDocuments([text]))[0]!));
    expect(batched.every((vector, i) => close(vector, single[i]!))).toBe(true);
    expect((await embeddings.embedDocuments(texts)).every((vector, i) => close(vector, batched[i]!))).toBe(true);
  });

  it("brings texts that share words closer than unrelated ones", async () => {
    const [a, b, c] = await embeddings.embedDocuments(["التعاون الأمني بين المغرب وتركيا", "تعاون أمني مغربي تركي", "xyz"]);
    const dot = (u: number[], v: number[]) => u.reduce((sum, value, i) => sum + value * v[i]!, 0);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
  });
});

describe("loadEmbedder", () => {
  it("reports a model directory that does not exist instead of throwing", async () => {
    const load = await loadEmbedder({ model: join(folder, "missing-model"), cacheDir: join(folder, "cache") }, silentLogger);
    expect(load).toMatchObject({ unavailable: expect.stringContaining("does not exist") });
  });

  it("reports a directory that holds no model", async () => {
    const load = await loadEmbedder({ model: folder, cacheDir: join(folder, "cache") }, silentLogger);
    expect("unavailable" in load).toBe(true);
  });
});

describe("prefixesFor", () => {
  it("knows E5 models by name and lets settings override", () => {
    expect(prefixesFor("Xenova/multilingual-e5-small")).toEqual({ query: "query: ", passage: "passage: " });
    expect(prefixesFor("Xenova/paraphrase-multilingual-MiniLM-L12-v2")).toEqual({ query: "", passage: "" });
    expect(prefixesFor("Xenova/multilingual-e5-small", { query: "سؤال: " })).toEqual({ query: "سؤال: ", passage: "passage: " });
  });
});
