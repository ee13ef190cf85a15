import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { env as transformersEnv } from "@xenova/transformers";
import { loadEmbedder, reportUnavailable } from "../../src/embedder/load-embedder.js";
import { ConfigError } from "../../src/errors.js";
import { createLogger, type Logger } from "../../src/logger.js";
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

/** A logger at info level whose lines land in `lines`. */
function capture(lines: string[]): Logger {
  return createLogger({ level: "info", format: "json", destination: new Writable({ write: (line, _encoding, done) => done(void lines.push(line.toString())) }) });
}

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
  it("refuses a model path that does not exist (a typo) with a ConfigError naming EMBEDDING_MODEL", async () => {
    const loading = loadEmbedder({ model: join(folder, "missing-model"), cacheDir: join(folder, "cache") }, silentLogger);
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loadEmbedder({ model: "/nonexistent", cacheDir: join(folder, "cache") }, silentLogger)).rejects.toThrow(
      "EMBEDDING_MODEL is /nonexistent, a folder that does not exist",
    );
  });

  it("loads no model, and says nothing, for EMBEDDING_MODEL=none", async () => {
    const load = await loadEmbedder({ model: "none", cacheDir: join(folder, "cache") }, silentLogger);
    expect(load).toEqual({ modelId: "none", unavailable: "EMBEDDING_MODEL=none (lexical-only retrieval)" });
    const lines: string[] = [];
    await reportUnavailable(load, join(folder, "cache-none"), capture(lines));
    expect(lines).toEqual([]);
  });

  it("says the hub could not be reached, and what to do, once: later commands only log it at info level", async () => {
    const saved = transformersEnv.remoteHost;
    // A closed loopback port stands in for a machine without access to the hub.
    transformersEnv.remoteHost = "http://127.0.0.1:9/";
    let load;
    try {
      load = await loadEmbedder({ model: "Xenova/some-model", cacheDir: join(folder, "hub-cache") }, silentLogger);
    } finally {
      transformersEnv.remoteHost = saved;
    }
    expect(load).toMatchObject({ unavailable: expect.stringMatching(/^the model hub \(127\.0\.0\.1:9\) could not be reached to download Xenova\/some-model \(/u) });
    const lines: string[] = [];
    const logger = capture(lines);
    await reportUnavailable(load, join(folder, "hub-cache"), logger);
    await reportUnavailable(load, join(folder, "hub-cache"), logger);
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((record) => [record.level, record.msg])).toEqual([
      [40, "embedding model unavailable: lexical retrieval only"],
      [30, "embedding model still unavailable: lexical retrieval only"],
    ]);
    expect(records[0].advice).toContain("EMBEDDING_MODEL=/path/to/folder");
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
