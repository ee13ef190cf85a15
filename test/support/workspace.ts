import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach } from "vitest";
import { createLogger } from "../../src/logger.js";
import { loadIndex } from "../../src/index/load-index.js";
import { AnswerPipeline, ensureFreshIndex, rebuildIndex, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { HybridRetriever } from "../../src/retrieval/hybrid-retriever.js";
import { createAnalyzer } from "../../src/text/analyzer.js";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
export const SEED_ARTICLE = join(PROJECT_ROOT, "corpus", "2025-09-hammouchi-igef-ankara.md");
export const SEED_QUESTIONS = join(PROJECT_ROOT, "test", "fixtures", "seed-questions.jsonl");

/** A logger that writes nothing: tests assert on results, not log lines. */
export const silentLogger = createLogger({ level: "silent", format: "json" });

const created: string[] = [];
afterAll(() => {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file is done. */
export function temporaryFolder(prefix = "isnad-test-"): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** A temporary corpus folder holding a copy of the seed article. */
export function seedCorpus(): string {
  const folder = temporaryFolder("isnad-corpus-");
  cpSync(SEED_ARTICLE, join(folder, "2025-09-hammouchi-igef-ankara.md"));
  return folder;
}

/** Pipeline options over a fresh copy of the seed article, its index in a temporary folder, lexical only. */
export function seedPipelineOptions(): PipelineOptions {
  return { corpusDir: seedCorpus(), indexDir: temporaryFolder(), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "no model in tests" }, logger: silentLogger };
}

/** The seed article indexed and opened: what most end-to-end tests answer from. */
export async function openSeedPipeline(options: PipelineOptions = seedPipelineOptions()): Promise<AnswerPipeline> {
  await ensureFreshIndex(options);
  return AnswerPipeline.open(options);
}

/** The seed article indexed and held as the bot holds its index (rebuilds swap it): what the bot tests ask. */
export async function openSeedHolder(options: PipelineOptions = seedPipelineOptions()): Promise<IndexHolder> {
  return new IndexHolder(await openSeedPipeline(options), options);
}

/** A lexical-only retriever over a fixture folder of articles, indexed into a temporary folder: for ranking sets. */
export async function lexicalRetrieverOf(corpusDir: string): Promise<HybridRetriever> {
  const analyzer = createAnalyzer();
  const indexDir = temporaryFolder();
  await rebuildIndex({ corpusDir, indexDir, analyzer, embedder: { modelId: "none", unavailable: "lexical ranking sets" }, logger: silentLogger });
  return new HybridRetriever(await loadIndex(indexDir, { analyzer }), analyzer, undefined);
}

/** A lexical-only pipeline over a fixture folder of articles, indexed into a temporary folder: for answer sets. */
export async function lexicalPipelineOf(corpusDir: string): Promise<AnswerPipeline> {
  const options = { corpusDir, indexDir: temporaryFolder(), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "lexical answer sets" }, logger: silentLogger };
  await rebuildIndex(options);
  return AnswerPipeline.open(options);
}

/**
 * What a test of this file must undo (a bot stopped, a server closed, a store closed): pushed as it goes, run
 * after each test, last first.
 */
export function cleanupsAfterEach(): Array<() => unknown> {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
