/**
 * How Isnad scales with the corpus, measured (never asserted in unit tests):
 *
 *   npm run bench:size -- --dataset ../shared/datasets/xquad.ar.json [--copies 1,10,50,200]
 *
 * For each size, a corpus of that many copies of the data set's articles (each copy's paragraphs in another
 * order, under its own title) is indexed lexical-only with the code of `npm run index` in a process of its own
 * (its peak resident size is the build's), then loaded as the bot loads it in another process, and asked every
 * sixth question of the data set (after 30 others, to warm the JIT up): the whole answer, then retrieval alone
 * (the question read, BM25 with article evidence, near-duplicates left out); the answers are timed twice, the
 * second time with what the first left kept (each passage's shingles and layout). The loaded process reports the heap and the typed arrays after a garbage
 * collection, and its resident size. Copies share their words, so a real corpus of the same size has a larger
 * vocabulary — more terms to keep — than these.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { fileURLToPath } from "node:url";
import { percentile } from "../src/eval/metrics.js";
import { readSquadDataset, writeEvalCorpus, type EvalDataset } from "../src/eval/squad-dataset.js";
import { createLogger } from "../src/logger.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "../src/pipeline/answer-pipeline.js";
import { HybridRetriever } from "../src/retrieval/hybrid-retriever.js";
import { createAnalyzer } from "../src/text/analyzer.js";

const USAGE = "usage: npm run bench:size -- --dataset FILE [--copies 1,10,50,200]";
const { values } = parseScriptArgs(
  {
    options: {
      ...HELP_OPTION,
      dataset: { type: "string" },
      copies: { type: "string", default: "1,10,50,200" },
      phase: { type: "string" },
      workspace: { type: "string" },
    },
  },
  USAGE,
);
if (!values.dataset) {
  console.error(USAGE);
  process.exit(2);
}
const sizes = values.copies.split(",").map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  console.error(`--copies takes whole numbers ≥ 1, separated by commas: "${values.copies}"`);
  process.exit(2);
}

const logger = createLogger({ level: "error", format: "json" });
const optionsIn = (workspace: string): PipelineOptions => ({
  corpusDir: join(workspace, "corpus"),
  indexDir: join(workspace, "index"),
  analyzer: createAnalyzer(),
  embedder: { modelId: "none", unavailable: "benchmark" },
  logger,
});
/** The process's peak resident size so far, in MB (getrusage's maxrss is in kB). */
const peakResidentMB = () => (process.resourceUsage().maxRSS * 1024) / 1e6;

if (values.phase === "build") {
  console.log(JSON.stringify(await buildPhase(values.dataset, sizes[0]!, values.workspace!)));
} else if (values.phase === "load") {
  console.log(JSON.stringify(await loadPhase(values.dataset, values.workspace!)));
} else {
  // Read once here, so that a wrong path or format is reported as such, not as every size failing.
  try {
    await readSquadDataset(values.dataset);
  } catch (error) {
    console.error(`Cannot read the data set: ${(error as Error).message}`);
    process.exit(2);
  }
  console.log(
    "copies  articles  chunks  build s  chunks/s  peak build MB  load s  index MB  loaded MB (heap + arrays / resident)  answer p50 / p95 ms  again p50 / p95 ms  retrieval p50 / p95 ms",
  );
  for (const copies of sizes) {
    const workspace = mkdtempSync(join(tmpdir(), "isnad-size-"));
    // A process per phase: what one build and one loaded index cost, not what came before them.
    const run = (phase: string) =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--phase", phase, "--dataset", values.dataset!, "--copies", String(copies), "--workspace", workspace], {
          encoding: "utf8",
          maxBuffer: 1 << 24,
        })
          .trim()
          .split("\n")
          .at(-1)!,
      );
    try {
      const b = run("build") as Awaited<ReturnType<typeof buildPhase>>;
      const l = run("load") as Awaited<ReturnType<typeof loadPhase>>;
      console.log(
        [
          String(copies).padStart(6),
          String(b.articles).padStart(8),
          String(b.chunks).padStart(6),
          b.buildSeconds.toFixed(2).padStart(7),
          (b.chunks / b.buildSeconds).toFixed(0).padStart(8),
          b.peakResidentMB.toFixed(0).padStart(13),
          l.loadSeconds.toFixed(2).padStart(6),
          l.indexMB.toFixed(1).padStart(8),
          `${l.heapAndArraysMB.toFixed(0)} / ${l.residentMB.toFixed(0)}`.padStart(37),
          `${l.answer.p50.toFixed(2)} / ${l.answer.p95.toFixed(2)}`.padStart(19),
          `${l.again.p50.toFixed(2)} / ${l.again.p95.toFixed(2)}`.padStart(18),
          `${l.retrieval.p50.toFixed(2)} / ${l.retrieval.p95.toFixed(2)}`.padStart(22),
        ].join("  "),
      );
    } catch {
      // The child's own error went to stderr above.
      console.log(`${String(copies).padStart(6)}  failed`);
      process.exitCode = 1;
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
}

/** Writes the corpus of `copies` copies into the workspace and indexes it; the build's time and peak memory. */
async function buildPhase(datasetPath: string, copies: number, workspace: string) {
  const dataset = await readSquadDataset(datasetPath);
  const options = optionsIn(workspace);
  const copied: EvalDataset = {
    questions: [],
    articles: Array.from({ length: copies }, (_, copy) =>
      dataset.articles.map((article) => ({
        docId: `c${copy}${article.docId}`,
        title: `${article.title} ${copy + 1}`,
        paragraphs: article.paragraphs.map((_, i) => article.paragraphs[(i + copy) % article.paragraphs.length]!),
      })),
    ).flat(),
  };
  mkdirSync(options.corpusDir);
  await writeEvalCorpus(copied, [...copied.articles.keys()], options.corpusDir);
  const started = performance.now();
  const { manifest } = await rebuildIndex(options);
  return { articles: manifest.corpus.articles, chunks: manifest.corpus.chunks, buildSeconds: (performance.now() - started) / 1000, peakResidentMB: peakResidentMB() };
}

/** Loads the workspace's index as the bot does and asks every sixth question: load time, memory, latencies. */
async function loadPhase(datasetPath: string, workspace: string) {
  const dataset = await readSquadDataset(datasetPath);
  const options = optionsIn(workspace);
  const started = performance.now();
  const pipeline = await AnswerPipeline.open(options);
  const loadSeconds = (performance.now() - started) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const questions = dataset.questions.filter((_, i) => i % 6 === 0).map((question) => question.question);
  // A running bot is warm: the JIT has compiled the answering code. Warmed on other questions than those timed.
  const warmUp = dataset.questions.filter((_, i) => i % 6 === 3).slice(0, 30).map((question) => question.question);
  const timed = async (run: (question: string) => Promise<unknown>) => {
    for (const question of warmUp) await run(question);
    const times: number[] = [];
    for (const question of questions) {
      const t = performance.now();
      await run(question);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  };
  const answer = await timed((question) => pipeline.answer(question));
  // The same questions again: what each passage's shingles and layout cost is kept by then, as in a bot that has
  // been answering for a while.
  const again = await timed((question) => pipeline.answer(question));
  const retriever = new HybridRetriever(pipeline.index, options.analyzer, undefined);
  const retrieval = await timed((question) => retriever.retrieve(question, 10));
  return {
    loadSeconds,
    indexMB: readdirSync(pipeline.index.folder).reduce((sum, file) => sum + statSync(join(pipeline.index.folder, file)).size, 0) / 1e6,
    heapAndArraysMB: (memory.heapUsed + memory.arrayBuffers) / 1e6,
    residentMB: memory.rss / 1e6,
    answer,
    again,
    retrieval,
  };
}
